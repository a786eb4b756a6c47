"""pages_open_ms: a fresh process opening the dashboard (figures in) and the case book (first rows in); its peak
RSS is reported as pages_open_rss_mb (issue 23: under 400 MB at district scale)."""

from __future__ import annotations

from bench import BenchEnv, operation, run_until_line


@operation("pages_open_ms", runs=1)
def pages_open(env: BenchEnv) -> float:
    env.close()  # the app's own process alone on its data, as a person runs it
    ms, rss = run_until_line([env.python, "-m", "bench.open_pages", str(env.data_dir)], None, env=env.app_env(),
                             timeout_s=600)
    env.figures["pages_open_rss_mb"] = max(rss, env.figures.get("pages_open_rss_mb", 0.0))
    return ms
