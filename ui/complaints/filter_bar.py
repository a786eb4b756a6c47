"""The complaint log's filter bar: channel, status, category, street, estate, received or callback dates, overdue,
repeat, 回访不满意."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from controllers.complaints.entry import CHANNELS, STATUSES
from controllers.complaints.listing import ComplaintFilter
from controllers.core.context import AppContext
from controllers.reference.choices import category_choices
from ui.common.filter_bar import NO_DATE, FilterBar


class ComplaintFilterBar(FilterBar):
    """Emits `changed` whenever a filter changes; `complaint_filter(query)` gives the combined filter."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.channel = self.combo(self.tr("All channels"), list(enumerate(CHANNELS)), min_length=5)
        self.status = self.combo(self.tr("All statuses"), list(enumerate(STATUSES)), min_length=5)
        self.category = self.combo(self.tr("All categories"), category_choices(ctx, include_inactive=True),
                                   min_length=5)
        self.street_and_estate(min_length=5, estate_length=8)
        for combo in (self.channel, self.status, self.category):
            combo.currentIndexChanged.connect(self.emit_changed)
        # Which date the two date edits select by: the received date, or the callback's (the 不满意 tile counts
        # unhappy callbacks by when the callback was made).
        self.date_kind = QComboBox()
        # Room for the label beside the theme's arrow (AdjustToContents let the arrow touch 回访时间).
        self.date_kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.date_kind.setMinimumContentsLength(5)
        self.date_kind.addItem(self.tr("Received"), "received")
        self.date_kind.addItem(self.tr("Called back"), "callback")
        self.date_kind.currentIndexChanged.connect(self.emit_changed)
        self.received_from = self.date_edit()
        self.received_to = self.date_edit()
        self.overdue = QCheckBox(self.tr("Reply overdue"))
        self.repeat = QCheckBox(self.tr("Repeat complaints"))
        self.dissatisfied = QCheckBox(self.tr("Callback 不满意"))
        for box in (self.overdue, self.repeat, self.dissatisfied):
            box.toggled.connect(self.emit_changed)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)

        row1 = QHBoxLayout()
        for w in (self.channel, self.status, self.category, self.street, self.estate):
            row1.addWidget(w, 1)
        row = QHBoxLayout()
        row.addWidget(self.date_kind)
        row.addWidget(self.received_from)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.received_to)
        row.addWidget(self.overdue)
        row.addWidget(self.repeat)
        row.addWidget(self.dissatisfied)
        row.addStretch(1)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row1)
        layout.addLayout(row)

    def set_filter(self, f: ComplaintFilter) -> None:
        """Show exactly this filter (the dashboard opens the complaint log filtered); one change signal."""
        with self.one_change():
            self.channel.setCurrentIndex(CHANNELS.index(f.channels[0]) + 1 if f.channels else 0)
            self.status.setCurrentIndex(STATUSES.index(f.statuses[0]) + 1 if f.statuses else 0)
            self.choose(self.category, f.category_ids)
            self.choose_street_and_estate(f.street_ids, f.estate_ids)
            by_callback = f.callback_from is not None or f.callback_to is not None
            self.date_kind.setCurrentIndex(self.date_kind.findData("callback" if by_callback else "received"))
            self.set_date(self.received_from, f.callback_from if by_callback else f.received_from)
            self.set_date(self.received_to, f.callback_to if by_callback else f.received_to)
            self.overdue.setChecked(f.overdue)
            self.repeat.setChecked(f.repeat)
            self.dissatisfied.setChecked(f.dissatisfied)

    def complaint_filter(self, query: str = "") -> ComplaintFilter:
        channel, status = self.channel.currentData(), self.status.currentData()
        start, end = self.date_of(self.received_from), self.date_of(self.received_to)
        by_callback = self.date_kind.currentData() == "callback"
        return ComplaintFilter(
            channels=() if channel is None else (CHANNELS[int(channel)],),
            statuses=() if status is None else (STATUSES[int(status)],),
            category_ids=self.ids_of(self.category), street_ids=self.ids_of(self.street),
            estate_ids=self.ids_of(self.estate), received_from=None if by_callback else start,
            received_to=None if by_callback else end, callback_from=start if by_callback else None,
            callback_to=end if by_callback else None, overdue=self.overdue.isChecked(),
            repeat=self.repeat.isChecked(), dissatisfied=self.dissatisfied.isChecked(), query=query,
        )

    def clear(self) -> None:
        """Back to every complaint (one change signal, not one per widget)."""
        with self.one_change():
            for combo in (self.channel, self.status, self.category, self.street, self.date_kind):
                combo.setCurrentIndex(0)
            self.fill_estates()
            for edit in (self.received_from, self.received_to):
                edit.setDate(NO_DATE)
            for box in (self.overdue, self.repeat, self.dissatisfied):
                box.setChecked(False)
