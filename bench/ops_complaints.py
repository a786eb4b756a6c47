"""Complaint log timings: 2- and 4-character searches (count + first window), 投诉万人比 of all estates for a year."""

from __future__ import annotations

import itertools

from bench import BenchEnv, operation, timer

SEARCH_TERMS = itertools.cycle(("群租", "违法搭建"))


@operation("complaint_search_ms")
def complaint_search(env: BenchEnv) -> float:
    """What the list does when the user types a term: count the matches and fetch the first window."""
    from controllers.complaints.listing import ComplaintFilter, count_complaints, fetch_window

    ctx = env.context()
    f = ComplaintFilter(query=next(SEARCH_TERMS))
    with timer() as t:
        count_complaints(ctx, f)
        fetch_window(ctx, f, offset=0, limit=200)
    return t.ms


@operation("per10k_all_estates_year_ms")
def per10k_all_estates_year(env: BenchEnv) -> float:
    """The ranking of every estate by 件/万人 for the last full year of the demo data."""
    from controllers.complaints.per10k import per10k_by_estate
    from controllers.core.periods import parse_period

    ctx = env.context()
    with timer() as t:
        per10k_by_estate(ctx, parse_period("2025"))
    return t.ms
