"""controllers.storage.overview: the overview `info` and `reference` print."""

from __future__ import annotations

from controllers.core.context import AppContext
from controllers.storage.overview import data_info, reference_info
from models import migrate


def test_data_info_counts_the_seeded_reference_data(app_ctx: AppContext) -> None:
    info = data_info(app_ctx)
    assert info.schema_version == migrate.head_revision(app_ctx.db.engine)
    assert info.data_dir == str(app_ctx.data_dir.root)
    assert info.counts["categories"] == 14
    assert info.counts["regulations"] == 11
    assert info.counts["departments"] == 9
    assert info.counts["streets"] == 10
    assert info.counts["cases"] == info.counts["complaints"] == info.counts["meetings"] == 0


def test_reference_info_gives_legal_basis_by_name_and_deadlines(app_ctx: AppContext) -> None:
    ref = reference_info(app_ctx)
    codes = [c.code for c in ref.categories]
    assert codes == [f"C{i:02d}" for i in range(1, 14)] + ["C99"]
    c03 = next(c for c in ref.categories if c.code == "C03")
    assert c03.name == "群租"
    assert c03.legal_basis == ["《上海市住房租赁条例》", "《上海市居住房屋租赁管理办法》"]
    assert c03.deadline_days > 0
    assert ref.regulations[1].name == "《上海市城市管理综合行政执法条例》及其《实施办法》"
    assert ref.streets[-1].short_name == "桃浦" and ref.streets[-1].kind == "镇"
    assert all(d.duty for d in ref.departments)
