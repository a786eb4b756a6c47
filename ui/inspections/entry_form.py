"""Patrol entry (巡查记录), keyboard-quick like the complaint form, typed in from the paper sheet afterwards.

Date and time, kind, officers, joint departments (联合检查), the estates in route order, then per estate who was met
and the checklist (all 正常 until marked); Ctrl+PgDown/PgUp move between the estates; Ctrl+Enter saves."""

from __future__ import annotations

import itertools
from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.inspections.patrols import (
    JOINT,
    PATROL_KINDS,
    PatrolDetail,
    PatrolInput,
    VisitInput,
    record_patrol,
    update_patrol,
)
from controllers.reference.choices import category_choices, department_choices, estate_choices, staff_choices
from ui.common import background
from ui.common.background import Operation
from ui.common.events import Change
from ui.common.rows_model import ID_ROLE
from ui.complaints.entry_form import TabLeavesDateTimeEdit, to_qdate
from ui.inspections.checklist_table import EstateChecklist
from ui.inspections.pick_list import PickList


class PatrolEntryDialog(QDialog):
    """A new patrol, or an existing one (`detail`) to correct; saves off the GUI thread, all or nothing."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, detail: PatrolDetail | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.saved: PatrolDetail | None = None
        self.operation: Operation | None = None
        self.setWindowTitle(self.tr("New patrol record") if detail is None else self.tr("Edit patrol record"))
        self.categories = category_choices(ctx)
        self.estate_labels = dict(estate_choices(ctx))

        self.started = TabLeavesDateTimeEdit()
        self.started.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.started.setCalendarPopup(True)
        now = clock.local_now()
        self.started.setDateTime(QDateTime(to_qdate(now.date()), QTime(now.hour, now.minute)))
        self.kind = QComboBox()
        self.kind.addItems(list(PATROL_KINDS))
        self.officers = PickList(staff_choices(ctx), self.tr("Type part of a name, Enter adds"), rows=2)
        self.departments = PickList(department_choices(ctx), self.tr("Type part of a department, Enter adds"),
                                    rows=2)
        self.estates = PickList(list(self.estate_labels.items()),
                                self.tr("Type part of the estate's name, Enter adds it to the route"), rows=5)
        self.pages = QStackedWidget()
        self.placeholder = QLabel(self.tr("Add the estates visited; each gets its checklist here, all 正常 until "
                                          "marked."))
        self.placeholder.setWordWrap(True)
        self.pages.addWidget(self.placeholder)
        self.checklists: dict[int, EstateChecklist] = {}
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(56)
        self.notes.setPlaceholderText(self.tr("Optional: the patrol in a few words"))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet("color: #d32f2f;")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("Date and time"), self.started)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Officers"), self.officers)
        self.departments_label = QLabel(self.tr("Joint departments"))
        form.addRow(self.departments_label, self.departments)
        form.addRow(self.tr("Route"), self.estates)
        form.addRow(self.tr("Patrol notes"), self.notes)
        left = QWidget()
        left.setLayout(form)
        left.setFixedWidth(380)
        body = QHBoxLayout()
        body.addWidget(left)
        body.addWidget(self.pages, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Checklist keys: type a code (c05) to jump, Z 正常, F 发现问题 (then place, Tab, note, "
                              "Enter), B 不适用; Alt+W/J/Y who was met; Ctrl+PgDown next estate; Ctrl+Enter saves."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        # Tab walks the form in the paper sheet's order; the chosen lists are for the eye (Backspace in an empty
        # box drops the last pick) and the checklist of the estate shown sits between the route and the notes.
        for pick in (self.officers, self.departments, self.estates):
            pick.chosen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        order = [self.started, self.kind, self.officers.edit, self.departments.edit, self.estates.edit, self.notes,
                 self.buttons]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+PgDown"), self, activated=lambda: self.step_estate(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, activated=lambda: self.step_estate(-1))
        self.kind.currentTextChanged.connect(self._kind_changed)
        self.estates.changed.connect(self._route_changed)
        self.estates.chosen.currentRowChanged.connect(self._show_estate)
        self.resize(1240, 700)
        if detail is not None:
            self._fill(detail)
        self._kind_changed()
        self.started.setFocus()

    # --- the form ----------------------------------------------------------------------------------------
    def _fill(self, d: PatrolDetail) -> None:
        s = d.started_at
        self.started.setDateTime(QDateTime(to_qdate(s.date()), QTime(s.hour, s.minute)))
        self.kind.setCurrentText(d.kind)
        self.officers.set_ids(d.officer_ids, dict(zip(d.officer_ids, d.officers, strict=True)))
        names = {n: i for i, n in department_choices(self.ctx)}
        self.departments.set_ids([names[n] for n in d.departments if n in names])
        self.estates.set_ids([v.estate_id for v in d.visits], {v.estate_id: v.estate for v in d.visits})
        for v in d.visits:
            page = self.checklists[v.estate_id]
            for role in v.met:
                page.met[role].setChecked(True)
            for c in v.checks:
                page.table.set_line(c)  # type: ignore[arg-type]  # a CheckLine has the fields set_line reads
        self.notes.setPlainText(d.notes or "")
        self.estates.chosen.setCurrentRow(0)

    def current_table(self) -> QWidget | None:
        page = self.pages.currentWidget()
        return page.table if isinstance(page, EstateChecklist) else None

    def focusNextPrevChild(self, next: bool) -> bool:
        """The shown estate's checklist between the route and the notes (its tables come and go with the route)."""
        focused, table = QApplication.focusWidget(), self.current_table()
        if table is not None:
            hop = {(True, self.estates.edit): table, (True, table): self.notes,
                   (False, self.notes): table, (False, table): self.estates.edit}.get((next, focused))
            if hop is not None:
                hop.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
                return True
        return super().focusNextPrevChild(next)

    def _kind_changed(self) -> None:
        joint = self.kind.currentText() == JOINT
        self.departments.setVisible(joint)
        self.departments_label.setVisible(joint)

    def _route_changed(self) -> None:
        """A checklist page per estate of the route: new ones added, removed ones dropped (with their marks)."""
        ids = self.estates.ids()
        for estate_id in [e for e in self.checklists if e not in ids]:
            page = self.checklists.pop(estate_id)
            self.pages.removeWidget(page)
            page.deleteLater()
        labels = {self.estates.chosen.item(i).data(ID_ROLE): self.estates.chosen.item(i).text()
                  for i in range(self.estates.chosen.count())}
        for estate_id in ids:
            if estate_id not in self.checklists:
                page = EstateChecklist(estate_id, labels[estate_id], self.categories)
                self.checklists[estate_id] = page
                self.pages.addWidget(page)
        self._show_estate(self.estates.chosen.currentRow())

    def _show_estate(self, row: int) -> None:
        ids = self.estates.ids()
        page = self.checklists.get(ids[row]) if 0 <= row < len(ids) else None
        self.pages.setCurrentWidget(page or self.placeholder)

    def step_estate(self, step: int) -> None:
        """The next (or previous) estate of the route, its checklist focused."""
        count = self.estates.chosen.count()
        if not count:
            return
        row = min(max(self.estates.chosen.currentRow() + step, 0), count - 1)
        self.estates.chosen.setCurrentRow(row)
        table = self.current_table()
        if table is not None:
            table.setFocus()

    def patrol_input(self) -> PatrolInput:
        qdt = self.started.dateTime()
        started = datetime(qdt.date().year(), qdt.date().month(), qdt.date().day(), qdt.time().hour(),
                           qdt.time().minute())
        joint = self.kind.currentText() == JOINT
        visits = tuple(VisitInput(e, self.checklists[e].met_roles(), self.checklists[e].table.lines())
                       for e in self.estates.ids())
        return PatrolInput(started_at=started, kind=self.kind.currentText(), officer_ids=tuple(self.officers.ids()),
                           visits=visits, department_ids=tuple(self.departments.ids()) if joint else (),
                           notes=self.notes.toPlainText())

    # --- saving ------------------------------------------------------------------------------------------
    def save(self) -> Operation | None:
        if self.operation is not None and self.operation.running:
            return None  # Ctrl+Enter pressed again while the first save is on its way
        self.error.hide()
        ctx, data, existing = self.ctx, self.patrol_input(), self.detail

        def write() -> PatrolDetail:
            if existing is None:
                return record_patrol(ctx, data)
            return update_patrol(ctx, existing.id, data)

        self.operation = background.run(self, write, changes=(Change.INSPECTIONS,), done=self._saved,
                                        refused=self._refused, name="patrol entry")
        return self.operation

    def _saved(self, detail: PatrolDetail) -> None:
        self.saved = detail
        self.accept()

    def _refused(self, exc: UserError) -> None:
        self.error.setText(exc.message)
        self.error.show()


def enter_patrol(ctx: AppContext, parent: QWidget | None = None, *, detail: PatrolDetail | None = None) -> int | None:
    """Open the form; the saved patrol's id, or None when cancelled."""
    dialog = PatrolEntryDialog(ctx, parent, detail=detail)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.saved.id if accepted and dialog.saved is not None else None
