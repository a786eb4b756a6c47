"""统计简报 page: pick a work brief (period + scope) or a case brief, generate it off the GUI thread, preview it
with QtPdf, print it through the system dialog or save it where the user wants."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSize, Qt, QTemporaryDir
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.briefs.signoff import get_signoff
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.core.periods import parse_period
from controllers.documents.pdf_pages import BriefResult
from controllers.reference.choices import estate_choices, street_choices
from controllers.station.scopes import parse_scope
from ui.common.background import BackgroundWorker, start
from ui.common.brief_worker import brief_worker
from ui.common.signoff_fields import SignoffFields

PERIOD_KINDS = ("quarter", "month", "year", "range")
# 本工作室 first and chosen by default: a station prints its own brief.
SCOPE_KINDS = ("station", "district", "street", "committee", "estate")
NAMELESS_SCOPES = ("station", "district")


class StatsPage(QWidget):
    """The 统计简报 page."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._tmp = QTemporaryDir()
        self._serial = 0
        self._worker: BackgroundWorker | None = None
        self.result: BriefResult | None = None
        self.document = QPdfDocument(self)
        self._build()

    # --- layout ---------------------------------------------------------------------------------------------
    def _build(self) -> None:
        side = QVBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Work brief"), "work")
        self.kind.addItem(self.tr("Case brief"), "case")
        side.addWidget(self.kind)
        self.forms = QStackedWidget()
        self.forms.addWidget(self._work_form())
        self.forms.addWidget(self._case_form())
        self.kind.currentIndexChanged.connect(self.forms.setCurrentIndex)
        side.addWidget(self.forms)
        self.preview_button = QPushButton(self.tr("Preview"))
        self.formal_button = QPushButton(self.tr("Generate official brief"))
        self.formal_button.setToolTip(self.tr("Takes the next issue number (第 N 期) of this year"))
        self.preview_button.clicked.connect(lambda: self.generate(formal=False))
        self.formal_button.clicked.connect(lambda: self.generate(formal=True))
        side.addWidget(self.preview_button)
        side.addWidget(self.formal_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel)
        side.addWidget(self.progress)
        side.addWidget(self.status)
        side.addWidget(self.cancel_button)
        side.addStretch(1)
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as…"))
        self.print_button.clicked.connect(self.print_brief)
        self.save_button.clicked.connect(self.save_as)
        for b in (self.print_button, self.save_button):
            b.setEnabled(False)
            side.addWidget(b)
        inner = QWidget()
        inner.setLayout(side)
        # The form (with the sign-off lines) outgrows a 768-pixel-high screen: scroll rather than squeeze the
        # status line, which then clipped "第 1 期：共 2 页" and the fonts line under it.
        panel = QScrollArea()
        panel.setWidget(inner)
        panel.setWidgetResizable(True)
        panel.setFrameShape(QFrame.Shape.NoFrame)
        panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel.setFixedWidth(316)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        # Until the first preview the PDF view would be a bare grey area: say what to do instead.
        self.preview_area = QStackedWidget()
        self.empty_state = self._empty_state()
        self.preview_area.addWidget(self.empty_state)
        self.preview_area.addWidget(self.view)
        layout = QHBoxLayout(self)
        layout.addWidget(panel)
        layout.addWidget(self.preview_area, 1)

    def _empty_state(self) -> QWidget:
        title = QLabel(self.tr("No brief yet"))
        # The theme's style sheet sets label fonts, so size the heading by style sheet too.
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        hint = QLabel(self.tr(
            "Choose a period and a scope on the left (or a case number for a case brief), then click Preview.\n"
            "The brief appears here; you can then print it or save it as a PDF file."))
        hint.setWordWrap(True)
        hint.setStyleSheet("font-size: 14px;")
        column = QWidget()
        column.setMaximumWidth(560)
        inner = QVBoxLayout(column)
        for label in (title, hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(label)  # no alignment here: a word-wrapped label then gets the height it needs
        inner.insertSpacing(1, 12)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        return box

    def _work_form(self) -> QWidget:
        box = QGroupBox(self.tr("Period and scope"))
        form = QFormLayout(box)
        self.period_kind = QComboBox()
        for key, label in zip(PERIOD_KINDS, (self.tr("Quarter"), self.tr("Month"), self.tr("Year"),
                                             self.tr("Date range")), strict=True):
            self.period_kind.addItem(label, key)
        today = clock.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.quarter = QComboBox()
        self.quarter.addItems(["1", "2", "3", "4"])
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.month = QSpinBox()
        self.month.setRange(1, 12)
        self.month.setValue(today.month)
        self.start_date, self.end_date = QDateEdit(), QDateEdit()
        for edit, day in ((self.start_date, QDate(today.year, 1, 1)), (self.end_date, QDate(today))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(day)
        form.addRow(self.tr("Period"), self.period_kind)
        form.addRow(self.tr("Year"), self.year)
        form.addRow(self.tr("Quarter"), self.quarter)
        form.addRow(self.tr("Month"), self.month)
        form.addRow(self.tr("From"), self.start_date)
        form.addRow(self.tr("To"), self.end_date)
        self.scope_kind = QComboBox()
        labels = (self.tr("This station"), self.tr("District"), self.tr("Street"), self.tr("Residents' committee"),
                  self.tr("Estate"))
        for key, label in zip(SCOPE_KINDS, labels, strict=True):
            self.scope_kind.addItem(label, key)
        self.scope_name = QComboBox()
        self.scope_name.setEditable(True)
        form.addRow(self.tr("Scope"), self.scope_kind)
        form.addRow(self.tr("Name"), self.scope_name)
        self._form = form
        # 签发人/审核 and 报/送/发 for this brief: 设置's lines, changeable here without changing 设置.
        self.signoff = SignoffFields(box)
        self.signoff.set_value(get_signoff(self.ctx))
        form.addRow(self.signoff)
        self.period_kind.currentIndexChanged.connect(self._period_rows)
        self.scope_kind.currentIndexChanged.connect(self._scope_names)
        self._period_rows()
        self._scope_names()
        return box

    def _case_form(self) -> QWidget:
        box = QGroupBox(self.tr("Case"))
        form = QFormLayout(box)
        self.case_number = QLineEdit()
        self.case_number.setPlaceholderText("2025-长征-0037")
        self.reveal = QCheckBox(self.tr("Show the party's full name and phone"))
        form.addRow(self.tr("Case number"), self.case_number)
        form.addRow(self.reveal)
        return box

    def _period_rows(self) -> None:
        kind = self.period_kind.currentData()
        shown = {"quarter": (self.year, self.quarter), "month": (self.year, self.month), "year": (self.year,),
                 "range": (self.start_date, self.end_date)}[kind]
        for w in (self.year, self.quarter, self.month, self.start_date, self.end_date):
            self._form.setRowVisible(w, w in shown)

    def _scope_names(self) -> None:
        kind = self.scope_kind.currentData()
        self.scope_name.clear()
        if kind == "street":
            self.scope_name.addItems([name for _i, name in street_choices(self.ctx)])
        elif kind == "estate":
            self.scope_name.addItems([name for _i, name in estate_choices(self.ctx)])
        self.scope_name.setEnabled(kind not in NAMELESS_SCOPES)

    # --- generation -----------------------------------------------------------------------------------------
    def period_text(self) -> str:
        kind, y = self.period_kind.currentData(), self.year.value()
        if kind == "quarter":
            return f"{y}Q{self.quarter.currentIndex() + 1}"
        if kind == "month":
            return f"{y}-{self.month.value():02d}"
        if kind == "year":
            return str(y)
        return f"{self.start_date.date().toString('yyyy-MM-dd')}..{self.end_date.date().toString('yyyy-MM-dd')}"

    def scope_text(self) -> str:
        kind = self.scope_kind.currentData()
        return kind if kind in NAMELESS_SCOPES else f"{kind}:{self.scope_name.currentText().strip()}"

    def _job(self, formal: bool) -> Any:
        # The brief writers (~0.2 s: ReportLab's charts, the case records) load with the first brief, not the page.
        from controllers.briefs.case_brief import case_id_by_number, write_case_brief
        from controllers.briefs.work_brief import write_work_brief

        self._serial += 1
        target = Path(self._tmp.path()) / f"brief-{self._serial}.pdf"
        ctx = self.ctx
        if self.kind.currentData() == "case":
            case_id = case_id_by_number(ctx, self.case_number.text())
            reveal = self.reveal.isChecked()
            return lambda progress, cancel: write_case_brief(ctx, case_id, target, reveal_personal=reveal,
                                                             progress=progress, cancel=cancel)
        period, scope, signoff = parse_period(self.period_text()), parse_scope(self.scope_text()), self.signoff.value()
        return lambda progress, cancel: write_work_brief(ctx, period, scope, target, formal=formal, signoff=signoff,
                                                         progress=progress, cancel=cancel)

    def generate(self, *, formal: bool = False) -> None:
        """Validate the choice here (a Chinese message at once), then build the PDF in a worker thread."""
        if self._worker is not None:
            return
        if formal and self.kind.currentData() == "work":
            answer = QMessageBox.question(self, self.tr("Official brief"), self.tr(
                "An official brief takes the next issue number of this year. Generate it?"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            job = self._job(formal)
        except UserError as exc:
            self.status.setText(exc.message)
            return
        self._worker = brief_worker(job)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)
        self._busy(True)
        self.status.setText(self.tr("Generating…"))
        start(self._worker)

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setValue(0)
        self.cancel_button.setVisible(busy)
        for w in (self.preview_button, self.formal_button, self.kind, self.forms):
            w.setEnabled(not busy)

    def _on_progress(self, percent: int, what: str) -> None:
        self.progress.setValue(percent)
        self.status.setText(what)

    def _on_finished(self, result: BriefResult) -> None:
        self._worker = None
        self._busy(False)
        self.result = result
        self.document.load(str(result.path))
        self.preview_area.setCurrentWidget(self.view)
        shown = self.tr("Issue %1").replace("%1", str(result.number)) if result.number else self.tr("Preview")
        self.status.setText(self.tr("%1: %2 pages").replace("%1", shown).replace("%2", str(result.pages))
                            + (f"\n{result.fonts_used}" if result.fonts_used else ""))  # which faces printed it
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _on_failed(self, message: str) -> None:
        self._worker = None
        self._busy(False)
        self.status.setText(message)

    def _on_cancelled(self) -> None:
        self._worker = None
        self._busy(False)
        self.status.setText(self.tr("Cancelled."))

    # --- output ---------------------------------------------------------------------------------------------
    def save_as(self) -> None:
        if self.result is None:
            return
        name = self.result.title.replace("/", "-").replace(" ", "_") + ".pdf"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save brief"), name, self.tr("PDF files (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            shutil.copyfile(self.result.path, path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Save brief"), self.tr("Could not save the file: %1").replace(
                "%1", exc.strerror or str(exc)))
            return
        self.status.setText(self.tr("Saved: %1").replace("%1", path))

    def print_brief(self) -> None:
        if self.result is None or self.document.pageCount() == 0:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.result.title)
        if QPrintDialog(printer, self).exec() != QPrintDialog.DialogCode.Accepted:
            return
        self.render_to(printer)

    def render_to(self, printer: QPrinter) -> None:
        """Draw each page as an image at the printer's resolution (QtPdf renders pages to images only)."""
        dpi = printer.resolution()
        painter = QPainter(printer)
        try:
            for i in range(self.document.pageCount()):
                if i:
                    printer.newPage()
                size = self.document.pagePointSize(i)
                pixels = QSize(int(size.width() * dpi / 72), int(size.height() * dpi / 72))
                image = self.document.render(i, pixels)
                target = painter.viewport()
                scaled = pixels.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(target.x(), target.y(), image.scaled(scaled))
        finally:
            painter.end()

    def result_year(self) -> int:
        """The year the shown brief was issued in (numbers run per year of issue)."""
        return clock.today().year

    def wait_idle(self) -> bool:
        """True when no generation runs (tests wait on it)."""
        return self._worker is None

