"""The formal brief's sign-off as an office sends it (GB/T 9704 habits): 签发人 and 审核 under the text, then the
版记 block at the foot: 报 (up), 送 (across), 发 (down), each between thin rules (laid out by signoff_block).
No ReportLab here: the 统计简报 and 设置 pages read these lines without loading the PDF machinery.

Names come from 设置 (five settings keys) and can be changed for one brief in the brief dialog; an empty line is
left out, so a station that sends to no one above prints no "报：" line.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from sqlalchemy import select

from controllers.core.context import AppContext
from controllers.core.errors import ValidationError
from controllers.core.permissions import requires
from models.admin import Setting

REPORT_TO_KEY = "brief_report_to"
SEND_TO_KEY = "brief_send_to"
ISSUE_TO_KEY = "brief_issue_to"
SIGNER_KEY = "brief_signer"
REVIEWER_KEY = "brief_reviewer"
LIST_MAX, NAME_MAX = 200, 30


@dataclass(frozen=True)
class Signoff:
    """Who signs and who receives a formal brief; "" leaves a line out."""

    report_to: str = ""  # 报：the offices above (区城管执法局 …)
    send_to: str = ""  # 送：offices alongside
    issue_to: str = ""  # 发：the units below (各中队、各居委 …)
    signer: str = ""  # 签发人
    reviewer: str = ""  # 审核

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))


KEYS = {"report_to": REPORT_TO_KEY, "send_to": SEND_TO_KEY, "issue_to": ISSUE_TO_KEY, "signer": SIGNER_KEY,
        "reviewer": REVIEWER_KEY}
LABELS = {"report_to": "报", "send_to": "送", "issue_to": "发", "signer": "签发人", "reviewer": "审核"}


def clean(signoff: Signoff) -> Signoff:
    """Whitespace folded, lengths checked; ValidationError in Chinese naming the line."""
    values: dict[str, str] = {}
    for name in KEYS:
        value = " ".join(str(getattr(signoff, name) or "").replace("\x00", "").split())
        limit = NAME_MAX if name in ("signer", "reviewer") else LIST_MAX
        if len(value) > limit:
            raise ValidationError(f"“{LABELS[name]}”最多 {limit} 个字，现在有 {len(value)} 个字，请缩短。",
                                  field=KEYS[name])
        values[name] = value
    return replace(signoff, **values)


@requires("view")
def get_signoff(ctx: AppContext) -> Signoff:
    """The sign-off 设置 holds (each line "" until set)."""
    with ctx.db.session() as s:
        rows = dict(s.execute(select(Setting.key, Setting.value).where(Setting.key.in_(KEYS.values()))).all())
    return Signoff(**{name: rows.get(key) or "" for name, key in KEYS.items()})


@requires("edit_settings")
def set_signoff(ctx: AppContext, signoff: Signoff) -> Signoff:
    """Store the five lines in one transaction (all or nothing)."""
    value = clean(signoff)
    with ctx.db.session() as s:
        for name, key in KEYS.items():
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=getattr(value, name)))
            else:
                row.value = getattr(value, name)
    return value
