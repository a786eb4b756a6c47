"""设置 section 「数据库」: the database in use; street server (URL, shared attachments folder) for next start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from controllers.core.context import AppContext
from controllers.core.permissions import can
from controllers.storage import connection, server_config
from ui.common import background
from ui.common.background import Operation
from ui.common.feedback import say, tint
from ui.settings.layout import side_by_side

FIELD_WIDTH = 420


class DatabasePanel(QGroupBox):
    """Shows where the data is; an administrator enters, tests and saves a server URL (used from the next start)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Database"), parent)
        self.setObjectName("databasePanel")
        self.ctx = ctx
        self._job: Operation | None = None

        self.current_label = QLabel(self)
        self.current_label.setObjectName("currentDatabase")
        self.current_label.setWordWrap(True)
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attachments_label = QLabel(self)
        self.attachments_label.setObjectName("currentAttachments")
        self.attachments_label.setWordWrap(True)
        self.attachments_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("serverUrl")
        self.url_edit.setMinimumWidth(FIELD_WIDTH)
        self.url_edit.setPlaceholderText(connection.URL_EXAMPLE)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("serverPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Only to test the connection; never saved"))
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("sharedAttachments")
        self.folder_edit.setPlaceholderText(self.tr("A shared folder every computer of the street can reach"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.setObjectName("chooseSharedFolder")
        self.choose_button.clicked.connect(self.choose_folder)
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.setObjectName("testConnection")
        self.test_button.clicked.connect(self.test_connection)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveServer")
        self.save_button.clicked.connect(self.save)
        self.local_button = QPushButton(self.tr("Use this computer's database"), self)
        self.local_button.setObjectName("useLocalDatabase")
        self.local_button.clicked.connect(self.use_local)
        self.message = QLabel(self)
        self.message.setObjectName("serverMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note = QLabel(self.tr("A saved server is used from the next start of Station Ledger. Passwords are never "
                              "saved: each start asks for it unless this computer's .pgpass file holds it."), self)
        note.setObjectName("serverNote")
        note.setWordWrap(True)

        form = QFormLayout(self)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(20)
        form.setVerticalSpacing(12)
        form.addRow(note)
        form.addRow(self.tr("In use now"), self.current_label)
        form.addRow(self.tr("Attachments folder"), self.attachments_label)
        form.addRow(self.tr("Server address"), self.url_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow(self.tr("Shared attachments folder"), side_by_side(self.folder_edit, self.choose_button))
        buttons = side_by_side(self.test_button, self.save_button, self.local_button)
        buttons.addStretch(1)
        form.addRow("", buttons)
        form.addRow("", self.message)
        self._form = form
        form.setRowVisible(self.message, False)

        self.allowed = can(ctx, "edit_settings")
        for widget in (self.url_edit, self.password_edit, self.folder_edit, self.choose_button, self.test_button,
                       self.save_button, self.local_button):
            widget.setEnabled(self.allowed)
        self.refresh()

    def refresh(self) -> None:
        """Show the database in use and the saved server settings (called when 设置 is shown)."""
        current = server_config.current_database(self.ctx)
        if current.is_server:
            self.current_label.setText(self.tr("Database server: %1").replace("%1", current.display))
        else:
            self.current_label.setText(self.tr("This computer's database file: %1").replace("%1", current.display))
        self.attachments_label.setText(current.attachments or self.tr("Not set: attachments cannot be added"))
        tint(self.attachments_label, error=not current.attachments, neutral=True)
        saved = server_config.load(self.ctx.data_dir)
        self.url_edit.setText(saved.url or "")
        self.folder_edit.setText(saved.attachments_dir or "")
        self.local_button.setEnabled(self.allowed and saved.url is not None)

    def _say(self, text: str, *, error: bool) -> None:
        say(self.message, text, error=error)
        self._form.setRowVisible(self.message, bool(text))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the shared attachments folder"),
                                                  self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def test_connection(self) -> None:
        """Connect once off the GUI thread (a far server can take seconds) and say what was found."""
        if self._job is not None:
            return
        url, password = self.url_edit.text(), self.password_edit.text() or None
        self.test_button.setEnabled(False)
        self._say(self.tr("Connecting…"), error=False)
        self._job = background.run(self, lambda: connection.try_connection(url, password=password),
                                   done=self._tested, report_to=lambda message: self._say(message, error=True),
                                   name="connection test")
        self._job.ended.connect(self._test_finished)

    def _test_finished(self, _ok: bool) -> None:
        self._job = None
        self.test_button.setEnabled(self.allowed)

    def _tested(self, report: connection.ConnectionReport) -> None:
        text = self.tr("Connected to PostgreSQL %1.").replace("%1", report.server_version) + " "
        if report.schema_revision is None:
            text += self.tr("The database is empty: Station Ledger sets it up at its first start on it.")
        else:
            text += self.tr("It holds Station Ledger data (database version %1).").replace("%1", report.schema_revision)
        self._say(text, error=False)

    def save(self) -> Operation:
        """Store the server URL (without password) and the shared folder for the next start, off the GUI thread
        (`.wait()` for True once saved); a refusal shows in red."""
        ctx, url, folder = self.ctx, self.url_edit.text(), self.folder_edit.text()
        return background.run(self, lambda: server_config.save_server_settings(ctx, url=url, attachments_dir=folder),
                              done=self._saved, report_to=self.message, name="server settings")

    def _saved(self, saved: server_config.SavedServer) -> None:
        self.password_edit.clear()
        self.refresh()
        text = self.tr("Saved. Station Ledger uses this server from its next start.")
        if saved.config.url is None:
            text = self.tr("Saved. Station Ledger uses this computer's database from its next start.")
        elif saved.password_dropped:
            text += " " + self.tr("The password in the address was not saved.")
        self._say(text, error=False)

    def use_local(self) -> Operation:
        """Forget the saved server: the next start opens this computer's database file again."""
        self.url_edit.clear()
        return self.save()

