"""录入全年节假日…: a year's holidays and make-up days pasted (one list or two) or read from a sheet, previewed
with the checks' findings and the deadlines it would move, then saved in one transaction.

The reading and the checks are controllers.reference.calendar_year's; the preview and the save run off the GUI
thread (ui.common.background) because they read every open case and complaint.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.holidays.year_entry import YearOutcome, enter_calendar_year, preview_calendar_year
from controllers.holidays.year_sheet import read_year_sheet
from controllers.reference.calendar_year import HOLIDAY, YearEntry, YearPlan, parse_two_lists, parse_year_text
from ui.common.background import run
from ui.common.events import Change
from ui.common.rows_model import RowsModel

WEEKDAYS = "一二三四五六日"
EXAMPLE = "2027-01-01 元旦 休\n2027-02-07 调休上班\n2月10日-2月16日 春节\n2027年10月1日至10月7日 国庆节"


class YearEntriesModel(RowsModel):
    """The days a preview found: date, weekday, kind, name."""

    def headers(self) -> list[str]:
        return [self.tr("Date"), self.tr("Weekday"), self.tr("Kind"), self.tr("Name")]

    def value(self, row: YearEntry, column: int) -> Any:
        return (row.day, "周" + WEEKDAYS[row.day.weekday()], row.kind, row.name or "")[column]


class YearEntryDialog(QDialog):
    """`outcome` holds what was saved once the dialog is accepted."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.outcome: YearOutcome | None = None
        self.preview: YearOutcome | None = None
        self.sheet: Path | None = None
        self.setWindowTitle(self.tr("Enter a year's holidays"))
        self.resize(760, 620)

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.setGroupSeparatorShown(False)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        top.addStretch(1)

        self.tabs = QTabWidget()
        self.one_list = QPlainTextEdit()
        self.one_list.setPlaceholderText(EXAMPLE)
        self.tabs.addTab(self.one_list, self.tr("One list"))
        two = QWidget()
        two_box = QHBoxLayout(two)
        self.holiday_list = QPlainTextEdit()
        self.holiday_list.setPlaceholderText("1月1日\n2月10日-2月16日")
        self.makeup_list = QPlainTextEdit()
        self.makeup_list.setPlaceholderText("2月7日\n2月20日")
        for label, edit in ((self.tr("Holidays (放假日期)"), self.holiday_list),
                            (self.tr("Make-up working days (调休上班日期)"), self.makeup_list)):
            column = QVBoxLayout()
            column.addWidget(QLabel(label))
            column.addWidget(edit)
            two_box.addLayout(column)
        self.tabs.addTab(two, self.tr("Two lists"))
        sheet = QWidget()
        sheet_box = QVBoxLayout(sheet)
        self.sheet_button = QPushButton(self.tr("Choose a sheet…"))
        self.sheet_button.clicked.connect(self.choose_sheet)
        self.sheet_label = QLabel(self.tr("An Excel or CSV sheet with the columns 日期, 类型 (放假/上班) and 名称."))
        self.sheet_label.setWordWrap(True)
        sheet_box.addWidget(self.sheet_button)
        sheet_box.addWidget(self.sheet_label)
        sheet_box.addStretch(1)
        self.tabs.addTab(sheet, self.tr("From a sheet"))
        self.tabs.setMaximumHeight(200)

        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.run_preview)
        self.model = YearEntriesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # The checks' findings and the deadlines a save moves: a year can have dozens, so a box that scrolls.
        self.findings = QPlainTextEdit()
        self.findings.setReadOnly(True)
        self.findings.setMaximumHeight(140)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        layout.addWidget(self.preview_button)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.findings)
        layout.addWidget(self.buttons)
        # Any edit after a preview needs a new one before saving: the save is of what was previewed.
        for edit in (self.one_list, self.holiday_list, self.makeup_list):
            edit.textChanged.connect(self._stale)
        self.year.valueChanged.connect(self._stale)
        self.tabs.currentChanged.connect(self._stale)

    def choose_sheet(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Choose a sheet"), "",
                                                    self.tr("Sheets (*.xlsx *.xlsm *.csv)"))
        if path:
            self.use_sheet(Path(path))

    def use_sheet(self, path: Path) -> None:
        self.sheet = path
        self.sheet_label.setText(str(path))
        self._stale()

    def _stale(self) -> None:
        self.preview = None
        self.save_button.setEnabled(False)

    def _reader(self) -> Callable[[], YearPlan]:
        """How to read the plan from the current tab, with the widgets' values taken now (the worker touches none)."""
        year = self.year.value()
        tab = self.tabs.currentIndex()
        if tab == 0:
            text = self.one_list.toPlainText()
            return lambda: parse_year_text(year, text)
        if tab == 1:
            holidays, makeups = self.holiday_list.toPlainText(), self.makeup_list.toPlainText()
            return lambda: parse_two_lists(year, holidays, makeups)
        sheet = self.sheet
        if sheet is None:
            missing = YearPlan(year, (), (), (self.tr("Choose a sheet first."),))
            return lambda: missing
        return lambda: read_year_sheet(year, sheet)

    def run_preview(self) -> None:
        read = self._reader()
        self.preview_button.setEnabled(False)
        op = run(self, lambda: preview_calendar_year(self.ctx, read()), done=self.show_preview,
                 report_to=self.report, name="calendar year preview")
        op.ended.connect(lambda _ok: self.preview_button.setEnabled(True))

    def show_preview(self, outcome: YearOutcome) -> None:
        self.preview = outcome
        plan = outcome.plan
        self.model.set_rows(plan.entries)
        holidays = sum(1 for e in plan.entries if e.kind == HOLIDAY)
        lines = [self.tr("%1: %2 holidays, %3 make-up working days.").replace("%1", str(plan.year))
                 .replace("%2", str(holidays)).replace("%3", str(len(plan.entries) - holidays))]
        lines += plan.errors
        lines += plan.warnings
        if outcome.moves:
            lines.append(self.tr("Saving moves %1 deadlines:").replace("%1", str(len(outcome.moves))))
            lines += [f"{m.what} {m.record}：{m.before.isoformat()} → {m.after.isoformat()}" for m in outcome.moves[:8]]
        self.show_findings("\n".join(lines), refused=bool(plan.errors))
        self.save_button.setEnabled(plan.refusal() is None)

    def show_findings(self, text: str, *, refused: bool) -> None:
        self.findings.setPlainText(text)
        self.findings.setStyleSheet("color: #c62828;" if refused else "")

    def report(self, message: str) -> None:
        """A refusal or a failure of the preview or the save, in Chinese."""
        self.show_findings(message, refused=True)

    def save(self) -> None:
        if self.preview is None:
            return
        plan = self.preview.plan
        self.save_button.setEnabled(False)
        run(self, lambda: enter_calendar_year(self.ctx, plan), done=self._saved, report_to=self.report,
            changes=(Change.REFERENCE, Change.CASES, Change.COMPLAINTS), name="calendar year save")

    def _saved(self, outcome: YearOutcome) -> None:
        self.outcome = outcome
        self.accept()
