"""Evidence panel: thumbnails of a case's photos and documents, add by dialog or drag and drop, tag, open."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.storage import attachments as att
from ui.common import background
from ui.common.events import Change
from ui.common.rows_model import ID_ROLE
from ui.common.tints import WARNING_TINT, paint_tints

THUMB = 112
NEW_FILE_KINDS = ("整改前", "整改后", "证据", "材料")


def open_file(path: Path) -> None:
    """Hand a verified file to the desktop's viewer (replaced in tests)."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class EvidencePanel(QWidget):
    """The files attached to one case; emits `changed` after adding, re-tagging or removing."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None
        self.editable = True
        self.setAcceptDrops(True)
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        paint_tints(self.list)  # a changed or missing file warns
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setGridSize(QSize(THUMB + 64, THUMB + 64))
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.kind = QComboBox()
        self.kind.addItems(list(NEW_FILE_KINDS))
        self.add_button = QPushButton(self.tr("Add files…"))
        self.add_button.clicked.connect(self.add_by_dialog)
        self.before_button = QPushButton(self.tr("Tag before"))
        self.before_button.clicked.connect(lambda: self.retag("整改前"))
        self.after_button = QPushButton(self.tr("Tag after"))
        self.after_button.clicked.connect(lambda: self.retag("整改后"))
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        hint = QLabel(self.tr("Drop JPG, PNG or PDF files here (up to 50 MB each). Originals are not changed."))
        hint.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Tag new files as")))
        bar.addWidget(self.kind)
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        for b in (self.before_button, self.after_button, self.open_button, self.remove_button):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)

    def set_editable(self, editable: bool) -> None:
        """Files can still be looked at and opened when the case may not be changed; nothing can be added."""
        self.editable = editable
        self.setAcceptDrops(editable)
        for widget in (self.kind, self.add_button, self.before_button, self.after_button, self.remove_button):
            widget.setEnabled(editable)

    def set_default_kind(self, kind: str) -> None:
        self.kind.setCurrentText(kind)

    def show_attachments(self, case_id: int, files: tuple[att.AttachmentInfo, ...]) -> None:
        self.case_id = case_id
        self.list.clear()
        style = self.style()
        for info in files:
            item = QListWidgetItem(f"{info.kind} {info.filename}")
            item.setData(ID_ROLE, info.id)
            icon, problem = self._icon(info, style)
            item.setIcon(icon)
            item.setToolTip(problem or f"{info.filename}（{info.size_bytes / 1024:.0f} KB）")
            if problem:
                item.setText(self.tr("Changed or missing!") + f" {info.filename}")
                item.setBackground(WARNING_TINT)
            self.list.addItem(item)

    def _icon(self, info: att.AttachmentInfo, style: QStyle) -> tuple[QIcon, str | None]:
        """A thumbnail drawn only from a file that passed its hash check; otherwise a warning and why."""
        try:
            path = att.open_attachment_path(self.ctx, info.id)
        except UserError as exc:
            return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning), exc.message
        if info.is_image:
            pixmap = QPixmap(str(path))
            if not pixmap.isNull():
                return QIcon(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)), None
        return style.standardIcon(QStyle.StandardPixmap.SP_FileIcon), None

    def selected_ids(self) -> list[int]:
        return [int(item.data(ID_ROLE)) for item in self.list.selectedItems()]

    # --- adding ------------------------------------------------------------------------------------------
    def add_by_dialog(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Add evidence"), str(Path.home()), self.tr("Photos and PDF (*.jpg *.jpeg *.png *.pdf)")
        )
        self.add_files([Path(p) for p in paths])

    def add_files(self, paths: list[Path]) -> None:
        if self.case_id is None or not paths:
            return
        ctx, case_id, kind = self.ctx, self.case_id, self.kind.currentText()

        def store() -> list[str]:
            problems = []
            for path in paths:
                try:
                    att.store_attachment(ctx, source_path=path, owner="case", owner_id=case_id, kind=kind)
                except UserError as exc:
                    problems.append(exc.message)
            return problems

        self._write(store, self._added, self.tr("Some files were not added"))

    def _added(self, problems: list[str]) -> None:
        if problems:
            QMessageBox.warning(self, self.tr("Some files were not added"), "\n".join(problems))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.editable and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.add_files(paths)

    # --- acting on selected files ---------------------------------------------------------------------------
    def retag(self, kind: str) -> None:
        ctx, ids = self.ctx, self.selected_ids()

        def retag_all() -> None:
            for attachment_id in ids:
                att.set_attachment_kind(ctx, attachment_id, kind=kind)

        self._write(retag_all, None, self.tr("Cannot change the tag"))

    def open_selected(self) -> None:
        for attachment_id in self.selected_ids()[:1]:
            try:
                path = att.open_attachment_path(self.ctx, attachment_id)
            except UserError as exc:
                QMessageBox.warning(self, self.tr("File changed or missing"), exc.message)
                return
            open_file(path)

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        answer = QMessageBox.question(self, self.tr("Remove files"),
                                      self.tr("Remove %n file(s) from this case?", "", len(ids)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        ctx = self.ctx

        def remove_all() -> None:
            for attachment_id in ids:
                att.remove_attachment(ctx, attachment_id)

        self._write(remove_all, None, self.tr("Cannot remove"))

    def _write(self, work: Callable[[], Any], done: Callable[[Any], None] | None, title: str) -> background.Operation:
        """One change of the files off the GUI thread; the window refreshes after it, whether it went through or
        stopped part-way (each file is its own save)."""
        operation = background.run(self, work, changes=(Change.CASES,), done=done, error_title=title,
                                   name="case files")
        operation.ended.connect(lambda _ok: self.changed.emit())
        return operation
