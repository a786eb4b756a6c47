"""startup_ms: process start to the main window's first painted frame, offscreen, on the cached demo data;
bare_window_ms: the same for a bare PySide6 window in the same run, the floor Qt itself sets."""

from __future__ import annotations

from bench import ROOT, BenchEnv, operation, run_until_line
from ui.common.first_paint import PAINTED


@operation("bare_window_ms")
def bare_window(env: BenchEnv) -> float:
    ms, _rss = run_until_line([env.python, "-m", "bench.bare_window"], PAINTED, env=env.app_env())
    return ms


@operation("startup_ms")
def startup(env: BenchEnv) -> float:
    # A user's start follows the app's own clean close. The harness's context, left open by the operations before
    # this one, would leave the file changed behind the app's back: the app then takes it for a crash and reads the
    # whole file with quick_check (+0.6 s at 100,000 cases), which is the recovery path, not a start.
    env.close()
    ms, rss = run_until_line(
        [env.python, str(ROOT / "main.py"), "--data-dir", str(env.data_dir)],
        PAINTED,
        env=env.app_env(STATION_LEDGER_QUIT_WHEN_SHOWN="1"),
    )
    env.child_rss_mb["startup"] = max(rss, env.child_rss_mb.get("startup", 0.0))
    return ms
