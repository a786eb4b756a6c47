"""machine_ms: a fixed piece of pure-Python work, timed before and after a run's operations.

The bench runs on shared machines whose speed drifts: in issue 23's runs the same import took 57 s and 74 s within
an hour, with nothing else running on the machine, while this reference went from 1.1 to 1.5 s. A figure compares
with another only when the reference was about the same in both runs; its ×last column says how far it moved.
"""

from __future__ import annotations

import time


def _work() -> int:
    """Arithmetic, string building, hashing and sorting: the mix an import or a report spends its Python on."""
    total = 0
    for i in range(400_000):
        total += i * i % 7
    words = [f"{i:x}案{i % 97}" for i in range(100_000)]
    seen = {w: len(w) for w in words}
    return total + sum(seen.values()) + len(sorted(words, reverse=True))


def machine_ms(rounds: int = 3) -> float:
    """The best of a few timings of the reference work, in milliseconds (the best: what the machine can do now)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        _work()
        best = min(best, (time.perf_counter() - start) * 1000)
    return round(best, 1)
