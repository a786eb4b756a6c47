"""Deletions travel in exchange packages: deleted there goes here, unless changed here meanwhile (then a person
decides), and a full package from a station that still holds a record deleted here no longer brings it back."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from controllers.core import clock
from controllers.core.context import AppContext
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from controllers.exchange.deletions import DELETED_HERE, DELETED_THERE
from controllers.meetings import actions as ma
from controllers.meetings import records as mt
from models.exchange import ExchangeTombstone
from models.meetings import Meeting, MeetingAction
from tests.unit.exchange_kit import other_station


def _meeting(ctx: AppContext, title: str = "三月例会", actions: tuple[str, ...] = ("清理楼道堆物",)) -> int:
    return mt.create_meeting(ctx, kind="例会", held_on=date(2025, 3, 5), title=title,
                             actions=[ma.ActionInput(a) for a in actions]).id


def _held(ctx: AppContext) -> dict[str, list[str]]:
    """Meeting titles with their action items, as this station holds them."""
    with ctx.db.session() as s:
        return {m.title: sorted(a.description for a in s.scalars(select(MeetingAction).where(
            MeetingAction.meeting_id == m.id))) for m in s.scalars(select(Meeting))}


def _id_by_title(ctx: AppContext, title: str) -> int:
    with ctx.db.session() as s:
        return s.scalars(select(Meeting.id).where(Meeting.title == title)).one()


def _action_id(ctx: AppContext, description: str) -> int:
    with ctx.db.session() as s:
        return s.scalars(select(MeetingAction.id).where(MeetingAction.description == description)).one()


def _send(src: AppContext, dst: AppContext, path: Path) -> exchange_import.ImportResult:
    """A full package (no --since) from one station imported at the other."""
    exchange_export.export_package(src, path)
    return exchange_import.import_package(dst, path)


def test_a_deletion_travels_and_a_full_package_does_not_bring_it_back(app_ctx: AppContext, tmp_path: Path) -> None:
    _meeting(app_ctx)
    with other_station(tmp_path / "b") as b:
        _send(app_ctx, b, tmp_path / "1.zip")
        assert _held(b) == {"三月例会": ["清理楼道堆物"]}
        mt.delete_meeting(app_ctx, _id_by_title(app_ctx, "三月例会"))
        with app_ctx.db.session() as s:  # the action item went by cascade inside the database: it left one too
            assert sorted(s.scalars(select(ExchangeTombstone.entity))) == ["meeting_actions", "meetings"]
        # B's full package, sent before B heard of the deletion, still holds the meeting: it stays deleted here.
        stale = _send(b, app_ctx, tmp_path / "0.zip")
        assert (stale.inserted, stale.conflicts) == (0, ()) and _held(app_ctx) == {}
        summary = exchange_export.export_package(app_ctx, tmp_path / "2.zip",
                                                 since=exchange_export.parse_since("2020-01-01"))
        assert summary.deletions == 2
        result = exchange_import.import_package(b, tmp_path / "2.zip")
        assert (result.deleted, result.conflicts) == (1, ()) and _held(b) == {}
        again = exchange_import.import_package(b, tmp_path / "2.zip")
        assert (again.deleted, again.inserted, again.conflicts) == (0, 0, ())
        # B's full package still lists what it once had; the meeting stays deleted here.
        back = _send(b, app_ctx, tmp_path / "3.zip")
        assert back.conflicts == () and _held(app_ctx) == {}


def test_a_station_that_never_had_it_does_not_get_it_from_a_third(app_ctx: AppContext, tmp_path: Path) -> None:
    _meeting(app_ctx)
    with other_station(tmp_path / "b") as b, other_station(tmp_path / "c") as c:
        _send(app_ctx, b, tmp_path / "1.zip")
        mt.delete_meeting(app_ctx, _id_by_title(app_ctx, "三月例会"))
        _send(app_ctx, c, tmp_path / "2.zip")  # C never held it, and remembers it was deleted
        result = _send(b, c, tmp_path / "3.zip")  # B, not told yet, sends its copy
        assert result.conflicts == () and _held(c) == {}


@pytest.mark.parametrize("take_theirs", [False, True])
def test_deleted_there_but_changed_here_waits_for_a_person(app_ctx: AppContext, tmp_path: Path,
                                                           take_theirs: bool) -> None:
    _meeting(app_ctx)
    with other_station(tmp_path / "b") as b:
        _send(app_ctx, b, tmp_path / "1.zip")
        # B ticks off the action item; A, not knowing, deletes the meeting.
        ma.mark_action_done(b, _action_id(b, "清理楼道堆物"))
        mt.delete_meeting(app_ctx, _id_by_title(app_ctx, "三月例会"))
        result = _send(app_ctx, b, tmp_path / "2.zip")
        assert [(c.entity, c.kind, c.label) for c in result.conflicts] == [("meetings", DELETED_THERE, "三月例会")]
        assert result.deleted == 0 and _held(b) == {"三月例会": ["清理楼道堆物"]}  # the item waits with its meeting
        listed = exchange_import.list_conflicts(b)
        assert [c.kind for c in listed] == [DELETED_THERE]
        exchange_import.resolve_conflict(b, listed[0].id, take_theirs=take_theirs)
        if take_theirs:
            assert _held(b) == {}
        else:
            # Kept here: the meeting and its item go back to A as the later change.
            assert _held(b) == {"三月例会": ["清理楼道堆物"]}
            back = _send(b, app_ctx, tmp_path / "3.zip")
            assert back.conflicts == () and _held(app_ctx) == {"三月例会": ["清理楼道堆物"]}
            with app_ctx.db.session() as s:
                assert s.scalars(select(MeetingAction.done)).one() is True
                assert list(s.scalars(select(ExchangeTombstone))) == []  # back again: nothing deleted to send


@pytest.mark.parametrize("take_theirs", [False, True])
def test_deleted_here_but_changed_there_waits_for_a_person(app_ctx: AppContext, tmp_path: Path,
                                                          take_theirs: bool) -> None:
    meeting_id = _meeting(app_ctx)
    with other_station(tmp_path / "b") as b:
        _send(app_ctx, b, tmp_path / "1.zip")
        mt.delete_meeting(b, _id_by_title(b, "三月例会"))
        mt.update_meeting(app_ctx, meeting_id, kind="例会", held_on=date(2025, 3, 5), title="三月例会（补记）",
                          actions=[ma.ActionInput("清理楼道堆物")])
        result = _send(app_ctx, b, tmp_path / "2.zip")
        kinds = [(c.entity, c.kind) for c in result.conflicts]
        assert kinds == [("meetings", DELETED_HERE), ("meeting_actions", DELETED_HERE)]
        assert _held(b) == {}
        meeting_conflict = result.conflicts[0].id
        exchange_import.resolve_conflict(b, meeting_conflict, take_theirs=take_theirs)
        assert exchange_import.list_conflicts(b) == []  # the action item was decided with its meeting
        if take_theirs:
            assert _held(b) == {"三月例会（补记）": ["清理楼道堆物"]}
        else:
            assert _held(b) == {}
            # B's decision reaches A: A's change was known to B when it decided, so A deletes too.
            back = _send(b, app_ctx, tmp_path / "3.zip")
            assert back.conflicts == () and _held(app_ctx) == {}


def test_an_item_added_there_under_a_meeting_deleted_here_is_a_conflict_not_a_failure(
        app_ctx: AppContext, tmp_path: Path) -> None:
    meeting_id = _meeting(app_ctx, actions=())
    with other_station(tmp_path / "b") as b:
        _send(app_ctx, b, tmp_path / "1.zip")
        mt.delete_meeting(b, _id_by_title(b, "三月例会"))
        ma.add_action(app_ctx, meeting_id, description="约谈物业经理")
        result = _send(app_ctx, b, tmp_path / "2.zip")
        assert [(c.entity, c.kind, c.label) for c in result.conflicts] == [
            ("meeting_actions", DELETED_HERE, "约谈物业经理")]
        assert _held(b) == {}
        # Taking the item alone cannot work while its meeting stays deleted: a clear message, nothing changed.
        with pytest.raises(exchange_import.UserError, match="所属"):
            exchange_import.resolve_conflict(b, result.conflicts[0].id, take_theirs=True)
        assert _held(b) == {} and len(exchange_import.list_conflicts(b)) == 1


def test_a_deletion_of_the_version_held_here_applies_whatever_the_clocks_say(app_ctx: AppContext,
                                                                             tmp_path: Path) -> None:
    """B got the meeting by way of C and its clock runs years behind: the deletion names the version it deleted,
    which is the one held here, so it goes."""
    from sqlalchemy import update

    _meeting(app_ctx)
    with other_station(tmp_path / "b") as b, other_station(tmp_path / "c") as c:
        _send(app_ctx, c, tmp_path / "1.zip")
        _send(c, b, tmp_path / "2.zip")
        mt.delete_meeting(b, _id_by_title(b, "三月例会"))
        with b.db.session() as s:
            s.execute(update(ExchangeTombstone).values(deleted_at=datetime(2001, 1, 1)))
        result = _send(b, app_ctx, tmp_path / "3.zip")
        assert (result.deleted, result.conflicts) == (1, ()) and _held(app_ctx) == {}


def _trigger_names(ctx: AppContext) -> set[str]:
    from sqlalchemy import text

    sql = ("SELECT name FROM sqlite_master WHERE type = 'trigger'" if ctx.db.is_sqlite
           else "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
    with ctx.db.engine.connect() as conn:
        return set(conn.execute(text(sql)).scalars())


def test_every_deletable_table_keeps_tombstones(app_ctx: AppContext) -> None:
    from controllers.exchange.schema import DELETABLE_TABLES

    names = _trigger_names(app_ctx)
    assert {n.removeprefix("un") for n in names if "tombstone_" in n} == {f"tombstone_{t}" for t in DELETABLE_TABLES}


def test_upgrade_from_0009_keeps_meetings_and_then_records_their_deletions(app_ctx: AppContext) -> None:
    from sqlalchemy import inspect

    from models import migrate

    first, second = _meeting(app_ctx, "一月例会"), _meeting(app_ctx, "二月例会", actions=())
    engine = app_ctx.db.engine
    migrate.downgrade(engine, "0009")
    with engine.connect() as conn:
        assert "exchange_tombstones" not in inspect(conn).get_table_names()
    assert not any("tombstone" in n for n in _trigger_names(app_ctx))
    # At 0009 a deletion leaves nothing behind and nothing fails. Deleted in SQL as that version's app did: today's
    # ORM maps columns added after 0009 (complaints.return_sent_at, 0013) that this schema does not have yet.
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM meetings WHERE id = :id"), {"id": second})
    migrate.upgrade(engine)
    assert _held(app_ctx) == {"一月例会": ["清理楼道堆物"]}
    with app_ctx.db.session() as s:
        stamp = s.get(Meeting, first).updated_at
    mt.delete_meeting(app_ctx, first)
    with app_ctx.db.session() as s:
        kept = {t.entity: t.record_updated_at for t in s.scalars(select(ExchangeTombstone))}
    assert set(kept) == {"meetings", "meeting_actions"} and kept["meetings"] == stamp


def test_edit_conflicts_of_a_meeting_and_its_item_are_decided_one_by_one(app_ctx: AppContext,
                                                                         tmp_path: Path) -> None:
    """Only records missing here wait with their parent; both sides' edits stay separate decisions."""
    _meeting(app_ctx)
    with other_station(tmp_path / "b") as b:
        _send(app_ctx, b, tmp_path / "1.zip")
        for ctx, who in ((app_ctx, "甲"), (b, "乙")):
            ma.update_action(ctx, _action_id(ctx, "清理楼道堆物"), description=f"清理楼道堆物（{who}）")
            with ctx.db.session() as s:
                s.get(Meeting, _id_by_title(ctx, "三月例会")).venue = f"{who}会议室"
        result = _send(app_ctx, b, tmp_path / "2.zip")
        assert sorted(c.entity for c in result.conflicts) == ["meeting_actions", "meetings"]
        first = next(c for c in result.conflicts if c.entity == "meetings")
        exchange_import.resolve_conflict(b, first.id, take_theirs=True)
        assert [c.entity for c in exchange_import.list_conflicts(b)] == ["meeting_actions"]


def _estate_edit(ctx: AppContext, estate_id: int) -> dict[str, object]:
    """The estate dialog's fields as they stand, for an update that changes only what a test passes on top."""
    from controllers.reference import estates as est

    d = est.get_estate(ctx, estate_id)
    return dict(name=d.name, street_id=d.street_id, residents_committee=d.residents_committee, address=d.address,
                households=d.households, pilot=d.pilot, grade_id=d.grade_id, property_company_id=d.property_company_id,
                notes=d.notes, aliases=list(d.aliases), populations=list(d.populations), contacts=list(d.contacts))


def _estate(ctx: AppContext) -> int:
    from tests.unit.case_fixtures import make_estate

    return make_estate(ctx, "梅川小区")


def test_a_contact_person_removed_here_stays_removed(app_ctx: AppContext, tmp_path: Path) -> None:
    """Contacts are personal data and travel in every package: one removed must not come back from a stale copy."""
    from controllers.reference import estates as est
    from models.reference import EstateContact

    estate_id = _estate(app_ctx)
    est.update_estate(app_ctx, estate_id, **{**_estate_edit(app_ctx, estate_id), "contacts": [
        est.ContactInput("楼组长", "张三", "13812345678"), est.ContactInput("居委书记", "李四", "13900001111")]})
    with other_station(tmp_path / "b") as b:
        _send(app_ctx, b, tmp_path / "1.zip")
        kept = next(c for c in est.get_estate(app_ctx, estate_id).contacts if c.role == "居委书记")
        est.update_estate(app_ctx, estate_id, **{**_estate_edit(app_ctx, estate_id), "contacts": [kept]})  # 张三 left
        stale = _send(b, app_ctx, tmp_path / "2.zip")  # B has not heard of it yet
        assert stale.conflicts == ()
        with app_ctx.db.session() as s:
            assert sorted(s.scalars(select(EstateContact.role))) == ["居委书记"]
        _send(app_ctx, b, tmp_path / "3.zip")
        with b.db.session() as s:
            assert sorted(s.scalars(select(EstateContact.role))) == ["居委书记"]


def test_a_population_record_removed_here_stays_removed(app_ctx: AppContext, tmp_path: Path) -> None:
    """A wrong population figure taken out here must not come back and skew 投诉万人比 again."""
    from controllers.reference import estates as est

    estate_id = _estate(app_ctx)
    wrong = est.PopulationInput(date(2024, 1, 1), 120000, "录入错误")
    right = est.PopulationInput(date(2025, 1, 1), 3200)
    est.update_estate(app_ctx, estate_id, **{**_estate_edit(app_ctx, estate_id), "populations": [wrong, right]})
    with other_station(tmp_path / "b") as b:
        _send(app_ctx, b, tmp_path / "1.zip")
        est.update_estate(app_ctx, estate_id, **{**_estate_edit(app_ctx, estate_id), "populations": [right]})
        _send(b, app_ctx, tmp_path / "2.zip")
        assert [p.population for p in est.get_estate(app_ctx, estate_id).populations] == [3200]
        assert _send(app_ctx, b, tmp_path / "3.zip").deleted == 1
        their_estate = next(e.id for e in est.list_estates(b) if e.name == "梅川小区")
        assert [p.population for p in est.get_estate(b, their_estate).populations] == [3200]


def test_a_conflict_about_a_contact_never_names_the_person(app_ctx: AppContext, tmp_path: Path) -> None:
    from controllers.reference import estates as est

    estate_id = _estate(app_ctx)
    est.update_estate(app_ctx, estate_id, **{**_estate_edit(app_ctx, estate_id), "contacts": [
        est.ContactInput("楼组长", "张三", "13812345678")]})
    with other_station(tmp_path / "b") as b:
        exchange_export.export_package(app_ctx, tmp_path / "1.zip", with_personal_data=True)
        exchange_import.import_package(b, tmp_path / "1.zip")
        their_estate = next(e.id for e in est.list_estates(b) if e.name == "梅川小区")
        fields = _estate_edit(b, their_estate)
        contact = est.get_estate(b, their_estate).contacts[0]
        est.update_estate(b, their_estate, **{**fields, "contacts": [
            est.ContactInput(contact.role, contact.name, "13800000000", id=contact.id)]})  # B changes the phone
        est.update_estate(app_ctx, estate_id, **{**_estate_edit(app_ctx, estate_id), "contacts": []})  # A removes
        result = _send(app_ctx, b, tmp_path / "2.zip")
        listed = [(c.entity_label, c.label, c.kind) for c in result.conflicts]
        assert listed == [("小区联系人", "楼组长", DELETED_THERE)]
        assert all("张三" not in str(c) for c in exchange_import.list_conflicts(b))


def test_every_deletable_table_has_a_chinese_name_for_conflict_lists() -> None:
    from controllers.exchange.importer import ENTITY_LABELS
    from controllers.exchange.schema import DELETABLE_TABLES

    assert [t for t in DELETABLE_TABLES if t not in ENTITY_LABELS] == []


def test_a_package_is_never_stamped_before_a_deletion_it_carries(app_ctx: AppContext, tmp_path: Path) -> None:
    """SQLite stamps a deletion to the millisecond, rounded up: a package begun in the same millisecond used to be
    stamped before it, so the other station's "seen" made our own deletion look unseen (a 本机已删除 conflict that
    came and went with the machine's speed). The deletion is stamped ahead of the export here to make it certain."""
    _meeting(app_ctx)
    mt.delete_meeting(app_ctx, _id_by_title(app_ctx, "三月例会"))
    ahead = clock.utcnow() + timedelta(milliseconds=500)
    with app_ctx.db.session() as s:
        for tomb in s.scalars(select(ExchangeTombstone)):
            tomb.deleted_at = ahead
    summary = exchange_export.export_package(app_ctx, tmp_path / "1.zip")
    assert summary.exported_at >= ahead
