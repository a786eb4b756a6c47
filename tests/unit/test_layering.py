"""The layering of STYLE.md holds: models know no Qt, controllers no widgets, ui no database."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# package -> import prefixes it must never use
FORBIDDEN = {
    "models": ("PySide6", "ui", "controllers", "qt_material"),
    "controllers": ("PySide6.QtWidgets", "PySide6.QtGui", "ui", "qt_material"),
    "ui": ("sqlalchemy", "alembic", "models"),
}


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
