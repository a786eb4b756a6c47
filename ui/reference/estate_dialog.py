"""Edit dialog for an estate: basic fields, population history, contacts and aliases on tabs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.inspections.grades import update_estate_regraded
from controllers.reference import choices as rd
from controllers.reference import estates as est
from controllers.reference import lists
from ui.reference.dialogs import RecordDialog, id_combo, int_line, int_value, line, text_box, text_combo
from ui.reference.table_models import ContactTableModel, PopulationTableModel


def _table(model: PopulationTableModel | ContactTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


class EstateDialog(RecordDialog):
    """Create or edit an estate together with its population history, contacts and aliases."""

    def __init__(self, ctx: AppContext, record: est.EstateRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record, parent)
        self.setWindowTitle(self.tr("Edit estate") if record else self.tr("New estate"))
        self.setMinimumSize(640, 520)
        detail = est.get_estate(ctx, record.id) if record else None
        self.detail = detail
        self.tabs = QTabWidget()
        self.layout_.removeItem(self.form)
        self.layout_.addWidget(self.tabs)
        self._build_basic(detail)
        self._build_population(detail)
        self._build_contacts(detail)
        self._build_aliases(detail)
        self.finish_layout()

    # ---- tabs -----------------------------------------------------------------------------------------------

    def _build_basic(self, d: est.EstateDetail | None) -> None:
        page = QWidget()
        page.setLayout(self.form)
        self.tabs.addTab(page, self.tr("Basic"))
        self.name = self.add_row("name", self.tr("Estate name"), line(d and d.name))
        self.street = self.add_row("street", self.tr("Street"), id_combo(rd.street_choices(self.ctx), d and d.street_id,
                                                                         none_label=self.tr("(choose)")))
        self.committee = self.add_row("residents_committee", self.tr("Residents' committee"),
                                      line(d and d.residents_committee))
        self.address = self.add_row("address", self.tr("Address"), line(d and d.address, max_len=200))
        self.households = self.add_row("households", self.tr("Households"),
                                       int_line(d and d.households, maximum=100_000))
        self.pilot = QCheckBox(self.tr("Pilot estate (试点)"))
        self.pilot.setChecked(bool(d and d.pilot))
        self.add_row("pilot", "", self.pilot)
        grades = [(g.id, g.name) for g in lists.list_estate_grades(self.ctx)]
        self.grade = self.add_row("grade", self.tr("Grade"), id_combo(grades, d and d.grade_id,
                                                                      none_label=self.tr("(none)")))
        # A grade change of an existing estate applies from a date (the inspection plan is not rewritten backwards).
        self.original_grade = d.grade_id if d else None
        today = clock.today()
        self.grade_from = QDateEdit(QDate(today.year, today.month, today.day))
        self.grade_from.setCalendarPopup(True)
        self.grade_from.setDisplayFormat("yyyy-MM-dd")
        self.grade_from.setToolTip(self.tr("The day the new grade applies from; inspections before it follow the "
                                           "old grade"))
        if d is not None:
            self.add_row("effective_from", self.tr("Grade applies from"), self.grade_from)
        companies = [(c.id, c.name) for c in est.list_property_companies(self.ctx)]
        self.company = self.add_row("property_company", self.tr("Property company"),
                                    id_combo(companies, d and d.property_company_id, none_label=self.tr("(none)")))
        self.notes = self.add_row("notes", self.tr("Notes"), text_box(d and d.notes, height=60))

    def _build_population(self, d: est.EstateDetail | None) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("Resident population (常住人口) by date; the latest figure on or before a "
                                        "date is the one in force then.")))
        row = QHBoxLayout()
        today = clock.today()
        self.pop_date = QDateEdit(QDate(today.year, today.month, today.day))
        self.pop_date.setCalendarPopup(True)
        self.pop_date.setDisplayFormat("yyyy-MM-dd")
        self.pop_value = QSpinBox()
        self.pop_value.setRange(0, 1_000_000)
        self.pop_value.setGroupSeparatorShown(True)
        self.pop_source = QLineEdit()
        self.pop_source.setMaxLength(100)
        self.pop_source.setPlaceholderText(self.tr("Source, e.g. 居委会统计"))
        self.pop_add = QPushButton(self.tr("Add"))
        self.pop_add.clicked.connect(self.add_population)
        for w in (self.pop_date, self.pop_value, self.pop_source, self.pop_add):
            row.addWidget(w)
        layout.addLayout(row)
        self.population_model = PopulationTableModel(self)
        self.population_model.set_rows(d.populations if d else [])
        self.population_view = _table(self.population_model)
        layout.addWidget(self.population_view)
        self.fields["populations"] = self.population_view
        self.pop_remove = QPushButton(self.tr("Remove selected"))
        self.pop_remove.clicked.connect(lambda: self._remove_selected(self.population_view, self.population_model))
        layout.addWidget(self.pop_remove)
        self.tabs.addTab(page, self.tr("Population"))

    def _build_contacts(self, d: est.EstateDetail | None) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        self.contact_role = text_combo(est.CONTACT_ROLES, None)
        self.contact_name = line(max_len=40)
        self.contact_phone = line(max_len=30)
        self.contact_note = line(max_len=200)
        form.addRow(self.tr("Role"), self.contact_role)
        form.addRow(self.tr("Name"), self.contact_name)
        form.addRow(self.tr("Phone"), self.contact_phone)
        form.addRow(self.tr("Note"), self.contact_note)
        layout.addLayout(form)
        self.contact_add = QPushButton(self.tr("Add contact"))
        self.contact_add.clicked.connect(self.add_contact)
        layout.addWidget(self.contact_add)
        self.contact_model = ContactTableModel(self)
        self.contact_model.set_rows(d.contacts if d else [])
        self.contact_view = _table(self.contact_model)
        self.contact_view.setToolTip(self.tr("Double-click a name, phone or note to correct it"))
        layout.addWidget(self.contact_view)
        self.fields["contacts"] = self.contact_view
        self.contact_remove = QPushButton(self.tr("Remove selected"))
        self.contact_remove.clicked.connect(lambda: self._remove_selected(self.contact_view, self.contact_model))
        layout.addWidget(self.contact_remove)
        self.tabs.addTab(page, self.tr("Contacts"))

    def _build_aliases(self, d: est.EstateDetail | None) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("Other names residents or the 12345 hotline use for this estate.")))
        row = QHBoxLayout()
        self.alias_edit = line()
        self.alias_add = QPushButton(self.tr("Add"))
        self.alias_add.clicked.connect(self.add_alias)
        self.alias_edit.returnPressed.connect(self.add_alias)
        row.addWidget(self.alias_edit)
        row.addWidget(self.alias_add)
        layout.addLayout(row)
        self.alias_list = QListWidget()
        self.alias_list.addItems(list(d.aliases) if d else [])
        layout.addWidget(self.alias_list)
        self.fields["aliases"] = self.alias_list
        self.alias_remove = QPushButton(self.tr("Remove selected"))
        self.alias_remove.clicked.connect(lambda: self.alias_list.takeItem(self.alias_list.currentRow()))
        layout.addWidget(self.alias_remove)
        self.tabs.addTab(page, self.tr("Aliases"))

    # ---- actions --------------------------------------------------------------------------------------------

    def add_population(self) -> None:
        d = self.pop_date.date()
        self.population_model.add(est.PopulationInput(date(d.year(), d.month(), d.day()), self.pop_value.value(),
                                                      self.pop_source.text().strip() or None))
        self.pop_value.setValue(0)
        self.pop_source.clear()

    def add_contact(self) -> None:
        self.contact_model.add(est.ContactInput(self.contact_role.currentText(), self.contact_name.text().strip(),
                                                self.contact_phone.text().strip() or None,
                                                self.contact_note.text().strip() or None))
        for w in (self.contact_name, self.contact_phone, self.contact_note):
            w.clear()

    def add_alias(self) -> None:
        text = self.alias_edit.text().strip()
        if text and text not in self.aliases():
            self.alias_list.addItem(text)
        self.alias_edit.clear()

    def _remove_selected(self, view: QTableView, model: PopulationTableModel | ContactTableModel) -> None:
        index = view.currentIndex()
        if index.isValid():
            model.remove(index.row())

    def aliases(self) -> list[str]:
        return [self.alias_list.item(i).text() for i in range(self.alias_list.count())]

    def storing(self) -> Callable[[], est.EstateRow]:
        args = {
            "name": self.name.text(), "street_id": self.street.currentData(),
            "residents_committee": self.committee.text(), "address": self.address.text(),
            "households": int_value(self.households), "pilot": self.pilot.isChecked(),
            "grade_id": self.grade.currentData(), "property_company_id": self.company.currentData(),
            "notes": self.notes.toPlainText(), "aliases": self.aliases(),
            "populations": self.population_model.rows(), "contacts": self.contact_model.rows(),
        }
        ctx, record = self.ctx, self.record
        if record:
            new_grade, old_grade = args["grade_id"], self.original_grade
            if new_grade == old_grade:
                return lambda: est.update_estate(ctx, record.id, **args)
            qd = self.grade_from.date()
            day = date(qd.year(), qd.month(), qd.day())
            return lambda: update_estate_regraded(ctx, record.id, **{**args, "grade_id": old_grade},
                                                  new_grade_id=new_grade, effective_from=day)
        return lambda: est.create_estate(ctx, **args)
