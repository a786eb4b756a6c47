"""Issue 21's records travel between stations: a typical case's write-up with its case, a station's own reply
template (the seeded ones match by category, kind and name, never duplicated), and an unmarked typical case is
unmarked at the other station too."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from controllers.cases import typical as tc
from controllers.core.context import AppContext
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from controllers.reference import reply_templates as rt
from models.cases import Case, TypicalCase
from models.reference import ReplyTemplate
from tests.unit.exchange_kit import other_station, some_work


def _close(ctx: AppContext, uuid) -> int:
    with ctx.db.session() as s:
        case = s.scalar(select(Case).where(Case.uuid == uuid))
        case.status = "结案"
        return case.id


def test_typical_case_and_templates_travel_and_unmark_follows(app_ctx: AppContext, tmp_path: Path) -> None:
    ids = some_work(app_ctx)
    case_id = _close(app_ctx, ids["case"])
    tc.mark_typical(app_ctx, case_id)
    tc.update_typical(app_ctx, case_id, lesson="违法搭建终将被拆除。")
    category = rt.list_templates(app_ctx)[0].category_id
    rt.create_template(app_ctx, category_id=category, kind="回访话术", name="简短版", body="您好，{小区}的问题已办结。")
    exchange_export.export_package(app_ctx, tmp_path / "a.zip")
    with other_station(tmp_path / "b") as b:
        seeded = len(rt.list_templates(b))
        exchange_import.import_package(b, tmp_path / "a.zip")
        with b.db.session() as s:
            t = s.scalar(select(TypicalCase).join(Case).where(Case.uuid == ids["case"]))
            assert t is not None and t.lesson == "违法搭建终将被拆除。"
            assert s.scalar(select(func.count()).select_from(ReplyTemplate)) == seeded + 1
            body = s.scalar(select(ReplyTemplate.body).where(ReplyTemplate.name == "简短版"))
            assert body == "您好，{小区}的问题已办结。"
        tc.unmark_typical(app_ctx, case_id)
        exchange_export.export_package(app_ctx, tmp_path / "a2.zip")
        exchange_import.import_package(b, tmp_path / "a2.zip")
        with b.db.session() as s:
            assert s.scalar(select(func.count()).select_from(TypicalCase)) == 0
