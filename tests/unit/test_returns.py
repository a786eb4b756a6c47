"""The 12345 return file: hotline work orders only, the platform's columns (renamable, remembered), sent marks that
come back as 待重发 after a reply changes, nothing personal, and the period's 不满意 count."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from controllers.complaints import entry as cc
from controllers.complaints import returns as rf
from controllers.core.errors import ValidationError
from controllers.core.periods import parse_period
from tests.unit.complaint_fixtures import make_reference

MARCH = parse_period("2025-03")


def _hotline(ctx, ref, no: str, day: int, **more) -> int:
    return cc.create_complaint(ctx, channel="12345热线", received_at=datetime(2025, 3, day, 2, 0), work_order_no=no,
                               complainant_name="张三", complainant_phone="13812345678", estate_id=ref.meiling,
                               category_id=ref.c05, content="楼顶违法搭建", address="梅岭小区12号楼502室", **more)


def _answer(ctx, cid, reply: str, *, satisfaction: str | None = None) -> None:
    d = cc.get_complaint(ctx, cid)
    cc.update_handling(ctx, cid, expected_version=d.version, status="已回复", reply=reply,
                       replied_on=date(2025, 3, 10), callback_on=date(2025, 3, 12) if satisfaction else None,
                       satisfaction=satisfaction)


def _sheet(path):
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    return ws, rows[2], rows[3:]


def test_return_file_rows_marks_and_resend(app_ctx, pin_clock, tmp_path):
    pin_clock(date(2025, 3, 20))
    ref = make_reference(app_ctx)
    a = _hotline(app_ctx, ref, "GD001", 3)
    b = _hotline(app_ctx, ref, "GD002", 4)
    cc.create_complaint(app_ctx, channel="来电", content="不是热线", received_at=datetime(2025, 3, 5, 2, 0))
    cc.link_to_case(app_ctx, a, ref.case_id)
    _answer(app_ctx, a, "已责令当事人李四拆除，联系电话13900001111。", satisfaction="不满意")
    version_before = cc.get_complaint(app_ctx, a).version

    result = rf.export_returns(app_ctx, MARCH, tmp_path / "r.xlsx")
    assert (result.rows, result.resent, result.dissatisfied) == (2, 0, 1)
    ws, header, rows = _sheet(tmp_path / "r.xlsx")
    assert header == ("工单编号", "办理结果", "回复内容", "答复时间", "承办单位", "回访时间", "满意度", "关联案件编号",
                      "案件状态")
    assert ws.freeze_panes == "A4"
    first = rows[0]
    assert first[0] == "GD001" and first[3] == datetime(2025, 3, 10) and first[6] == "不满意"
    assert first[7] == "2025-长征-0001" and first[8] == "立案"
    flat = " ".join(str(v) for row in rows for v in row)
    assert "13900001111" not in flat and "13812345678" not in flat and "张三" not in flat and "502" not in flat
    assert cc.get_complaint(app_ctx, a).version == version_before  # a sent mark is not an edit
    assert {r.state for r in rf.return_rows(app_ctx, MARCH)} == {rf.SENT}

    # Nothing changed: --only-unsent has nothing to send. A changed reply goes again, marked 待重发 first.
    assert rf.export_returns(app_ctx, MARCH, tmp_path / "none.xlsx", only_unsent=True).rows == 0
    _answer(app_ctx, b, "已拆除。")
    states = {r.work_order_no: r.state for r in rf.return_rows(app_ctx, MARCH)}
    assert states == {"GD001": rf.SENT, "GD002": rf.RESEND}
    again = rf.export_returns(app_ctx, MARCH, tmp_path / "again.xlsx", only_unsent=True)
    assert (again.rows, again.resent) == (1, 1)
    assert [r[0] for r in _sheet(tmp_path / "again.xlsx")[2]] == ["GD002"]


def test_layout_is_remapped_and_remembered(app_ctx, pin_clock, tmp_path):
    pin_clock(date(2025, 3, 20))
    ref = make_reference(app_ctx)
    _hotline(app_ctx, ref, "GD001", 3)
    renames = rf.parse_renames(["答复内容=处理意见", "工单号=工单号"])
    rf.export_returns(app_ctx, MARCH, tmp_path / "a.xlsx", renames=renames)
    assert _sheet(tmp_path / "a.xlsx")[1][:3] == ("工单号", "办理结果", "处理意见")
    rf.export_returns(app_ctx, MARCH, tmp_path / "b.xlsx")  # remembered
    assert _sheet(tmp_path / "b.xlsx")[1][:3] == ("工单号", "办理结果", "处理意见")
    with pytest.raises(ValidationError, match="两列"):
        rf.set_return_layout(app_ctx, rf.parse_renames(["办理结果=工单号"]))
    for bad in (["答复内容"], ["姓名=诉求人"], ["答复内容="], ["答复内容=" + "长" * 40]):
        with pytest.raises(ValidationError):
            rf.parse_renames(bad)
    assert dict(rf.return_layout(app_ctx))["答复内容"] == "处理意见"
