"""Every save from the GUI runs off the GUI thread through the one background helper (ARCHITECTURE.md).

What a "write" is: a controller function guarded by `@requires(right)` with a right that changes data
(WRITE_RIGHTS), less the few guarded reads listed in GUARDED_READS, plus the writes that check their right inside
the body (BODY_CHECKED). The test reads every ui/ module and fails on a call of a write that is not inside a
callable handed to the helper: a lambda or nested function passed to `background.run` / `BackgroundWorker` (or
to a function of the same module or of ui/common that hands its argument on to them), a lambda returned by a
method named in WORK_FACTORIES, whose result the helper runs, or a method that a handed-on callable calls as
`self.name(...)` (a list panel's delete_record). Calls through a variable (`self._create(...)`) are not seen.
A call anywhere else would block the window on a slow server.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import controllers

ROOT = Path(__file__).resolve().parents[2]

WRITE_RIGHTS = frozenset({"edit_cases", "edit_complaints", "import_complaints", "edit_trainings", "edit_meetings",
                          "edit_reference", "edit_settings", "manage_accounts", "backup", "restore"})
# Guarded by a write right because only that role may look, but they change nothing.
GUARDED_READS = frozenset({
    "controllers.accounts.users.list_accounts",
    "controllers.cases.records.draft_from_complaint",
    "controllers.complaints.importer.inspect_file",
    "controllers.complaints.importer.suggest_alias",
    "controllers.trainings.attendees.read_attendees_file",
})
# Writes that check their right in the body (the right depends on an argument).
BODY_CHECKED = frozenset({
    "controllers.storage.attachments.store_attachment",
    "controllers.storage.attachments.set_attachment_kind",
    "controllers.storage.attachments.remove_attachment",
    "controllers.storage.server_config.save_server_settings",
    "controllers.accounts.users.set_idle_minutes",
})
# Methods that return the controller call a dialog's Save runs through the helper (reference RecordDialog).
WORK_FACTORIES = frozenset({"storing"})
# The helper itself: a call of one of these names (as `background.run`, `run` or `BackgroundWorker`).
RUNNERS = frozenset({"run", "BackgroundWorker"})


def write_functions() -> frozenset[str]:
    found = set(BODY_CHECKED)
    for info in pkgutil.walk_packages(controllers.__path__, "controllers."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            right = getattr(value, "__permission__", None)
            if getattr(value, "__module__", None) == info.name and right in WRITE_RIGHTS:
                found.add(f"{info.name}.{name}")
    return frozenset(found - GUARDED_READS)


def _names(tree: ast.AST) -> dict[str, str]:
    """Local name -> the controller module or function it stands for."""
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("controllers"):
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("controllers"):
                    names[alias.asname or alias.name.split(".")[0]] = alias.name
    return names


def _called(func: ast.expr) -> str:
    """The last name of what is called: run for background.run, _write for self._write."""
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


Scope = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


def _wrappers(tree: ast.AST, runners: frozenset[str] = RUNNERS) -> set[str]:
    """Functions of this module that hand one of their own parameters on to a runner (or to another wrapper)."""
    wrappers = set(runners)
    grew = True
    while grew:
        grew = False
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) or fn.name in wrappers:
                continue
            params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
            for call in ast.walk(fn):
                if isinstance(call, ast.Call) and _called(call.func) in wrappers and any(
                        isinstance(a, ast.Name) and a.id in params
                        for a in [*call.args, *(k.value for k in call.keywords)]):
                    wrappers.add(fn.name)
                    grew = True
                    break
    return wrappers


def _handed_on(tree: ast.AST, runners: frozenset[str] = RUNNERS) -> set[ast.AST]:
    """The lambdas and nested functions that reach a runner: passed to one directly or by their name, or
    returned by a work factory."""
    wrappers = _wrappers(tree, runners)
    handed: set[ast.AST] = set()
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        local: dict[str, ast.AST] = {}
        for node in ast.walk(fn):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node is not fn:
                local[node.name] = node
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Lambda):
                local.update({t.id: node.value for t in node.targets if isinstance(t, ast.Name)})
        for node in ast.walk(fn):
            if isinstance(node, ast.Call) and _called(node.func) in wrappers:
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    if isinstance(arg, ast.Lambda):
                        handed.add(arg)
                    elif isinstance(arg, ast.Name) and arg.id in local:
                        handed.add(local[arg.id])
            if fn.name in WORK_FACTORIES and isinstance(node, ast.Return) and isinstance(node.value, ast.Lambda):
                handed.add(node.value)
            if fn.name in WORK_FACTORIES and isinstance(node, ast.IfExp | ast.Return):
                handed.update(n for n in ast.walk(node) if isinstance(n, ast.Lambda))
    return handed


def _work_methods(trees: list[ast.AST], runners: frozenset[str]) -> set[str]:
    """Methods called as `self.name(...)` inside a handed-on callable anywhere in ui/ (a panel's delete_record,
    which its base class runs in the background): their bodies run off the GUI thread too."""
    found: set[str] = set()
    for tree in trees:
        for scope in _handed_on(tree, runners):
            for node in ast.walk(scope):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and isinstance(node.func.value, ast.Name) and node.func.value.id == "self"):
                    found.add(node.func.attr)
    return found


def direct_writes(tree: ast.AST, name: str, writes: frozenset[str], runners: frozenset[str],
                  work_methods: set[str]) -> Iterator[str]:
    """`file:line: function` for each write called outside a callable handed to the background helper."""
    hits: list[tuple[int, str]] = []
    names = _names(tree)
    parents = _parents(tree)
    handed = _handed_on(tree, runners) | {node for node in ast.walk(tree)
                                 if isinstance(node, ast.FunctionDef) and node.name in work_methods}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in names:
            target = f"{names[func.value.id]}.{func.attr}"
        elif isinstance(func, ast.Name) and func.id in names:
            target = names[func.id]
        else:
            continue
        if target not in writes:
            continue
        scope = parents.get(node)
        while scope is not None and not isinstance(scope, Scope):
            scope = parents.get(scope)
        if scope not in handed:
            hits.append((node.lineno, target))
    for line, target in sorted(hits):
        yield f"{name}:{line}: {target}"


def offenders(root: Path, writes: frozenset[str]) -> list[str]:
    paths = sorted((root / "ui").rglob("*.py"))
    trees = [ast.parse(path.read_text(encoding="utf-8"), filename=str(path)) for path in paths]
    # The helpers of ui/common that hand a call on to the background helper (a dialog's save) count everywhere.
    runners = RUNNERS.union(*(_wrappers(tree) for path, tree in zip(paths, trees, strict=True)
                              if path.parent.name == "common"))
    work_methods = _work_methods(trees, runners)
    return [hit for path, tree in zip(paths, trees, strict=True)
            for hit in direct_writes(tree, path.relative_to(root).as_posix(), writes, runners, work_methods)]


def test_the_write_list_names_functions_that_exist() -> None:
    writes = write_functions()
    assert len(writes) > 50  # the decorator convention still marks the writes
    for name in GUARDED_READS | BODY_CHECKED:
        module, _, function = name.rpartition(".")
        assert callable(getattr(importlib.import_module(module), function, None)), name


def test_no_ui_module_writes_on_the_gui_thread() -> None:
    assert offenders(ROOT, write_functions()) == []


def _plant(tmp_path: Path, text: str) -> Path:
    (tmp_path / "ui" / "area").mkdir(parents=True)
    (tmp_path / "ui" / "area" / "panel.py").write_text(text)
    return tmp_path


WRITES = frozenset({"controllers.cases.referrals.refer_case"})


def test_a_planted_direct_save_is_found(tmp_path: Path) -> None:
    root = _plant(tmp_path, (
        "from controllers.cases import referrals as ref\n"
        "class Panel:\n"
        "    def refer(self):\n"
        "        self._write(lambda: ref.refer_case(self.ctx, 1))\n"  # handed to a method that just calls it
        "    def _write(self, action):\n"
        "        action()\n"
        "    def now(self):\n"
        "        ref.refer_case(self.ctx, 1)\n"
    ))
    assert offenders(root, WRITES) == ["ui/area/panel.py:4: controllers.cases.referrals.refer_case",
                                       "ui/area/panel.py:8: controllers.cases.referrals.refer_case"]


def test_a_save_through_the_helper_passes(tmp_path: Path) -> None:
    root = _plant(tmp_path, (
        "from controllers.cases.referrals import refer_case\n"
        "from ui.common import background\n"
        "class Panel:\n"
        "    def refer(self):\n"
        "        self._write(lambda: refer_case(self.ctx, 1))\n"
        "    def _write(self, action):\n"
        "        background.run(self, action, changes=())\n"
        "    def later(self):\n"
        "        def work(progress, stop):\n"
        "            return refer_case(self.ctx, 2)\n"
        "        return BackgroundWorker(work, name='x')\n"
    ))
    assert offenders(root, WRITES) == []
