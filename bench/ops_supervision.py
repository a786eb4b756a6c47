"""督查督办 timing (issue 20): the candidate list a supervisor opens (target < 300 ms at 100,000 cases)."""

from __future__ import annotations

from bench import BenchEnv, operation, timer


@operation("supervision_candidates_ms")
def supervision_candidates(env: BenchEnv) -> float:
    """Every candidate rule on the demo data, as the 督办 page and `supervision --json` compute it."""
    from controllers.supervision.candidates import candidates

    ctx = env.context()
    with timer() as t:
        candidates(ctx)
    return t.ms
