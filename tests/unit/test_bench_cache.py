"""The bench's cached demo database is keyed on the code that builds it: a key that stops seeing that code would
hand a stale database to every later bench run, and the figures would silently measure old data."""

from __future__ import annotations

from bench.__main__ import CACHE_INPUTS, ROOT, cache_key


def test_every_cache_input_pattern_matches_files():
    for pattern in CACHE_INPUTS:
        assert list(ROOT.glob(pattern)), f"{pattern} matches nothing: the cache key no longer sees that code"


def test_the_demo_generator_is_part_of_the_key():
    demo_files = {path.name for path in ROOT.glob("controllers/demo/*.py")}
    assert "generator.py" in demo_files
    assert any(pattern.startswith("controllers/demo/") for pattern in CACHE_INPUTS)


def test_different_parameters_make_different_keys():
    assert cache_key({"cases": 100}) != cache_key({"cases": 200})
