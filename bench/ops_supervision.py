"""督查督办 timing (issue 20): the candidate list a supervisor opens (target < 300 ms at 100,000 cases) and the year's
assessment (target < 1 s)."""

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


@operation("assessment_year_ms")
def assessment_year(env: BenchEnv) -> float:
    """The 年度考核 of last year for the whole district (every street and estate, departments, officers), as the
    page, the workbook, the sheet and `assessment --json` compute it; the issue asks for < 1 s at 100,000 cases."""
    from controllers.assessment.figures import assessment
    from controllers.core import clock

    ctx = env.context()
    with timer() as t:
        assessment(ctx, clock.today().year - 1)
    return t.ms
