"""Issue 21 on the command line: the 12345 return file, reply templates, typical cases and the new ledgers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from controllers.complaints import entry as cc
from controllers.core import paths
from controllers.storage.opening import open_data_dir
from models.cases import Case
from tests.e2e.test_cli import assert_refused, cli
from tests.unit.complaint_fixtures import make_reference


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Two 12345 work orders in March 2025, one answered, linked to a closed case and called back 不满意."""
    folder = tmp_path / "data"
    ctx = open_data_dir(paths.DataDir(folder))
    try:
        ref = make_reference(ctx)
        with ctx.db.session() as s:
            case = s.get(Case, ref.case_id)
            case.status, case.closed_on, case.place = "结案", date(2025, 3, 8), "梅岭小区12号楼502室"
            case.party_name, case.result = "李四", "已拆除"
        for no, day in (("GD001", 3), ("GD002", 4)):
            cid = cc.create_complaint(ctx, channel="12345热线", received_at=datetime(2025, 3, day, 2, 0),
                                      work_order_no=no, complainant_name="张三", complainant_phone="13812345678",
                                      estate_id=ref.meiling, category_id=ref.c05, content="楼顶违法搭建")
        cc.link_to_case(ctx, cid, ref.case_id)
        cc.update_handling(ctx, cid, expected_version=cc.get_complaint(ctx, cid).version, status="已回复",
                           reply="已拆除", replied_on=date(2025, 3, 9), callback_on=date(2025, 3, 10),
                           satisfaction="不满意")
    finally:
        ctx.close()
    return folder


def test_return_file_then_only_unsent(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "回传.xlsx"
    result = cli("export", "12345-replies", "--period", "2025-03", "--column", "答复内容=回复内容", "-o", str(out),
                 "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert "2 件" in result.stdout and "不满意 1 件" in result.stdout
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[2][2] == "回复内容" and [r[0] for r in rows[3:]] == ["GD001", "GD002"]
    again = cli("export", "12345-replies", "--period", "2025-03", "--only-unsent", "-o", str(out),
                "--data-dir", str(data))
    assert again.returncode == 0 and "已导出 0 件" in again.stdout, again.stderr


@pytest.mark.parametrize("args", [
    ("export", "12345-replies", "--period", "2025-13", "-o", "x.xlsx"),
    ("export", "12345-replies", "--period", "2025-03", "--column", "姓名=诉求人", "-o", "x.xlsx"),
    ("templates", "--kind", "随便"),
    ("templates", "--category", "C77"),
])
def test_bad_input_is_one_chinese_line(data: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    assert_refused(cli(*args, "--data-dir", str(data)))
    assert not (tmp_path / "x.xlsx").exists()


def test_templates_list(data: Path) -> None:
    result = cli("templates", "--category", "C03", "--kind", "受理告知", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert "C03 群租｜受理告知｜通用" in result.stdout and "共 1 个模板" in result.stdout


def test_referral_and_company_ledgers_export(data: Path, tmp_path: Path) -> None:
    for target, word in (("referrals", "移交台账"), ("companies", "履职台账")):
        out = tmp_path / f"{target}.xlsx"
        result = cli("export", target, "-o", str(out), "--data-dir", str(data))
        assert result.returncode == 0 and word in result.stdout, result.stderr
        assert load_workbook(out).active.freeze_panes == "A4"


def test_typical_case_mark_list_pdf_text(data: Path, tmp_path: Path) -> None:
    marked = cli("typical", "mark", "2025-长征-0001", "--data-dir", str(data))
    assert marked.returncode == 0 and "已标记为典型案例" in marked.stdout, marked.stderr
    listed = cli("typical", "list", "--data-dir", str(data))
    assert "2025-长征-0001" in listed.stdout and "共 1 个典型案例" in listed.stdout
    pdf = tmp_path / "警示.pdf"
    printed = cli("typical", "pdf", "2025-长征-0001", "-o", str(pdf), "--data-dir", str(data))
    assert printed.returncode == 0 and "1 页" in printed.stdout and pdf.exists(), printed.stderr
    text = cli("typical", "text", "2025-长征-0001", "--data-dir", str(data))
    assert text.returncode == 0 and "【基本案情】" in text.stdout
    for secret in ("李四", "502", "张三", "梅岭小区"):
        assert secret not in text.stdout


@pytest.mark.parametrize("args", [
    ("typical",),
    ("typical", "mark", "2025-长征-9999"),
    ("typical", "pdf", "2025-长征-0001", "-o", "x.txt"),
    ("typical", "text", "2025-长征-0001"),  # not marked yet
])
def test_typical_bad_input(data: Path, args: tuple[str, ...]) -> None:
    assert_refused(cli(*args, "--data-dir", str(data)))


def test_demo_closes_the_loop(tmp_path: Path) -> None:
    """`demo` leaves returns sent for older work orders and a few typical cases, so every screen has something."""
    folder = tmp_path / "demo"
    result = cli("demo", "--cases", "200", "--complaints", "300", "--trainings", "12", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    assert "典型案例 3" in result.stdout and "已回传的 12345 工单" in result.stdout
    listed = cli("typical", "list", "--data-dir", str(folder))
    assert "共 3 个典型案例" in listed.stdout


def test_issue_21_commands_on_a_server(tmp_path: Path, pg_url: str) -> None:
    """The same commands against PostgreSQL (`--db`): demo, the return file twice, typical cases, the ledgers."""
    desk = ("--data-dir", str(tmp_path / "desk"), "--db", pg_url)
    result = cli("demo", "--cases", "150", "--complaints", "200", "--trainings", "12", *desk)
    assert result.returncode == 0 and "典型案例 3" in result.stdout, result.stderr
    first = cli("export", "12345-replies", "--period", "2020-01-01..2035-12-31", "--only-unsent",
                "-o", str(tmp_path / "r.xlsx"), *desk)
    assert first.returncode == 0 and "已导出" in first.stdout, first.stderr
    again = cli("export", "12345-replies", "--period", "2020-01-01..2035-12-31", "--only-unsent",
                "-o", str(tmp_path / "r2.xlsx"), *desk)
    assert again.returncode == 0 and "已导出 0 件" in again.stdout, again.stderr
    assert "共 3 个典型案例" in cli("typical", "list", *desk).stdout
    for target in ("referrals", "companies", "cases", "complaints"):
        done = cli("export", target, "-o", str(tmp_path / f"{target}.xlsx"), *desk)
        assert done.returncode == 0, done.stderr
