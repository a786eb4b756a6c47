"""The case brief (案件简报): one case on A4 for a supervisor, personal data masked unless the user reveals it.

Photos are printed only after the attachment store re-checked their hash (attachments.open_attachment_path):
a changed or missing photo is replaced by a note saying so, because a brief is evidence handed on.
Photos come as before/after pairs (整改前 beside 整改后), then the other photos two to a row, at most
MAX_PHOTOS of them (one page); the rest are counted in a note.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, KeepTogether, Spacer, Table, TableStyle

from controllers.cases.hold_review import reason_clause, review_line
from controllers.cases.records import get_case
from controllers.cases.view import CaseDetail, Change, TimelineEntry
from controllers.complaints.entry import find_case
from controllers.core import audit, privacy
from controllers.core.clock import local_now
from controllers.core.context import AppContext
from controllers.core.permissions import requires
from controllers.core.privacy import mask_name, mask_phone
from controllers.documents.pdf_pages import (
    BODY_WIDTH,
    BriefResult,
    Progress,
    Text,
    brief_fonts,
    build_a4,
    cn_date,
    cut,
    iso,
    step,
    write_atomically,
)
from controllers.station.settings import get_station_name
from controllers.storage.attachments import AttachmentInfo, TamperedError, open_attachment_path

MAX_PHOTOS = 6
PHOTO_W, PHOTO_H = BODY_WIDTH / 2 - 6 * mm, 56 * mm
PERSONAL_FIELDS = {"party_name", "party_phone", "party_id_no"}


def _value(value: object) -> str:
    return cut(str(value), 60)


def _change_sentence(ch: Change, reveal: bool) -> str:
    """"整改期限定为 2026-02-04", "整改期限由 2026-01-10 改为 2026-02-04", "地点已清空（原为 …）"."""
    if ch.hidden or (ch.field in PERSONAL_FIELDS and not reveal):
        return f"{ch.label}已修改"
    before, after = ch.before not in (None, ""), ch.after not in (None, "")
    if not before and after:
        return f"{ch.label}定为 {_value(ch.after)}"
    if before and not after:
        return f"{ch.label}已清空（原为 {_value(ch.before)}）"
    return f"{ch.label}由 {_value(ch.before)} 改为 {_value(ch.after)}"


def _action(e: TimelineEntry) -> str:
    """What happened, as a person says it: 登记, 由责令整改转为复查, 回头看; "" for a plain edit (changes say it)."""
    if e.kind == "创建":
        return e.to_status or "登记"
    if e.from_status and e.to_status:
        return f"由{e.from_status}转为{e.to_status}"
    if e.to_status:
        return f"转为{e.to_status}"
    return "" if e.kind == "修改" and e.changes else e.kind


def event_sentence(e: TimelineEntry, reveal: bool) -> str:
    """One line of 办理经过: "2025-03-04 登记（王伟）", "2025-03-12 整改期限定为 2026-02-04（王伟）"."""
    changes = [_change_sentence(ch, reveal) for ch in e.changes]
    action = _action(e)
    main, rest = (action, changes) if action else (changes[0] if changes else e.kind, changes[1:])
    note = (e.note or "").strip().rstrip("。；")
    # Notes written before issue 22 may hold "回复。；复查日期…": one mark between clauses, never two.
    extra = re.sub(r"[。；，]+；", "；", "；".join([note, *rest] if note else rest))
    actor = f"（{e.actor}）" if e.actor else ""
    return f"{e.at:%Y-%m-%d} {main}{actor}" + (f"：{cut(extra, 400)}。" if extra else "")


def _facts(t: Text, d: CaseDetail, reveal: bool) -> Table:
    party = d.party_name if reveal else mask_name(d.party_name)
    phone = d.party_phone if reveal else mask_phone(d.party_phone)
    pairs = [
        ("案件编号", d.number, "当前状态", d.status),
        ("类别", f"{d.category_code} {d.category_name}", "来源", d.source),
        ("街镇", d.street_name, "小区", d.estate_name),
        ("地点", d.place or "—", "发现日期", iso(d.found_date)),
        ("当事人", party or "—", "联系电话", phone or "—"),
        ("承办人", d.officer_name or "—", "整改期限",
         iso(d.deadline) + (f"（{d.deadline_note}）" if d.deadline_note else "")),
        ("物业服务企业", d.property_company_name or "—", "结案日期", iso(d.closed_on)),
    ]
    if d.status == "挂账" or d.hold_review_date:  # a hold's review date, and whether it has passed
        review = review_line(d.hold_review_date, d.today) if d.hold_review_date else "未定"
        pairs.append(("挂账原因", reason_clause(d.hold_reason) or "—", "复核日期", review))
    rows = [[t.p(a, "head"), t.p(b, "cell"), t.p(c, "head"), t.p(e, "cell")] for a, b, c, e in pairs]
    w = BODY_WIDTH
    table = Table(rows, colWidths=[w * 0.16, w * 0.34, w * 0.16, w * 0.34])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), t.fonts.latin, 9), ("GRID", (0, 0), (-1, -1), 0.5, "#808080"),
        ("BACKGROUND", (0, 0), (0, -1), "#EEEEEE"),
        ("BACKGROUND", (2, 0), (2, -1), "#EEEEEE"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def _photo_cell(ctx: AppContext, t: Text, att: AttachmentInfo) -> list[Any]:
    caption = f"{att.kind}：{att.caption or att.filename}"
    try:
        path = open_attachment_path(ctx, att.id)
        iw, ih = ImageReader(str(path)).getSize()
    except TamperedError:
        return [t.p(f"照片“{att.filename}”的存档文件已丢失或被改动，为保证证据真实，本简报不予打印。", "small"),
                t.p(caption, "caption")]
    except OSError:
        return [t.p(f"照片“{att.filename}”无法读取，未打印。", "small"), t.p(caption, "caption")]
    scale = min(PHOTO_W / iw, PHOTO_H / ih)
    return [Image(str(path), width=iw * scale, height=ih * scale), t.p(caption, "caption")]


def _photo_rows(photos: list[AttachmentInfo]) -> list[list[AttachmentInfo | None]]:
    """整改前[i] beside 整改后[i]; the other photos follow two to a row."""
    before = [a for a in photos if a.kind == "整改前"]
    after = [a for a in photos if a.kind == "整改后"]
    rest = [a for a in photos if a.kind not in ("整改前", "整改后")]
    rows: list[list[AttachmentInfo | None]] = []
    for i in range(max(len(before), len(after))):
        rows.append([before[i] if i < len(before) else None, after[i] if i < len(after) else None])
    for i in range(0, len(rest), 2):
        rows.append([rest[i], rest[i + 1] if i + 1 < len(rest) else None])
    return rows


def _photos(ctx: AppContext, t: Text, d: CaseDetail) -> list[Any]:
    photos = [a for a in d.attachments if a.is_image]
    others = [a for a in d.attachments if not a.is_image]
    head = t.p("四、证据照片", "h1")
    out: list[Any] = []
    if not photos:
        out += [head, t.p("无。")]
    else:
        rows, shown = [], 0
        for pair in _photo_rows(photos):
            if shown >= MAX_PHOTOS:
                break
            cells: list[Any] = []
            for a in pair:
                if a is None or shown >= MAX_PHOTOS:
                    cells.append("")
                    continue
                cells.append(_photo_cell(ctx, t, a))
                shown += 1
            rows.append(cells)
        grid = Table(rows, colWidths=[BODY_WIDTH / 2] * 2)
        grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), t.fonts.latin, 9), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                  ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        # Heading and photos stay on one page (at most MAX_PHOTOS: three rows fit the type area).
        out.append(KeepTogether([head, grid]))
        if len(photos) > shown:
            out.append(t.p(f"另有 {len(photos) - shown} 张照片未打印，见案件台账。", "small"))
    if others:
        out.append(t.p("其他材料：" + "、".join(a.caption or a.filename for a in others), "small"))
    return out


def _story(ctx: AppContext, t: Text, d: CaseDetail, station: str, reveal: bool) -> list[Any]:
    now = local_now()
    story: list[Any] = [
        t.p(station, "subtitle"), t.p("案件简报", "title"),
        # Two fields, two lines: run together they read as one ("案件编号：… 生成时间：…").
        t.p(f"案件编号：{d.number}", "subtitle"), t.p(f"生成时间：{cn_date(now.date())} {now:%H:%M}", "subtitle"),
        Spacer(1, 4 * mm),
        t.p("一、基本情况", "h1"), _facts(t, d, reveal), Spacer(1, 2 * mm),
        *t.head("案件事实：", "h2"), t.p(d.facts or "—"),
        *t.head("二、法律依据"),
        *([t.p(f"{i}. {name}") for i, name in enumerate(d.regulation_names, start=1)] or [t.p("未列明。")]),
    ]
    if d.measures:
        story += [*t.head("处置措施：", "h2"), t.p(d.measures)]
    if d.penalty_decided_on or d.penalty_doc_no:
        amount = f"，罚款 {d.penalty_amount} 元" if d.penalty_amount is not None else ""
        story.append(t.p(f"行政处罚：{iso(d.penalty_decided_on)} 作出，决定书 {d.penalty_doc_no or '—'}{amount}。"))
    story += t.head("三、办理经过")
    story += [t.p(event_sentence(e, reveal), "step") for e in d.timeline] or [t.p("无记录。")]
    story += _photos(ctx, t, d)
    referrals: list[Any] = [t.p("无。")]
    if d.referrals:
        rr = [[r.department_name, iso(r.referred_on), r.letter_no or "—", cut(r.reason, 120),
               iso(r.reply_due) + ("（估算）" if r.reply_due_note else ""),
               r.status + ("（逾期）" if r.overdue else ""), cut(r.reply, 200) or "—"] for r in d.referrals]
        referrals = [t.table(["部门", "移交日期", "函号", "事由", "回复期限", "状态", "回复"], rr,
                             [22 * mm, 21 * mm, 20 * mm, 28 * mm, 21 * mm, 15 * mm, 29 * mm])]
        estimated = next((r.reply_due_note for r in d.referrals if r.reply_due_note), "")
        if estimated:
            referrals.append(t.p(f"注：标“（估算）”的日期：{estimated}。"))
    # A case has a handful of referrals: the heading and its table stay on one page.
    story.append(KeepTogether([t.p("五、移交与回复", "h1"), *referrals]))
    if d.complaints:
        story.append(t.p(f"关联诉件 {len(d.complaints)} 件："
                         + "；".join(f"{c.received_at:%Y-%m-%d} {c.channel} {c.work_order_no or ''}".strip()
                                    for c in d.complaints[:10]) + ("等" if len(d.complaints) > 10 else "") + "。"))
    story += [*t.head("六、处理结果与回头看"), t.p(f"处理结果：{d.result or '尚无'}")]
    follow = "回头看：" + (f"已于 {iso(d.followup_done_on)} 完成。" if d.followup_done_on else
                          f"应于 {iso(d.followup_due)} 前完成。" if d.followup_due else "结案后安排。")
    story.append(t.p(follow))
    if d.recurrence_of:
        story.append(t.p(f"本案为案件 {d.recurrence_of.number} 结案后的复发。"))
    if d.recurrences:
        story.append(t.p("结案后复发：" + "、".join(f"{c.number}（{c.status}）" for c in d.recurrences) + "。"))
    return [KeepTogether(story[:5]), *story[5:]]


def render_case_brief(ctx: AppContext, detail: CaseDetail, path: str | os.PathLike[str], *,
                      reveal_personal: bool = False, progress: Progress | None = None,
                      cancel: threading.Event | None = None) -> BriefResult:
    """Write the brief of an already loaded case."""
    fonts = brief_fonts(ctx)
    t = Text(fonts, base=11)
    station = get_station_name(ctx)
    step(progress, cancel, 20, "排版")
    story = _story(ctx, t, detail, station, reveal_personal)
    counter = {"pages": 0}
    title = f"案件简报 {detail.number}"

    def build(tmp: str) -> None:
        step(progress, cancel, 50, "生成 PDF")
        build_a4(tmp, story, fonts, counter, title=title, station=station,
                 subject=f"{detail.category_name} {detail.estate_name}", mark="内部资料")

    write_atomically(path, build)
    step(progress, cancel, 100, "完成")
    return BriefResult(path=Path(path), pages=counter["pages"], title=title)


@requires("print")
def write_case_brief(ctx: AppContext, case_id: int, path: str | os.PathLike[str], *, reveal_personal: bool = False,
                     progress: Progress | None = None, cancel: threading.Event | None = None) -> BriefResult:
    """Load the case (NotFoundError if gone) and write its brief to path; the print is audited."""
    if reveal_personal:
        privacy.unmask(ctx, entity="cases", count=1)  # refuses roles that may not see personal data
    step(progress, cancel, 5, "读取案件")
    detail = get_case(ctx, case_id, masked=not reveal_personal)  # free text masked too unless revealed
    result = render_case_brief(ctx, detail, path, reveal_personal=reveal_personal,
                               progress=progress, cancel=cancel)
    audit.exported(ctx, "cases", 1, action="print", personal=reveal_personal)
    return result


@requires("view")
def case_id_by_number(ctx: AppContext, number: str) -> int:
    """The id of the case numbered like 2025-长征-0037 (ValidationError in Chinese when there is none)."""
    return find_case(ctx, number).id
