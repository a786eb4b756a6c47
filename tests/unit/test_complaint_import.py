"""12345 work-order import: the sample file end to end, forms of dates and phones, idempotence, rollback."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from controllers.complaints import importer as ci
from controllers.core.context import AppContext
from controllers.core.errors import UserError, ValidationError
from controllers.reference.choices import estate_choices, street_choices
from controllers.reference.estates import create_estate
from models.complaints import Complaint
from models.reference import EstateAlias

# A copy of ../shared/samples/ kept in the repo: CI runs on a clean clone without the shared folder.
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "12345_workorders_sample.xlsx"
HEADER = ["工单编号", "受理时间", "诉求人", "联系电话", "诉求地址", "所属街镇", "诉求类别", "诉求内容", "办理时限",
          "办理状态"]
ESTATES = [("怒江苑", "万里街道"), ("梅川一村", "长征镇"), ("中环名品", "真如镇街道"), ("真光新村", "真如镇街道"),
           ("兰溪苑", "曹杨新村街道"), ("同济沪西", "长风新村街道"), ("桃浦新村", "桃浦镇"), ("金沙雅苑", "长征镇"),
           ("武宁小区", "长寿路街道"), ("新杨小区", "宜川路街道"), ("长风苑", "长风新村街道")]


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    """A data dir with the estates the sample file names (玉屏南路 is a road, deliberately not an estate)."""
    streets = {n: i for i, n in street_choices(app_ctx)}
    for name, street in ESTATES:
        create_estate(app_ctx, name=name, street_id=streets[street])
    return app_ctx


def _xlsx(path: Path, rows: list[list[object]], *, title: str | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _row(no: str, **kw: object) -> list[object]:
    base = {"at": "2025-03-05 09:05", "name": "张三", "phone": "13812345678", "address": "上海市普陀区怒江苑3号",
            "street": "万里街道", "category": "群租", "content": "疑似群租", "due": "2025-03-12", "status": "待签收"}
    base.update(kw)
    return [no, base["at"], base["name"], base["phone"], base["address"], base["street"], base["category"],
            base["content"], base["due"], base["status"]]


def _count(ctx: AppContext) -> int:
    with ctx.db.session() as s:
        return s.scalar(select(func.count()).select_from(Complaint)) or 0


def _get(ctx: AppContext, no: str) -> Complaint:
    with ctx.db.session() as s:
        c = s.scalar(select(Complaint).where(Complaint.work_order_no == no))
        assert c is not None
        return c


def test_sample_file_end_to_end(ctx: AppContext) -> None:
    preview = ci.inspect_file(ctx, SAMPLE)
    assert preview.header_row == 1 and preview.total_rows == 137 and not preview.missing_required()
    result = ci.run_import(ctx, SAMPLE)
    # 140 rows below the header, 3 blank; row 139 repeats row 5's work order; row 140 has no date nor content.
    assert (result.rows, result.imported, result.updated, result.duplicates) == (137, 135, 0, 1)
    assert [e.row for e in result.errors] == [140]
    assert "受理时间“不是日期”无法识别" in result.errors[0].reason and "诉求内容为空" in result.errors[0].reason
    assert result.repeats_found == 14  # the 14 work orders numbered …9xxxx repeat an earlier one
    assert "上海市普陀区不存在小区1号" in result.unmatched_estates
    assert len(result.unmatched_estates) == 7  # 6 addresses on 玉屏南路 and the unknown estate
    assert _count(ctx) == 135
    first = _get(ctx, "2025071800000")
    assert first.received_at == datetime(2025, 7, 17, 17, 29)  # 2025年7月18日 01:29 Shanghai, stored UTC
    assert first.complainant_phone == "17122266686" and first.address == "上海市普陀区怒江苑31号"
    assert first.status == "已办结" and first.reply_due == date(2025, 7, 25) and first.channel == "12345热线"
    assert first.estate_id is not None and first.category_id is not None
    assert _get(ctx, "2025072600001").status == "待处理"  # 待签收
    assert _get(ctx, "2025091400003").status == "处理中"  # 办理中
    assert _get(ctx, "2025071890000").repeat_of_id == first.id
    assert _get(ctx, "BAD-2").estate_id is None


def test_reimport_changes_nothing_and_a_status_change_updates(ctx: AppContext, tmp_path: Path) -> None:
    ci.run_import(ctx, SAMPLE)
    again = ci.run_import(ctx, SAMPLE)
    assert (again.imported, again.updated, again.duplicates) == (0, 0, 136)
    assert _count(ctx) == 135
    path = _xlsx(tmp_path / "later.xlsx", [_row("2025072600001", status="已办结", address="上海市普陀区梅川一村40号")])
    before = _get(ctx, "2025072600001")
    result = ci.run_import(ctx, path)
    assert (result.imported, result.updated, result.duplicates) == (0, 1, 0)
    after = _get(ctx, "2025072600001")
    assert after.status == "已办结" and after.version == before.version + 1 and after.id == before.id


def test_an_older_export_never_moves_a_status_back(ctx: AppContext, tmp_path: Path) -> None:
    ci.run_import(ctx, _xlsx(tmp_path / "a.xlsx", [_row("W1", status="已办结")]))
    result = ci.run_import(ctx, _xlsx(tmp_path / "b.xlsx", [_row("W1", status="待签收")]))
    assert (result.updated, result.duplicates) == (0, 1)
    assert _get(ctx, "W1").status == "已办结"


@pytest.mark.parametrize("value,expected", [
    ("2025-03-05 09:05", datetime(2025, 3, 5, 1, 5)),
    ("2025/03/05 09:05:00", datetime(2025, 3, 5, 1, 5)),
    ("2025年3月5日 9:05", datetime(2025, 3, 5, 1, 5)),
    ("２０２５－０３－０５　０９：０５", datetime(2025, 3, 5, 1, 5)),
    ("2025.3.5", datetime(2025, 3, 4, 16, 0)),
    (datetime(2025, 3, 5, 9, 5), datetime(2025, 3, 5, 1, 5)),
])
def test_each_date_form_imports_as_shanghai_time(ctx: AppContext, tmp_path: Path, value: object,
                                                 expected: datetime) -> None:
    ci.run_import(ctx, _xlsx(tmp_path / "d.xlsx", [_row("W1", at=value)]))
    assert _get(ctx, "W1").received_at == expected


@pytest.mark.parametrize("value,expected", [
    ("138 1234 5678", "13812345678"), ("１３８１２３４５６７８", "13812345678"), ("+86 138-1234-5678", "13812345678"),
    ("021-62345678", "02162345678"), (13812345678, "13812345678"), ("", None), ("不详", None),
])
def test_each_phone_form(ctx: AppContext, tmp_path: Path, value: object, expected: str | None) -> None:
    ci.run_import(ctx, _xlsx(tmp_path / "p.xlsx", [_row("W1", phone=value)]))
    assert _get(ctx, "W1").complainant_phone == expected


def test_row_errors_name_the_original_row_and_do_not_block_valid_rows(ctx: AppContext, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "e.xlsx", [
        _row("W1"), _row("", content="x"), [None] * 10, _row("W2", at="下周"), _row("W3", content=""),
        _row("W4", phone="123"), _row("W5", due="很快"), _row("W6"),
    ], title="12345 工单")
    result = ci.run_import(ctx, path)
    # Row 1 title, row 2 header, data from row 3; row 5 is blank.
    assert [(e.row, e.reason) for e in result.errors] == [
        (4, "缺少工单编号"), (6, "受理时间“下周”无法识别，应为 2025-03-05 09:05 这样的日期时间"), (7, "诉求内容为空"),
        (8, "联系电话“123”位数不对"), (9, "办理时限“很快”无法识别"),
    ]
    assert result.imported == 2 and _count(ctx) == 2
    report = tmp_path / "errors.xlsx"
    assert ci.save_error_report(result, report) == 5
    ws = load_workbook(report).active
    assert [c.value for c in ws[3]] == ["行号", "原因"] and ws["A4"].value == 4 and ws["B4"].value == "缺少工单编号"


def test_rows_of_estates_outside_the_station_area_are_left_to_their_station(ctx: AppContext, tmp_path: Path) -> None:
    from controllers.station import area as station

    ci.run_import(ctx, _xlsx(tmp_path / "before.xlsx", [_row("T1", address="梅川一村5号", street="长征镇")]))
    before = _get(ctx, "T1")
    estates = {name: i for i, name in estate_choices(ctx)}
    station.set_station_area(ctx, street="万里街道", estate_ids=[estates["怒江苑"]])  # 梅川一村 is another station's
    path = _xlsx(tmp_path / "street.xlsx", [
        _row("T1", address="梅川一村5号", street="长征镇", status="已回复"),  # theirs, already imported: not updated
        _row("T2", address="上海市普陀区怒江苑3号"),  # ours
        _row("T3", address="金沙雅苑2号", street="长征镇"),  # theirs
        _row("T4", address="玉屏南路100号", street="万里街道"),  # no estate yet: in, for someone to assign
    ])
    result = ci.run_import(ctx, path)
    assert (result.imported, result.updated) == (2, 0)
    assert [(e.row, e.reason) for e in result.errors] == [
        (2, "该工单已登记在小区“梅川一村”，不属于本工作室的范围，未更新：请由所属工作室处理。"),
        (4, "小区“金沙雅苑”不属于本工作室的范围，未导入：请由所属工作室导入。"),
    ]
    assert (_get(ctx, "T1").status, _get(ctx, "T1").version) == (before.status, before.version)
    assert _get(ctx, "T2").estate_id == estates["怒江苑"] and _get(ctx, "T4").estate_id is None
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).where(Complaint.work_order_no == "T3")) == 0


def test_reply_due_as_days_counts_working_days(ctx: AppContext, tmp_path: Path) -> None:
    # Wednesday 2025-03-05 + 5 working days = Wednesday 2025-03-12; 7 calendar days = 2025-03-12 too, so use 3.
    rows = [_row("W1", due=5), _row("W2", due="3天"), _row("W3", due="3个工作日")]
    ci.run_import(ctx, _xlsx(tmp_path / "r.xlsx", rows))
    assert _get(ctx, "W1").reply_due == date(2025, 3, 12)
    assert _get(ctx, "W2").reply_due == date(2025, 3, 8)
    assert _get(ctx, "W3").reply_due == date(2025, 3, 10)


def test_csv_in_utf8_bom_and_gbk(ctx: AppContext, tmp_path: Path) -> None:
    lines = [",".join(HEADER), ",".join(str(v) for v in _row("C1")), ",".join(str(v) for v in _row("C2"))]
    for enc in ("utf-8-sig", "gbk"):
        path = tmp_path / f"{enc}.csv"
        path.write_bytes(("\r\n".join(lines) + "\r\n").replace("C1", f"C1{enc}").replace("C2", f"C2{enc}").encode(enc))
        result = ci.run_import(ctx, path)
        assert (result.imported, result.errors) == (2, ())
        assert _get(ctx, f"C1{enc}").content == "疑似群租"


def test_header_below_a_title_row_and_merged_street_cells(ctx: AppContext, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["普陀区 12345 工单明细"])
    ws.merge_cells("A1:J1")
    ws.append(["导出时间：2025-03-06"])
    ws.append(HEADER)
    ws.append(_row("M1"))
    ws.append(_row("M2", street=None))
    ws.merge_cells("F4:F5")
    wb.save(tmp_path / "t.xlsx")
    preview = ci.inspect_file(ctx, tmp_path / "t.xlsx")
    assert preview.header_row == 3 and preview.total_rows == 2
    ci.run_import(ctx, tmp_path / "t.xlsx")
    assert _get(ctx, "M2").street_id == _get(ctx, "M1").street_id is not None


def test_cancel_after_the_first_chunk_leaves_nothing(ctx: AppContext, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(ci, "CHUNK", 10)
    path = _xlsx(tmp_path / "big.xlsx", [_row(f"B{i}") for i in range(35)])
    calls: list[int] = []

    def progress(done: int, total: int) -> None:
        calls.append(done)

    def cancel() -> bool:
        return len(calls) > 4  # parsing reports 3 times + the first write chunk

    with pytest.raises(ci.ImportCancelled):
        ci.run_import(ctx, path, progress=progress, cancel=cancel)
    assert _count(ctx) == 0


def test_an_exception_midway_leaves_nothing(ctx: AppContext, tmp_path: Path, monkeypatch) -> None:
    from controllers.complaints import import_write as w

    def broken(_session: object, _ids: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(w, "detect_repeats", broken)
    with pytest.raises(RuntimeError):
        ci.run_import(ctx, SAMPLE)
    assert _count(ctx) == 0


def test_dry_run_reports_and_changes_nothing(ctx: AppContext) -> None:
    result = ci.run_import(ctx, SAMPLE, dry_run=True)
    assert (result.imported, result.repeats_found, result.dry_run) == (135, 14, True)
    assert _count(ctx) == 0


def test_resolving_an_unmatched_address_is_remembered_as_alias(ctx: AppContext, tmp_path: Path) -> None:
    result = ci.run_import(ctx, SAMPLE)
    text = "上海市普陀区玉屏南路35号"
    assert text in result.unmatched_estates
    assert ci.suggest_alias(ctx, text) == "玉屏南路"
    estate_id = next(i for i, n in estate_choices(ctx) if n == "长风苑")
    resolution = ci.resolve_unmatched(ctx, text, estate_id)
    assert resolution.alias == "玉屏南路" and resolution.complaints_updated == 8  # every 玉屏南路 complaint
    assert _get(ctx, "2025060200031").estate_id == estate_id
    with ctx.db.session() as s:
        assert s.scalar(select(EstateAlias.estate_id).where(EstateAlias.alias == "玉屏南路")) == estate_id
    later = ci.run_import(ctx, _xlsx(tmp_path / "n.xlsx", [_row("N1", address="上海市普陀区玉屏南路99号")]))
    assert later.unmatched_estates == ()
    assert _get(ctx, "N1").estate_id == estate_id
    with pytest.raises(ValidationError):
        ci.resolve_unmatched(ctx, text, next(i for i, n in estate_choices(ctx) if n == "怒江苑"), alias="玉屏南路")


def test_mapping_is_remembered_per_header_layout(ctx: AppContext, tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "m.xlsx", [_row("R1", reply=None)])
    preview = ci.inspect_file(ctx, path)
    assert not preview.remembered
    # The user says column 诉求类别 (6) is not to be used and the content comes from column 6 instead.
    mapping = dict(preview.mapping)
    mapping.pop("category")
    mapping["content"] = 6
    rows = ci.preview_rows(preview, mapping)
    assert rows[0].values[ci.R.FIELD_KEYS.index("content")] == "群租"
    ci.run_import(ctx, path, mapping=mapping, remember=True)
    again = ci.inspect_file(ctx, path)
    assert again.remembered and again.mapping == mapping
    other = tmp_path / "other.csv"
    other.write_text("工单号,来电时间,问题描述\nX1,2025-03-05,内容\n", encoding="utf-8")
    assert not ci.inspect_file(ctx, other).remembered


def test_mapping_must_cover_required_fields(ctx: AppContext) -> None:
    with pytest.raises(ValidationError) as info:
        ci.check_mapping({"work_order_no": 0, "received_at": 1})
    assert "诉求内容" in info.value.message
    with pytest.raises(ValidationError):
        ci.check_mapping({"work_order_no": 0, "received_at": 1, "content": 1})


def test_a_file_without_a_header_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        ci.inspect_file(ctx, path)
    assert "找不到表头行" in info.value.message


def test_imported_complaints_are_searchable(ctx: AppContext) -> None:
    from models import search

    ci.run_import(ctx, SAMPLE)
    with ctx.db.session() as s:
        ids = s.scalars(select(Complaint.work_order_no).where(search.matches(
            "complaints_fts", "阳光房"))).all()
    assert "2025031800006" in ids and len(ids) == 11
