"""The ui/ tree's own rules (ARCHITECTURE.md): common imports no screen area, only the shell imports the shell,
no module imports another's private names, and no import circle among ui modules, deferred imports included."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def ui_modules(root: Path = ROOT) -> dict[str, Path]:
    return {_module_name(path, root): path for path in sorted((root / "ui").rglob("*.py"))}


def imports_of(path: Path, known: dict[str, Path]) -> list[tuple[str, str]]:
    """(imported ui module, imported name or "") for every import in the file, at any depth (deferred ones too)."""
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names if alias.name in known]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module in known:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.append((sub, "") if sub in known else (node.module, alias.name))
    return found


def area_of(module: str, known: dict[str, Path]) -> str:
    """ui.common.events -> common; modules directly in ui/ (not in a subpackage) belong to no area."""
    parts = module.split(".")
    package = ".".join(parts[:2])
    return parts[1] if len(parts) >= 2 and known.get(package, Path()).name == "__init__.py" else ""


def problems(root: Path = ROOT) -> list[str]:
    known = ui_modules(root)
    graph: dict[str, set[str]] = {name: set() for name in known}
    found: list[str] = []
    for name, path in known.items():
        if not area_of(name, known):
            continue  # ui/__init__.py, and the command line (ui/cli*.py) that issue 17 moves out to cli/
        for target, imported in imports_of(path, known):
            if target != name:
                graph[name].add(target)
            if imported.startswith("_") and not imported.startswith("__"):
                found.append(f"{name} imports the private name {target}.{imported}")
            here, there = area_of(name, known), area_of(target, known)
            if here == "common" and there not in ("common", ""):
                found.append(f"{name} (ui/common) imports the screen area module {target}")
            if there == "shell" and here not in ("shell", ""):
                found.append(f"{name} imports the shell ({target}): only the shell builds pages")
    found += [f"import circle among {', '.join(group)}" for group in circles(graph)]
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of two or more modules that reach each other through imports (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_ui_tree_keeps_its_rules() -> None:
    assert problems() == []


def _plant(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in {"ui/__init__.py": "", **files}.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.parent / "__init__.py").touch()
        path.write_text(text)
    return tmp_path


def test_the_checker_finds_a_planted_circle_even_through_a_deferred_import(tmp_path: Path) -> None:
    root = _plant(tmp_path, {
        "ui/cases/page.py": "from ui.cases.model import Model\n",
        "ui/cases/model.py": "def f():\n    from ui.cases import page\n",
    })
    assert problems(root) == ["import circle among ui.cases.model, ui.cases.page"]


def test_the_checker_finds_common_importing_an_area_a_private_name_and_an_area_importing_the_shell(
        tmp_path: Path) -> None:
    root = _plant(tmp_path, {
        "ui/common/list_page.py": "from ui.cases import page\n",
        "ui/cases/page.py": "from ui.common.events import _secret\n",
        "ui/common/events.py": "_secret = 1\n",
        "ui/settings/panel.py": "from ui.shell.app import request_restart\n",
        "ui/shell/app.py": "def request_restart():\n    pass\n",
    })
    assert sorted(problems(root)) == [
        "ui.cases.page imports the private name ui.common.events._secret",
        "ui.common.list_page (ui/common) imports the screen area module ui.cases.page",
        "ui.settings.panel imports the shell (ui.shell.app): only the shell builds pages",
    ]
