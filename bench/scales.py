"""The bench's two data sizes, where each size's last results are kept, and the ratio column of the report.

A district office holds about ten stations' ledgers; `--scale district` times the same operations on that much data
and prints each figure beside the same operation at station scale, so growth with the data shows at a glance.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

SCALES: dict[str, dict[str, int]] = {
    "station": {"cases": 100_000, "complaints": 200_000, "trainings": 500},
    "district": {"cases": 1_000_000, "complaints": 2_000_000, "trainings": 2_000},
}
DEFAULT_SCALE = "station"
REFERENCE_SCALE = "station"  # every ratio is to this size on SQLite


def demo_params(scale: str, overrides: Mapping[str, int | None]) -> dict[str, int]:
    """The scale's demo sizes, with any size given on the command line (--cases ...) in place of the preset."""
    params = dict(SCALES[scale])
    for name, value in overrides.items():
        if value is not None:
            params[name] = value
    return params


def results_label(params: Mapping[str, int], *, server: bool) -> str:
    """Which results file a run writes: the scale's name when the sizes are a preset's, else the sizes themselves.

    Server runs keep their own files, so a PostgreSQL run never becomes the SQLite reference.
    """
    name = next((scale for scale, preset in SCALES.items() if dict(params) == preset),
                f"{params['cases']}-{params['complaints']}-{params['trainings']}")
    return f"postgresql-{name}" if server else name


def results_path(cache: Path, label: str) -> Path:
    return cache / f"results-{label}.json"


def load_results(path: Path) -> dict[str, Any]:
    """The last results saved at this path; empty when there are none or the file is unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def figure(value: Any) -> float | None:
    """The comparable number of one result entry: an operation's median, or a plain figure (rss_mb...)."""
    if isinstance(value, dict):
        value = value.get("median_ms")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def ratio(current: Any, reference: Mapping[str, Any], name: str) -> str:
    """'×2.35' for this result against the same name in the reference results; '' when it cannot be compared."""
    now, then = figure(current), figure(reference.get(name))
    if now is None or then is None or then <= 0:
        return ""
    return f"×{now / then:.2f}"


def startup_note(results: Mapping[str, Any]) -> str:
    """Start-up beside the bare PySide6 window timed in the same run: what the app adds to Qt's own start."""
    app, bare = figure(results.get("startup_ms")), figure(results.get("bare_window_ms"))
    if app is None or bare is None or bare <= 0:
        return ""
    return f"bare PySide6 window {bare:.0f} ms, app ×{app / bare:.1f}"
