"""Complaint entry, handling and links to cases (诉件登记、办理、关联案件); repeat detection runs on entry.

Times: `received_at` is a naive UTC instant (as stored); the UI converts from and to Shanghai time with the
clock's `to_utc` / `to_local`. Reply deadlines and dates are Shanghai calendar dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from controllers.complaints.repeats import detect_repeats
from controllers.core import clock, privacy
from controllers.core.clock import to_local, utcnow
from controllers.core.context import AppContext
from controllers.core.errors import ConflictError, NotFoundError, ValidationError
from controllers.core.normalize import normalize_phone
from controllers.core.permissions import requires
from controllers.core.privacy import mask_name, mask_phone, may_unmask, text_masker
from controllers.core.workdays import estimate_note, load_calendar
from controllers.reference import checks as rc
from controllers.reference.reply_templates import TO_FILL
from controllers.station.views import require_own_estate, require_visible
from models.admin import Setting
from models.cases import Case
from models.complaints import Complaint
from models.enums import COMPLAINT_CHANNELS, COMPLAINT_STATUSES, SATISFACTION
from models.reference import Category, Estate, EstateAlias

# The vocabularies, for pickers (the UI does not import models).
CHANNELS = COMPLAINT_CHANNELS
STATUSES = COMPLAINT_STATUSES
SATISFACTION_LEVELS = SATISFACTION
REPLY_DAYS_PREFIX = "reply_days."
# Working days to reply per channel when the station has not set its own (12345 asks for 5 working days).
DEFAULT_REPLY_DAYS = {"12345热线": 5, "来电": 5, "来访": 5, "信件": 15, "网络": 5, "居委转交": 5, "社区工作室": 5}
CONTENT_MAX = 2000
REPLY_MAX = 2000
CLOSED_CASE_STATUS = "结案"
REPLIED = "已回复"
REPLY_DUE_AFTER_CASE_CLOSED = "案件已结案，待回复"


@dataclass(frozen=True)
class ComplaintDetail:
    """One complaint as the handling dialog shows it; name and phone masked unless revealed."""

    id: int
    version: int
    work_order_no: str | None
    channel: str
    received_at: datetime  # Shanghai local time
    complainant_name: str
    complainant_phone: str
    estate_id: int | None
    estate: str
    address: str
    category_id: int | None
    category: str
    content: str
    reply_due: date | None
    status: str
    reply: str
    replied_on: date | None
    callback_on: date | None
    satisfaction: str | None
    callback_note: str
    repeat_of_id: int | None
    group_size: int
    case_id: int | None
    case_number: str | None
    case_status: str | None
    overdue: bool
    flag: str  # "案件已结案，待回复" or ""
    reply_due_note: str = ""  # ESTIMATE_NOTE when the reply deadline runs past the calendar's covered years


@dataclass(frozen=True)
class EstateName:
    """A name the estate picker accepts (the estate's own name or an alias) and the estate it means."""

    text: str
    estate_id: int
    estate: str


def reply_days(s: Session, channel: str) -> int:
    """Working days to reply for a channel: settings key reply_days.<channel>, else the default."""
    row = s.get(Setting, REPLY_DAYS_PREFIX + channel)
    if row is not None:
        try:
            value = int(row.value)
            if 0 <= value <= 365:
                return value
        except ValueError:
            pass  # an edited value that is not a number must not block entry: use the default
    return DEFAULT_REPLY_DAYS.get(channel, 5)


@requires("view")
def default_reply_due(ctx: AppContext, *, channel: str, received_on: date) -> date:
    """The reply deadline the entry form proposes: the channel's working days after the day received."""
    with ctx.db.session() as s:
        return load_calendar(s).add_working_days(received_on, reply_days(s, channel))


@requires("view")
def estate_names(ctx: AppContext) -> list[EstateName]:
    """Every estate name and alias for type-ahead, names first."""
    with ctx.db.session() as s:
        names = s.execute(select(Estate.name, Estate.id, Estate.name).order_by(Estate.name)).all()
        aliases = s.execute(
            select(EstateAlias.alias, Estate.id, Estate.name).join(Estate).order_by(EstateAlias.alias)
        ).all()
    return [EstateName(t, i, n) for t, i, n in [*names, *aliases]]


@requires("view")
def resolve_estate(ctx: AppContext, text: str) -> int | None:
    """The estate a typed name or alias means; None for empty text; ValidationError when unknown."""
    cleaned = (text or "").strip()
    if not cleaned:
        return None
    with ctx.db.session() as s:
        found = s.scalar(select(Estate.id).where(Estate.name == cleaned).limit(1))
        if found is None:
            found = s.scalar(select(EstateAlias.estate_id).where(EstateAlias.alias == cleaned))
    if found is None:
        raise ValidationError(f"没有名为“{cleaned}”的小区，请从提示中选择，或先在基础数据中添加。", field="estate_id")
    return int(found)


def _channel(value: str | None) -> str:
    return rc.one_of(value, COMPLAINT_CHANNELS, field="channel", label="来源渠道")


@requires("edit_complaints")
def create_complaint(ctx: AppContext, *, channel: str, received_at: datetime | None = None,
                     complainant_name: str | None = None, complainant_phone: str | None = None,
                     estate_id: int | None = None, address: str | None = None, category_id: int | None = None,
                     content: str, reply_due: date | None = None, work_order_no: str | None = None) -> int:
    """Register a complaint (received_at in UTC, default now) and link it to its repeats; returns its id."""
    channel = _channel(channel)
    now = utcnow()
    received = received_at or now
    if received > now + timedelta(minutes=10):
        raise ValidationError("受理时间不能晚于现在。", field="received_at")
    name = rc.text(complainant_name, field="complainant_name", label="投诉人姓名", max_len=60)
    phone = normalize_phone(rc.phone(complainant_phone, field="complainant_phone", label="联系电话"))
    addr = rc.text(address, field="address", label="地址", max_len=200)
    body = rc.required_text(content, field="content", label="诉求内容", max_len=CONTENT_MAX)
    order_no = rc.text(work_order_no, field="work_order_no", label="工单号", max_len=40)
    received_on = to_local(received).date()
    if reply_due is not None and reply_due < received_on:
        raise ValidationError("答复期限不能早于受理日期。", field="reply_due")
    with rc.write(ctx, "诉件") as s:
        street_id = None
        if estate_id is not None:
            street_id = rc.fetch(s, Estate, estate_id, "小区").street_id
            require_own_estate(s, estate_id)
        if category_id is not None:
            rc.fetch(s, Category, category_id, "类别")
        rc.ensure_unique(s, Complaint.work_order_no, order_no, exclude_id=None, field="work_order_no",
                         message=f"工单号“{order_no}”已登记过，请在列表中搜索该工单。")
        due = reply_due or load_calendar(s).add_working_days(received_on, reply_days(s, channel))
        c = Complaint(channel=channel, received_at=received, complainant_name=name, complainant_phone=phone,
                      street_id=street_id, estate_id=estate_id, address=addr, category_id=category_id,
                      content=body, reply_due=due, status="待处理", work_order_no=order_no)
        s.add(c)
        s.flush()
        detect_repeats(s, [c.id])
        return c.id


def _load(s: Session, complaint_id: int) -> Complaint:
    return rc.fetch(s, Complaint, complaint_id, "诉件")


def _detail(s: Session, c: Complaint, *, reveal_personal: bool, today: date, full_text: bool) -> ComplaintDetail:
    """full_text: the role may see personal data, so content, reply and note come as typed (the handling dialog
    saves them back); for other roles names and phones typed into them are masked too."""
    first = c.repeat_of_id or c.id
    size = 1 + int(s.scalar(select(func.count()).where(Complaint.repeat_of_id == first)) or 0)
    case_number = c.case.number if c.case else None
    case_status = c.case.status if c.case else None
    name = c.complainant_name or ""
    phone = c.complainant_phone or ""
    text = text_masker(full_text, (name,))
    return ComplaintDetail(
        id=c.id, version=c.version, work_order_no=c.work_order_no, channel=c.channel,
        received_at=to_local(c.received_at),
        complainant_name=name if reveal_personal else mask_name(name),
        complainant_phone=phone if reveal_personal else mask_phone(phone),
        estate_id=c.estate_id, estate=c.estate.name if c.estate else "", address=c.address or "",
        category_id=c.category_id, category=f"{c.category.code} {c.category.name}" if c.category else "",
        content=text(c.content) or "", reply_due=c.reply_due, status=c.status, reply=text(c.reply) or "",
        replied_on=c.replied_on, callback_on=c.callback_on, satisfaction=c.satisfaction,
        callback_note=text(c.callback_note) or "",
        repeat_of_id=c.repeat_of_id, group_size=size,
        case_id=c.case_id, case_number=case_number, case_status=case_status,
        overdue=is_overdue(c.status, c.reply_due, today),
        flag=reply_flag(c.status, case_status),
        reply_due_note=estimate_note(s, c.reply_due),
    )


def is_overdue(status: str, reply_due: date | None, today: date) -> bool:
    """A reply is overdue when its deadline has passed and the complaint is not 已回复."""
    return reply_due is not None and reply_due < today and status != REPLIED


def reply_flag(status: str, case_status: str | None) -> str:
    """"案件已结案，待回复" when the linked case closed and the complainant has not had the reply yet."""
    return REPLY_DUE_AFTER_CASE_CLOSED if case_status == CLOSED_CASE_STATUS and status != REPLIED else ""


@requires("view")
def get_complaint(ctx: AppContext, complaint_id: int, *, reveal_personal: bool = False) -> ComplaintDetail:
    """One complaint; `reveal_personal` (显示完整信息) is refused for roles without it and written to the audit log."""
    with ctx.db.session() as s:
        complaint = _load(s, complaint_id)
        require_visible(ctx, s, complaint.estate_id, noun="诉件")
        if reveal_personal:
            privacy.unmask(ctx, entity="complaints", entity_uuid=complaint.uuid)
        return _detail(s, complaint, reveal_personal=reveal_personal, today=clock.today(),
                       full_text=may_unmask(ctx))


@requires("edit_complaints")
def update_handling(ctx: AppContext, complaint_id: int, *, expected_version: int, status: str,
                    reply: str | None = None, replied_on: date | None = None, callback_on: date | None = None,
                    satisfaction: str | None = None, callback_note: str | None = None) -> ComplaintDetail:
    """Record handling, reply and callback; refuses if someone saved the complaint since it was opened."""
    status = rc.one_of(status, COMPLAINT_STATUSES, field="status", label="办理状态")
    reply_text = rc.text(reply, field="reply", label="答复内容", max_len=REPLY_MAX)
    note = rc.text(callback_note, field="callback_note", label="回访记录", max_len=REPLY_MAX)
    today = clock.today()
    if status == REPLIED and (reply_text is None or replied_on is None):
        raise ValidationError("状态为“已回复”时，请填写答复内容和答复日期。",
                              field="reply" if reply_text is None else "replied_on")
    if reply_text is not None and TO_FILL in reply_text:
        # A template's field the record could not fill: the reply goes back to the resident and the platform.
        raise ValidationError(f"答复内容中还有“{TO_FILL}”，请补全或删去后再保存。", field="reply")
    if satisfaction is not None and satisfaction not in SATISFACTION:
        raise ValidationError(f"满意度应为：{'、'.join(SATISFACTION)}。", field="satisfaction")
    if satisfaction is not None and callback_on is None:
        raise ValidationError("填写满意度时，请同时填写回访日期。", field="callback_on")
    for value, field, label in ((replied_on, "replied_on", "答复日期"), (callback_on, "callback_on", "回访日期")):
        if value is not None and value > today:
            raise ValidationError(f"{label}不能晚于今天。", field=field)
    if replied_on and callback_on and callback_on < replied_on:
        raise ValidationError("回访日期不能早于答复日期。", field="callback_on")
    with rc.write(ctx, "诉件") as s:
        c = _load(s, complaint_id)
        require_own_estate(s, c.estate_id)
        if c.version != expected_version:
            raise ConflictError("该诉件已被他人修改，请关闭后重新打开再办理。")
        received_on = to_local(c.received_at).date()
        if replied_on is not None and replied_on < received_on:
            raise ValidationError("答复日期不能早于受理日期。", field="replied_on")
        c.status, c.reply, c.replied_on = status, reply_text, replied_on
        c.callback_on, c.satisfaction, c.callback_note = callback_on, satisfaction, note
        s.flush()
        return _detail(s, c, reveal_personal=False, today=today, full_text=may_unmask(ctx))


@dataclass(frozen=True)
class CaseRef:
    """A case a complaint can be linked to, found by its number."""

    id: int
    number: str
    status: str


@requires("view")
def find_case(ctx: AppContext, number: str) -> CaseRef:
    """The case with this number (2025-长征-0037); ValidationError saying how to find it otherwise."""
    cleaned = (number or "").strip()
    if not cleaned:
        raise ValidationError("请输入案件编号，例如 2025-长征-0037。", field="case_number")
    with ctx.db.session() as s:
        row = s.execute(select(Case.id, Case.number, Case.status).where(Case.number == cleaned)).first()
    if row is None:
        raise ValidationError(f"没有编号为“{cleaned}”的案件，请在案件台账中核对编号。", field="case_number")
    return CaseRef(int(row[0]), str(row[1]), str(row[2]))


@requires("edit_complaints")
def link_to_case(ctx: AppContext, complaint_id: int, case_id: int | None) -> None:
    """Link a complaint to a case (None unlinks)."""
    with rc.write(ctx, "诉件") as s:
        c = _load(s, complaint_id)
        if case_id is not None:
            rc.fetch(s, Case, case_id, "案件")
        c.case_id = case_id


@requires("edit_complaints")
def link_group_to_case(ctx: AppContext, complaint_id: int, case_id: int) -> int:
    """Link every complaint of the repeat group of `complaint_id` to the case; returns how many were linked."""
    with rc.write(ctx, "诉件") as s:
        c = _load(s, complaint_id)
        rc.fetch(s, Case, case_id, "案件")
        first = c.repeat_of_id or c.id
        members = s.scalars(select(Complaint).where(or_(Complaint.id == first, Complaint.repeat_of_id == first)))
        count = 0
        for m in members:
            m.case_id = case_id
            count += 1
        if count == 0:
            raise NotFoundError("找不到该诉件所在的重复投诉组，请刷新列表。")
        return count


@requires("view")
def group_first(ctx: AppContext, complaint_id: int) -> int:
    """The id of the first complaint of the group (the complaint itself when it is not a repeat)."""
    with ctx.db.session() as s:
        return int(_load(s, complaint_id).repeat_of_id or complaint_id)
