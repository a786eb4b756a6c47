"""Reply templates offered for one complaint or case, their fields filled from the record (never from personal data).

The handling dialog and the case window call `templates_for_complaint` / `templates_for_case`; the clerk picks one
and edits the text before saving. The values come only from the matter: estate, category, dates, the case's
number and deadline, the department a referral went to. The complainant's and party's fields are never read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from controllers.core import clock
from controllers.core.clock import to_local
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.reference import checks as rc
from controllers.reference.reply_templates import fill, list_templates
from models.cases import Case, Referral
from models.complaints import Complaint
from models.reference import Department

# Which date {日期} means for each kind of reply: when the matter was received, when it was referred, else today.
RECEIVED, REFERRED = "受理告知", "移交告知"


@dataclass(frozen=True)
class FilledTemplate:
    """A template ready to drop into a reply box: which one, and its text with the record's fields filled in."""

    template_id: int
    kind: str
    name: str
    text: str

    @property
    def label(self) -> str:
        return f"{self.kind}（{self.name}）"


def chinese_date(day: date | None) -> str:
    """2025年3月4日, as a letter to a resident writes it; "" for no date."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _latest_referral(s: Session, *, case_id: int | None, complaint_id: int | None) -> tuple[str, date] | None:
    conditions = []
    if case_id is not None:
        conditions.append(Referral.case_id == case_id)
    if complaint_id is not None:
        conditions.append(Referral.complaint_id == complaint_id)
    if not conditions:
        return None
    row = s.execute(select(Department.name, Referral.referred_on).join(Department)
                    .where(or_(*conditions)).order_by(Referral.referred_on.desc(), Referral.id.desc())).first()
    return (str(row[0]), row[1]) if row else None


def _values(s: Session, *, estate: str, category: str, received: date | None, case: Case | None,
            complaint_id: int | None) -> dict[str, dict[str, str]]:
    """Field values per kind of reply (only {日期} differs between kinds)."""
    referral = _latest_referral(s, case_id=case.id if case else None, complaint_id=complaint_id)
    common = {
        "小区": estate, "类别": category,
        "整改期限": chinese_date(case.deadline) if case else "",
        "承办部门": referral[0] if referral else "",
        "案件编号": case.number if case else "",
    }
    today = clock.today()
    dates = {RECEIVED: received or today, REFERRED: referral[1] if referral else today}
    return {kind: {**common, "日期": chinese_date(dates.get(kind, today))} for kind in (RECEIVED, REFERRED, "")}


def _filled(ctx: AppContext, category_id: int | None, values: dict[str, dict[str, str]],
            kind: str | None) -> list[FilledTemplate]:
    if category_id is None:
        return []
    rows = list_templates(ctx, category_id=category_id, kind=kind, active_only=True)
    return [FilledTemplate(r.id, r.kind, r.name, fill(r.body, values.get(r.kind, values[""]))) for r in rows]


@requires("view")
def templates_for_complaint(ctx: AppContext, complaint_id: int, *, kind: str | None = None) -> list[FilledTemplate]:
    """The active templates of the complaint's category (of one kind when given), filled from the complaint and its
    linked case; [] when the complaint has no category yet."""
    with ctx.db.session() as s:
        c = rc.fetch(s, Complaint, complaint_id, "诉件")
        values = _values(s, estate=c.estate.name if c.estate else "", category=c.category.name if c.category else "",
                         received=to_local(c.received_at).date(), case=c.case, complaint_id=c.id)
        category_id = c.category_id
    return _filled(ctx, category_id, values, kind)


@requires("view")
def templates_for_case(ctx: AppContext, case_id: int, *, kind: str | None = None) -> list[FilledTemplate]:
    """The active templates of the case's category, filled from the case (for the result or a referral notice)."""
    with ctx.db.session() as s:
        case = rc.fetch(s, Case, case_id, "案件")
        values = _values(s, estate=case.estate.name, category=case.category.name, received=case.found_date,
                         case=case, complaint_id=None)
        category_id = case.category_id
    return _filled(ctx, category_id, values, kind)
