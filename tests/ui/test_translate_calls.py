"""lupdate collects only translate() calls whose context and text are literals: a text passed through a variable is
never translated, and the translation check cannot see it. Every such call names its context as a literal (or a
module constant) and its text as a literal, or as a variable whose values QT_TRANSLATE_NOOP marks in that module
with the same context."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _constants(tree: ast.Module) -> dict[str, str]:
    return {t.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for t in node.targets if isinstance(t, ast.Name)}


def untranslatable_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _constants(tree)
    marked = {node.args[0].value for node in ast.walk(tree) if isinstance(node, ast.Call)
              and isinstance(node.func, ast.Name) and node.func.id == "QT_TRANSLATE_NOOP"
              and node.args and isinstance(node.args[0], ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "translate" and len(node.args) >= 2):
            continue
        context, text = node.args[0], node.args[1]
        name = context.value if isinstance(context, ast.Constant) else constants.get(getattr(context, "id", ""))
        literal_text = isinstance(text, ast.Constant) and isinstance(text.value, str)
        if not isinstance(name, str) or not (literal_text or name in marked):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_translate_call_can_be_collected_by_lupdate() -> None:
    sources = [p for p in sorted((ROOT / "ui").rglob("*.py")) if not p.name.startswith(("cli", "i18n_tool"))]
    assert [where for path in sources for where in untranslatable_calls(path)] == []


def test_the_check_finds_a_text_passed_through_a_variable(tmp_path: Path, monkeypatch) -> None:
    import sys

    ui = tmp_path / "ui"
    ui.mkdir()
    (ui / "bar.py").write_text(
        "from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP\n"
        "LABEL = QT_TRANSLATE_NOOP('Marked', 'Label')\n"
        "def ok(label):\n"
        "    return QCoreApplication.translate('Marked', label), QCoreApplication.translate('Free', 'Text')\n"
        "def _tr(text):\n"
        "    return QCoreApplication.translate('FilterBar', text)\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert untranslatable_calls(ui / "bar.py") == ["ui/bar.py:6"]
