"""CLI `import-complaints`: JSON figures of the sample file, --dry-run writes nothing, unreadable files exit 2."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from controllers.core.paths import DB_FILENAME
from tests.e2e.test_cli import assert_refused, cli

# A copy of ../shared/samples/ kept in the repo: CI runs on a clean clone without the shared folder.
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "12345_workorders_sample.xlsx"


def _complaints(data: Path) -> int:
    with sqlite3.connect(data / DB_FILENAME) as con:
        return con.execute("SELECT count(*) FROM complaints").fetchone()[0]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    assert cli("init", "--data-dir", str(d)).returncode == 0
    return d


def test_import_json_then_reimport_and_dry_run(data: Path) -> None:
    dry = cli("import-complaints", str(SAMPLE), "--dry-run", "--json", "--data-dir", str(data))
    assert dry.returncode == 0, dry.stderr
    figures = json.loads(dry.stdout)
    assert set(figures) == {"rows", "imported", "updated", "duplicates", "errors", "unmatched_estates", "repeats_found"}
    assert (figures["rows"], figures["imported"], figures["duplicates"], figures["repeats_found"]) == (137, 135, 1, 14)
    assert figures["errors"] == [{"row": 140, "reason": figures["errors"][0]["reason"]}]
    assert _complaints(data) == 0  # --dry-run changed nothing

    first = cli("import-complaints", str(SAMPLE), "--json", "--data-dir", str(data))
    assert json.loads(first.stdout)["imported"] == 135 and _complaints(data) == 135
    # No estates in a fresh data directory: every address is listed for the user to resolve.
    assert "上海市普陀区不存在小区1号" in json.loads(first.stdout)["unmatched_estates"]

    again = cli("import-complaints", str(SAMPLE), "--data-dir", str(data))
    assert again.returncode == 0
    assert "新增 0 件" in again.stdout and "重复 136 行" in again.stdout and "第 140 行" in again.stdout
    assert _complaints(data) == 135


@pytest.mark.parametrize("name,content", [
    ("missing.xlsx", None),
    ("notes.txt.xlsx", b"just some text"),
    ("photo.png", b"\x89PNG\r\n"),
    ("noheader.csv", b"a,b,c\n1,2,3\n"),
])
def test_unreadable_files_exit_2_with_one_chinese_line(data: Path, tmp_path: Path, name: str,
                                                       content: bytes | None) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert_refused(cli("import-complaints", str(path), "--json", "--data-dir", str(data)))


def _hostile(tmp_path: Path, name: str) -> Path:
    from tests.unit import test_bad_input_sheets as sheets

    return dict((n, build) for n, build, _ in sheets.CASES)[name](tmp_path)


@pytest.mark.parametrize("name", ["billion-laughs-in-shared-strings", "row-two-billion", "encrypted-zip-part",
                                  "damaged-deflate-stream", "csv-field-larger-than-the-limit", "xlsx-of-garbage",
                                  "date-style-huge-serial"])
def test_hostile_sheets_exit_2_with_one_chinese_line_and_change_nothing(data: Path, tmp_path: Path,
                                                                        name: str) -> None:
    """Issue 16: crafted files end with one Chinese line (no traceback, no English library warning), exit 2."""
    path = _hostile(tmp_path, name)
    def files() -> list[str]:  # SQLite's own -wal/-shm files come and go with any connection
        return sorted(p.name for p in data.iterdir() if not p.name.endswith(("-wal", "-shm")))

    before = files()
    result = cli("import-complaints", str(path), "--data-dir", str(data))
    if name == "date-style-huge-serial":  # read: the row is refused with its reason, the rest imported
        assert result.returncode == 0 and "第 2 行" in result.stdout and not result.stderr, result
        return
    assert_refused(result)
    assert files() == before and _complaints(data) == 0
