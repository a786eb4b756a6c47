"""Streaming rows with extra values read a batch at a time (exports that add columns to what a list shows)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")
BATCH = 500


def with_extras(rows: Iterable[Any], fetch: Callable[[Sequence[int]], dict[int, T]], missing: T, *,
                batch: int = BATCH) -> Iterator[tuple[Any, T]]:
    """Each row (anything with an `.id`) with fetch(ids)[row.id], fetched per batch so a 100,000-row export
    reads one query per batch and keeps only a batch in memory; `missing` for a row fetch did not return."""
    it = iter(rows)
    while chunk := list(islice(it, batch)):
        found = fetch([r.id for r in chunk])
        for r in chunk:
            yield r, found.get(r.id, missing)
