"""工作台 timing: the whole refresh (today's work, goal tiles and charts) as the page's worker runs it."""

from __future__ import annotations

from bench import BenchEnv, operation, timer


@operation("dashboard_refresh_ms")
def dashboard_refresh(env: BenchEnv) -> float:
    """today_work + goal tiles + chart data on the demo data (what one refresh of the page computes)."""
    from ui.dashboard.worker import compute

    ctx = env.context()
    with timer() as t:
        compute(ctx)
    return t.ms
