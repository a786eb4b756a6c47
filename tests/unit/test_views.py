"""The desk's view: own estates (editable) by default, the whole street or the district read only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from controllers.cases import export as case_list_export
from controllers.cases import listing as case_list
from controllers.cases import records as case_records
from controllers.complaints import entry as complaints
from controllers.complaints import listing as complaint_list
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError, UserError, ValidationError
from controllers.core.permissions import (
    ADMIN,
    READ_ONLY_VIEW_MESSAGES,
    RECORD_EDITS,
    REP,
    PermissionDenied,
    SignedInUser,
    can,
)
from controllers.station import area as station
from controllers.station import views
from controllers.trainings import records as trainings
from models.admin import AuditEntry
from models.cases import Case
from models.trainings import TrainingKind
from tests.unit.case_fixtures import make_complaint, make_estate, new_case
from tests.unit.test_permissions import OPS

STREET_VIEW_REFUSAL = "当前为全街镇视图（只读），请切换回本工作室视图后再修改。"


@dataclass(frozen=True)
class Street2:
    """Our station's estates (ours, ours2), another station's on our street (theirs), one on another street."""

    ours: int
    ours2: int
    theirs: int
    other_street: int
    cases: dict[int, int]  # estate id -> case id
    complaints: dict[int | None, int]  # estate id (None = no estate) -> complaint id


@pytest.fixture
def street(app_ctx: AppContext) -> Street2:
    ours, ours2 = make_estate(app_ctx, "本站一小区"), make_estate(app_ctx, "本站二小区")
    theirs = make_estate(app_ctx, "邻站小区")
    other = make_estate(app_ctx, "桃浦小区", street="桃浦镇")
    estates = (ours, ours2, theirs, other)
    cases = {e: new_case(app_ctx, estate_id=e).id for e in estates}
    complaint_ids = {e: make_complaint(app_ctx, e) for e in (*estates, None)}
    return Street2(ours, ours2, theirs, other, cases, complaint_ids)


def _own_area(ctx: AppContext, s: Street2) -> None:
    station.set_station_area(ctx, street="长征镇", estate_ids=[s.ours, s.ours2])


def _case_ids(ctx: AppContext) -> set[int]:
    return {r.id for r in case_list.fetch_window(ctx, case_list.CaseFilter(), limit=100)}


def _complaint_ids(ctx: AppContext) -> set[int]:
    return {r.id for r in complaint_list.fetch_window(ctx, complaint_list.ComplaintFilter(), limit=100)}


# ---- reads ------------------------------------------------------------------------------------------


def test_single_desk_default_sees_everything_without_a_condition(app_ctx: AppContext, street: Street2) -> None:
    assert app_ctx.view == "station" and views.can_edit(app_ctx)
    with app_ctx.db.session() as s:
        assert views.view_estate_filter(app_ctx, s, Case.estate_id) is None
    assert _case_ids(app_ctx) == set(street.cases.values())
    assert case_list.count_cases(app_ctx, case_list.CaseFilter()) == 4
    assert complaint_list.count_complaints(app_ctx, complaint_list.ComplaintFilter()) == 5
    # No street set: the street view is the district, and it still adds no condition.
    views.set_view(app_ctx, "street")
    with app_ctx.db.session() as s:
        assert views.view_estate_filter(app_ctx, s, Case.estate_id) is None
    assert case_list.count_cases(app_ctx, case_list.CaseFilter()) == 4


def test_each_view_lists_its_estates(app_ctx: AppContext, street: Street2) -> None:
    _own_area(app_ctx, street)
    c, p = street.cases, street.complaints
    # station: own estates only; complaints without an estate stay visible so someone can assign them
    assert _case_ids(app_ctx) == {c[street.ours], c[street.ours2]}
    assert case_list.count_cases(app_ctx, case_list.CaseFilter()) == 2
    assert {r.id for r in case_list.iter_rows(app_ctx, case_list.CaseFilter())} == _case_ids(app_ctx)
    assert _complaint_ids(app_ctx) == {p[street.ours], p[street.ours2], p[None]}
    assert complaint_list.count_complaints(app_ctx, complaint_list.ComplaintFilter()) == 3
    # street: every estate of 长征镇, the neighbouring station's included
    assert views.set_view(app_ctx, "street") == views.ViewState("street", "全街镇", True)
    assert _case_ids(app_ctx) == {c[street.ours], c[street.ours2], c[street.theirs]}
    assert {r.id for r in complaint_list.iter_rows(app_ctx, complaint_list.ComplaintFilter())} == {
        p[street.ours], p[street.ours2], p[street.theirs], p[None]}
    # district: everything
    views.set_view(app_ctx, "district")
    assert _case_ids(app_ctx) == set(c.values())
    assert complaint_list.count_complaints(app_ctx, complaint_list.ComplaintFilter()) == 5
    # the user's own filters still combine with the view
    views.set_view(app_ctx, "station")
    only = case_list.CaseFilter(estate_ids=(street.theirs,))
    assert case_list.count_cases(app_ctx, only) == 0


def test_unknown_view_is_refused(app_ctx: AppContext) -> None:
    with pytest.raises(ValidationError, match="无法识别视图"):
        views.set_view(app_ctx, "city")
    assert app_ctx.view == "station"


def test_detail_outside_the_view_is_not_found(app_ctx: AppContext, street: Street2) -> None:
    _own_area(app_ctx, street)
    theirs_case, theirs_complaint = street.cases[street.theirs], street.complaints[street.theirs]
    with pytest.raises(NotFoundError, match=r"不属于本工作室的范围.*请切换到全街镇"):
        case_records.get_case(app_ctx, theirs_case)
    with pytest.raises(views.OutsideViewError):
        complaints.get_complaint(app_ctx, theirs_complaint)
    assert complaints.get_complaint(app_ctx, street.complaints[None]).estate_id is None
    views.set_view(app_ctx, "street")
    assert case_records.get_case(app_ctx, theirs_case).estate_id == street.theirs
    assert complaints.get_complaint(app_ctx, theirs_complaint).estate_id == street.theirs
    with pytest.raises(NotFoundError, match=r"不属于全街镇的范围.*请切换到全区视图"):
        case_records.get_case(app_ctx, street.cases[street.other_street])


def test_trainings_follow_the_view(app_ctx: AppContext, street: Street2) -> None:
    with app_ctx.db.session() as s:
        kind_id = s.scalar(select(TrainingKind.id).limit(1))

    def add(title: str, estates: tuple[int, ...]) -> int:
        data = trainings.TrainingInput(kind_id=kind_id, title=title, starts_at=datetime(2025, 3, 4, 9),
                                       estate_ids=estates)
        return trainings.create_training(app_ctx, data).id

    mine, theirs, everyone = add("本站培训", (street.ours,)), add("邻站培训", (street.theirs,)), add("全街培训", ())
    _own_area(app_ctx, street)
    assert {r.id for r in trainings.list_trainings(app_ctx)} == {mine, everyone}
    views.set_view(app_ctx, "street")
    assert {r.id for r in trainings.list_trainings(app_ctx)} == {mine, theirs, everyone}


def test_export_subtitle_names_a_narrowed_view(app_ctx: AppContext, street: Street2) -> None:
    assert case_list_export.filter_description(app_ctx, case_list.CaseFilter()) == []
    _own_area(app_ctx, street)
    views.set_view(app_ctx, "street")
    assert case_list_export.filter_description(app_ctx, case_list.CaseFilter()) == ["范围：全街镇"]
    assert complaint_list.describe_filter(app_ctx, complaint_list.ComplaintFilter()) == ["范围：全街镇"]


# ---- writes -----------------------------------------------------------------------------------------


def test_read_only_views_refuse_edits_and_say_how_to_edit(app_ctx: AppContext, street: Street2) -> None:
    views.set_view(app_ctx, "street")
    assert not views.can_edit(app_ctx)
    assert not can(app_ctx, "edit_cases") and can(app_ctx, "view") and can(app_ctx, "edit_settings")
    with pytest.raises(PermissionDenied) as refused:
        case_records.update_case(app_ctx, street.cases[street.ours], expected_version=1, facts="改")
    assert refused.value.message == STREET_VIEW_REFUSAL
    views.set_view(app_ctx, "district")
    with pytest.raises(PermissionDenied, match="当前为全区视图（只读）"):
        complaints.create_complaint(app_ctx, channel="来电", content="噪声")
    # settings are not ledger records: the administrator can still set the station's area from any view
    _own_area(app_ctx, street)
    with app_ctx.db.session() as s:
        reasons = [e.detail for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "denied"))]
    assert all('"view"' in (d or "") for d in reasons) and len(reasons) == 2
    views.set_view(app_ctx, "station")
    assert views.can_edit(app_ctx) and can(app_ctx, "edit_cases")


@pytest.mark.parametrize("view", ["street", "district"])
def test_view_matrix_every_record_edit_is_refused(app_ctx: AppContext, tmp_path: Path, view: str) -> None:
    """Each edit operation of the role matrix, as the administrator in a read-only view, is refused first."""
    views.set_view(app_ctx, view)
    wrong = []
    edits = [(name, op) for name, op, permission in OPS if permission in RECORD_EDITS]
    assert len(edits) > 20
    for name, op in edits:
        try:
            op(app_ctx, tmp_path)
            wrong.append(f"{name}: allowed")
        except PermissionDenied as exc:
            if exc.message != READ_ONLY_VIEW_MESSAGES[view]:
                wrong.append(f"{name}: {exc.message}")
        except UserError as exc:
            wrong.append(f"{name}: got past the view check ({exc.message})")
    assert wrong == []


def test_read_only_view_refuses_nothing_else(app_ctx: AppContext, street: Street2, tmp_path: Path) -> None:
    """Reads, exports, settings and reference data work in the street view (only record edits are refused)."""
    views.set_view(app_ctx, "street")
    refused = []
    for name, op, permission in OPS:
        if permission in RECORD_EDITS:
            continue
        try:
            op(app_ctx, tmp_path)
        except PermissionDenied as exc:
            refused.append(f"{name}: {exc.message}")
        except UserError:
            pass  # no such record: got past the checks
    # attachments' kind and removal check the owner's edit permission inside: those are record edits too
    assert all(name.startswith("attachments.") for name in refused), refused


def test_a_role_without_the_right_gets_the_role_message_in_any_view(app_ctx: AppContext) -> None:
    app_ctx.sign_in(SignedInUser(username="rep", display_name="代表", role=REP))
    with pytest.raises(PermissionDenied, match="居委代表账号"):
        views.set_view(app_ctx, "street")
    app_ctx.sign_in(SignedInUser(username="boss", display_name="管理员", role=ADMIN))
    views.set_view(app_ctx, "street")
    app_ctx.sign_in(SignedInUser(username="rep", display_name="代表", role=REP))
    with pytest.raises(PermissionDenied, match="居委代表账号"):
        complaints.create_complaint(app_ctx, channel="来电", content="噪声")


def test_station_view_refuses_other_stations_estates(app_ctx: AppContext, street: Street2) -> None:
    _own_area(app_ctx, street)
    with pytest.raises(ValidationError, match="“邻站小区”不属于本工作室") as refused:
        new_case(app_ctx, estate_id=street.theirs)
    assert refused.value.field == "estate_id"
    mine = case_records.get_case(app_ctx, street.cases[street.ours])
    with pytest.raises(ValidationError, match="不属于本工作室"):
        case_records.update_case(app_ctx, mine.id, expected_version=mine.version, estate_id=street.theirs)
    moved = case_records.update_case(app_ctx, mine.id, expected_version=mine.version, estate_id=street.ours2)
    assert moved.estate_id == street.ours2
    with pytest.raises(ValidationError, match="不属于本工作室"):
        complaints.create_complaint(app_ctx, channel="来电", content="噪声", estate_id=street.theirs)
    with pytest.raises(ValidationError, match="不属于本工作室"):
        complaints.update_handling(app_ctx, street.complaints[street.theirs], expected_version=1, status="处理中")
    # complaints without an estate stay editable; the station's own estates too
    loose = complaints.get_complaint(app_ctx, street.complaints[None])
    done = complaints.update_handling(app_ctx, loose.id, expected_version=loose.version, status="处理中")
    assert done.status == "处理中"
    assert complaints.create_complaint(app_ctx, channel="来电", content="噪声", estate_id=street.ours) > 0


def test_unset_area_allows_every_estate(app_ctx: AppContext, street: Street2) -> None:
    assert new_case(app_ctx, estate_id=street.other_street).estate_id == street.other_street
