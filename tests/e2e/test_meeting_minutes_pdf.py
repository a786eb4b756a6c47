"""Meeting minutes (会商纪要) as a reader gets them: pdftotext against the meeting, fonts embedded, page numbers,
hostile text printed literally, no complainant's personal data, PDF metadata, the audit entry, the CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from controllers.accounts import audit_log
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError
from controllers.core.paths import DataDir
from controllers.meetings import actions as ma
from controllers.meetings import records as mt
from controllers.meetings.minutes import mask_phones, write_minutes
from controllers.station.settings import get_station_name
from controllers.storage.opening import open_data_dir
from tests.e2e.test_briefs_pdf import HOSTILE, assert_fonts_embedded, assert_numbered
from tests.e2e.test_cli import assert_refused, cli
from tests.unit.test_meetings import TODAY, dept_ids, seed_items


def pdftotext(path: Path) -> list[str]:
    """Text per page as poppler extracts it (what a reader copying from the PDF gets)."""
    assert shutil.which("pdftotext"), "pdftotext missing: install poppler-utils"
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [page for page in out.split("\f") if page.strip()]


def flat(texts: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(texts))


def hostile_meeting(ctx: AppContext) -> mt.MeetingDetail:
    items = seed_items(ctx)
    return mt.create_meeting(
        ctx, kind="研讨会诊", held_on=date(2025, 6, 1), title=f"群租会诊 {HOSTILE}", venue="工作室 <i>会议室</i>",
        people_present="城管 王队长、居委 赵主任（电话 13812345678）", department_ids=dept_ids(ctx, 3),
        decisions="一、联合执法 & 上门劝导；\n二、<b>不</b>得拖延，联系 021-52345678。",
        case_numbers=list(items.case_numbers), work_order_nos=["WO-0003"],
        complaint_ids=[items.lone],
        actions=[ma.ActionInput("上门核查 <u>群租</u>", "城管社区工作室", date(2025, 6, 5)),
                 ma.ActionInput("发整改通知", "居委", date(2025, 6, 30), done=True),
                 ma.ActionInput("回访投诉人", None, None)],
        today=TODAY)


def test_minutes_show_the_meeting_as_recorded(app_ctx: AppContext, tmp_path: Path) -> None:
    detail = hostile_meeting(app_ctx)
    out = tmp_path / "minutes.pdf"
    result = write_minutes(app_ctx, detail.id, out, today=TODAY)
    texts = pdftotext(out)
    text = flat(texts)
    assert result.pages == len(texts) == len(PdfReader(out).pages)
    assert_numbered(texts)
    assert_fonts_embedded(out)
    # header and particulars
    for word in (get_station_name(app_ctx), "会商纪要", "研讨会诊", "2025年6月1日", "2025-06-01"):
        assert word in text
    for name in detail.department_names:
        assert name in text
    assert "王队长" in text and "赵主任" in text  # who attended is what minutes are for
    # discussed cases and the complaint groups (the group of three, then the lone one)
    for case in detail.cases:
        assert case.number in text and case.status in text
    assert "共2组、4件诉件" in text and "第1组" in text and "第2组" in text
    for c in detail.complaints:
        assert (c.work_order_no or f"#{c.id}") in text
    assert text.index("WO-0001") < text.index("WO-0002") < text.index("WO-0003")
    # decisions and action items: owner, deadline, done mark; an open item past its deadline says so
    assert "联合执法&上门劝导" in text
    for row in ("上门核查<u>群租</u>城管社区工作室2025-06-05逾期未完成", "发整改通知居委2025-06-30已完成2025-06-10",
                "回访投诉人—", "共3项，未完成2项，其中逾期1项"):
        assert row in text
    # user text printed literally, never as markup
    assert flat([HOSTILE]).replace("𠮷", "").replace("㙟", "") in text.replace("𠮷", "").replace("㙟", "")
    assert "<i>会议室</i>" in text and "<b>不</b>得拖延" in text


def test_minutes_carry_no_personal_data(app_ctx: AppContext, tmp_path: Path) -> None:
    detail = hostile_meeting(app_ctx)
    out = tmp_path / "minutes.pdf"
    write_minutes(app_ctx, detail.id, out, today=TODAY)
    text = flat(pdftotext(out))
    # complainants (张三丰 13912345678, 李四, 12号302室) never appear; typed-in phone numbers are masked
    for secret in ("张三丰", "李四", "13912345678", "302室", "13812345678", "52345678"):
        assert secret not in text
    assert "138****5678" in text and "021*****5678" in text


def test_pdf_metadata_and_audit(app_ctx: AppContext, tmp_path: Path) -> None:
    detail = hostile_meeting(app_ctx)
    out = tmp_path / "minutes.pdf"
    write_minutes(app_ctx, detail.id, out, today=TODAY)
    meta = PdfReader(out).metadata
    assert meta is not None and meta.title == f"会商纪要 2025-06-01 {detail.title}"
    assert get_station_name(app_ctx) in (meta.author or "") and meta.subject == "研讨会诊 2025年6月1日"
    [entry] = audit_log.list_entries(app_ctx, audit_log.AuditFilter(action="print", entity="meetings"))
    assert "张三丰" not in entry.detail and "13912345678" not in entry.detail  # counts only, never who


def test_empty_meeting_says_none_and_a_gone_meeting_writes_nothing(app_ctx: AppContext, tmp_path: Path) -> None:
    detail = mt.create_meeting(app_ctx, kind="例会", held_on=date(2025, 7, 1), title="7月例会", today=TODAY)
    out = tmp_path / "empty.pdf"
    assert write_minutes(app_ctx, detail.id, out, today=TODAY).pages == 1
    text = flat(pdftotext(out))
    for phrase in ("本次会商未研讨具体案件", "本次会商未研讨诉件", "四、会商决定未记录", "五、待办事项无"):
        assert phrase in text
    mt.delete_meeting(app_ctx, detail.id)
    with pytest.raises(NotFoundError):
        write_minutes(app_ctx, detail.id, tmp_path / "gone.pdf")
    assert not (tmp_path / "gone.pdf").exists()


def test_mask_phones_leaves_other_numbers() -> None:
    assert mask_phones("电话13812345678，工单 2025030500123，案件 2025-长征-0037") == \
        "电话138****5678，工单 2025030500123，案件 2025-长征-0037"
    assert mask_phones(None) == ""


def test_cli_brief_meeting(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    ctx = open_data_dir(DataDir(folder))  # the CLI's --data-dir is a SQLite folder whatever engine the tests use
    try:
        meeting_id = hostile_meeting(ctx).id
    finally:
        ctx.close()
    out = tmp_path / "纪要.pdf"
    result = cli("brief", "meeting", str(meeting_id), "-o", str(out), "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    assert "已生成会商纪要" in result.stdout and "会商纪要" in flat(pdftotext(out))
    missing = cli("brief", "meeting", "9999", "-o", str(tmp_path / "x.pdf"), "--data-dir", str(folder))
    assert "会商" in assert_refused(missing) and not (tmp_path / "x.pdf").exists()
    assert "pdf" in assert_refused(cli("brief", "meeting", str(meeting_id), "-o", str(tmp_path / "m.txt"),
                                       "--data-dir", str(folder)))
