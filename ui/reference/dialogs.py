"""Edit dialogs for the reference lists: a shared base that keeps the dialog open on a validation error."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.holidays import day_entry
from controllers.reference import choices as rd
from controllers.reference import estates as est
from controllers.reference import legal, lists, people
from ui.common.dialog_save import save_and_accept
from ui.common.events import Change
from ui.reference.company_record import CompanyRecordView

ERROR_STYLE = "border: 2px solid #c62828;"


def line(value: str | None = None, *, max_len: int = 100) -> QLineEdit:
    edit = QLineEdit(value or "")
    edit.setMaxLength(max_len)
    return edit


def int_line(value: int | None, *, maximum: int) -> QLineEdit:
    """An optional whole number: empty means “not known”, which a spin box cannot say."""
    edit = QLineEdit("" if value is None else str(value))
    edit.setValidator(QIntValidator(0, maximum, edit))
    return edit


def int_value(edit: QLineEdit) -> int | None:
    text = edit.text().strip()
    return int(text) if text else None


def text_box(value: str | None = None, *, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit(value or "")
    box.setFixedHeight(height)
    box.setTabChangesFocus(True)
    return box


def id_combo(choices: Sequence[tuple[int, str]], current: int | None, *, none_label: str | None = None) -> QComboBox:
    """A combo box of (id, label) choices, optionally with an empty first entry meaning “none”."""
    combo = QComboBox()
    if none_label is not None:
        combo.addItem(none_label, None)
    for record_id, label in choices:
        combo.addItem(label, record_id)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def text_combo(values: Sequence[str], current: str | None) -> QComboBox:
    combo = QComboBox()
    combo.addItems(list(values))
    if current in values:
        combo.setCurrentText(current)
    return combo


class RecordDialog(QDialog):
    """Base edit dialog: a message area, a form, Save/Cancel; save() errors keep it open and mark the field."""

    def __init__(self, ctx: AppContext, record: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record = record
        self.saved: Any = None
        self.fields: dict[str, QWidget] = {}
        self.setMinimumWidth(460)
        self.layout_ = QVBoxLayout(self)
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.hide()
        self.layout_.addWidget(self.message)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.ok_button.setText(QCoreApplication.translate("RecordDialog", "Save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(QCoreApplication.translate("RecordDialog", "Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        """Called by subclasses once their fields are in place."""
        self.layout_.addWidget(self.buttons)

    def add_row(self, key: str, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label, widget)
        self.fields[key] = widget
        return widget

    def storing(self) -> Callable[[], Any]:
        """The controller call that stores what the form says (read here, on the GUI thread); returns the row."""
        raise NotImplementedError

    def accept(self) -> None:
        """Save off the GUI thread; the dialog closes once saved, or stays open with the field marked."""
        self._clear_error()
        self.operation = save_and_accept(self, self.storing(), button=self.ok_button, changes=(Change.REFERENCE,),
                        show_error=self.show_error, name=f"saving {type(self).__name__}")

    def show_error(self, message: str, field: str | None) -> None:
        """Show the Chinese message, mark the field, bring its tab forward and put the cursor in it."""
        self.message.setText(message)
        self.message.show()
        widget = self.fields.get(field or "")
        if widget is None:
            return
        widget.setStyleSheet(ERROR_STYLE)
        # Bring forward every tab on the way up: a QTabWidget's pages sit in its internal stacked widget.
        child, parent = widget, widget.parentWidget()
        while parent is not None:
            tabs = parent.parentWidget()
            if isinstance(tabs, QTabWidget) and tabs.indexOf(child) >= 0:
                tabs.setCurrentIndex(tabs.indexOf(child))
            child, parent = parent, tabs
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _clear_error(self) -> None:
        self.message.hide()
        for widget in self.fields.values():
            widget.setStyleSheet("")


class StreetDialog(RecordDialog):
    """Create or edit a street or town."""

    def __init__(self, ctx: AppContext, record: lists.StreetRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record, parent)
        self.setWindowTitle(self.tr("Edit street") if record else self.tr("New street"))
        self.name = self.add_row("name", self.tr("Name"), line(record and record.name, max_len=40))
        self.short_name = self.add_row("short_name", self.tr("Short name"), line(record and record.short_name,
                                                                                  max_len=20))
        self.short_name.setToolTip(self.tr("Used in case numbers, e.g. 2025-长征-0037"))
        self.kind = self.add_row("kind", self.tr("Kind"), text_combo(lists.STREET_KIND_CHOICES, record and record.kind))
        self.finish_layout()

    def storing(self) -> Callable[[], lists.StreetRow]:
        args = {"name": self.name.text(), "short_name": self.short_name.text(), "kind": self.kind.currentText()}
        ctx, record = self.ctx, self.record
        if record:
            return lambda: lists.update_street(ctx, record.id, **args)
        return lambda: lists.create_street(ctx, **args)


class PropertyCompanyDialog(RecordDialog):
    """Create or edit a property company."""

    def __init__(self, ctx: AppContext, record: est.PropertyCompanyRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, record, parent)
        self.setWindowTitle(self.tr("Edit property company") if record else self.tr("New property company"))
        r = record
        self.name = self.add_row("name", self.tr("Company name"), line(r and r.name))
        self.manager = self.add_row("project_manager", self.tr("Project manager"),
                                    line(r and r.project_manager, max_len=40))
        self.phone = self.add_row("contact_phone", self.tr("Phone"), line(r and r.contact_phone, max_len=30))
        self.address = self.add_row("address", self.tr("Address"), line(r and r.address, max_len=200))
        self.notes = self.add_row("notes", self.tr("Notes"), text_box(r and r.notes))
        self.record_view: CompanyRecordView | None = None
        if r is not None:  # a new company has no record yet
            section = QGroupBox(self.tr("Performance record"))
            box = QVBoxLayout(section)
            self.record_view = CompanyRecordView(ctx, r.id)
            box.addWidget(self.record_view)
            self.layout_.addWidget(section)
            self.setMinimumWidth(720)
        self.finish_layout()

    def storing(self) -> Callable[[], est.PropertyCompanyRow]:
        args = {"name": self.name.text(), "project_manager": self.manager.text(), "contact_phone": self.phone.text(),
                "address": self.address.text(), "notes": self.notes.toPlainText()}
        ctx, record = self.ctx, self.record
        if record:
            return lambda: est.update_property_company(ctx, record.id, **args)
        return lambda: est.create_property_company(ctx, **args)


class StaffDialog(RecordDialog):
    """Create or edit a member of staff."""

    def __init__(self, ctx: AppContext, record: people.StaffRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, record, parent)
        self.setWindowTitle(self.tr("Edit staff member") if record else self.tr("New staff member"))
        r = record
        self.name = self.add_row("name", self.tr("Name"), line(r and r.name, max_len=40))
        self.badge = self.add_row("badge_no", self.tr("Badge no."), line(r and r.badge_no, max_len=20))
        self.position = self.add_row("position", self.tr("Position"), line(r and r.position, max_len=40))
        self.phone = self.add_row("phone", self.tr("Phone"), line(r and r.phone, max_len=30))
        self.street = self.add_row("street", self.tr("Street"), id_combo(rd.street_choices(ctx), r and r.street_id,
                                                                         none_label=self.tr("(none)")))
        self.active = QCheckBox(self.tr("Active (can be assigned cases)"))
        self.active.setChecked(r.active if r else True)
        self.add_row("active", "", self.active)
        self.finish_layout()

    def storing(self) -> Callable[[], people.StaffRow]:
        args = {"name": self.name.text(), "badge_no": self.badge.text(), "position": self.position.text(),
                "phone": self.phone.text(), "street_id": self.street.currentData(), "active": self.active.isChecked()}
        ctx, record = self.ctx, self.record
        if record:
            return lambda: people.update_staff(ctx, record.id, **args)
        return lambda: people.create_staff(ctx, **args)


class DepartmentDialog(RecordDialog):
    """Create or edit a department."""

    def __init__(self, ctx: AppContext, record: people.DepartmentRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, record, parent)
        self.setWindowTitle(self.tr("Edit department") if record else self.tr("New department"))
        r = record
        self.name = self.add_row("name", self.tr("Department"), line(r and r.name, max_len=60))
        self.duty = self.add_row("duty", self.tr("Duty"), text_box(r and r.duty, height=110))
        self.referral = self.add_row("typical_referral", self.tr("Typical referral"),
                                     text_box(r and r.typical_referral))
        self.contact = self.add_row("contact", self.tr("Contact"), line(r and r.contact))
        self.finish_layout()

    def storing(self) -> Callable[[], people.DepartmentRow]:
        args = {"name": self.name.text(), "duty": self.duty.toPlainText(),
                "typical_referral": self.referral.toPlainText(), "contact": self.contact.text()}
        ctx, record = self.ctx, self.record
        if record:
            return lambda: people.update_department(ctx, record.id, **args)
        return lambda: people.create_department(ctx, **args)


class RegulationDialog(RecordDialog):
    """Create or edit a regulation."""

    def __init__(self, ctx: AppContext, record: legal.RegulationRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, record, parent)
        self.setWindowTitle(self.tr("Edit regulation") if record else self.tr("New regulation"))
        r = record
        self.annex = self.add_row("annex_no", self.tr("Annex no."), int_line(r and r.annex_no, maximum=999))
        self.name = self.add_row("name", self.tr("Name"), line(r and r.name, max_len=200))
        self.articles = self.add_row("articles", self.tr("Articles"), text_box(r and r.articles))
        self.articles.setPlaceholderText(self.tr("Only articles the station has checked"))
        self.applies = QCheckBox(self.tr("Cited by every case (the enforcement power itself)"))
        self.applies.setChecked(bool(r and r.applies_to_all))
        self.add_row("applies_to_all", "", self.applies)
        self.notes = self.add_row("notes", self.tr("Notes"), text_box(r and r.notes))
        self.finish_layout()

    def storing(self) -> Callable[[], legal.RegulationRow]:
        args = {"annex_no": int_value(self.annex), "name": self.name.text(), "articles": self.articles.toPlainText(),
                "applies_to_all": self.applies.isChecked(), "notes": self.notes.toPlainText()}
        ctx, record = self.ctx, self.record
        if record:
            return lambda: legal.update_regulation(ctx, record.id, **args)
        return lambda: legal.create_regulation(ctx, **args)


class CalendarDayDialog(RecordDialog):
    """Add or edit a holiday or make-up working day."""

    def __init__(self, ctx: AppContext, record: lists.CalendarDayRow | None = None, parent: QWidget | None = None,
                 *, default_day: date | None = None) -> None:
        super().__init__(ctx, record, parent)
        self.setWindowTitle(self.tr("Edit calendar day") if record else self.tr("New calendar day"))
        day = record.day if record else (default_day or clock.today())
        self.day = QDateEdit(QDate(day.year, day.month, day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.add_row("day", self.tr("Date"), self.day)
        kind = text_combo(lists.CALENDAR_KIND_CHOICES, record and record.kind)
        self.kind = self.add_row("kind", self.tr("Kind"), kind)
        self.name = self.add_row("name", self.tr("Name"), line(record and record.name, max_len=40))
        self.name.setPlaceholderText(self.tr("e.g. 国庆节"))
        self.finish_layout()

    def storing(self) -> Callable[[], lists.CalendarDayRow]:
        d = self.day.date()
        args = {"day": date(d.year(), d.month(), d.day()), "kind": self.kind.currentText(), "name": self.name.text()}
        ctx, record = self.ctx, self.record
        if record:
            return lambda: day_entry.update_calendar_day(ctx, record.id, **args)
        return lambda: day_entry.create_calendar_day(ctx, **args)


class NamedItemDialog(RecordDialog):
    """Add or rename an entry of a simple list (estate grade, training kind)."""

    def __init__(self, ctx: AppContext, record: lists.NamedRow | None = None, parent: QWidget | None = None,
                 *, create: Any = None, update: Any = None, title: str = "") -> None:
        super().__init__(ctx, record, parent)
        self._create, self._update = create, update
        self.setWindowTitle(title)
        self.name = self.add_row("name", self.tr("Name"), line(record and record.name, max_len=40))
        self.order = QSpinBox()
        self.order.setRange(0, 9999)
        self.order.setValue(record.sort_order if record else 0)
        self.order.setSpecialValueText(self.tr("(at the end)"))
        self.add_row("sort_order", self.tr("Order"), self.order)
        self.finish_layout()

    def storing(self) -> Callable[[], lists.NamedRow]:
        order, name, ctx, record = self.order.value() or None, self.name.text(), self.ctx, self.record
        create, update = self._create, self._update
        if record:
            return lambda: update(ctx, record.id, name=name, sort_order=order)
        return lambda: create(ctx, name=name, sort_order=order)
