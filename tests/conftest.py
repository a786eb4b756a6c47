"""Shared fixtures: offscreen Qt, and a fresh data directory (and database) per test, on SQLite or PostgreSQL.

`pytest --engine=postgresql` (or STATION_LEDGER_TEST_ENGINE=postgresql) runs the suite against a throwaway
PostgreSQL server started once per session (tests/pg_server.py). Each test then gets its own database, copied
from a template that is already migrated and seeded, and dropped afterwards. Tests of the SQLite file itself
(online backups, the integrity check at open, data-dir file checks) use `sqlite_app_ctx` or the `sqlite_file`
marker, and so keep running on SQLite files in the PostgreSQL run too.

The suite runs in parallel (pytest-xdist, `make test`): each worker is its own process with its own session
fixtures, so each has its own PostgreSQL server, temp folders and user folders (private_user_dirs); nothing a test
writes is shared with another worker or with another run on the same machine. `-n 0` runs it serially.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import signal
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import date, datetime
from pathlib import Path

import pytest

from controllers.core import clock, paths
from controllers.core.context import AppContext
from controllers.demo.generator import generate_demo
from controllers.storage import server_config
from controllers.storage.opening import open_data_dir

ENGINE_ENV = "STATION_LEDGER_TEST_ENGINE"
ENGINES = ("sqlite", "postgresql")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--engine", choices=ENGINES, default=None,
                     help=f"database engine behind app_ctx (default: ${ENGINE_ENV} or sqlite)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_file: the test exercises the SQLite database file; app_ctx stays SQLite")
    config.addinivalue_line("markers", "postgresql: the test needs PostgreSQL; it runs in the --engine=postgresql run")
    # A run stopped with SIGTERM (a CI timeout) unwinds like Ctrl-C: session fixtures are torn down, and the xdist
    # controller, which runs no tests itself, shuts its workers down instead of leaving them running.
    config.stash[_PREVIOUS_SIGTERM] = signal.signal(signal.SIGTERM, _interrupt)
    import_every_app_module()


def app_module_names() -> list[str]:
    """Every module the app ships (pyproject's packages and main.py), but no `__main__` (`python -m bench` would
    run the benchmark)."""
    names = ["main"]
    for name in ("models", "controllers", "ui", "bench"):
        package = importlib.import_module(name)
        modules = pkgutil.walk_packages(package.__path__, f"{name}.")
        names += [m.name for m in modules if not m.name.endswith(".__main__")]
    return names


def import_every_app_module() -> None:
    """Hypothesis draws some strings and numbers from the constants of the project's modules loaded at the moment
    (its "local constants"), so with derandomize a test's examples still depended on which modules earlier tests
    happened to import: a property test failed alone and passed in a full run, or on one xdist worker and not on
    the other. Loading them all first gives every process, serial or parallel, whole suite or one file, the same
    pool, and so the same examples."""
    for name in app_module_names():
        importlib.import_module(name)


def pytest_unconfigure(config: pytest.Config) -> None:
    signal.signal(signal.SIGTERM, config.stash.get(_PREVIOUS_SIGTERM, signal.SIG_DFL))


_PREVIOUS_SIGTERM = pytest.StashKey[object]()


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def selected_engine(config: pytest.Config) -> str:
    engine = config.getoption("--engine") or os.environ.get(ENGINE_ENV) or "sqlite"
    if engine not in ENGINES:
        raise pytest.UsageError(f"{ENGINE_ENV}={engine!r}: expected one of {', '.join(ENGINES)}")
    return engine


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if selected_engine(config) == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: runs in the PostgreSQL run (pytest --engine=postgresql)")
    for item in items:
        if item.get_closest_marker("postgresql"):
            item.add_marker(skip)


def pytest_report_header(config: pytest.Config) -> str:
    return f"station-ledger database engine: {selected_engine(config)}"


@pytest.fixture(scope="session")
def engine_name(pytestconfig: pytest.Config) -> str:
    """'sqlite' or 'postgresql': what app_ctx opens in this run."""
    return selected_engine(pytestconfig)


@pytest.fixture(scope="session", autouse=True)
def private_user_dirs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The user's cache, config, data and state folders point into this session's temp folder, for the tests and
    for the programs they start (main.py in a subprocess renders the theme into the cache folder): parallel workers
    and other runs on the machine never write the same file, and the developer's own folders stay untouched."""
    root = tmp_path_factory.mktemp("user-dirs")
    with pytest.MonkeyPatch.context() as mp:
        for kind in ("cache", "config", "data", "state"):
            mp.setenv(f"XDG_{kind.upper()}_HOME", str(root / kind))
        yield root


@pytest.fixture(scope="session")
def worker_label() -> str:
    """'gw0', 'gw1'... under xdist; 'main' in a serial run (also with `-p no:xdist`, where xdist's worker_id
    fixture does not exist)."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def pg_server(engine_name: str, worker_label: str) -> Iterator[object]:
    """This worker's throwaway PostgreSQL server; started on first use, stopped at the end of the session (and by
    its reaper whenever this process ends otherwise)."""
    from tests.pg_server import PgServer, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        if engine_name == "postgresql":
            pytest.exit("--engine=postgresql but no PostgreSQL server binaries (initdb, pg_ctl) were found", 2)
        pytest.skip("needs PostgreSQL server binaries (initdb, pg_ctl); none found")
    server = PgServer(bin_dir, label=worker_label)
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_databases(pg_server, worker_label: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Fresh copies of a database migrated to head and seeded (copying is much faster than migrating)."""
    from tests.pg_server import DatabasePool

    # Each worker has a server of its own; the worker's name in the template's keeps them apart even if they shared.
    template = f"station_ledger_template_{worker_label}"
    pg_server.admin(f"CREATE DATABASE {template}")
    ctx = open_data_dir(paths.DataDir(tmp_path_factory.mktemp("pg-template") / "data"),
                        db_url=pg_server.url(template))
    ctx.db.dispose()  # CREATE DATABASE ... TEMPLATE needs the template free of connections
    pool = DatabasePool(pg_server, template)
    yield pool
    pool.close()


@pytest.fixture
def pg_url(pg_server, pg_databases) -> Iterator[str]:
    """URL of a fresh database of this test's own (migrated, seeded), dropped afterwards."""
    name = pg_databases.take()
    yield pg_server.url(name)
    pg_databases.give_back(name)


@pytest.fixture(autouse=True)
def fresh_data_events() -> Iterator[None]:
    """Each test gets its own data-changed hub and page-request hub: pages and windows a finished test left alive
    must not refresh from (or navigate on) its, on PostgreSQL already dropped, database when a later test emits."""
    yield
    events = sys.modules.get("ui.common.events")
    if events is not None:
        events._events = None  # type: ignore[attr-defined]
    navigation = sys.modules.get("ui.common.navigation")
    if navigation is not None:
        navigation._navigation = None  # type: ignore[attr-defined]


@pytest.fixture
def pin_clock() -> Iterator[Callable[[date | datetime], datetime]]:
    """The one way tests set the time: `pin_clock(date(2025, 9, 30))` (noon in Shanghai that day) or an aware
    instant pins the app's clock (controllers.core.clock) until the test ends; a later call moves it. Every "now"
    and "today" in the app, and the ORM's stamps, follow it; the database's deletion stamps do not (they read the
    real clock: see models.tombstone_triggers)."""
    with ExitStack() as stack:
        yield lambda when: stack.enter_context(clock.pin(when))


@pytest.fixture
def year_demo(app_ctx: AppContext, pin_clock: Callable[[date | datetime], datetime]) -> AppContext:
    """The demo the 年度考核 and 通报 tests read: 600 cases and 1,500 complaints, today 15 March 2026."""
    pin_clock(date(2026, 3, 15))
    generate_demo(app_ctx, cases=600, complaints=1500, trainings=2, seed=11)
    return app_ctx


@pytest.fixture
def data_dir(tmp_path: Path) -> paths.DataDir:
    """An empty data directory, not yet opened."""
    return paths.DataDir(tmp_path / "data")


@pytest.fixture
def sqlite_app_ctx(data_dir: paths.DataDir) -> Iterator[AppContext]:
    """A migrated, seeded data directory on its own SQLite file, whatever the run's engine."""
    ctx = open_data_dir(data_dir)
    yield ctx
    _settle_background()
    ctx.close()


def _settle_background() -> None:
    """Stop what a test left running on its database before the database goes: a 工作台 the test left alive must not
    refresh (or still be reading), and a save or an export it started must not outlive the database or announce its
    change into the next test's windows."""
    dashboard_worker = sys.modules.get("ui.dashboard.worker")
    if dashboard_worker is not None:
        dashboard_worker.stop_all()
    background = sys.modules.get("ui.common.background")
    if background is not None:
        background.wait_all()


@pytest.fixture
def app_ctx(request: pytest.FixtureRequest, engine_name: str, data_dir: paths.DataDir) -> Iterator[AppContext]:
    """A migrated, seeded database of its own for each test: the data dir's SQLite file, or a fresh PG database."""
    if engine_name == "sqlite" or request.node.get_closest_marker("sqlite_file"):
        ctx = request.getfixturevalue("sqlite_app_ctx")
        yield ctx
        return
    url = request.getfixturevalue("pg_url")
    ctx = open_data_dir(data_dir, db_url=url, seed=False)  # the template is seeded already
    # Server mode keeps attachments in a shared folder named in 设置; here it is the data dir's attachments
    # folder, so tests that look for a stored file find it on both engines.
    server_config.save_server_settings(ctx, url=url, attachments_dir=str(data_dir.attachments))
    yield ctx
    _settle_background()
    ctx.close()
