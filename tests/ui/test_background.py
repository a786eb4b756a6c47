"""The one background helper: refusals in Chinese, anything else logged with a generic Chinese message, one typed
change notice after a success (and none after a failure), and no deadlock when the GUI thread waits for a worker."""

from __future__ import annotations

import logging
import re
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from controllers.core.errors import ConflictError, UserError, ValidationError
from tests.unit.bad_input_kit import PROPERTY
from ui.common import background
from ui.common.events import Change, data_events, notify

NO_LATIN_WORDS = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def host(shell_app: QApplication, qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def heard() -> list[Change]:
    changes: list[Change] = []
    data_events().changed.connect(changes.append)
    return changes


def test_a_success_hands_back_the_result_then_announces_each_change_once(host, qtbot, heard) -> None:
    got: list[object] = []
    operation = background.run(host, lambda: 42, changes=(Change.CASES, Change.COMPLAINTS, Change.CASES),
                               done=lambda result: got.append((result, list(heard))))
    assert operation.wait()
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert got == [(42, [])]  # done first, then the notices
    assert heard == [Change.CASES, Change.COMPLAINTS]


@pytest.mark.parametrize("error", [UserError("案件已被删除。"), ValidationError("请填写案件事实。", field="facts"),
                                   ConflictError("该案件已在别处修改。")])
def test_a_refusal_shows_its_chinese_message_and_announces_nothing(host, qtbot, heard, error) -> None:
    label = QLabel(host)

    def refuse() -> None:
        raise error

    assert not background.run(host, refuse, changes=(Change.CASES,), report_to=label).wait()
    assert label.text() == error.message and label.property("class") == "danger"
    assert heard == []


def test_a_refusal_can_be_told_apart_by_the_caller(host, heard) -> None:
    seen: list[UserError] = []
    error = ConflictError("该案件已在别处修改。")

    def refuse() -> None:
        raise error

    boxes: list[str] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(QMessageBox, "warning", lambda *a: boxes.append(a[2]))
        assert not background.run(host, refuse, refused=seen.append).wait()
    assert seen == [error] and boxes == []  # handled by the caller: no second message


def test_anything_else_is_logged_and_shown_as_a_generic_chinese_message(host, heard, caplog) -> None:
    boxes: list[tuple[str, str]] = []

    def crash() -> None:
        raise KeyError("internal detail 13812345678")

    with pytest.MonkeyPatch.context() as mp, caplog.at_level(logging.ERROR, logger="ui.common.background"):
        mp.setattr(QMessageBox, "warning", lambda _parent, title, text: boxes.append((title, text)))
        assert not background.run(host, crash, changes=(Change.CASES,), name="probe").wait()
    assert boxes == [("未能完成", "操作意外失败，详细信息已写入日志文件。")]  # no traceback, no English on screen
    assert "probe failed" in caplog.text and "KeyError" in caplog.text
    assert heard == []


def test_a_busy_database_is_the_users_situation_not_a_crash(host, caplog) -> None:
    label = QLabel(host)

    class OperationalError(Exception):
        pass

    def locked() -> None:
        raise OperationalError("database is locked")

    with caplog.at_level(logging.ERROR, logger="ui.common.background"):
        assert not background.run(host, locked, report_to=label).wait()
    assert label.text() and not NO_LATIN_WORDS.search(label.text())
    assert caplog.text == ""


def test_the_pages_have_heard_before_a_waiter_goes_on(host, heard) -> None:
    """wait() returns on `ended`; the pages must have heard by then. The worker is held between its `finished` and
    anything it does after (the keeper's queued notice came from there), so only a notice sent before `ended`
    can be in `heard` when wait() returns: before the fix it was not (a page test failed once in a busy run)."""
    gate, hold = threading.Event(), threading.Event()
    operation = background.run(host, lambda: gate.wait(10), changes=(Change.TRAININGS,))
    operation.worker.finished.connect(lambda _result: hold.wait(10), Qt.ConnectionType.DirectConnection)
    gate.set()
    try:
        assert operation.wait()
        assert heard == [Change.TRAININGS]
    finally:
        hold.set()
    background.wait_all()
    QApplication.processEvents()
    assert heard == [Change.TRAININGS]  # the keeper's call that comes later says nothing twice


def test_a_success_is_announced_even_when_its_widget_is_gone(shell_app, heard) -> None:
    gate = threading.Event()
    widget = QWidget()
    background.run(widget, lambda: gate.wait(10), changes=(Change.MEETINGS,))
    widget.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the widget and its operation are gone
    gate.set()
    background.wait_all()
    QApplication.processEvents()
    assert heard == [Change.MEETINGS]


def test_waiting_for_every_worker_from_the_gui_thread_does_not_deadlock(host) -> None:
    """The worker's end must not need the GUI thread: wait_all() runs while that thread turns no events (at quit,
    before a test's database goes away). Before the fix the thread's quit() was queued to the GUI thread: hang."""
    started = threading.Event()
    background.start(background.BackgroundWorker(lambda _p, _s: started.set(), name="probe"))
    background.wait_all()
    assert started.is_set()


def test_a_finished_worker_is_deleted_on_the_gui_thread(host, qtbot) -> None:
    """Deleted in its own thread, a worker's destructor holds Qt's connection lock while it waits for the GIL; a
    GUI thread connecting a signal meanwhile holds the GIL and waits for the lock: the app hung (seen in the suite,
    the dashboard drawing a chart as its refresh worker ended). The worker must die where the GUI lives."""
    deleted_in: list[int] = []
    worker = background.BackgroundWorker(lambda _p, _s: None, name="probe")
    worker.destroyed.connect(lambda *_a: deleted_in.append(threading.get_ident()),
                             Qt.ConnectionType.DirectConnection)
    background.start(worker)
    del worker
    qtbot.waitUntil(lambda: background.running() == 0)
    qtbot.waitUntil(lambda: bool(deleted_in))
    assert deleted_in == [threading.main_thread().ident]


@PROPERTY
@given(st.lists(st.sampled_from(list(Change)), max_size=12))
def test_notify_announces_each_kind_once_in_order(shell_app, kinds: list[Change]) -> None:
    heard: list[Change] = []
    data_events().changed.connect(heard.append)
    try:
        notify(*kinds)
    finally:
        data_events().changed.disconnect(heard.append)
    assert heard == list(dict.fromkeys(kinds))


@PROPERTY
@given(st.one_of(st.text(max_size=20), st.integers(), st.none(), st.sampled_from([c.value for c in Change])))
def test_a_change_is_never_a_free_string(shell_app, kind: object) -> None:
    heard: list[object] = []
    data_events().changed.connect(heard.append)
    try:
        with pytest.raises(TypeError):
            notify(kind)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            background.BackgroundWorker(lambda _p, _s: None, name="probe", changes=(kind,))  # type: ignore[arg-type]
    finally:
        data_events().changed.disconnect(heard.append)
    assert heard == []
