"""12345 work-order rows: the importable fields, their header synonyms, and parsing/validating one row.

Pure functions over cell values (no database), so the mapping step can re-parse its preview whenever the
user changes a column, and so the rules are testable on their own. Matching to estates and categories,
which needs reference data, lives in the small matcher classes at the end.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from controllers.documents import tabular
from models.enums import COMPLAINT_CHANNELS, COMPLAINT_STATUSES

CHANNEL_12345 = "12345热线"
MAX_WORK_ORDER = 40
MAX_NAME = 60
MAX_ADDRESS = 200


@dataclass(frozen=True)
class ImportField:
    """A complaint field a spreadsheet column can map to."""

    key: str
    label: str  # the usual Chinese column name, used in error messages
    required: bool = False


FIELDS: tuple[ImportField, ...] = (
    ImportField("work_order_no", "工单编号", True),
    ImportField("received_at", "受理时间", True),
    ImportField("complainant_name", "诉求人"),
    ImportField("complainant_phone", "联系电话"),
    ImportField("address", "诉求地址"),
    ImportField("street", "所属街镇"),
    ImportField("category", "诉求类别"),
    ImportField("content", "诉求内容", True),
    ImportField("reply_due", "办理时限"),
    ImportField("status", "办理状态"),
    ImportField("reply", "回复内容"),
    ImportField("channel", "诉求渠道"),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)
REQUIRED = tuple(f.key for f in FIELDS if f.required)
LABELS = {f.key: f.label for f in FIELDS}

SYNONYMS: dict[str, list[str]] = {
    "work_order_no": ["工单编号", "工单号", "工单编码", "工单号码", "编号"],
    "received_at": ["受理时间", "来电时间", "登记时间", "诉求时间", "受理日期", "来电日期"],
    "complainant_name": ["诉求人", "来电人姓名", "来电人", "诉求人姓名", "联系人", "姓名"],
    "complainant_phone": ["联系电话", "来电号码", "诉求人电话", "联系方式", "电话", "手机"],
    "address": ["诉求地址", "事发地址", "事发地点", "问题地址", "地址"],
    "street": ["所属街镇", "街道", "街镇", "所属街道", "所属镇"],
    "category": ["诉求类别", "问题分类", "诉求分类", "问题类别", "类别", "分类"],
    "content": ["诉求内容", "问题描述", "诉求描述", "来电内容", "内容"],
    "reply_due": ["办理时限", "办结时限", "处理时限", "时限", "截止时间"],
    "status": ["办理状态", "工单状态", "处理状态", "状态"],
    "reply": ["回复内容", "办理结果", "处理结果", "答复内容", "回复"],
    "channel": ["诉求渠道", "来源渠道", "渠道", "来源"],
}

# The file's status words -> our statuses; anything else (待签收, 待派单...) is 待处理.
_STATUS_WORDS = {
    "已办结": "已办结", "办结": "已办结", "已完成": "已办结", "完成": "已办结", "已结案": "已办结", "结案": "已办结",
    "已处理": "已办结", "处理中": "处理中", "办理中": "处理中", "已签收": "处理中", "已派单": "处理中",
    "已转办": "处理中", "已受理": "处理中", "已回复": "已回复", "已回访": "已回复", "已答复": "已回复",
    "已反馈": "已回复", "回复": "已回复",
}
_ANONYMOUS = {"匿名", "无", "不详", "未知", "-", "—", "/"}


def map_status(value: str | None) -> str:
    """A work order's status in our vocabulary (已办结/处理中/已回复, otherwise 待处理)."""
    if not value:
        return "待处理"
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))
    if s in COMPLAINT_STATUSES:
        return s
    return _STATUS_WORDS.get(s, "待处理")


def status_rank(status: str) -> int:
    return COMPLAINT_STATUSES.index(status) if status in COMPLAINT_STATUSES else 0


@dataclass(frozen=True)
class Due:
    """办理时限 as written: a date, or a number of (working or calendar) days from receipt."""

    on: date | None = None
    days: int | None = None
    working: bool = True


@dataclass
class ParsedRow:
    """One spreadsheet row parsed and validated; `errors` are Chinese reasons, empty when the row is valid."""

    row: int
    work_order_no: str | None = None
    received_at: datetime | None = None  # Shanghai local time, as written in the file
    channel: str = CHANNEL_12345
    complainant_name: str | None = None
    complainant_phone: str | None = None
    address: str | None = None
    street: str | None = None
    category: str | None = None
    content: str | None = None
    due: Due | None = None
    status: str = "待处理"
    reply: str | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return "；".join(self.errors)


def _cell(values: Sequence[Any], mapping: Mapping[str, int], key: str) -> Any:
    col = mapping.get(key)
    if col is None or col < 0 or col >= len(values):
        return None
    return values[col]


def parse_due(value: Any) -> Due | None:
    """办理时限: a date, '5个工作日', '7天', or a bare number of working days; ValueError if unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 365:
        return Due(days=int(value))
    if isinstance(value, str):
        s = unicodedata.normalize("NFKC", value).strip()
        m = re.fullmatch(r"(\d{1,3})\s*(个)?\s*(工作日|自然日|天|日)?", s)
        if m and 0 < int(m.group(1)) <= 365:
            return Due(days=int(m.group(1)), working=m.group(3) in (None, "工作日"))
    try:
        on = tabular.parse_date(value)
    except ValueError:
        raise ValueError(f"办理时限“{tabular.clean_text(value)}”无法识别") from None
    return None if on is None else Due(on=on)


def parse_row(row: int, values: Sequence[Any], mapping: Mapping[str, int]) -> ParsedRow:
    """Parse one data row with the column mapping; every problem becomes a Chinese reason in `errors`."""
    p = ParsedRow(row=row)
    errors = p.errors
    no = tabular.clean_text(_cell(values, mapping, "work_order_no"))
    if not no:
        errors.append("缺少工单编号")
    elif len(no) > MAX_WORK_ORDER:
        errors.append(f"工单编号超过 {MAX_WORK_ORDER} 个字符")
    else:
        p.work_order_no = unicodedata.normalize("NFKC", no).replace(" ", "")
    raw_at = _cell(values, mapping, "received_at")
    try:
        p.received_at = tabular.parse_datetime(raw_at)
        if p.received_at is None:
            errors.append("缺少受理时间")
    except ValueError:
        errors.append(f"受理时间“{tabular.clean_text(raw_at)}”无法识别，应为 2025-03-05 09:05 这样的日期时间")
    p.content = tabular.clean_text(_cell(values, mapping, "content"))
    if not p.content:
        errors.append("诉求内容为空")
    name = tabular.clean_text(_cell(values, mapping, "complainant_name"))
    if name and name not in _ANONYMOUS:
        if len(name) > MAX_NAME:
            errors.append(f"诉求人姓名超过 {MAX_NAME} 个字符")
        else:
            p.complainant_name = name
    raw_phone = _cell(values, mapping, "complainant_phone")
    phone_text = tabular.clean_text(raw_phone)
    if phone_text and any(ch.isdigit() for ch in unicodedata.normalize("NFKC", phone_text)):
        try:
            p.complainant_phone = tabular.normalise_phone(raw_phone)
        except ValueError as exc:
            errors.append(f"联系{exc}")
    p.address = tabular.clean_text(_cell(values, mapping, "address"))
    if p.address and len(p.address) > MAX_ADDRESS:
        errors.append(f"诉求地址超过 {MAX_ADDRESS} 个字符")
    p.street = tabular.clean_text(_cell(values, mapping, "street"))
    p.category = tabular.clean_text(_cell(values, mapping, "category"))
    try:
        p.due = parse_due(_cell(values, mapping, "reply_due"))
    except ValueError as exc:
        errors.append(str(exc))
    p.status = map_status(tabular.clean_text(_cell(values, mapping, "status")))
    p.reply = tabular.clean_text(_cell(values, mapping, "reply"))
    channel = tabular.clean_text(_cell(values, mapping, "channel"))
    p.channel = channel if channel in COMPLAINT_CHANNELS else CHANNEL_12345
    return p


def display_values(p: ParsedRow) -> tuple[str, ...]:
    """The parsed row as text per field (FIELDS order), for the mapping step's preview."""
    due = ""
    if p.due is not None:
        due = p.due.on.isoformat() if p.due.on else f"{p.due.days}{'个工作日' if p.due.working else '天'}"
    values = {
        "work_order_no": p.work_order_no, "complainant_name": p.complainant_name,
        "received_at": p.received_at.strftime("%Y-%m-%d %H:%M") if p.received_at else "",
        "complainant_phone": p.complainant_phone, "address": p.address, "street": p.street,
        "category": p.category, "content": p.content, "reply_due": due, "status": p.status,
        "reply": p.reply, "channel": p.channel,
    }
    return tuple(values[k] or "" for k in FIELD_KEYS)


# ---------------------------------------------------------------- matching to reference data


def match_text(value: str) -> str:
    """Text for matching names inside addresses: half-width, no whitespace, case-folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)).casefold()


class EstateMatcher:
    """Finds the estate named in an address by estate name or alias; the longest name found wins."""

    def __init__(self, names: Sequence[tuple[int, str, int]], aliases: Sequence[tuple[int, str]],
                 street_names: Sequence[str] = ()) -> None:
        self.street_of = {eid: sid for eid, _n, sid in names}
        self.keys: dict[str, set[int]] = {}
        for eid, name in [(e, n) for e, n, _s in names] + list(aliases):
            key = match_text(name)
            if len(key) >= 2:
                self.keys.setdefault(key, set()).add(eid)
        self.lengths = sorted({len(k) for k in self.keys}, reverse=True)
        # Street names are removed first: 曹杨新村街道 must not match the estate 曹杨新村.
        self.street_words = sorted((match_text(s) for s in street_names if s), key=len, reverse=True)

    def match(self, text: str | None, street_id: int | None = None) -> int | None:
        if not text:
            return None
        t = match_text(text)
        for word in self.street_words:
            t = t.replace(word, "|")
        for length in self.lengths:
            if length > len(t):
                continue
            found: set[int] = set()
            for i in range(len(t) - length + 1):
                ids = self.keys.get(t[i : i + length])
                if ids:
                    found |= ids
            if found:
                if len(found) == 1:
                    return next(iter(found))
                local = {e for e in found if self.street_of.get(e) == street_id}
                return next(iter(local)) if len(local) == 1 else None  # ambiguous: let the user decide
        return None


# Keywords in a category cell or the complaint's text -> category code (codes are stable, names editable).
_CATEGORY_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("建筑垃圾", "C08"), ("装修垃圾", "C08"), ("承重", "C04"), ("主体结构", "C04"), ("群租", "C03"),
    ("未申报", "C01"), ("未登记", "C01"), ("使用性质", "C02"), ("住改商", "C02"), ("改成小饭店", "C02"),
    ("违法搭建", "C05"), ("违章搭建", "C05"), ("违建", "C05"), ("搭建", "C05"), ("阳光房", "C05"),
    ("占用共用", "C06"), ("共用部分", "C06"), ("楼道堆物", "C06"), ("毁绿", "C09"), ("占绿", "C09"),
    ("绿地", "C09"), ("小广告", "C10"), ("充电", "C13"), ("飞线", "C13"), ("电动自行车", "C12"),
    ("电瓶车", "C12"), ("生活垃圾", "C07"), ("垃圾", "C07"), ("物业", "C11"), ("其他", "C99"),
)


class CategoryMatcher:
    """Finds a category from the file's category word (name, code, part of a name) or keywords."""

    def __init__(self, categories: Sequence[tuple[int, str, str]]) -> None:
        self.by_name = {match_text(name): cid for cid, _code, name in categories}
        self.by_code = {code.casefold(): cid for cid, code, _name in categories}

    def match(self, category: str | None, content: str | None = None) -> int | None:
        if category:
            c = match_text(category)
            if c in self.by_name:
                return self.by_name[c]
            if c in self.by_code:
                return self.by_code[c]
            if len(c) >= 2:
                hits = {cid for name, cid in self.by_name.items() if c in name or name in c}
                if len(hits) == 1:
                    return next(iter(hits))
            found = self._keywords(c)
            if found is not None:
                return found
        return self._keywords(match_text(content)) if content else None

    def _keywords(self, text: str) -> int | None:
        for word, code in _CATEGORY_KEYWORDS:
            if word in text and code.casefold() in self.by_code:
                return self.by_code[code.casefold()]
        return None


_ALIAS_PREFIX_RE = re.compile(r"^(上海市|上海)?(普陀区)?")
_ALIAS_TAIL_RE = re.compile(r"\d+\s*(号楼|号|弄|栋|幢|室|单元|支弄|楼|层|座).*$")


def suggest_alias(text: str, street_names: Sequence[str] = ()) -> str:
    """The part of an address that names the place: no city/district/street prefix, no house numbers."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    s = _ALIAS_PREFIX_RE.sub("", s)
    for name in sorted(street_names, key=len, reverse=True):
        if name and s.startswith(name):
            s = s[len(name):]
    s = _ALIAS_TAIL_RE.sub("", s).strip("，,。.;；:： ")
    return s or re.sub(r"\s+", "", text)[:100]
