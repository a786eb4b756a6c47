"""The meeting edit dialog: details, discussed cases and complaint groups, action items; one save = one action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.meetings import links as ml
from controllers.meetings import records as mt
from controllers.meetings.actions import ActionInput
from controllers.reference import choices as rd
from ui.common.column_width import fit_column
from ui.common.dialog_save import save_and_accept
from ui.common.events import Change
from ui.meetings.models import ActionEditModel, CaseItemModel, ComplaintItemModel

ERROR_STYLE = "border: 2px solid #c62828;"
DEPARTMENT_COLUMNS = 3


def item_table(model: object) -> QTableView:
    """A compact read-only (or grid-editable) table used on the dialog's tabs."""
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setStyleSheet("QHeaderView::section { padding: 4px 6px; }")
    return view


class MeetingDialog(QDialog):
    """Create or edit a meeting; a validation error keeps the dialog open and brings its field forward."""

    def __init__(self, ctx: AppContext, detail: mt.MeetingDetail | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail = detail
        self.saved: mt.MeetingDetail | None = None
        self.setWindowTitle(self.tr("Edit meeting") if detail else self.tr("New meeting"))
        self.resize(860, 600)
        layout = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.hide()
        layout.addWidget(self.message)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.tabs.addTab(self._details_tab(), self.tr("Details"))
        self.tabs.addTab(self._items_tab(), self.tr("Cases and complaints discussed"))
        self.tabs.addTab(self._actions_tab(), self.tr("Action items"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.ok_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.fields: dict[str, QWidget] = {
            "kind": self.kind, "held_on": self.held_on, "title": self.title_edit, "venue": self.venue,
            "departments": self.departments, "cases": self.case_edit, "complaints": self.work_order_edit,
            "actions": self.actions_view,
        }
        self._load(detail)

    # ---- tabs -------------------------------------------------------------------------------------------------

    def _details_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind = QComboBox()
        self.kind.addItems(list(mt.KIND_CHOICES))
        self.held_on = QDateEdit()
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(mt.MAX_TITLE)
        self.venue = QLineEdit()
        self.venue.setMaxLength(mt.MAX_VENUE)
        # Check boxes in a grid, all visible at once: a checkable list hides unticked items' boxes in the theme.
        self.departments = QWidget()
        grid = QGridLayout(self.departments)
        grid.setContentsMargins(0, 0, 0, 0)
        self.department_boxes: dict[int, QCheckBox] = {}
        for n, (dept_id, name) in enumerate(rd.department_choices(self.ctx)):
            box = QCheckBox(name)
            self.department_boxes[dept_id] = box
            grid.addWidget(box, n // DEPARTMENT_COLUMNS, n % DEPARTMENT_COLUMNS)
        self.people = QPlainTextEdit()
        self.people.setFixedHeight(54)
        self.people.setTabChangesFocus(True)
        self.decisions = QPlainTextEdit()
        self.decisions.setTabChangesFocus(True)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Date"), self.held_on)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Venue"), self.venue)
        form.addRow(self.tr("Departments"), self.departments)
        form.addRow(self.tr("People present"), self.people)
        form.addRow(self.tr("Decisions"), self.decisions)
        return page

    def _items_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        case_bar = QHBoxLayout()
        case_bar.addWidget(QLabel(self.tr("Case number")))
        self.case_edit = QLineEdit()
        self.case_edit.setPlaceholderText(self.tr("e.g. 2025-长征-0037 (type part of it)"))
        self._case_suggestions = QStringListModel(self)
        completer = QCompleter(self._case_suggestions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.case_edit.setCompleter(completer)
        self.case_edit.textEdited.connect(self._suggest_cases)
        self.case_edit.returnPressed.connect(self.add_case)
        case_bar.addWidget(self.case_edit, 1)
        self.add_case_button = QPushButton(self.tr("Add case"))
        self.add_case_button.clicked.connect(self.add_case)
        self.remove_case_button = QPushButton(self.tr("Remove case"))
        self.remove_case_button.clicked.connect(self.remove_case)
        case_bar.addWidget(self.add_case_button)
        case_bar.addWidget(self.remove_case_button)
        layout.addLayout(case_bar)
        self.case_model = CaseItemModel(self)
        self.case_view = item_table(self.case_model)
        self.case_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for col, width in ((CaseItemModel.COL_NUMBER, 150), (CaseItemModel.COL_CATEGORY, 170),
                           (CaseItemModel.COL_ESTATE, 140)):
            fit_column(self.case_view, col, width)
        layout.addWidget(self.case_view, 1)

        wo_bar = QHBoxLayout()
        wo_bar.addWidget(QLabel(self.tr("12345 work order")))
        self.work_order_edit = QLineEdit()
        self.work_order_edit.setPlaceholderText(self.tr("Work-order number; its whole repeat group is added"))
        self.work_order_edit.returnPressed.connect(self.add_work_order)
        wo_bar.addWidget(self.work_order_edit, 1)
        self.add_complaint_button = QPushButton(self.tr("Add group"))
        self.add_complaint_button.clicked.connect(self.add_work_order)
        wo_bar.addWidget(self.add_complaint_button)
        layout.addLayout(wo_bar)
        group_bar = QHBoxLayout()
        group_bar.addWidget(QLabel(self.tr("Repeat group")))
        self.group_combo = QComboBox()
        self.group_combo.setMinimumContentsLength(30)
        self.group_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.group_combo.addItem(self.tr("— recent repeat complaints —"), None)
        for g in ml.repeat_groups(self.ctx):
            label = self.tr("%1 · %2 · %3 · %n complaints", "", g.size)
            label = label.replace("%1", g.received_on.isoformat()).replace("%2", g.estate or "—")
            self.group_combo.addItem(label.replace("%3", g.category or g.summary), g.root_id)
        group_bar.addWidget(self.group_combo, 1)
        self.add_group_button = QPushButton(self.tr("Add group"))
        self.add_group_button.clicked.connect(self.add_picked_group)
        self.remove_group_button = QPushButton(self.tr("Remove group"))
        self.remove_group_button.clicked.connect(self.remove_group)
        group_bar.addWidget(self.add_group_button)
        group_bar.addWidget(self.remove_group_button)
        layout.addLayout(group_bar)
        self.complaint_model = ComplaintItemModel(self)
        self.complaint_view = item_table(self.complaint_model)
        self.complaint_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for col, width in ((ComplaintItemModel.COL_GROUP, 40), (ComplaintItemModel.COL_WORK_ORDER, 150),
                           (ComplaintItemModel.COL_DATE, 96), (ComplaintItemModel.COL_ESTATE, 110),
                           (ComplaintItemModel.COL_CATEGORY, 150)):
            fit_column(self.complaint_view, col, width)
        layout.addWidget(self.complaint_view, 1)
        return page

    def _actions_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        hint = QLabel(self.tr("Double-click a cell to edit it; tick Done when an item is finished."))
        hint.setWordWrap(True)
        bar.addWidget(hint, 1)
        self.add_action_button = QPushButton(self.tr("Add action"))
        self.add_action_button.clicked.connect(self.add_action)
        self.remove_action_button = QPushButton(self.tr("Remove action"))
        self.remove_action_button.clicked.connect(self.remove_action)
        bar.addWidget(self.add_action_button)
        bar.addWidget(self.remove_action_button)
        layout.addLayout(bar)
        self.action_model = ActionEditModel(self)
        self.actions_view = item_table(self.action_model)
        header = self.actions_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ActionEditModel.COL_DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        fit_column(self.actions_view, ActionEditModel.COL_OWNER, 170)
        fit_column(self.actions_view, ActionEditModel.COL_DUE, 120)
        fit_column(self.actions_view, ActionEditModel.COL_DONE, 70)
        layout.addWidget(self.actions_view, 1)
        return page

    # ---- loading ----------------------------------------------------------------------------------------------

    def _load(self, d: mt.MeetingDetail | None) -> None:
        self.held_on.setDate(QDate(d.held_on if d else clock.today()))
        if d is None:
            return
        self.kind.setCurrentText(d.kind)
        self.title_edit.setText(d.title)
        self.venue.setText(d.venue or "")
        for dept_id, _name in d.departments:
            if dept_id in self.department_boxes:
                self.department_boxes[dept_id].setChecked(True)
        self.people.setPlainText(d.people_present or "")
        self.decisions.setPlainText(d.decisions or "")
        self.case_model.set_rows(d.cases)
        self.complaint_model.set_rows(d.complaints)
        self.action_model.set_items([ActionInput(a.description, a.owner, a.due, a.done, id=a.id) for a in d.actions])

    # ---- discussed items --------------------------------------------------------------------------------------

    def _suggest_cases(self, text: str) -> None:
        # Only a few characters narrow 100,000 case numbers enough; below that the list would be noise.
        self._case_suggestions.setStringList(ml.case_number_suggestions(self.ctx, text) if len(text) >= 2 else [])

    def add_case(self) -> None:
        self._clear_error()
        try:
            item = ml.find_case(self.ctx, self.case_edit.text())
        except UserError as exc:
            self.show_error(exc.message, "cases")
            return
        if self.case_model.row_of_id(item.id) < 0:
            self.case_model.set_rows([*self.case_model.rows(), item])
        self.case_edit.clear()

    def remove_case(self) -> None:
        index = self.case_view.currentIndex()
        if index.isValid():
            rows = self.case_model.rows()
            del rows[index.row()]
            self.case_model.set_rows(rows)

    def _add_group(self, members: list[ml.ComplaintItem]) -> None:
        have = {c.id for c in self.complaint_model.rows()}
        self.complaint_model.set_rows([*self.complaint_model.rows(), *(m for m in members if m.id not in have)])

    def add_work_order(self) -> None:
        self._clear_error()
        try:
            self._add_group(ml.find_complaint_group(self.ctx, work_order_no=self.work_order_edit.text()))
        except UserError as exc:
            self.show_error(exc.message, "complaints")
            return
        self.work_order_edit.clear()

    def add_picked_group(self) -> None:
        root = self.group_combo.currentData()
        if root is None:
            return
        self._clear_error()
        try:
            self._add_group(ml.find_complaint_group(self.ctx, complaint_id=root))
        except UserError as exc:
            self.show_error(exc.message, "complaints")

    def remove_group(self) -> None:
        index = self.complaint_view.currentIndex()
        if index.isValid():
            group = self.complaint_model.row_at(index.row()).group_id
            self.complaint_model.set_rows([c for c in self.complaint_model.rows() if c.group_id != group])

    # ---- action items -----------------------------------------------------------------------------------------

    def add_action(self) -> None:
        row = self.action_model.add_item(self.held_on.date().toPython())
        index = self.action_model.index(row, ActionEditModel.COL_DESCRIPTION)
        self.actions_view.setCurrentIndex(index)
        self.actions_view.edit(index)

    def remove_action(self) -> None:
        index = self.actions_view.currentIndex()
        if index.isValid():
            self.action_model.remove_item(index.row())

    # ---- saving -----------------------------------------------------------------------------------------------

    def department_ids(self) -> list[int]:
        return [dept_id for dept_id, box in self.department_boxes.items() if box.isChecked()]

    def storing(self) -> Callable[[], mt.MeetingDetail]:
        """The controller call that stores what the dialog says (read here, on the GUI thread)."""
        args = {
            "kind": self.kind.currentText(), "held_on": self.held_on.date().toPython(),
            "title": self.title_edit.text(), "venue": self.venue.text(),
            "people_present": self.people.toPlainText(), "decisions": self.decisions.toPlainText(),
            "department_ids": self.department_ids(),
            "case_numbers": [c.number for c in self.case_model.rows()],
            "complaint_ids": [c.id for c in self.complaint_model.rows()],
            "actions": self.action_model.items(),
        }
        ctx, detail = self.ctx, self.detail
        if detail is not None:
            return lambda: mt.update_meeting(ctx, detail.id, **args)  # type: ignore[arg-type]
        return lambda: mt.create_meeting(ctx, **args)  # type: ignore[arg-type]

    def accept(self) -> None:
        """Save off the GUI thread; the dialog closes once saved, or stays open with the field marked."""
        self._clear_error()
        self.operation = save_and_accept(self, self.storing(), button=self.ok_button, changes=(Change.MEETINGS,),
                        show_error=self.show_error, name="meeting save")

    def show_error(self, message: str, field: str | None) -> None:
        """Show the Chinese message, mark the field and bring its tab forward."""
        self.message.setText(message)
        self.message.show()
        widget = self.fields.get(field or "")
        if widget is None:
            return
        widget.setStyleSheet(ERROR_STYLE)
        for tab in range(self.tabs.count()):
            if self.tabs.widget(tab).isAncestorOf(widget):
                self.tabs.setCurrentIndex(tab)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_error(self) -> None:
        self.message.hide()
        for widget in self.fields.values():
            widget.setStyleSheet("")
