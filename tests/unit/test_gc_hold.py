"""The garbage collector held for the length of a package import (controllers.core.gc_hold, issue 23): off while the
rows go in, back on after a done, refused, cancelled or failed import, and a hold inside a hold (an import while the
start holds it, two at once) never turns it on early nor on where someone else turned it off."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from controllers.core import gc_hold, start_gc
from controllers.core.context import AppContext
from controllers.core.errors import UserError
from controllers.exchange import apply as exchange_apply
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from tests.unit.exchange_kit import other_station, some_work


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    start_gc.resume()
    gc.unfreeze()
    (gc.enable if was else gc.disable)()


@pytest.fixture
def package(app_ctx: AppContext, tmp_path: Path) -> Path:
    some_work(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "a.zip")
    return tmp_path / "a.zip"


def _watch() -> tuple[list[bool], exchange_import.ImportProgress]:
    seen: list[bool] = []
    return seen, lambda _read, _total: seen.append(gc.isenabled())


def test_an_import_runs_without_the_collector_and_gives_it_back(package: Path, tmp_path: Path) -> None:
    seen, progress = _watch()
    with other_station(tmp_path / "b") as b:
        assert exchange_import.import_package(b, package, progress=progress).inserted > 0
    assert seen and not any(seen)
    assert gc.isenabled()


def test_a_cancelled_import_gives_the_collector_back(package: Path, tmp_path: Path) -> None:
    stop = threading.Event()
    seen: list[bool] = []

    def cancel_at_first(_read: int, _total: int) -> None:
        seen.append(gc.isenabled())
        stop.set()

    with other_station(tmp_path / "b") as b, pytest.raises(exchange_import.ImportCancelled):
        exchange_import.import_package(b, package, progress=cancel_at_first, cancel=stop)
    assert seen == [False] and gc.isenabled()


def test_a_refused_import_gives_the_collector_back(package: Path, app_ctx: AppContext) -> None:
    with pytest.raises(UserError):
        exchange_import.import_package(app_ctx, package)  # its own package: refused before anything is written
    assert gc.isenabled()


def test_a_failed_import_gives_the_collector_back(package: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kw: object) -> None:
        assert not gc.isenabled()
        raise RuntimeError("disk gone")

    monkeypatch.setattr(exchange_apply.Applier, "apply", broken)
    with other_station(tmp_path / "b") as b, pytest.raises(RuntimeError):
        exchange_import.import_package(b, package)
    assert gc.isenabled()


def test_a_hold_inside_a_hold_restores_the_outer_state() -> None:
    with gc_hold.held():
        with gc_hold.held():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner hold ended: the outer one still holds
    assert gc.isenabled()


def test_a_hold_leaves_a_collector_turned_off_by_someone_else_off() -> None:
    gc.disable()
    with gc_hold.held():
        pass
    assert not gc.isenabled()


def test_holds_on_two_threads_end_in_any_order() -> None:
    """The GUI's import runs on a worker thread: the collector comes back when the last hold ends, whichever."""
    inner_started, outer_done = threading.Event(), threading.Event()
    states: list[bool] = []

    def worker() -> None:
        with gc_hold.held():
            inner_started.set()
            outer_done.wait()
            states.append(gc.isenabled())
        states.append(gc.isenabled())

    with gc_hold.held():
        thread = threading.Thread(target=worker)
        thread.start()
        inner_started.wait()
    outer_done.set()
    thread.join()
    assert states == [False, True]


def test_an_import_while_the_start_holds_does_not_end_the_start_early(package: Path, tmp_path: Path) -> None:
    start_gc.hold()
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, package)
    assert not gc.isenabled()  # the start's hold is still on
    start_gc.resume()
    assert gc.isenabled()
