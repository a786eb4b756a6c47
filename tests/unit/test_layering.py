"""The layering of ARCHITECTURE.md holds, read from the imports of every module of the tree.

- Layers point one way: main → cli → ui → controllers → models; the CLI reaches ui only lazily (inside the
  commands that open windows). Models know no Qt, controllers no widgets, ui no database.
- Inside controllers/, each domain package sits on a floor of RANKS and imports only lower floors; the packages
  beside the tower (BESIDE) use the tower's lower floors only.
- No import circle between modules (a graph search over the whole tree; imports under `if TYPE_CHECKING:` run
  never and do not count), no import of another module's `_private` name, and a function-local import of the
  project's own modules only where DEFERRED says why, and of a library only where HEAVY says why (a heavy
  library or a big window loaded late so that start-up does not pay for it, never a dodged circle).
A new package must be placed in RANKS: the test fails on a package it does not know.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What the checks read: the app and its developer tools (tests are free to reach anywhere).
SCANNED = ("models", "controllers", "ui", "cli", "tools", "bench", "main.py")

# The layers, lowest first: a module imports only its own layer or lower ones.
LAYERS = {"models": 1, "controllers": 2, "ui": 3, "cli": 4, "main": 5, "bench": 5, "tools": 5}
# Arrows down that must wait inside a function, with the reason.
LAZY_ONLY = {("cli", "ui"): "the commands that open windows (GUI start, screenshot) load Qt only when they run"}

# Floors of controllers/ (ARCHITECTURE.md): a package imports only packages on lower floors.
RANKS = {
    "core": 1,  # AppContext, errors, permissions, the audit hook, clock, privacy, periods, workdays, normalize
    "storage": 2, "documents": 2,
    "reference": 3,  # reads the district's estate sheets and writes their template (documents), issue 18
    "station": 4,
    "cases": 5, "complaints": 5, "trainings": 5,
    "meetings": 6,  # a meeting discusses cases and complaints
    "inspections": 6,  # a patrol's findings become cases and referrals
    "holidays": 6,  # a year of holidays entered moves the deadlines of cases and complaints
    # 督办单 press on cases, complaints, referrals and meeting actions; on floor 6 so that the dashboard's today
    # list (floor 7) shows an addressee's open orders without reaching up (issue 20).
    "orders": 6,
    "dashboard": 7, "briefs": 7,
    "assessment": 8,  # 年度考核: the dashboard's goal tiles per street and estate, so the same numbers
    "supervision": 7,  # candidates and early warnings read cases, complaints, referrals, actions and orders
    # Beside the tower: their rank orders them among themselves (an exchange import takes a backup first).
    "accounts": 5, "backup": 5, "demo": 5,
    "exchange": 6,
}
# Beside the tower: they reach the tower's floors up to and including this one (core, storage, documents, reference,
# station) and nothing of the tower reaches them.
BESIDE = {"accounts", "backup", "demo", "exchange"}
BESIDE_REACH = 4

# Function-local imports of the project's own modules, by (importer prefix, imported prefix): why each waits.
DEFERRED = {
    ("controllers.accounts.audit_log", "controllers.documents.xlsx_writer"):
        "openpyxl (~0.2 s) only for an export; the audit viewer is imported at every start",
    ("cli", "ui"): "Qt loads only for the commands that open windows",
    ("cli", "controllers"): "a command loads only the controllers it runs: the ORM, openpyxl and ReportLab wait "
                            "for the commands that need them",
    ("cli", "models"): "see cli → controllers",
    ("main", "cli"): "the garbage collector is held first (controllers.core.start_gc), and only when main() runs: "
                     "importing main.py (the tests, an entry-point script) must not hold it",
    # ui/: what start-up (to the first shown window) would otherwise pay for. Any page can be the first one shown
    # (the main window reopens the last page), so a page also defers the big windows it opens on a click.
    # Times measured with `python -X importtime` on top of what a start has loaded (issue 17).
    ("ui.shell.pages", "ui"): "each page's module on its first visit: all eight together are ~2 s",
    ("ui.shell.main_window", "ui.accounts.page"): "the administrator's accounts window (~40 ms)",
    ("ui.shell.app", "controllers.backup"): "the daily backup and the damaged-database offer (~30 ms) load once the "
                                            "window is built, or never",
    ("ui.shell.app", "ui.onboarding.guide"): "开始使用 and its reference dialogs (~0.3 s) wait for the painted window "
                                              "and are needed only on a database never set up",
    ("ui.onboarding.prompt", "ui.onboarding.guide"): "the dashboard's note on an empty station opens 开始使用 on a "
                                                     "click; the dashboard is the first page at start-up",
    ("ui.dashboard.page", "ui.case_detail"): "the case window (~90 ms): the dashboard is the first page at start-up",
    ("ui.dashboard.page", "ui.complaints.handling_dialog"): "the handling dialog (~80 ms, with the case window)",
    ("ui.complaints.page", "ui.complaints.handling_dialog"): "see the dashboard",
    ("ui.meeting_mode", "ui.meeting_mode.picker"): "the dashboard imports the package; its picker and window "
                                                   "(~70 ms) wait for the button",
    ("ui.meeting_mode", "ui.meeting_mode.window"): "see the picker",
    ("ui.complaint_import", "ui.complaint_import.wizard"): "the wizard brings the 12345 importer (~60 ms)",
    ("ui.stats.page", "controllers.briefs"): "the brief writers (~0.2 s: ReportLab's charts, the case records) wait "
                                             "for the first brief",
}
# Libraries a function may import late, with the reason; any other library is imported at the top.
HEAVY = {
    "openpyxl": "~0.2 s, only for reading and writing spreadsheets",
    "reportlab": "~0.2 s, only for PDFs",
    "alembic": "only when a schema is created or upgraded",
    "qt_material": "jinja2 and the theme renderer (~50 ms), only when the cached stylesheet is missing",
}
# Where the function-local rule is enforced.
LOCAL_RULE = ("models", "controllers", "ui", "cli", "main", "tools")

# Circles known and not yet broken (none left since issue 17); a listed one must still exist, and no other may.
PENDING_CIRCLES: set[frozenset[str]] = set()
# Private names ui/ still takes from another ui module (none left since issue 17; the list only shrinks).
PENDING_PRIVATE: set[str] = set()

# package -> import prefixes it must never use
FORBIDDEN = {
    "models": ("PySide6", "ui", "controllers", "qt_material"),
    "controllers": ("PySide6.QtWidgets", "PySide6.QtGui", "ui", "qt_material"),
    "ui": ("sqlalchemy", "alembic", "models"),
}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    local: bool  # inside a function
    typing_only: bool  # under `if TYPE_CHECKING:`

    def __str__(self) -> str:
        return f"{self.source} → {self.target} (line {self.line})"


def _module_files(root: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for top in SCANNED:
        path = root / top
        files = [path] if path.is_file() else sorted(path.rglob("*.py")) if path.is_dir() else []
        for file in files:
            parts = file.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = file
    return found


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The tree's module an import names: the longest dotted prefix that is one."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _walk(node: ast.AST, local: bool = False, typing_only: bool = False) -> Iterator[tuple[ast.AST, bool, bool]]:
    for child in ast.iter_child_nodes(node):
        yield child, local, typing_only
        yield from _walk(child, local or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda),
                         typing_only or (isinstance(child, ast.If) and _is_type_checking(child)))


@dataclass
class Tree:
    modules: dict[str, Path]
    edges: list[Edge]
    private: list[str]
    local_libraries: list[Edge]  # function-local imports of modules outside the tree (target: the dotted name)


def read_tree(root: Path) -> Tree:
    modules = _module_files(root)
    edges: list[Edge] = []
    private: list[str] = []
    libraries: list[Edge] = []
    for source, path in modules.items():
        package = source if path.name == "__init__.py" else source.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        bound: dict[str, str] = {}  # local name -> the tree's module it is bound to
        for node, local, typing_only in _walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    target = _resolve(alias.name, modules)
                    if not target and local:
                        libraries.append(Edge(source, alias.name, node.lineno, local, typing_only))
                    if target:
                        edges.append(Edge(source, target, node.lineno, local, typing_only))
                        bound[alias.asname or alias.name.split(".")[0]] = target if alias.asname else \
                            alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                if local and not node.level and not _resolve(base, modules):
                    libraries.append(Edge(source, base, node.lineno, local, typing_only))
                for alias in node.names:
                    target = _resolve(f"{base}.{alias.name}", modules) or _resolve(base, modules)
                    if not target:
                        continue
                    edges.append(Edge(source, target, node.lineno, local, typing_only))
                    if f"{base}.{alias.name}" in modules:
                        bound[alias.asname or alias.name] = f"{base}.{alias.name}"
                    elif alias.name.startswith("_") and not alias.name.startswith("__") and target != source:
                        private.append(f"{source} imports {alias.name} from {target} (line {node.lineno})")
        for node, _local, _typing in _walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound \
                    and node.attr.startswith("_") and not node.attr.startswith("__") \
                    and bound[node.value.id] != source:
                private.append(f"{source} uses {bound[node.value.id]}.{node.attr} (line {node.lineno})")
    return Tree(modules, edges, private, libraries)


def circles(tree: Tree) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (or a module importing itself) over runtime imports."""
    graph: dict[str, set[str]] = {m: set() for m in tree.modules}
    for e in tree.edges:
        if not e.typing_only:
            graph[e.source].add(e.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in graph[node]:
                        found.append(frozenset(component))
    return found


def _package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "controllers" and len(parts) > 1 else None


def floor_allows(source: str, target: str) -> bool:
    if source == target:
        return True
    if source in BESIDE:
        return (target in BESIDE and RANKS[target] < RANKS[source]) or \
            (target not in BESIDE and RANKS[target] <= BESIDE_REACH)
    return target not in BESIDE and RANKS[target] < RANKS[source]


def arrows_up(tree: Tree) -> list[str]:
    found = []
    for e in tree.edges:
        source_layer, target_layer = e.source.split(".")[0], e.target.split(".")[0]
        if LAYERS[target_layer] > LAYERS[source_layer]:
            found.append(f"layer: {e}")
        elif (source_layer, target_layer) in LAZY_ONLY and not e.local and not e.typing_only:
            found.append(f"lazy: {e} ({LAZY_ONLY[source_layer, target_layer]})")
        source_pkg, target_pkg = _package(e.source), _package(e.target)
        if source_pkg is None or target_pkg is None:
            if source_pkg is None and e.source.startswith("controllers.") and target_pkg is not None:
                found.append(f"floor: {e} (controllers/ itself imports no package)")
            continue
        for pkg in (source_pkg, target_pkg):
            if pkg not in RANKS:
                found.append(f"floor: controllers.{pkg} is on no floor: add it to RANKS")
        if source_pkg in RANKS and target_pkg in RANKS and not floor_allows(source_pkg, target_pkg):
            found.append(f"floor: {e} ({source_pkg} may not import {target_pkg})")
    return found


def undeferred_local_imports(tree: Tree) -> list[str]:
    found = []
    for e in tree.edges:
        if not e.local or e.source.split(".")[0] not in LOCAL_RULE or e.target == e.source:
            continue
        if not any(_under(e.source, s) and _under(e.target, t) for s, t in DEFERRED):
            found.append(f"function-local import: {e}")
    for e in tree.local_libraries:
        if e.source.split(".")[0] in LOCAL_RULE and not any(_under(e.target, lib) for lib in HEAVY):
            found.append(f"function-local import of a library: {e}")
    return found


def _under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


@pytest.fixture(scope="module")
def tree() -> Tree:
    return read_tree(ROOT)


def test_no_import_circle(tree: Tree) -> None:
    found = set(circles(tree))
    assert sorted(sorted(c) for c in found - PENDING_CIRCLES) == []
    assert sorted(sorted(c) for c in PENDING_CIRCLES - found) == [], "broken: remove it from PENDING_CIRCLES"


def test_no_arrow_up_a_layer_or_floor(tree: Tree) -> None:
    assert arrows_up(tree) == []


def test_no_private_name_of_another_module(tree: Tree) -> None:
    assert sorted(set(tree.private) - PENDING_PRIVATE) == []
    assert sorted(PENDING_PRIVATE - set(tree.private)) == [], "gone: remove it from PENDING_PRIVATE"


def test_function_local_imports_only_defer(tree: Tree) -> None:
    assert undeferred_local_imports(tree) == []


def test_every_controllers_package_is_on_a_floor() -> None:
    packages = {p.name for p in (ROOT / "controllers").iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(RANKS)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _violations(package: str) -> list[str]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for name in _imports(path):
            for prefix in FORBIDDEN[package]:
                if name == prefix or name.startswith(prefix + "."):
                    found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_respects_layering(package):
    assert (ROOT / package).is_dir()
    assert _violations(package) == []


def test_the_checker_catches_a_violation(tmp_path, monkeypatch):
    fake = tmp_path / "ui"
    fake.mkdir()
    (fake / "bad.py").write_text("from models.db import Database\nimport sqlalchemy.orm\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert len(_violations("ui")) == 3  # models.db, models.db.Database, sqlalchemy.orm


def _plant(root: Path, files: dict[str, str]) -> Tree:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for directory in {p.parent for p in root.rglob("*.py")}:
        if directory != root:
            (directory / "__init__.py").touch()
    return read_tree(root)


def test_the_checker_catches_a_planted_circle(tmp_path: Path) -> None:
    """Two case modules importing each other, one of them inside a function (the dodge the issue names)."""
    tree = _plant(tmp_path, {
        "controllers/cases/view.py": "def offered():\n    from controllers.cases.workflow import moves\n",
        "controllers/cases/workflow.py": "from controllers.cases.view import offered\nmoves = 1\n",
        "controllers/cases/states.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                       "    from controllers.cases.view import offered\n",
    })
    assert circles(tree) == [frozenset({"controllers.cases.view", "controllers.cases.workflow"})]
    assert undeferred_local_imports(tree) == [
        "function-local import: controllers.cases.view → controllers.cases.workflow (line 2)"]


def test_the_checker_catches_a_local_import_in_ui(tmp_path: Path) -> None:
    """ui/ is held to the rule: a late import of a small module or library fails; DEFERRED and HEAVY ones pass."""
    tree = _plant(tmp_path, {
        "ui/cases/page.py": "def export():\n    from controllers.cases.export import export_cases\n"
                            "    import json\n    from openpyxl import Workbook\n",
        "ui/shell/pages.py": "def cases():\n    from ui.cases.page import export\n",  # DEFERRED: pages load late
        "controllers/cases/export.py": "export_cases = 1\n",
    })
    assert undeferred_local_imports(tree) == [
        "function-local import: ui.cases.page → controllers.cases.export (line 2)",
        "function-local import of a library: ui.cases.page → json (line 3)",
    ]


def test_the_checker_catches_an_arrow_up(tmp_path: Path) -> None:
    tree = _plant(tmp_path, {
        "controllers/core/permissions.py": "from controllers.cases import records\n",  # floor 1 → 4
        "controllers/cases/records.py": "from controllers.backup.backups import backups\n",  # the tower → beside it
        "controllers/backup/backups.py": "from controllers.cases.records import x\n",  # beside → floor 4
        "controllers/storage/opening.py": "import controllers.station.area\n",  # floor 2 → 3
        "controllers/station/area.py": "from ui.feedback import show\n",  # controllers → ui
        "ui/feedback.py": "def show():\n    from cli import run\n",  # ui → cli
        "cli/__init__.py": "from ui.feedback import show\n",  # the CLI reaching ui at import time
        "cli/gui.py": "def start():\n    from ui.feedback import show\n",  # lazily: allowed
    })
    assert sorted(arrows_up(tree)) == [
        "floor: controllers.backup.backups → controllers.cases.records (line 1) (backup may not import cases)",
        "floor: controllers.cases.records → controllers.backup.backups (line 1) (cases may not import backup)",
        "floor: controllers.core.permissions → controllers.cases.records (line 1) (core may not import cases)",
        "floor: controllers.storage.opening → controllers.station.area (line 1) (storage may not import station)",
        "layer: controllers.station.area → ui.feedback (line 1)",
        "layer: ui.feedback → cli (line 2)",
        "lazy: cli → ui.feedback (line 1) (the commands that open windows (GUI start, screenshot) load Qt only when "
        "they run)",
    ]


def test_the_checker_catches_a_private_import(tmp_path: Path) -> None:
    tree = _plant(tmp_path, {
        "controllers/cases/records.py": "def _proposal():\n    pass\ndef _own():\n    _proposal()\n",
        "controllers/cases/workflow.py": "from controllers.cases.records import _proposal\n",
        "controllers/cases/view.py": "from controllers.cases import records\nrecords._proposal()\n"
                                     "from controllers.cases import records as r\nr.__name__\n",
    })
    assert tree.private == [
        "controllers.cases.view uses controllers.cases.records._proposal (line 2)",
        "controllers.cases.workflow imports _proposal from controllers.cases.records (line 1)",
    ]
