"""controllers.exchange.background_io: a zip member's (de)compressing on a thread of its own changes nothing that is
written or read, and an error over there is raised in the caller's thread, in its place."""

from __future__ import annotations

import io
import threading
import zipfile
from typing import Any

import pytest

from controllers.exchange.background_io import blocks_read_ahead, written_behind


class Recording(io.RawIOBase):
    """A file that records what reached it, from which thread, and may fail at its n-th write."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.blocks: list[bytes] = []
        self.threads: set[str] = set()
        self.fail_at = fail_at

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        if self.fail_at is not None and len(self.blocks) == self.fail_at:
            raise OSError(28, "No space left on device")
        self.blocks.append(bytes(b))
        self.threads.add(threading.current_thread().name)
        return len(b)


def test_blocks_written_behind_arrive_whole_and_in_order_on_another_thread() -> None:
    out = Recording()
    blocks = [f"第{i}块".encode() * (i + 1) for i in range(200)]
    with written_behind(out) as writer:
        for block in blocks:
            assert writer.write(block) == len(block)
    assert out.blocks == blocks  # all of them by the end of the block, none lost, none reordered
    assert out.threads == {"package writer"}


def test_a_failed_write_is_raised_in_the_callers_thread_and_nothing_after_it_is_written() -> None:
    out = Recording(fail_at=3)
    with pytest.raises(OSError, match="No space"), written_behind(out) as writer:
        for i in range(100):
            writer.write(b"%d" % i)
    assert out.blocks == [b"0", b"1", b"2"]


def test_the_callers_own_error_wins_and_the_writer_is_finished_before_it_leaves() -> None:
    out = Recording(fail_at=1)
    with pytest.raises(KeyError), written_behind(out) as writer:
        writer.write(b"a")
        writer.write(b"b")
        raise KeyError("caller")
    assert not any(t.name == "package writer" and t.is_alive() for t in threading.enumerate())


def test_a_zip_member_written_behind_reads_back_as_written(tmp_path: Any) -> None:
    text = "".join(f"{i},案件{i}\n" for i in range(50_000)).encode()
    with zipfile.ZipFile(tmp_path / "p.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf, \
            zf.open("records/x.json", "w") as member, written_behind(member) as writer:
        for start in range(0, len(text), 7_777):
            writer.write(text[start:start + 7_777])
    with zipfile.ZipFile(tmp_path / "p.zip") as zf:
        assert zf.testzip() is None and zf.read("records/x.json") == text


class Source(io.RawIOBase):
    """n blocks of data, then a failure or the end; counts the reads made."""

    def __init__(self, n: int, fail: bool = False) -> None:
        self.n, self.fail, self.reads = n, fail, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        self.reads += 1
        if self.reads <= self.n:
            return bytes([self.reads % 256]) * size
        if self.fail:
            raise zipfile.BadZipFile("Bad CRC-32")
        return b""


def test_blocks_read_ahead_are_what_reading_gives_in_order() -> None:
    assert list(blocks_read_ahead(Source(50), 10)) == [bytes([i % 256]) * 10 for i in range(1, 51)]
    assert list(blocks_read_ahead(io.BytesIO(b""), 10)) == []


def test_a_read_that_fails_is_raised_in_its_place_after_the_blocks_before_it() -> None:
    got = []
    with pytest.raises(zipfile.BadZipFile):
        for block in blocks_read_ahead(Source(5, fail=True), 4):
            got.append(block)
    assert len(got) == 5


def test_closing_early_stops_the_reading_thread_before_it_returns() -> None:
    source = Source(10_000)
    blocks = blocks_read_ahead(source, 100)
    assert next(blocks) == bytes([1]) * 100
    blocks.close()
    reads = source.reads
    assert reads < 100  # a few blocks ahead at most, not the whole source
    assert not any(t.name == "package reader" and t.is_alive() for t in threading.enumerate())
    assert source.reads == reads  # nothing reads it any more


def test_an_export_whose_disk_fills_says_so_and_leaves_no_file(app_ctx: Any, tmp_path: Any,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A member's write failing on the writer thread (a full disk) ends the export as one failing in place did: the
    Chinese message, no package, no half-written temporary beside it."""
    from controllers.core.errors import UserError
    from controllers.exchange import export as exchange_export
    from tests.unit.exchange_kit import some_work

    some_work(app_ctx)
    folder = tmp_path / "packages"
    folder.mkdir()
    real_write = zipfile._ZipWriteFile.write  # type: ignore[attr-defined]
    calls = []

    def write(self: Any, data: Any) -> int:
        calls.append(threading.current_thread().name)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(zipfile._ZipWriteFile, "write", write)  # type: ignore[attr-defined]
    with pytest.raises(UserError, match="无法写入交换包"):
        exchange_export.export_package(app_ctx, folder / "a.zip")
    assert "package writer" in calls
    assert list(folder.iterdir()) == []
