"""Exported workbooks have a title, filters, Chinese headers and dates a spreadsheet treats as dates."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from controllers.core.errors import UserError
from controllers.documents import xlsx_writer as xlsx_export
from controllers.documents.xlsx_writer import Column, ExportCancelled, export_subtitle, write_table


def test_title_headers_and_real_dates(tmp_path):
    out = tmp_path / "案件.xlsx"
    n = write_table(
        out, title="案件台账", subtitle=export_subtitle(["状态：结案"], datetime(2025, 3, 5, 9, 5)),
        columns=[Column("案件编号", 16), Column("发现日期", 12, "date"), Column("件数", 6, "int")],
        rows=[("2025-长征-0001", date(2025, 3, 1), 3), ("2025-长征-0002", None, 0)],
    )
    assert n == 2
    ws = load_workbook(out).active
    assert ws["A1"].value == "案件台账"
    assert ws["A2"].value == "筛选条件：状态：结案　导出时间：2025-03-05 09:05"
    assert [c.value for c in ws[3]] == ["案件编号", "发现日期", "件数"]
    assert ws["B4"].value == datetime(2025, 3, 1) and ws["B4"].number_format == "yyyy-mm-dd"
    assert ws["B5"].value is None and ws["C5"].value == 0


def test_missing_folder_is_a_clear_message(tmp_path):
    with pytest.raises(UserError, match="不存在"):
        write_table(tmp_path / "无" / "x.xlsx", title="t", subtitle="s", columns=[Column("a")], rows=[])


def test_progress_is_reported_and_a_cancel_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_export, "PROGRESS_EVERY", 2)
    rows = [(f"2025-长征-{i:04d}",) for i in range(7)]
    seen: list[int] = []
    out = tmp_path / "全部.xlsx"
    assert write_table(out, title="t", subtitle="s", columns=[Column("案件编号")], rows=rows,
                       progress=seen.append, cancel=lambda: False) == 7
    assert seen == [0, 2, 4, 6]  # rows written so far, every PROGRESS_EVERY rows
    stopped = tmp_path / "取消.xlsx"
    with pytest.raises(ExportCancelled, match="导出已取消"):
        write_table(stopped, title="t", subtitle="s", columns=[Column("案件编号")], rows=rows,
                    cancel=lambda: len(seen) > 5, progress=seen.append)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["全部.xlsx"]  # no file, no temporary file left
