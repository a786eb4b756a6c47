"""Bad input through the reference-data import: generated estate and staff sheets with random cells, headers and
layouts. The file is imported (each refused row reported in Chinese, only reference tables written) or refused as
a whole in Chinese with nothing written; a dry run reports what the import then does, and importing the same file
again changes nothing."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from openpyxl import Workbook

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.reference import sheet_import
from controllers.reference.sheet_fields import ESTATE_FIELDS, STAFF_FIELDS
from tests.unit.bad_input_kit import SLOW, assert_chinese_message, attempt, dates, fingerprint, ints, texts, xlsx_safe

ESTATE_WORDS = [w for words in ESTATE_FIELDS.values() for w in words]
STAFF_WORDS = [w for words in STAFF_FIELDS.values() for w in words]
# What the import may write: reference records and the audit log (the fingerprint leaves the log out).
REFERENCE_TABLES = {"estates", "estate_populations", "property_companies", "staff"}

# Each cell is mostly what a clerk types (so rows get imported and matched again) and sometimes anything at all.
def _mostly(valid: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(*[valid] * 7, texts)


streets = _mostly(st.sampled_from(["长征镇", "长征", "真如镇街道", "真如镇", " 长征镇 ", "长征镇街道", "火星街道", ""]))
counts = _mostly(st.one_of(st.none(), st.integers(1, 5000), st.sampled_from(["１２００", "1,200", "650户", "3500人"])))
flags = _mostly(st.one_of(st.sampled_from(["是", "否", "√", "×", "Y", "N", "1", "0", "", "也许"]), st.booleans(),
                          st.integers(-1, 2)))
phones = _mostly(st.none() | st.from_regex(r"\A1[3-9][0-9]{9}\Z") | st.from_regex(r"\A021-[0-9]{8}\Z"))
edges = st.one_of(ints, st.floats(), phones, counts)  # numbers far beyond any column, NaN, 1.5
names = _mostly(st.sampled_from(["梅川一村", "梅川 一村", "梅川一村 ", "梅川二村", "真如花园", "合计", "示例",
                                 "注：人口为年底数", "陈晓", "王芳"]))
companies = _mostly(st.one_of(st.none(), st.sampled_from(["上海梅川物业有限公司", "上海梅川物业有限公司 ",
                                                           "真如物业"])))
days = _mostly(st.none() | st.dates(date(2000, 1, 1), date(2026, 1, 1))) | dates
plain = _mostly(st.none() | st.sampled_from(["梅川一居委", "梅川路100弄", "队员", "王建国"]))
estate_rows = st.lists(st.tuples(st.sampled_from([1, 2, "示例", None, "合计"]), streets, plain, names, plain, counts,
                                 counts | edges, days, companies, plain, phones, flags, plain).map(list), max_size=6)
staff_rows = st.lists(st.tuples(st.sampled_from([1, 2, "示例", None]), names, _mostly(st.none() | st.integers(1, 99)),
                                plain, phones, st.none() | streets, flags).map(list), max_size=5)


def _layout(data: st.DataObject, fields: dict[str, tuple[str, ...]], words: list[str],
            rows: list[list[object]]) -> list[list[object]]:
    """Header and rows: each field named by one of its synonyms, the columns in any order (the rows' cells moved
    with them), or now and then a header of random words over the rows as they are."""
    if data.draw(st.integers(0, 5)) == 5:  # (hypothesis draws small numbers most)
        return [data.draw(st.lists(st.sampled_from(words) | texts, max_size=14)), *rows]
    header = [data.draw(st.sampled_from(synonyms)) for synonyms in fields.values()]
    order = data.draw(st.permutations(range(len(header))))
    return [[header[i] for i in order], *[[r[i] for i in order] for r in rows]]


def _write(folder: Path, sheets: dict[str, list[list[object]]], kind: str) -> Path:
    if kind == "xlsx":
        path = folder / "基础数据.xlsx"
        book = Workbook()
        book.remove(book.active)
        for name, rows in sheets.items():
            ws = book.create_sheet(name)
            for r in rows:
                ws.append([xlsx_safe(c) for c in r])
        book.save(path)
        return path
    path = folder / "小区.csv"
    rows = next(iter(sheets.values()))
    with path.open("w", encoding="utf-8-sig", newline="", errors="replace") as fh:
        csv.writer(fh).writerows([[("" if c is None else str(c)) for c in r] for r in rows])
    return path


@SLOW
@given(data=st.data(), estates=estate_rows, staff=staff_rows, kind=st.sampled_from(["xlsx", "xlsx", "csv"]))
def test_generated_reference_sheets(app_ctx: AppContext, tmp_path_factory: pytest.TempPathFactory,
                                    data: st.DataObject, estates: list[list[object]], staff: list[list[object]],
                                    kind: str) -> None:
    title = data.draw(st.none() | texts)
    estate_sheet = ([[title]] if title is not None else []) + _layout(data, ESTATE_FIELDS, ESTATE_WORDS, estates)
    staff_sheet = _layout(data, STAFF_FIELDS, STAFF_WORDS, staff)
    path = _write(tmp_path_factory.mktemp("ref"), {"小区": estate_sheet, "工作人员": staff_sheet}, kind)
    # The user's own text may be quoted in a message; one or two letters of it would also match inside “CSV”.
    given_text = [str(c) for r in [*estate_sheet, *staff_sheet] for c in r if c is not None and len(str(c)) > 2]

    before = fingerprint(app_ctx)
    dry = attempt(app_ctx, lambda: sheet_import.run_import(app_ctx, path, dry_run=True), *given_text)
    assert fingerprint(app_ctx) == before  # a dry run never writes
    result = attempt(app_ctx, lambda: sheet_import.run_import(app_ctx, path), *given_text)
    event("refused" if result is None else "imported" if result.changed else "read, nothing new")
    if result is None:
        assert dry is None  # the dry run refuses exactly the files the import refuses
        return
    assert dry is not None and dry.as_json() == result.as_json()
    after = fingerprint(app_ctx)
    changed = {t for t in after if after[t] != before[t]}
    assert changed <= REFERENCE_TABLES, f"the import wrote to {changed - REFERENCE_TABLES}"
    for error in result.errors:
        assert_chinese_message(UserError(error.message), given_text)
    event("some rows refused" if result.errors else "no row refused")
    event("some rows matched stored records" if result.unchanged or any(result.updated.values()) else "none matched")
    again = sheet_import.run_import(app_ctx, path)
    assert (again.imported, again.updated) == (dict.fromkeys(sheet_import.KINDS, 0),) * 2, again.rows
    assert fingerprint(app_ctx) == after  # importing the same file again changes nothing
