"""Generic spreadsheet reading: xlsx (title rows, merged cells, blank rows), CSV encodings, headers, normalisers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from controllers.core.errors import UserError
from controllers.documents.tabular import (
    clean_text,
    detect_header,
    normalise_phone,
    parse_date,
    parse_datetime,
    read_table,
)

SYNONYMS = {
    "no": ["工单编号", "工单号"],
    "received": ["受理时间", "来电时间"],
    "name": ["诉求人", "来电人姓名"],
    "phone": ["联系电话", "来电号码"],
    "content": ["诉求内容", "问题描述"],
}


def _xlsx(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


def test_xlsx_title_row_blank_rows_and_original_row_numbers(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "a.xlsx", [
        ["12345 工单导出（2025年3月）"],
        ["工单号", "来电时间", "来电人姓名", "来电号码", "问题描述"],
        ["A1", "2025-03-05 09:05", "张三", "13812345678", "群租"],
        [None, None, None, None, None],
        ["  ", None],
        ["A2", datetime(2025, 3, 6, 10, 0), "李四", "021-62345678", "违法搭建"],
    ], merges=("A1:E1",))
    table = read_table(path)
    assert table.row_numbers == [1, 2, 3, 6]
    assert table.rows[0] == ["12345 工单导出（2025年3月）"] * 5  # the merged title fills its range
    index, mapping = detect_header(table.rows, SYNONYMS)
    assert index == 1
    assert mapping == {"no": 0, "received": 1, "name": 2, "phone": 3, "content": 4}
    assert table.rows[3][1] == datetime(2025, 3, 6, 10, 0)


def test_merged_cells_take_the_top_left_value(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "m.xlsx", [
        ["工单号", "所属街镇", "诉求内容"],
        ["A1", "长征镇", "一"],
        ["A2", None, "二"],
        ["A3", None, "三"],
    ], merges=("B2:B4",))
    table = read_table(path)
    assert [r[1] for r in table.rows[1:]] == ["长征镇", "长征镇", "长征镇"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030"])
@pytest.mark.parametrize("delimiter", [",", "\t", ";"])
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    lines = [["工单编号", "受理时间", "诉求人", "联系电话", "诉求内容"],
             ["A1", "2025/03/05 09:05:00", "张三", "138 1234 5678", "楼道堆物，影响通行"],
             ["", "", "", "", ""],
             ["A2", "2025年3月5日 9:05", "李四", "", "群租"]]
    text = "\r\n".join(delimiter.join(f'"{c}"' if "," in c else c for c in row) for row in lines) + "\r\n"
    path = tmp_path / "a.csv"
    path.write_bytes(text.encode(encoding))
    table = read_table(path)
    assert table.rows[0][0] == "工单编号"
    assert table.rows[1][4] == "楼道堆物，影响通行"
    assert table.row_numbers == [1, 2, 4]
    assert detect_header(table.rows, SYNONYMS)[1]["content"] == 4


def test_header_detection_prefers_exact_and_uses_substrings(tmp_path: Path) -> None:
    rows = [["导出时间：2025-03-05"], ["序号", "工单编号*", "受理时间（来电）", "诉 求 人", "联系电话", "诉求内容摘要"]]
    index, mapping = detect_header(rows, SYNONYMS)
    assert index == 1
    assert mapping == {"no": 1, "received": 2, "name": 3, "phone": 4, "content": 5}
    assert detect_header([["a", "b"], ["c"]], SYNONYMS)[1] == {}


def test_header_full_width_letters_match() -> None:
    _index, mapping = detect_header([["工单编号", "联系电话　"]], SYNONYMS)
    assert mapping == {"no": 0, "phone": 1}


@pytest.mark.parametrize("path_name,content,message", [
    ("missing.xlsx", None, "找不到文件"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "另存为"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "已损坏"),
    ("picture.png", b"\x89PNG....", "不是可导入的表格文件"),
])
def test_unreadable_files_raise_a_chinese_user_error(tmp_path: Path, path_name: str, content: bytes | None,
                                                     message: str) -> None:
    path = tmp_path / path_name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UserError) as info:
        read_table(path)
    assert message in info.value.message


@pytest.mark.parametrize("value,expected", [
    ("2025-03-05 09:05", datetime(2025, 3, 5, 9, 5)),
    ("2025/03/05 09:05:00", datetime(2025, 3, 5, 9, 5)),
    ("2025年3月5日 9:05", datetime(2025, 3, 5, 9, 5)),
    ("2025年3月5日9时5分", datetime(2025, 3, 5, 9, 5)),
    ("2025.3.5", datetime(2025, 3, 5)),
    ("2025-03-05", datetime(2025, 3, 5)),
    ("２０２５－０３－０５　０９：０５", datetime(2025, 3, 5, 9, 5)),
    ("2025/3/5 下午3:05", datetime(2025, 3, 5, 15, 5)),
    ("20250305", datetime(2025, 3, 5)),
    (datetime(2025, 3, 5, 9, 5), datetime(2025, 3, 5, 9, 5)),
    (date(2025, 3, 5), datetime(2025, 3, 5)),
    (45721.378472222, datetime(2025, 3, 5, 9, 5)),  # an Excel serial number
    ("", None),
    (None, None),
])
def test_parse_datetime_forms(value: object, expected: datetime | None) -> None:
    assert parse_datetime(value) == expected


@pytest.mark.parametrize("value", ["不是日期", "2025-13-01", "2025-02-30 10:00", "明天"])
def test_parse_datetime_rejects_unreadable_text(value: str) -> None:
    with pytest.raises(ValueError):
        parse_datetime(value)


def test_parse_date_keeps_the_day() -> None:
    assert parse_date("2025年3月5日 23:59") == date(2025, 3, 5)


@pytest.mark.parametrize("value,expected", [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("138-1234-5678", "13812345678"),
    ("１３８１２３４５６７８", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("8613812345678", "13812345678"),
    ("021-62345678", "02162345678"),
    ("(021) 6234 5678", "02162345678"),
    ("62345678", "62345678"),
    ("13812345678/13900001111", "13812345678"),
    ("021-62345678转801", "02162345678"),
    (13812345678, "13812345678"),
    (13812345678.0, "13812345678"),
    ("  ", None),
    (None, None),
])
def test_normalise_phone_forms(value: object, expected: str | None) -> None:
    assert normalise_phone(value) == expected


@pytest.mark.parametrize("value", ["123", "1381234567", "电话不详", "138123456789"])
def test_normalise_phone_rejects_non_numbers(value: str) -> None:
    with pytest.raises(ValueError):
        normalise_phone(value)


@pytest.mark.parametrize("value,expected", [
    ("  上海市普陀区怒江苑31号 ", "上海市普陀区怒江苑31号"),
    ("a\u3000 b\r\nc ", "a b\nc"),
    (2025071800000, "2025071800000"),
    (12.0, "12"),
    ("   ", None),
    (None, None),
])
def test_clean_text(value: object, expected: str | None) -> None:
    assert clean_text(value) == expected
