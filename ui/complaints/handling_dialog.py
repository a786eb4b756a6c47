"""Handling a complaint (办理): status, reply, callback; link to a case or create one; its repeat group."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from controllers.complaints import entry as cc
from controllers.complaints.repeats import group_of
from controllers.complaints.reply_fill import templates_for_complaint
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import ConflictError, UserError, ValidationError
from controllers.meetings import records as cm
from controllers.meetings.links import find_complaint_group
from ui import case_detail
from ui.common import background
from ui.common.background import Operation
from ui.common.estimates import with_note
from ui.common.events import Change
from ui.common.phone_reveal import PhoneRevealButton
from ui.common.template_picker import TemplatePicker
from ui.complaints.dissatisfied import offer_after_dissatisfied
from ui.complaints.entry_form import to_date, to_qdate

NO_DATE = QDate(2000, 1, 1)
CLINIC = "研讨会诊"  # the meeting kind a repeat group is sent to (a stored vocabulary value, not a UI string)


class CappedText(QScrollArea):
    """A wrapped text as tall as it needs up to max_height, then it scrolls (it never stretches the dialog)."""

    def __init__(self, label: QLabel, max_height: int) -> None:
        super().__init__()
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setWidget(label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMaximumHeight(max_height)

    # No heightForWidth on purpose: a top-level dialog's minimum size ignores it, so the layout would squeeze
    # its neighbours below their minimum (that is how the reply box ended up under the date fields).
    # The height is the one the text needs at the width the box really has once laid out (the label's own wide
    # hint made a narrow column's text look shorter than it is: a repeat group's third entry was cut off), so a
    # change of width asks the layout again.
    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        label = self.widget()
        width = self.viewport().width() if self.isVisible() else hint.width()
        wanted = label.heightForWidth(width) if label is not None else 0
        return QSize(hint.width(), min(max(wanted, 0) + 2 * self.frameWidth(), self.maximumHeight()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), min(self.fontMetrics().lineSpacing() * 2, self.maximumHeight()))


class HandlingDialog(QDialog):
    """Shows the complaint (personal data masked) and records its handling with a version check."""

    def __init__(self, ctx: AppContext, complaint_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.complaint_id = complaint_id
        self.detail = cc.get_complaint(ctx, complaint_id)
        self.changed = False
        self.setWindowTitle(self.tr("Handle complaint"))
        d = self.detail

        facts = QFormLayout()
        facts.addRow(self.tr("Received"), QLabel(f"{d.received_at:%Y-%m-%d %H:%M} · {d.channel}"
                                                 + (f" · {d.work_order_no}" if d.work_order_no else "")))
        who = " ".join(p for p in (d.complainant_name, d.complainant_phone) if p) or self.tr("Anonymous")
        self.reveal_button = PhoneRevealButton(ctx, "complaint", lambda: self.complaint_id)
        self.reveal_button.setVisible(self.reveal_button.allowed and bool(d.complainant_phone))
        who_row = QHBoxLayout()
        who_row.addWidget(QLabel(who))
        who_row.addWidget(self.reveal_button)
        who_row.addStretch(1)
        facts.addRow(self.tr("Complainant"), who_row)
        facts.addRow(self.tr("Estate"), QLabel(" · ".join(p for p in (d.estate, d.address) if p) or "—"))
        facts.addRow(self.tr("Category"), QLabel(d.category or "—"))
        facts.addRow(self.tr("Content"), CappedText(QLabel(d.content), 84))
        due = d.reply_due.isoformat() if d.reply_due else "—"
        if d.overdue:
            due += " · " + self.tr("reply overdue")
        due = with_note(due, d.reply_due_note)
        self.due_label = QLabel(due)
        facts.addRow(self.tr("Reply due"), self.due_label)
        if d.flag:
            flag = QLabel(d.flag)
            flag.setStyleSheet("color: #e65100; font-weight: bold;")
            facts.addRow("", flag)

        self.status = QComboBox()
        self.status.addItems(list(cc.STATUSES))
        self.status.setCurrentText(d.status)
        self.reply = QPlainTextEdit(d.reply)
        self.reply.setTabChangesFocus(True)
        self.reply.setMinimumHeight(120)  # four lines inside the theme's padding
        self.replied_on = self._date_edit(d.replied_on)
        self.callback_on = self._date_edit(d.callback_on)
        self.status.currentTextChanged.connect(self._status_changed)
        self.satisfaction = QComboBox()
        self.satisfaction.addItem(self.tr("(no callback yet)"), None)
        for level in cc.SATISFACTION_LEVELS:
            self.satisfaction.addItem(level, level)
        if d.satisfaction:
            self.satisfaction.setCurrentText(d.satisfaction)
        self.note = QLineEdit(d.callback_note)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d32f2f;")
        self.error.setWordWrap(True)
        self.error.hide()
        handling = QFormLayout()
        handling.addRow(self.tr("Status"), self.status)
        handling.addRow(self.tr("Reply"), self.reply)
        self.templates = TemplatePicker(lambda: templates_for_complaint(ctx, complaint_id), self.reply)
        handling.addRow("", self.templates)
        handling.addRow(self.tr("Replied on"), self.replied_on)
        handling.addRow(self.tr("Callback on"), self.callback_on)
        handling.addRow(self.tr("Satisfaction"), self.satisfaction)
        handling.addRow(self.tr("Callback note"), self.note)
        handling_box = QGroupBox(self.tr("Handling"))
        handling_box.setLayout(handling)

        self.case_label = QLabel()
        self.case_number = QLineEdit()
        self.case_number.setPlaceholderText(self.tr("Case number, e.g. 2025-长征-0037"))
        self.link_button = QPushButton(self.tr("Link"))
        self.link_button.clicked.connect(self.link_case)
        self.new_case_button = QPushButton(self.tr("Create case"))
        self.new_case_button.clicked.connect(self.create_case)
        case_layout = QVBoxLayout()
        self.case_label.setWordWrap(True)
        case_layout.addWidget(self.case_label)
        link_row = QHBoxLayout()
        link_row.addWidget(self.case_number, 1)
        link_row.addWidget(self.link_button)
        case_layout.addLayout(link_row)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_case_button)
        new_row.addStretch(1)
        case_layout.addLayout(new_row)
        case_box = QGroupBox(self.tr("Case"))
        case_box.setLayout(case_layout)

        self.group_box = QGroupBox()
        group_layout = QVBoxLayout(self.group_box)
        self.group_list = QLabel()
        self.group_case_button = QPushButton(self.tr("Turn the group into one case"))
        self.group_case_button.clicked.connect(self.group_to_case)
        self.group_clinic_button = QPushButton(self.tr("Send to case clinic"))
        self.group_clinic_button.clicked.connect(self.group_to_clinic)
        group_buttons = QHBoxLayout()
        group_buttons.addWidget(self.group_case_button)
        group_buttons.addWidget(self.group_clinic_button)
        group_buttons.addStretch(1)
        self.group_area = CappedText(self.group_list, 260)
        group_layout.addWidget(self.group_area, 1)
        group_layout.addLayout(group_buttons)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        # Two columns, so the dialog fits a 1366x768 screen: the complaint and its handling on the left,
        # the case and the repeat group on the right. Long texts scroll inside a capped box instead of
        # growing the dialog (a wrapped label in one tall column pushed the form below its minimum height,
        # and the reply box ended up under the date fields).
        left = QVBoxLayout()
        left.addLayout(facts)
        left.addWidget(handling_box, 1)
        left.addWidget(self.error)
        right = QVBoxLayout()
        right.addWidget(case_box)
        right.addWidget(self.group_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(8)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        self.resize(1000, 620)
        self._show_links()
        self.status.setFocus()

    def _status_changed(self, status: str) -> None:
        """已回复 needs a reply date: today unless one is set, so a clerk answering a day's work orders is not
        refused once per order for a date that is almost always today (it stays editable)."""
        if status == cc.REPLIED and self.replied_on.date() == NO_DATE:
            self.replied_on.setDate(to_qdate(clock.today()))

    def _date_edit(self, value: date | None) -> QDateEdit:
        edit = QDateEdit()
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(self.tr("not yet"))
        edit.setDate(to_qdate(value) if value else NO_DATE)
        return edit

    @staticmethod
    def _value(edit: QDateEdit) -> date | None:
        return None if edit.date() == NO_DATE else to_date(edit.date())

    def _show_links(self) -> None:
        d = self.detail
        if d.case_number:
            self.case_label.setText(self.tr("Linked to %1 (%2)").replace("%1", d.case_number)
                                    .replace("%2", d.case_status or ""))
        else:
            self.case_label.setText(self.tr("Not linked to a case"))
        members = group_of(self.ctx, self.complaint_id) if d.group_size > 1 else []
        self.group_box.setVisible(bool(members))
        if members:
            self.group_box.setTitle(self.tr("Repeat group: %1 complaints").replace("%1", str(len(members))))
            lines = [f"{m.received_at:%Y-%m-%d} · {m.channel} · {m.status} · "
                     f"{' '.join(m.content.split())[:40]}" for m in members]
            self.group_list.setText("\n".join(lines))
            self.group_area.updateGeometry()  # the label sits in a scroll area: tell the layout its new height

    def _reload(self, _result: object = None) -> None:
        """Show the links again after a link was saved (the save has announced the change to the pages)."""
        self.detail = cc.get_complaint(self.ctx, self.complaint_id)
        self.changed = True
        self._show_links()

    def _link(self, call: Callable[[], object], done: Callable[[object], None]) -> Operation:
        """One link write off the GUI thread; a refusal is shown as it always was."""
        return background.run(self, call, changes=(Change.COMPLAINTS,), done=done,
                              error_title=self.tr("Cannot link"), name="complaint link")

    def save(self) -> Operation:
        """Store the handling off the GUI thread; the dialog closes once it is saved."""
        self.error.hide()
        ctx, complaint_id, version = self.ctx, self.complaint_id, self.detail.version
        values = dict(status=self.status.currentText(), reply=self.reply.toPlainText(),
                      replied_on=self._value(self.replied_on), callback_on=self._value(self.callback_on),
                      satisfaction=self.satisfaction.currentData(), callback_note=self.note.text())
        self.save_button.setEnabled(False)  # one save per click, however slow the server
        operation = background.run(
            self, lambda: cc.update_handling(ctx, complaint_id, expected_version=version, **values),
            changes=(Change.COMPLAINTS,), done=self._saved, refused=self._refused, name="complaint handling")
        operation.ended.connect(lambda _ok: self.save_button.setEnabled(True))
        return operation

    def _saved(self, detail: cc.ComplaintDetail) -> None:
        self.detail = detail
        self.changed = True
        offer_after_dissatisfied(self.ctx, detail, self, to_clinic=self.group_to_clinic)
        self.accept()

    def _refused(self, exc: UserError) -> None:
        if isinstance(exc, ValidationError | ConflictError):
            self.error.setText(exc.message)
            self.error.show()
        else:
            QMessageBox.warning(self, self.tr("Cannot save"), exc.message)

    def link_case(self) -> None:
        ctx, complaint_id, number = self.ctx, self.complaint_id, self.case_number.text()

        def link() -> None:
            cc.link_to_case(ctx, complaint_id, cc.find_case(ctx, number).id)

        def linked(_result: object) -> None:
            self.case_number.clear()
            self._reload()

        self._link(link, linked)

    def create_case(self) -> None:
        if case_detail.new_case(self.ctx, self, complaint_id=self.complaint_id) is not None:
            self._reload()

    def group_to_case(self) -> None:
        """A new case prefilled from the group's first complaint, then every member linked to it."""
        first = cc.group_first(self.ctx, self.complaint_id)
        case_id = case_detail.new_case(self.ctx, self, complaint_id=first)
        if case_id is None:
            return
        ctx = self.ctx
        self._link(lambda: cc.link_group_to_case(ctx, first, int(case_id)), self._reload)

    def _choose_meeting(self, open_meetings: list[cm.MeetingRow]) -> int | bool | None:
        """Which open clinic to add the group to: a meeting id, None for a new one, False when cancelled."""
        if not open_meetings:
            return None
        labels = [self.tr("Create a new case clinic")]
        labels += [f"{m.held_on:%Y-%m-%d} · {m.title}" for m in open_meetings]
        choice, ok = QInputDialog.getItem(self, self.tr("Send to case clinic"),
                                          self.tr("Add the group to an open case clinic, or create a new one:"),
                                          labels, 0, False)
        if not ok:
            return False
        index = labels.index(choice)
        return None if index == 0 else open_meetings[index - 1].id

    def group_to_clinic(self) -> None:
        """Every complaint of the group linked to a 研讨会诊 meeting: an open one the user picks, or a new one today."""
        today, ctx, complaint_id = clock.today(), self.ctx, self.complaint_id
        try:
            members = find_complaint_group(ctx, complaint_id=complaint_id)
            open_meetings = cm.list_meetings(ctx, cm.MeetingFilter(kind=CLINIC, date_from=today), today=today)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot send to case clinic"), exc.message)
            return
        target = self._choose_meeting(open_meetings)
        if target is False:
            return
        first = members[0]
        label = first.work_order_no or first.received_on.isoformat()
        title = (self.tr("Repeat complaints case clinic: %1 and others, %2 complaints")
                 .replace("%1", label).replace("%2", str(len(members))))
        meeting_id = None if target is None else int(target)

        def send() -> cm.MeetingDetail:
            if meeting_id is None:
                return cm.create_meeting(ctx, kind=CLINIC, held_on=today, title=title, complaint_ids=[first.id],
                                         today=today)
            return cm.link_complaint_group(ctx, meeting_id, complaint_id=complaint_id)

        def sent(detail: cm.MeetingDetail) -> None:
            QMessageBox.information(self, self.tr("Sent to case clinic"),
                                    self.tr("%1 complaints are on the case clinic \"%2\" (%3).")
                                    .replace("%1", str(len(members))).replace("%2", detail.title)
                                    .replace("%3", detail.held_on.isoformat()))

        background.run(self, send, changes=(Change.MEETINGS,), done=sent,
                       error_title=self.tr("Cannot send to case clinic"), name="send to case clinic")


def handle_complaint(ctx: AppContext, complaint_id: int, parent: QWidget | None = None) -> bool:
    """Open the handling dialog; True when something was saved or linked."""
    dialog = HandlingDialog(ctx, complaint_id, parent)
    dialog.exec()
    return dialog.changed
