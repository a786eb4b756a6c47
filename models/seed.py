"""Seeds the plan's reference data idempotently; a set seeded once is never re-added, so edits stick."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.admin import CalendarDay, Setting, setting_values
from models.paths import SEED_FILE
from models.reference import Category, Department, EstateGrade, Regulation, ReplyTemplate, Street
from models.trainings import TrainingKind


def load_seed() -> dict[str, Any]:
    with SEED_FILE.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _seeded_versions(session: Session, names: list[str]) -> dict[str, int]:
    """The version each set was last seeded at (absent: never), in one statement: this runs at every start, before
    the window shows, and a street server answers each statement over the network."""
    values = setting_values(session, [f"seed.{n}" for n in names])
    return {key.removeprefix("seed."): int(value) for key, value in values.items()}


def _mark_seeded(session: Session, name: str, version: int) -> None:
    row = session.get(Setting, f"seed.{name}")
    if row is None:
        session.add(Setting(key=f"seed.{name}", value=str(version)))
    else:
        row.value = str(version)


def _seed_regulations(session: Session, rows: list[dict[str, Any]]) -> None:
    existing = set(session.scalars(select(Regulation.name)))
    for r in rows:
        if r["name"] not in existing:
            session.add(Regulation(**r))


def _seed_categories(session: Session, rows: list[dict[str, Any]]) -> None:
    existing = set(session.scalars(select(Category.code)))
    by_annex = {r.annex_no: r for r in session.scalars(select(Regulation))}
    for i, r in enumerate(rows):
        if r["code"] in existing:
            continue
        regs = [by_annex[n] for n in r["regulations"] if n in by_annex]
        fields = {k: v for k, v in r.items() if k != "regulations"}
        session.add(Category(**fields, sort_order=i, regulations=regs))


def _seed_named(session: Session, model: Any, rows: list[Any]) -> None:
    existing = set(session.scalars(select(model.name)))
    for i, r in enumerate(rows):
        fields = r if isinstance(r, dict) else {"name": r}
        if fields["name"] not in existing:
            session.add(model(**fields, sort_order=i))


def _seed_calendar(session: Session, rows: list[dict[str, Any]]) -> None:
    existing = set(session.scalars(select(CalendarDay.day)))
    for r in rows:
        day = date.fromisoformat(r["day"])
        if day not in existing:
            session.add(CalendarDay(day=day, kind=r["kind"], name=r["name"]))


# The name seeded templates carry; a station adds its own beside them under other names.
SEEDED_TEMPLATE_NAME = "通用"


def _seed_reply_templates(session: Session, data: dict[str, Any]) -> None:
    """One template per category and kind: the kind's wording with the category's plan and rule sentences put in
    (the {小区}-style fields stay, filled from the record when the template is used)."""
    categories = {c.code: c.id for c in session.scalars(select(Category))}
    existing = {(c, k) for c, k in session.execute(select(ReplyTemplate.category_id, ReplyTemplate.kind))}
    for code, words in data["categories"].items():
        category_id = categories.get(code)
        if category_id is None:
            continue
        for order, (kind, body) in enumerate(data["kinds"].items()):
            if (category_id, kind) in existing:
                continue
            text = body.replace("{plan}", words["plan"]).replace("{rule}", words["rule"])
            session.add(ReplyTemplate(category_id=category_id, kind=kind, name=SEEDED_TEMPLATE_NAME, body=text,
                                      active=True, sort_order=order))


def _seed_settings(session: Session, values: dict[str, str]) -> None:
    for key, value in values.items():
        if session.get(Setting, key) is None:
            session.add(Setting(key=key, value=value))


def seed_reference_data(session: Session) -> list[str]:
    """Add the plan's reference data that was never seeded here; returns the names of sets seeded now."""
    data = load_seed()
    version = int(data["version"])
    steps = [
        ("regulations", lambda: _seed_regulations(session, data["regulations"])),
        ("categories", lambda: _seed_categories(session, data["categories"])),
        ("departments", lambda: _seed_named(session, Department, data["departments"])),
        ("streets", lambda: _seed_named(session, Street, data["streets"])),
        ("estate_grades", lambda: _seed_named(session, EstateGrade, data["estate_grades"])),
        ("training_kinds", lambda: _seed_named(session, TrainingKind, data["training_kinds"])),
        ("calendar", lambda: _seed_calendar(session, data["calendar"])),
        ("settings", lambda: _seed_settings(session, data["settings"])),
        ("reply_templates", lambda: _seed_reply_templates(session, data["reply_templates"])),
    ]
    done = []
    seeded = _seeded_versions(session, [name for name, _step in steps])
    for name, step in steps:
        if seeded.get(name, 0) >= version:
            continue
        step()
        session.flush()  # categories look up the regulations added just before
        _mark_seeded(session, name, version)
        done.append(name)
    return done
