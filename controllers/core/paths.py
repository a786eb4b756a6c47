"""The paths inside one data directory: what AppContext carries, so every floor can name them.

Finding, preparing and checking the folder is storage's job (controllers.storage.datadir).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DB_FILENAME = "station-ledger.db"


@dataclass(frozen=True)
class DataDir:
    """Paths inside one data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database}"
