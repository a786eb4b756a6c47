"""Trying the app on demo data that can never mix with a station's real ledger.

The demo lives in a data directory of its own beside the real one (never inside it), named 演示数据, and its
database carries a mark (a setting, controllers.demo.mark) that the window shows as a permanent banner. Filling it
refuses a database that holds records but no mark: that is somebody's real ledger, and nothing is written to it.
"""

from __future__ import annotations

from platformdirs import user_data_path
from sqlalchemy import func, select

from controllers.core.context import AppContext
from controllers.core.errors import DataDirError, ValidationError
from controllers.core.paths import DataDir
from controllers.core.permissions import requires
from controllers.demo.base import Progress
from controllers.demo.generator import generate_demo
from controllers.demo.mark import DEMO_MARK_KEY
from controllers.storage.datadir import APP_NAME
from models.admin import Setting
from models.cases import Case
from models.complaints import Complaint

DEMO_DIR_NAME = "演示数据"
# Enough for every page and chart to show something, small enough to be ready in seconds on an office PC.
DEMO_SIZE = {"cases": 600, "complaints": 1200, "trainings": 40}
DEMO_SEED = 1


def demo_data_dir() -> DataDir:
    """The demo's own folder: under the user's data folder, beside (never inside) the default real data dir."""
    return DataDir(user_data_path(APP_NAME, appauthor=False).parent / f"{APP_NAME}-{DEMO_DIR_NAME}")


def check_apart(demo: DataDir, real: DataDir) -> None:
    """Refuse a demo folder that is, holds or sits inside the real data directory."""
    a, b = demo.root.resolve(), real.root.resolve()
    if a == b or a.is_relative_to(b) or b.is_relative_to(a):
        raise DataDirError(f"演示数据目录“{a}”与真实数据目录“{b}”重叠，为避免混在一起已停止。")


@requires("edit_reference")
def fill_demo(ctx: AppContext, progress: Progress | None = None) -> bool:
    """Mark the demo database and fill it once; True when demo data was generated now, False when it was there.

    The mark goes in first, in its own transaction: a fill that fails midway leaves a marked, empty demo that the
    next start fills again, never unmarked records that would look real.
    """
    with ctx.db.session() as s:
        marked = s.get(Setting, DEMO_MARK_KEY) is not None
        records = (s.scalar(select(func.count()).select_from(Case)) or 0) + \
            (s.scalar(select(func.count()).select_from(Complaint)) or 0)
        if records and not marked:
            raise ValidationError(f"“{ctx.data_dir.root}”中已有不是演示数据的台账记录，演示数据不会写入这里。")
        if records:
            return False
        if not marked:
            s.add(Setting(key=DEMO_MARK_KEY, value="1"))
    generate_demo(ctx, seed=DEMO_SEED, progress=progress, **DEMO_SIZE)
    return True
