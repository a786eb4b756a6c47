"""The case form: what was found, where, by whom, legal basis, deadline, party and penalty; tracks unsaved edits."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from controllers.cases import records as cr
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from ui.case_detail.widgets import ERROR_STYLE, IdPicker, OptionalDate, date_edit, from_qdate, to_qdate
from ui.common.estimates import with_note
from ui.common.feedback import fill
from ui.common.rows_model import ID_ROLE

C11 = "C11"


def _text(edit: QLineEdit | QPlainTextEdit) -> str | None:
    value = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
    return value.strip() or None


class CaseForm(QWidget):
    """All editable case fields; emits `edited` on any change the user makes."""

    edited = Signal()

    def __init__(self, ctx: AppContext, choices: cr.FormChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.choices = choices
        self._loading = False
        self.registering = False
        self.category = IdPicker(choices.categories)
        self.estate = IdPicker(choices.estates, typeahead=True)
        self.estate.lineEdit().setPlaceholderText(self.tr("Type part of the estate name"))
        self.place = QLineEdit()
        self.place.setMaxLength(200)
        self.place.setPlaceholderText(self.tr("Building / unit / room"))
        self.source = QComboBox()
        self.source.addItems(list(choices.sources))
        self.found_date = date_edit()
        self.officer = IdPicker(choices.staff, none_label=self.tr("(not assigned)"))
        self.company = IdPicker(choices.property_companies, none_label=self.tr("(none)"))
        self.company_label = QLabel(self.tr("Property company"))
        self.facts = QPlainTextEdit()
        self.facts.setTabChangesFocus(True)
        self.facts.setPlaceholderText(self.tr("What was found: who, where, what, since when"))
        self.party_name = QLineEdit()
        self.party_name.setMaxLength(100)
        self.party_id = QLineEdit()
        self.party_id.setMaxLength(40)
        self.party_phone = QLineEdit()
        self.party_phone.setMaxLength(30)
        self.deadline = OptionalDate(self.tr("Set"))
        self.deadline_hint = QLabel()
        self.deadline_hint.setWordWrap(True)
        self.regulations = QListWidget()
        for reg_id, name in choices.regulations:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, reg_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.regulations.addItem(item)
        self.regulations.setMinimumHeight(190)
        self.measures = QPlainTextEdit()
        self.measures.setTabChangesFocus(True)
        self.result = QPlainTextEdit()
        self.result.setTabChangesFocus(True)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        for box in (self.measures, self.result, self.notes):
            box.setFixedHeight(52)
        self.facts.setFixedHeight(72)
        self.penalty_date = OptionalDate(self.tr("Decided"))
        self.penalty_doc = QLineEdit()
        self.penalty_doc.setMaxLength(60)
        self.penalty_amount = QLineEdit()
        self.penalty_amount.setValidator(QIntValidator(0, 100_000_000, self))
        self._build()
        self._connect()
        self._update_company_row()

    def _build(self) -> None:
        what = QGroupBox(self.tr("What and where"))
        f1 = QFormLayout(what)
        f1.addRow(self.tr("Category"), self.category)
        f1.addRow(self.tr("Estate"), self.estate)
        f1.addRow(self.tr("Place"), self.place)
        f1.addRow(self.tr("Source"), self.source)
        f1.addRow(self.tr("Found on"), self.found_date)
        f1.addRow(self.tr("Officer"), self.officer)
        f1.addRow(self.company_label, self.company)
        f1.addRow(self.tr("Facts"), self.facts)
        party = QGroupBox(self.tr("Party"))
        f2 = QFormLayout(party)
        f2.addRow(self.tr("Name"), self.party_name)
        f2.addRow(self.tr("ID number"), self.party_id)
        f2.addRow(self.tr("Phone"), self.party_phone)
        law = QGroupBox(self.tr("Legal basis and deadline"))
        f3 = QFormLayout(law)
        f3.addRow(self.tr("Legal basis"), self.regulations)
        f3.addRow(self.tr("Deadline"), self.deadline)
        f3.addRow("", self.deadline_hint)
        handling = self.handling = QGroupBox(self.tr("Handling"))
        f4 = QFormLayout(handling)
        f4.addRow(self.tr("Measures"), self.measures)
        f4.addRow(self.tr("Result"), self.result)
        f4.addRow(self.tr("Penalty"), self.penalty_date)
        f4.addRow(self.tr("Decision no."), self.penalty_doc)
        f4.addRow(self.tr("Fine (yuan)"), self.penalty_amount)
        f4.addRow(self.tr("Notes"), self.notes)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(what)
        left.addWidget(party)
        right = QVBoxLayout()
        right.addWidget(law)
        right.addWidget(handling)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def _connect(self) -> None:
        self.category.currentIndexChanged.connect(self._category_changed)
        for edit in (self.place, self.party_name, self.party_id, self.party_phone, self.penalty_doc,
                     self.penalty_amount):
            edit.textEdited.connect(self._edited)
        for box in (self.facts, self.measures, self.result, self.notes):
            box.textChanged.connect(self._edited)
        for combo in (self.estate, self.officer, self.company, self.source):
            combo.currentIndexChanged.connect(self._edited)
        self.estate.editTextChanged.connect(self._edited)
        self.found_date.dateChanged.connect(self._edited)
        self.deadline.changed.connect(self._edited)
        self.penalty_date.changed.connect(self._edited)
        self.regulations.itemChanged.connect(self._edited)

    def _edited(self, *_args: Any) -> None:
        if not self._loading:
            self.edited.emit()

    def _update_company_row(self) -> None:
        is_c11 = self.choices.category_codes.get(self.category.value() or 0) == C11
        self.company.setVisible(is_c11 or self.company.value() is not None)
        self.company_label.setVisible(self.company.isVisible())

    def _category_changed(self) -> None:
        self._update_company_row()
        if self._loading:
            return
        self.apply_proposal()
        self.edited.emit()

    def apply_proposal(self) -> None:
        """Tick the category's legal basis and propose its deadline from the found date."""
        category_id = self.category.value()
        if category_id is None:
            return
        try:
            p = cr.propose_for_category(self.ctx, category_id, start=from_qdate(self.found_date.date()))
        except UserError:
            return
        wanted = set(p.regulation_ids)
        for i in range(self.regulations.count()):
            item = self.regulations.item(i)
            checked = item.data(ID_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if p.days:
            self.deadline.set_value(p.deadline)
            unit = self.tr("working days") if p.working_days else self.tr("calendar days")
            self.deadline_hint.setText(with_note(fill(self.tr("Proposed: %1 %2 from the found date"), p.days, unit),
                                                 p.deadline_note))
        else:
            self.deadline.set_value(None)
            self.deadline_hint.setText(self.tr("This category is referred to another department: no deadline."))

    # --- load / read -------------------------------------------------------------------------------------
    def load(self, values: dict[str, Any]) -> None:
        """Fill the form from a CaseDetail-like mapping without marking it edited."""
        self._loading = True
        try:
            self.category.set_value(values.get("category_id"))
            self.estate.set_value(values.get("estate_id"))
            self.place.setText(values.get("place") or "")
            self.source.setCurrentText(values.get("source") or "巡查发现")
            self.found_date.setDate(to_qdate(values.get("found_date") or clock.today()))
            self.officer.set_value(values.get("officer_id"))
            self.company.set_value(values.get("property_company_id"))
            self.facts.setPlainText(values.get("facts") or "")
            self.party_name.setText(values.get("party_name") or "")
            self.party_id.setText(values.get("party_id_no") or "")
            self.party_phone.setText(values.get("party_phone") or "")
            self.deadline.set_value(values.get("deadline"))
            self.deadline_hint.setText(values.get("deadline_note") or "")  # a stored case: only the estimate note
            wanted = set(values.get("regulation_ids") or ())
            for i in range(self.regulations.count()):
                item = self.regulations.item(i)
                on = item.data(ID_ROLE) in wanted
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.measures.setPlainText(values.get("measures") or "")
            self.result.setPlainText(values.get("result") or "")
            self.notes.setPlainText(values.get("notes") or "")
            self.penalty_date.set_value(values.get("penalty_decided_on"))
            self.penalty_doc.setText(values.get("penalty_doc_no") or "")
            amount = values.get("penalty_amount")
            self.penalty_amount.setText("" if amount is None else str(amount))
            self._update_company_row()
        finally:
            self._loading = False

    def set_registering(self) -> None:
        """A case being registered: handling and penalty come later, so that part is hidden and not sent."""
        self.registering = True
        self.handling.hide()

    def set_read_only(self, read_only: bool) -> None:
        """Shown but not editable (a read-only view, a role without 修改案件): texts stay selectable for copying."""
        for text in (self.place, self.party_name, self.party_id, self.party_phone, self.penalty_doc,
                     self.penalty_amount, self.facts, self.measures, self.result, self.notes):
            text.setReadOnly(read_only)
        # Disabling the whole picker or date row keeps each one's own state (a date unticked stays off).
        for widget in (self.category, self.estate, self.source, self.found_date, self.officer, self.company,
                       self.deadline, self.regulations, self.penalty_date):
            widget.setEnabled(not read_only)

    def regulation_ids(self) -> list[int]:
        return [
            self.regulations.item(i).data(ID_ROLE)
            for i in range(self.regulations.count())
            if self.regulations.item(i).checkState() == Qt.CheckState.Checked
        ]

    def values(self) -> dict[str, Any]:
        """The fields as keyword arguments for create_case / update_case."""
        amount = self.penalty_amount.text().strip()
        values = dict(
            category_id=self.category.value(), estate_id=self.estate.value(), place=_text(self.place),
            source=self.source.currentText(), found_date=from_qdate(self.found_date.date()),
            officer_id=self.officer.value(), property_company_id=self.company.value(),
            facts=_text(self.facts) or "", party_name=_text(self.party_name), party_id_no=_text(self.party_id),
            party_phone=_text(self.party_phone), deadline=self.deadline.value(),
            regulation_ids=self.regulation_ids(), measures=_text(self.measures), result=_text(self.result),
            notes=_text(self.notes), penalty_decided_on=self.penalty_date.value(),
            penalty_doc_no=_text(self.penalty_doc), penalty_amount=int(amount) if amount else None,
        )
        if self.registering:
            for key in ("measures", "result", "penalty_decided_on", "penalty_doc_no", "penalty_amount"):
                values.pop(key)
        return values

    def show_error(self, field: str | None) -> None:
        """Outline the field a validation error names and put the cursor there."""
        widgets = {
            "category_id": self.category, "estate_id": self.estate, "place": self.place, "source": self.source,
            "found_date": self.found_date, "facts": self.facts, "party_name": self.party_name,
            "party_id_no": self.party_id, "party_phone": self.party_phone, "deadline": self.deadline.edit,
            "penalty_doc_no": self.penalty_doc, "penalty_amount": self.penalty_amount,
            "penalty_decided_on": self.penalty_date.edit, "officer_id": self.officer,
            "property_company_id": self.company, "regulation_ids": self.regulations,
        }
        for w in widgets.values():
            w.setStyleSheet("")
        widget = widgets.get(field or "")
        if widget is not None:
            widget.setStyleSheet(ERROR_STYLE)
            widget.setFocus()
