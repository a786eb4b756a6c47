"""One patrol: what was checked where, and its findings, each made work in one step (立案 / 移交 / 当场劝阻整改)
with what it became and a way into the case; photos of a finding go to the evidence store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.inspections import findings
from controllers.inspections.patrols import CheckLine, PatrolDetail, get_patrol
from controllers.reference.choices import department_choices
from controllers.storage.attachments import AttachmentInfo, store_attachment
from ui.case_detail.window import open_case
from ui.common import background, record_windows
from ui.common.background import Operation
from ui.common.column_width import fit_column
from ui.common.events import Change, data_events
from ui.common.feedback import say
from ui.common.tints import TintDelegate
from ui.inspections.entry_form import enter_patrol
from ui.inspections.models import FindingsModel


class PatrolWindow(QDialog):
    """A patrol's particulars, each estate's checklist in a line, and its findings with their actions."""

    def __init__(self, ctx: AppContext, patrol_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.ctx = ctx
        self.patrol_id = patrol_id
        self.detail: PatrolDetail | None = None
        self.operation: Operation | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.particulars = QLabel()
        self.particulars.setWordWrap(True)
        self.particulars.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = FindingsModel(self)
        self.view = QTableView()
        self.view.setObjectName("findings")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setItemDelegate(TintDelegate(self.view))  # findings not yet handled show the warning tint
        self.view.horizontalHeader().setSectionResizeMode(FindingsModel.COL_NOTE, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 150), (1, 200), (2, 140), (4, 240)):
            fit_column(self.view, col, width)
        self.view.activated.connect(lambda _i: self.open_case())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.case_button = QPushButton(self.tr("Open a case"))
        self.case_button.clicked.connect(self.to_case)
        self.referral_button = QPushButton(self.tr("Refer to a department…"))
        # Not connected directly: clicked(bool) would hand its False to department_id and skip the department's choice.
        self.referral_button.clicked.connect(lambda: self.to_referral())
        self.fixed_button = QPushButton(self.tr("Fixed on the spot"))
        self.fixed_button.clicked.connect(self.to_fixed)
        self.open_button = QPushButton(self.tr("Open the case"))
        self.open_button.clicked.connect(self.open_case)
        self.photo_button = QPushButton(self.tr("Add photo…"))
        self.photo_button.clicked.connect(self.add_photo)
        self.edit_button = QPushButton(self.tr("Edit patrol…"))
        self.edit_button.clicked.connect(self.edit)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        actions = QHBoxLayout()
        for b in (self.case_button, self.referral_button, self.fixed_button, self.open_button, self.photo_button):
            actions.addWidget(b)
        actions.addStretch(1)
        self.result = QLabel()
        self.result.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.edit_button)
        bottom.addWidget(self.result, 1)
        bottom.addWidget(close)
        self.findings_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.particulars)
        layout.addWidget(self.findings_label)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addLayout(bottom)
        self.resize(1100, 600)
        data_events().changed.connect(self._data_changed)
        self.reload()

    # --- showing -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        selected = self.selected()
        d = self.detail = get_patrol(self.ctx, self.patrol_id)
        self.setWindowTitle(self.tr("Patrol record #%1").replace("%1", str(d.id)))
        self.heading.setText(f"{d.started_at:%Y-%m-%d %H:%M} {d.kind}")
        lines = [self.tr("Officers: %1").replace("%1", "、".join(d.officers))]
        if d.departments:
            lines.append(self.tr("Joint departments: %1").replace("%1", "、".join(d.departments)))
        for v in d.visits:
            counts = {r: sum(1 for c in v.checks if c.result == r) for r in ("正常", "发现问题", "不适用")}
            met = self.tr("met %1").replace("%1", "、".join(v.met)) if v.met else self.tr("met nobody")
            lines.append(f"{v.estate}：" + "，".join(f"{r} {n}" for r, n in counts.items() if n) + f"；{met}")
        if d.notes:
            lines.append(self.tr("Notes: %1").replace("%1", d.notes))
        self.particulars.setText("\n".join(lines))
        rows = [(v.estate, c) for v in d.visits for c in v.checks if c.result == "发现问题"]
        self.model.set_rows(rows)
        self.findings_label.setText(self.tr("Findings (%1): each becomes a case, a referral or is marked fixed on "
                                            "the spot").replace("%1", str(len(rows))))
        if selected is not None:
            self.select(selected.id)
        elif rows:
            self.view.selectRow(0)
        self._enable()

    def selected(self) -> CheckLine | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row())[1] if rows else None

    def select(self, check_id: int) -> None:
        for i, (_estate, line) in enumerate(self.model.rows()):
            if line.id == check_id:
                self.view.selectRow(i)

    def _enable(self) -> None:
        line = self.selected()
        pending = line is not None and line.outcome is None
        for b in (self.case_button, self.referral_button, self.fixed_button):
            b.setEnabled(pending and not self.busy())
        self.open_button.setEnabled(line is not None and line.case_id is not None)
        self.photo_button.setEnabled(line is not None)
        if line is not None and pending:
            # C99 and the like are not ours: the form proposes a referral for them.
            try:
                proposed = findings.proposed_outcome(self.ctx, line.id)
            except UserError:  # handled meanwhile (another desk, or this window's save): the next reload shows it
                return
            self.referral_button.setDefault(proposed == "移交")
            self.case_button.setDefault(proposed == "立案")

    def busy(self) -> bool:
        return self.operation is not None and self.operation.running

    def _data_changed(self, change: Change) -> None:
        if change in (Change.INSPECTIONS, Change.CASES) and not self.busy():
            try:
                self.reload()
            except UserError:  # deleted elsewhere
                self.close()

    # --- findings become work ------------------------------------------------------------------------------
    def _act(self, call: object, name: str) -> Operation | None:
        line = self.selected()
        if line is None or line.outcome is not None or self.busy():
            return None
        self.operation = background.run(self, call, changes=(Change.INSPECTIONS, Change.CASES),  # type: ignore
                                        done=lambda _r: self.reload(), name=name, report_to=self.result)
        self._enable()
        return self.operation

    def to_case(self) -> Operation | None:
        line, ctx = self.selected(), self.ctx
        return None if line is None else self._act(lambda: findings.finding_to_case(ctx, line.id), "finding to case")

    def to_referral(self, department_id: int | None = None) -> Operation | None:
        line, ctx = self.selected(), self.ctx
        if line is None:
            return None
        if department_id is None:
            choices = department_choices(ctx)
            names = [n for _i, n in choices]
            name, ok = QInputDialog.getItem(self, self.tr("Refer to a department"),
                                            self.tr("The department that handles it:"), names, 0, False)
            if not ok:
                return None
            department_id = dict((n, i) for i, n in choices)[name]
        chosen = department_id
        return self._act(lambda: findings.finding_to_referral(ctx, line.id, department_id=chosen),
                         "finding to referral")

    def to_fixed(self) -> Operation | None:
        line, ctx = self.selected(), self.ctx
        return None if line is None else self._act(lambda: findings.fixed_on_spot(ctx, line.id), "fixed on spot")

    def open_case(self) -> None:
        line = self.selected()
        if line is not None and line.case_id is not None:
            # Parented like this window (the page), not to it: closing the patrol must not take the case with it.
            open_case(self.ctx, line.case_id, self.parentWidget())

    def add_photo(self, path: str | None = None) -> Operation | None:
        line, ctx = self.selected(), self.ctx
        if line is None:
            return None
        if path is None:
            path, _f = QFileDialog.getOpenFileName(self, self.tr("Add photo"), "",
                                                   self.tr("Photos and scans (*.jpg *.jpeg *.png *.pdf)"))
            if not path:
                return None
        chosen = path
        return background.run(self, lambda: store_attachment(ctx, source_path=chosen, owner="finding",
                                                             owner_id=line.id, kind="照片"),
                              changes=(Change.INSPECTIONS,), name="finding photo", report_to=self.result,
                              done=self._photo_added)

    def _photo_added(self, info: AttachmentInfo) -> None:
        say(self.result, self.tr("%1 is kept with the finding; a case opened from it carries it over.")
            .replace("%1", info.filename), error=False)

    def edit(self) -> None:
        if self.detail is not None and enter_patrol(self.ctx, self, detail=self.detail) is not None:
            self.reload()


_open: dict[tuple[int, int], PatrolWindow] = {}


def open_patrol(ctx: AppContext, patrol_id: int, parent: QWidget | None = None) -> PatrolWindow:
    """Show the patrol in its own window, or raise the window already showing it."""
    key = (id(ctx), patrol_id)
    window = _open.pop(key, None)
    try:
        # A window closed but not deleted yet (its deletion waits for the event loop) is replaced, not raised hidden.
        if window is not None and window.isVisible():
            _open[key] = window
            window.raise_()
            window.activateWindow()
            return window
    except RuntimeError:  # deleted on close
        pass
    window = PatrolWindow(ctx, patrol_id, parent)
    _open[key] = window
    # Only this window's entry: a window opened again meanwhile keeps its own.
    window.destroyed.connect(lambda *_, w=window: _open.pop(key) if _open.get(key) is w else None)
    window.show()
    return window


record_windows.register("patrol", open_patrol)  # the case window opens the patrol a case came from
