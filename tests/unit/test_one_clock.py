"""Only the clock reads the time: no module but models/clock.py asks the system for "now" or "today", knows
Shanghai's offset, or defines a today/now/to-local helper of its own (a second "today" is how dates disagreed)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
THE_CLOCK = Path("models/clock.py")
# Where the app's code lives; tests may read the machine's clock to set up their scenarios.
SCANNED = ("controllers", "models", "ui", "cli", "bench", "tools", "main.py")

# Class methods that read the system clock, per class (the datetime module's classes and Qt's).
CLOCK_READS = {
    "date": {"today", "fromtimestamp"},
    "datetime": {"today", "now", "utcnow", "fromtimestamp", "utcfromtimestamp"},
    "QDate": {"currentDate"},
    "QDateTime": {"currentDateTime", "currentDateTimeUtc"},
    "QTime": {"currentTime"},
}
# time-module functions that turn "now" into a local calendar date or text.
LOCAL_TIME = {"localtime", "strftime", "ctime", "asctime", "mktime"}
ZONE_MAKERS = {"timezone", "ZoneInfo", "gettz"}
OFFSET_SPELLINGS = {("hours", 8), ("minutes", 480), ("seconds", 28_800)}
HELPER_NAMES = {"today", "today_local", "local_today", "now", "now_local", "local_now", "utcnow", "to_local",
                "to_utc", "station_today", "day_start"}
OFFSET_NAMES = {"LOCAL_OFFSET", "LOCAL_HOURS", "SHANGHAI", "SHANGHAI_OFFSET", "SHANGHAI_TZ", "UTC_OFFSET", "TZ_OFFSET"}


def _aliases(tree: ast.AST) -> dict[str, str]:
    """Local name -> what it is: 'date', 'datetime' (the classes), 'datetime.' / 'time.' (the modules), or a time
    function's name ('time.strftime'), following `import ... as` and `from ... import ... as`."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name in ("datetime", "time"):
                    names[a.asname or a.name] = a.name + "."
        elif isinstance(node, ast.ImportFrom) and node.module in ("datetime", "time") and node.level == 0:
            for a in node.names:
                names[a.asname or a.name] = a.name if node.module == "datetime" else f"time.{a.name}"
    return names


def _class_of(node: ast.expr, names: dict[str, str]) -> str | None:
    """'date' for `date` / `datetime.date` / an alias of either, likewise the other clock classes; else None."""
    if isinstance(node, ast.Name):
        return names.get(node.id, node.id if node.id.startswith("Q") else None)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and names.get(node.value.id) == "datetime.":
        return node.attr
    return None


def _number(node: ast.expr) -> float | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand)
        return None if inner is None else -inner
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, int | float) else None


def findings(path: Path, source: str) -> list[str]:
    tree = ast.parse(source, filename=str(path))
    names = _aliases(tree)
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Attribute):
            cls = _class_of(node.value, names)
            if cls in CLOCK_READS and node.attr in CLOCK_READS[cls]:
                found.append(f"{path}:{line} reads the clock: {cls}.{node.attr}")
            elif isinstance(node.value, ast.Name) and names.get(node.value.id) == "time." and node.attr in LOCAL_TIME:
                found.append(f"{path}:{line} reads local time: time.{node.attr}")
        elif isinstance(node, ast.Name) and names.get(node.id, "").removeprefix("time.") in LOCAL_TIME \
                and names[node.id].startswith("time."):
            found.append(f"{path}:{line} reads local time: {names[node.id]}")
        elif isinstance(node, ast.Call):
            func = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if func in ZONE_MAKERS:
                found.append(f"{path}:{line} makes a time zone: {func}(...)")
            elif func == "timedelta":
                spelled = {(k.arg, abs(n)) for k in node.keywords if (n := _number(k.value)) is not None}
                if spelled & OFFSET_SPELLINGS:
                    found.append(f"{path}:{line} spells Shanghai's offset: timedelta(...)")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in HELPER_NAMES:
            found.append(f"{path}:{line} defines its own clock helper: {node.name}()")
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if isinstance(t, ast.Name) and t.id in OFFSET_NAMES:
                    found.append(f"{path}:{line} defines an offset: {t.id}")
    return found


def violations(root: Path) -> list[str]:
    out = []
    for top in SCANNED:
        base = root / top
        files = [base] if base.is_file() else sorted(base.rglob("*.py")) if base.is_dir() else []
        for path in files:
            rel = path.relative_to(root)
            if rel != THE_CLOCK:
                out += findings(rel, path.read_text(encoding="utf-8"))
    return out


def test_only_the_clock_reads_the_time() -> None:
    assert (ROOT / THE_CLOCK).is_file() and (ROOT / "controllers" / "core" / "clock.py").is_file()
    assert violations(ROOT) == []


def test_the_clock_itself_is_what_the_scan_would_catch() -> None:
    # The exemption is meaningful: the clock does everything the scan forbids elsewhere.
    assert len(findings(THE_CLOCK, (ROOT / THE_CLOCK).read_text(encoding="utf-8"))) >= 5


PLANTED = {
    "from datetime import date\nday = date.today()\n": "date.today",
    "import datetime as dt\nnow = dt.datetime.now()\n": "datetime.now",
    "from datetime import datetime as D\nstamp = D.utcnow()\n": "datetime.utcnow",
    "from datetime import datetime\nclass R:\n    made = datetime.now\n": "datetime.now",  # a reference, not a call
    "import time\nyear = time.localtime().tm_year\n": "time.localtime",
    "from time import strftime as f\nlabel = f('%Y')\n": "time.strftime",
    "from PySide6.QtCore import QDate\nday = QDate.currentDate()\n": "QDate.currentDate",
    "from datetime import timedelta\nBEIJING = timedelta(hours=8)\n": "offset",
    "from datetime import timedelta\nback = timedelta(seconds=-28800)\n": "offset",
    "from datetime import timezone, timedelta as td\nZ = timezone(td(minutes=480))\n": "time zone",
    "from zoneinfo import ZoneInfo\nZ = ZoneInfo('Asia/Shanghai')\n": "time zone",
    "LOCAL_OFFSET = 8\n": "LOCAL_OFFSET",
    "def local_today():\n    return None\n": "local_today",
}


@pytest.mark.parametrize(("source", "named"), PLANTED.items(), ids=[v for v in PLANTED.values()])
def test_the_scan_catches_a_planted_clock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str,
                                         named: str) -> None:
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "sneaky.py").write_text(source, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    found = violations(tmp_path)
    assert found and all(f.startswith("ui/sneaky.py:") for f in found) and any(named in f for f in found), found


def test_the_scan_leaves_ordinary_date_arithmetic_alone(tmp_path: Path) -> None:
    (tmp_path / "controllers").mkdir()
    (tmp_path / "controllers" / "fine.py").write_text(
        "from datetime import date, datetime, timedelta\nfrom controllers.core import clock\n"
        "due = clock.today() + timedelta(days=8)\nweek = timedelta(hours=168)\n"
        "start = datetime.combine(date(2025, 1, 1), datetime.min.time())\nstamp = clock.utcnow()\n",
        encoding="utf-8")
    assert violations(tmp_path) == []
