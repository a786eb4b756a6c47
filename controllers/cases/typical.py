"""Typical cases (典型案例) for 以案释法 and 案例警示: a closed case marked typical, with a de-identified write-up.

Marking drafts the write-up from the case without names, room numbers or phones (privacy.deidentify): the estate
becomes “某小区” under its street, the party “当事人”, anyone else the ledger knows “某某”. The user then edits every
part; a save that would name someone again (a phone or ID number, a room, any personal name the ledger holds) is
refused with what to remove,
so what prints for a 守法小讲堂 or goes to the 公众号 stays de-identified whoever typed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from controllers.core.privacy import PLACE_WORD, deidentify, identifying_parts, known_names
from controllers.reference import checks as rc
from models.cases import Case, TypicalCase
from models.seed import load_seed
from models.trainings import training_cases

CLOSED = "结案"
# (field, label, max length): the write-up's parts in print order; the lengths keep the 案例警示 on one A4 page.
PARTS: tuple[tuple[str, str, int], ...] = (
    ("title", "标题", 40), ("place", "地点", 40), ("facts", "基本案情", 400), ("legal_basis", "法律依据", 200),
    ("handling", "处理经过", 300), ("outcome", "处理结果", 200), ("lesson", "以案释法", 300),
)
LABELS = {k: label for k, label, _n in PARTS}


@dataclass(frozen=True)
class TypicalDetail:
    """A typical case's write-up as the editor and the PDF show it."""

    case_id: int
    case_number: str
    category: str
    marked_on: date
    marked_by: str
    title: str
    place: str
    facts: str
    legal_basis: str
    handling: str
    outcome: str
    lesson: str
    trainings: int  # trainings that used it (linked the case)

    def parts(self) -> list[tuple[str, str]]:
        """(label, text) for each part after the title, in print order."""
        return [(label, getattr(self, key)) for key, label, _n in PARTS[1:]]

    def plain_text(self) -> str:
        """The write-up as plain text for the 公众号: title, then each part under its label."""
        lines = [self.title, ""]
        for label, text in self.parts():
            lines += [f"【{label}】", text, ""]
        return "\n".join(lines).rstrip() + "\n"


def _people(s: Session, case: Case) -> list[str | None]:
    """Everyone the write-up must not name: the party, and every person the ledger knows (the facts of a case may
    name the neighbour who complained, a contact, a trainee)."""
    return [case.party_name, *known_names(s).names]


def _sentence(text: str) -> str:
    """A part that ends like a sentence, so a following sentence does not run into it."""
    return text if not text or text[-1] in "。！？；）」”" else text + "。"


def _lesson(case: Case) -> str:
    words = load_seed().get("reply_templates", {}).get("categories", {}).get(case.category.code, {})
    rule = words.get("rule", f"{case.category.name}行为违反相关法律法规")
    return (f"{rule}。本案提醒广大居民自觉遵守相关规定；发现类似问题，可拨打12345热线或到社区工作室反映，"
            "我们将依法及时处理。")


def draft(s: Session, case: Case) -> dict[str, str]:
    """The first write-up, de-identified: what the user starts editing from."""
    places = [case.estate.name, *(a.alias for a in case.estate.aliases)]
    residents = _people(s, case)[1:]

    def clean(text: str | None) -> str:
        return _sentence(deidentify(text, people=[case.party_name], residents=residents, places=places).strip())

    handling = clean(case.measures) or "执法队员现场核查、固定证据，依法责令当事人限期整改。"
    if case.penalty_decided_on is not None:
        fine = f"罚款 {case.penalty_amount} 元" if case.penalty_amount else "行政处罚"
        handling += f"{case.penalty_decided_on.year}年{case.penalty_decided_on.month}月，依法作出{fine}的决定。"
    closed = case.closed_on
    outcome = clean(case.result) or "当事人已按要求整改完毕，案件依法结案。"
    if closed is not None:
        outcome += f"（{closed.year}年{closed.month}月结案）"
    return {
        "title": f"{case.category.name}典型案例"[:40],
        "place": f"{case.street.name}{PLACE_WORD}"[:40],
        "facts": clean(case.facts) or f"居民反映{PLACE_WORD}存在{case.category.name}问题。",
        "legal_basis": "、".join(r.name for r in case.regulations) or "相关法律法规",
        "handling": handling[:300],
        "outcome": outcome[:200],
        "lesson": _lesson(case)[:300],
    }


def _detail(s: Session, t: TypicalCase) -> TypicalDetail:
    used = int(s.scalar(select(func.count()).select_from(training_cases)
                        .where(training_cases.c.case_id == t.case_id)) or 0)
    return TypicalDetail(t.case_id, t.case.number, f"{t.case.category.code} {t.case.category.name}", t.marked_on,
                         t.marked_by, t.title, t.place, t.facts, t.legal_basis, t.handling, t.outcome, t.lesson, used)


def _typical(s: Session, case_id: int) -> TypicalCase:
    t = s.scalar(select(TypicalCase).where(TypicalCase.case_id == case_id))
    if t is None:
        raise ValidationError("该案件尚未标记为典型案例。", field="case")
    return t


@requires("typical_cases")
def mark_typical(ctx: AppContext, case_id: int) -> TypicalDetail:
    """Mark a closed case 典型案例 and draft its de-identified write-up; a case already marked keeps its write-up."""
    with rc.write(ctx, "典型案例") as s:
        case = rc.fetch(s, Case, case_id, "案件")
        if case.status != CLOSED:
            raise ValidationError(f"只有已结案的案件可以标记为典型案例，{case.number} 当前为“{case.status}”。",
                                  field="case")
        existing = s.scalar(select(TypicalCase).where(TypicalCase.case_id == case_id))
        if existing is not None:
            return _detail(s, existing)
        t = TypicalCase(case_id=case.id, marked_on=clock.today(), marked_by=ctx.actor, **draft(s, case))
        s.add(t)
        s.flush()
        return _detail(s, t)


@requires("view")
def get_typical(ctx: AppContext, case_id: int) -> TypicalDetail | None:
    """The case's write-up, or None when the case is not a typical case."""
    with ctx.db.session() as s:
        t = s.scalar(select(TypicalCase).where(TypicalCase.case_id == case_id))
        return None if t is None else _detail(s, t)


@requires("typical_cases")
def update_typical(ctx: AppContext, case_id: int, **parts: str) -> TypicalDetail:
    """Save the edited write-up; refused (nothing saved) while it would identify someone or a part is too long."""
    unknown = set(parts) - set(LABELS)
    if unknown:
        raise ValidationError(f"典型案例没有“{sorted(unknown)[0]}”这一项。", field=sorted(unknown)[0])
    with rc.write(ctx, "典型案例") as s:
        t = _typical(s, case_id)
        people = _people(s, t.case)
        cleaned = {}
        for key, label, limit in PARTS:
            if key not in parts:
                continue
            value = rc.text(parts[key], field=key, label=label, max_len=limit, required=key == "title") or ""
            found = identifying_parts(value, people=people)
            if found:
                raise ValidationError(f"“{label}”中有可识别个人的内容“{found[0]}”（姓名、房号或电话），"
                                      "请删去后再保存。", field=key)
            cleaned[key] = value
        for key, value in cleaned.items():
            setattr(t, key, value)
        s.flush()
        return _detail(s, t)


@requires("typical_cases")
def unmark_typical(ctx: AppContext, case_id: int) -> None:
    """The case is no longer a typical case; its write-up goes with the mark."""
    with rc.write(ctx, "典型案例") as s:
        s.delete(_typical(s, case_id))


@dataclass(frozen=True)
class TypicalRow:
    case_id: int
    case_number: str
    title: str
    marked_on: date
    trainings: int


@requires("view")
def list_typical(ctx: AppContext) -> list[TypicalRow]:
    """Every typical case, newest mark first, with how many trainings used it."""
    with ctx.db.session() as s:
        used: dict[int, int] = {cid: n for cid, n in s.execute(
            select(training_cases.c.case_id, func.count()).group_by(training_cases.c.case_id))}
        rows = s.execute(select(TypicalCase.case_id, Case.number, TypicalCase.title, TypicalCase.marked_on)
                         .join(Case, TypicalCase.case_id == Case.id)
                         .order_by(TypicalCase.marked_on.desc(), Case.number))
        return [TypicalRow(cid, number, title, on, int(used.get(cid, 0))) for cid, number, title, on in rows]


def typical_case_ids(s: Session) -> set[int]:
    return set(s.scalars(select(TypicalCase.case_id)))
