"""The 工作台 page: figures arrive off the GUI thread, lines open their items, tiles open the filtered lists."""

from __future__ import annotations

import pytest

from controllers.cases.listing import CaseFilter
from controllers.core.context import AppContext
from controllers.dashboard.today import WorkItem, WorkSection
from tests.unit.test_dashboard import TODAY, Built, build
from ui.common.events import Change, notify
from ui.common.rows_model import ROW_ROLE
from ui.dashboard.page import DashboardPage
from ui.shell.main_window import MainWindow


@pytest.fixture
def built(app_ctx: AppContext, pin_clock) -> Built:
    pin_clock(TODAY)
    return build(app_ctx)


def _page(qtbot, ctx: AppContext) -> DashboardPage:
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    return page


def _row_of(page: DashboardPage, predicate) -> int:
    model = page.work_model
    return next(r for r in range(model.rowCount()) if predicate(model.data(model.index(r, 0), ROW_ROLE)))


def test_figures_show_and_the_model_is_sound(shell_app, qtbot, qtmodeltester, app_ctx: AppContext,
                                             built: Built) -> None:
    page = _page(qtbot, app_ctx)
    qtmodeltester.check(page.work_model)
    # Shown as the station's Chinese number formats; the charts have data (never an empty frame).
    assert page.tiles["cases"].actual.text() == "6"
    assert "2.78" in page.tiles["per10k"].actual.text()
    assert all(box.showing_chart for box in (page.case_chart, page.per10k_chart, page.top_chart, page.pilot_chart))
    heading = page.work_model.data(page.work_model.index(0, 0))
    assert heading.endswith("（1）")


def test_empty_database_says_no_data(shell_app, qtbot, app_ctx: AppContext) -> None:
    page = _page(qtbot, app_ctx)
    assert not any(box.showing_chart for box in (page.case_chart, page.per10k_chart, page.top_chart,
                                                 page.pilot_chart))
    assert "暂无数据" in page.case_chart.empty.text()


def test_a_line_opens_its_case(shell_app, qtbot, app_ctx: AppContext, built: Built, monkeypatch) -> None:
    import ui.case_detail

    opened: list[int] = []
    monkeypatch.setattr(ui.case_detail, "open_case", lambda ctx, case_id, parent=None: opened.append(case_id))
    page = _page(qtbot, app_ctx)
    row = _row_of(page, lambda o: isinstance(o, WorkItem) and o.id == built.cases["c3"])
    page.open_index(page.work_model.index(row, 0))
    assert opened == [built.cases["c3"]]


def test_a_complaint_line_opens_the_handling_dialog(shell_app, qtbot, app_ctx: AppContext, built: Built,
                                                    monkeypatch) -> None:
    import ui.complaints.handling_dialog as handling

    opened: list[int] = []
    monkeypatch.setattr(handling, "handle_complaint", lambda ctx, cid, parent=None: opened.append(cid) or False)
    page = _page(qtbot, app_ctx)
    row = _row_of(page, lambda o: isinstance(o, WorkItem) and o.kind == "complaint")
    page.open_index(page.work_model.index(row, 0))
    assert opened == [built.complaints["overdue"]]


def test_tile_and_heading_open_the_filtered_case_book(built: Built, main_window: MainWindow, qtbot,
                                                      app_ctx: AppContext) -> None:
    page = main_window.select_page("dashboard")
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    qtbot.mouseClick(page.tiles["overdue"], qtbot_button())
    assert main_window.current_page_key() == "cases"
    book = main_window.pages["cases"]
    assert book.current_filter() == CaseFilter(overdue=True)
    assert book.model.total() == 1

    main_window.select_page("dashboard")
    page.open_tile("cases")
    assert book.current_filter() == CaseFilter(found_from=TODAY.replace(month=1, day=1), found_to=TODAY)
    assert book.model.total() == 6

    main_window.select_page("dashboard")
    row = _row_of(page, lambda o: isinstance(o, WorkSection) and o.key == "due_soon")
    page.open_index(page.work_model.index(row, 0))
    assert main_window.current_page_key() == "cases" and book.current_filter() == CaseFilter(due_soon=True)


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_refreshes_in_the_background_after_a_change(shell_app, qtbot, app_ctx: AppContext, built: Built) -> None:
    from controllers.meetings.meeting_mode import raise_matter

    page = _page(qtbot, app_ctx)
    before = page.work_model.data(page.work_model.index(_row_of(
        page, lambda o: isinstance(o, WorkSection) and o.key == "complaints"), 0))
    raise_matter(app_ctx, estate_id=built.estates["甲小区"], category_id=None, description="新反映的事项")
    page.ready = False
    notify(Change.COMPLAINTS)
    notify(Change.COMPLAINTS)  # a burst: coalesced into one refresh
    assert page.loader.busy  # the signal returns at once: the work happens later, off the GUI thread
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    after = page.work_model.data(page.work_model.index(_row_of(
        page, lambda o: isinstance(o, WorkSection) and o.key == "complaints"), 0))
    assert (before, after) == ("诉件待答复或回访（3）", "诉件待答复或回访（4）")


def test_a_residents_rep_gets_meeting_mode_only(shell_app, qtbot, app_ctx: AppContext, built: Built) -> None:
    from controllers.core.permissions import SignedInUser

    app_ctx.sign_in(SignedInUser(username="rep", display_name="代表", role="居委代表", user_id=1))
    page = DashboardPage(app_ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.ready and page.snapshot is None  # nothing was computed, so nothing refused
    assert "会商模式" in page.status.text()
    assert page.meeting_button.isVisible()
    assert not any(card.isVisible() for card in page.tiles.values())


def test_switching_the_view_refreshes_the_figures(shell_app, qtbot, app_ctx: AppContext, built: Built) -> None:
    from controllers.station import views
    from tests.unit.test_dashboard import _add_outside_the_station

    _add_outside_the_station(app_ctx, built)  # the station's area is 甲小区 only
    page = _page(qtbot, app_ctx)
    assert page.tiles["cases"].actual.text() == "6"
    views.set_view(app_ctx, "district")
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        notify(Change.VIEW)  # what the main window's view switcher says
    assert page.tiles["cases"].actual.text() == "8"
    assert page.tiles["overdue"].actual.text() == "3"


def test_pilot_chart_leaves_out_a_side_with_no_estates(shell_app) -> None:
    """A station made only of pilot estates: no empty 其他小区 bar group beside its pilot estates."""
    from PySide6.QtCore import Qt

    from controllers.dashboard.goals import ChartData, EstateRatio
    from ui.dashboard import charts

    def chart_of(rest: int) -> list[str]:
        pilot = (EstateRatio("试点小区", 12, 20_000, 6.0), EstateRatio("试点小区", 15, 20_000, 7.5),
                 EstateRatio("其他小区", 3 if rest else 0, rest, 1.5 if rest else None),
                 EstateRatio("其他小区", 0, rest, 0.0 if rest else None))
        data = ChartData(2026, (), (), (None,) * 12, (None,) * 12, (), pilot)
        chart = charts.pilot_chart(data, ("试点小区", "其他小区"), "今年", "去年", "件/万人")
        assert chart is not None
        return list(chart.axes(Qt.Orientation.Horizontal)[0].categories())

    assert chart_of(rest=0) == ["试点小区"]
    assert chart_of(rest=20_000) == ["试点小区", "其他小区"]


def test_the_dissatisfied_tile_opens_the_unhappy_callbacks_of_the_period(built: Built, main_window: MainWindow,
                                                                         qtbot, app_ctx: AppContext) -> None:
    """回访不满意 counts unhappy callbacks by callback date this year; clicking it lists exactly those complaints."""
    from datetime import date

    from controllers.complaints.listing import ComplaintFilter
    from models.complaints import Complaint

    ids = sorted(built.complaints.values())
    callbacks = {ids[0]: (date(2026, 2, 3), "不满意"), ids[1]: (date(2026, 3, 14), "不满意"),
                 ids[2]: (date(2026, 3, 1), "满意"),  # happy: not on the tile
                 ids[3]: (date(2025, 12, 30), "不满意")}  # last year: not this period
    with app_ctx.db.session() as s:
        for cid, (on, satisfaction) in callbacks.items():
            c = s.get(Complaint, cid)
            assert c is not None
            c.callback_on, c.satisfaction = on, satisfaction
    page = main_window.select_page("dashboard")
    assert isinstance(page, DashboardPage)
    notify(Change.COMPLAINTS)  # as the app's own writes do (the opening load may have read before them)
    qtbot.waitUntil(lambda: page.ready and page.tiles["dissatisfied"].actual.text() == "2", timeout=10_000)

    qtbot.mouseClick(page.tiles["dissatisfied"], qtbot_button())
    assert main_window.current_page_key() == "complaints"
    log = main_window.pages["complaints"]
    wanted = ComplaintFilter(dissatisfied=True, callback_from=date(2026, 1, 1), callback_to=TODAY)
    assert log.current_filter() == wanted
    bar = log.filters
    assert bar.dissatisfied.isChecked() and bar.date_kind.currentData() == "callback"
    qtbot.waitUntil(lambda: log.model.total() == 2, timeout=10_000)
    shown = {log.model.data(log.model.index(r, 0), ROW_ROLE).id for r in range(log.model.rowCount())}
    assert shown == {ids[0], ids[1]}


@pytest.fixture
def counted(monkeypatch) -> dict[str, object]:
    """Counts the loads the dashboard runs; the first one waits for `gate` (a load still running when asked again)."""
    import threading

    from ui.dashboard import worker

    state: dict[str, object] = {"calls": 0, "gate": threading.Event()}
    real = worker.compute

    def compute(ctx: AppContext, **kw):
        state["calls"] = int(state["calls"]) + 1  # type: ignore[call-overload]
        if state["calls"] == 1:
            state["gate"].wait(10)  # type: ignore[attr-defined]
        return real(ctx, **kw)

    monkeypatch.setattr(worker, "compute", compute)
    return state


def test_opening_the_main_window_on_the_dashboard_computes_once(shell_app, qtbot, app_ctx: AppContext, built: Built,
                                                                  counted) -> None:
    """The page's constructor starts a load and the main window asks again as it shows the page: nothing changed in
    between, so the running load's result is the one shown and no second load follows."""
    from ui.shell.app import build_main_window

    window = build_main_window(app_ctx, persist=False, page="dashboard")
    qtbot.addWidget(window)
    window.show()
    page = window.pages["dashboard"]
    assert isinstance(page, DashboardPage) and page.loader.busy
    counted["gate"].set()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)
    assert not page.loader.busy and counted["calls"] == 1


def test_a_change_during_a_running_load_loads_again(shell_app, qtbot, app_ctx: AppContext, built: Built,
                                                     counted) -> None:
    """A complaint saved while a load runs (it may have read before the save) is shown by a second load."""
    from controllers.meetings.meeting_mode import raise_matter

    page = DashboardPage(app_ctx)
    qtbot.addWidget(page)
    page.show()
    raise_matter(app_ctx, estate_id=built.estates["甲小区"], category_id=None, description="新反映的事项")
    notify(Change.COMPLAINTS)
    counted["gate"].set()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: counted["calls"] == 2 and page.ready and not page.loader.busy, timeout=10_000)
    row = _row_of(page, lambda o: isinstance(o, WorkSection) and o.key == "complaints")
    assert page.work_model.data(page.work_model.index(row, 0)) == "诉件待答复或回访（4）"
