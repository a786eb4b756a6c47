"""A restore keeps only the settings keys this program writes (backup_schema.KNOWN_SETTINGS): a key a new feature
adds and forgets to register would be silently dropped from every restored backup. So every settings key constant in
the modules that write settings must be registered."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from controllers.backup import schema as backup_schema

ROOT = Path(__file__).resolve().parents[2]


def _setting_key_constants() -> dict[str, str]:
    """NAME -> value for every `*_KEY` / `*_PREFIX` string constant in a module that uses the Setting model."""
    found: dict[str, str] = {}
    for path in [*ROOT.joinpath("controllers").rglob("*.py"), *ROOT.joinpath("models").rglob("*.py")]:
        source = path.read_text(encoding="utf-8")
        if "Setting" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str)):
                continue
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id.endswith(("_KEY", "_PREFIX")):
                    found[f"{path.relative_to(ROOT)}:{target.id}"] = node.value.value
    return found


def test_every_settings_key_the_program_writes_survives_a_restore() -> None:
    constants = _setting_key_constants()
    assert len(constants) >= 10, "the scan found too few keys: has the way settings keys are named changed?"
    seeded = json.loads(ROOT.joinpath("resources/seed/reference.json").read_text(encoding="utf-8"))["settings"]
    keys = {**constants, **{f"seed:{k}": k for k in seeded}}
    unknown = {where: key for where, key in keys.items()
               if key not in backup_schema.PATH_SETTINGS
               and not backup_schema.is_known_setting(key) and not backup_schema.is_known_setting(key + "x")}
    assert unknown == {}, "register these in backup_schema.KNOWN_SETTINGS / KNOWN_PREFIXES (or PATH_SETTINGS)"


def test_a_key_nobody_writes_is_not_known() -> None:
    assert not backup_schema.is_known_setting("attachments.shared")
    assert not backup_schema.is_known_setting("")
    assert not backup_schema.is_known_setting(None)
