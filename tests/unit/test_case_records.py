"""One case: numbering (also under concurrent saves), proposals, drafts from complaints, edits and conflicts."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import select, update

from controllers.cases import common as case_common
from controllers.cases import records as case_records
from controllers.core.errors import ConflictError, ValidationError
from controllers.storage.opening import open_data_dir
from models.cases import Case, CaseEvent
from models.complaints import Complaint
from models.reference import Category, Regulation
from tests.pg_server import database_url
from tests.unit.case_fixtures import category_id, make_complaint, make_estate, make_staff, new_case


def test_numbers_count_per_year_and_street(app_ctx):
    changzheng = make_estate(app_ctx, "梅川小区", "长征镇")
    other = make_estate(app_ctx, "曹杨一村", "曹杨新村街道")
    a = new_case(app_ctx, changzheng)
    b = new_case(app_ctx, changzheng, found_date=date(2025, 6, 1))
    c = new_case(app_ctx, other)
    d = new_case(app_ctx, changzheng, found_date=date(2024, 12, 31))
    assert [a.number, b.number, c.number, d.number] == ["2025-长征-0001", "2025-长征-0002", "2025-曹杨-0001",
                                                        "2024-长征-0001"]


def test_concurrent_saves_from_two_sessions_get_distinct_numbers_without_gaps(app_ctx):
    estate = make_estate(app_ctx)
    per_thread = 12
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []
    numbers: list[str] = []

    # each worker has its own engine and sessions, like a second window or process
    contexts = [open_data_dir(app_ctx.data_dir, db_url=database_url(app_ctx), seed=False) for _ in range(2)]

    def worker(ctx) -> None:
        try:
            barrier.wait(timeout=30)
            for _ in range(per_thread):
                numbers.append(new_case(ctx, estate).number)
        except BaseException as exc:  # reported below, a thread cannot fail the test itself
            errors.append(exc)
        finally:
            ctx.close()

    threads = [threading.Thread(target=worker, args=(ctx,)) for ctx in contexts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    with app_ctx.db.session() as s:
        seqs = sorted(s.scalars(select(Case.seq)))
    assert seqs == list(range(1, 2 * per_thread + 1))
    assert len(set(numbers)) == 2 * per_thread


def test_a_lost_number_race_is_retried(app_ctx, monkeypatch):
    estate = make_estate(app_ctx)
    new_case(app_ctx, estate)
    real = case_records._next_seq
    calls = []

    def stale_first(s, year, street_id):  # the first attempt reads a max() another save already used
        calls.append(1)
        return 1 if len(calls) == 1 else real(s, year, street_id)

    monkeypatch.setattr(case_records, "_next_seq", stale_first)
    assert new_case(app_ctx, estate).number == "2025-长征-0002"
    assert len(calls) == 2


def test_category_proposes_legal_basis_and_deadline_across_national_day(app_ctx):
    cid = category_id(app_ctx, "C05")  # 15 working days
    p = case_records.propose_for_category(app_ctx, cid, start=date(2025, 9, 26))
    # 9-28 (Sunday) and 10-11 (Saturday) are make-up working days, 10-01..10-08 the holiday
    assert p.deadline == date(2025, 10, 23)
    assert (p.days, p.working_days) == (15, True)
    with app_ctx.db.session() as s:
        expected = s.scalars(
            select(Regulation.name).where(Regulation.annex_no.in_([2, 4, 5])).order_by(Regulation.annex_no)
        ).all()
    assert list(p.regulation_names) == expected  # the category's two plus the one that applies to every case


def test_deadline_landing_on_a_make_up_saturday(app_ctx):
    cid = category_id(app_ctx, "C05")
    with app_ctx.db.session() as s:
        s.execute(update(Category).where(Category.id == cid).values(deadline_days=6))
    assert case_records.propose_for_category(app_ctx, cid, start=date(2025, 9, 26)).deadline == date(2025, 10, 11)
    with app_ctx.db.session() as s:
        s.execute(update(Category).where(Category.id == cid).values(deadline_days=10, working_days=False))
    assert case_records.propose_for_category(app_ctx, cid, start=date(2025, 9, 26)).deadline == date(2025, 10, 6)


def test_new_case_gets_proposed_regulations_and_a_creation_event(app_ctx):
    d = new_case(app_ctx, officer_id=make_staff(app_ctx))
    proposal = case_records.propose_for_category(app_ctx, d.category_id, start=d.found_date)
    assert d.regulation_ids == proposal.regulation_ids
    assert d.status == "登记" and d.version == 1 and d.officer_name == "王队员"
    assert [(e.kind, e.to_status) for e in d.timeline] == [("创建", "登记")]
    assert [t.to for t in d.transitions] == ["核查", "挂账", "移交"]


def test_c11_case_takes_the_estates_property_company(app_ctx):
    estate = make_estate(app_ctx, company="安居物业")
    d = new_case(app_ctx, estate, category_id=category_id(app_ctx, "C11"))
    assert d.property_company_name == "安居物业"


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [("facts", "  ", "请填写案件事实"), ("source", "路人", "案件来源应为"), ("party_phone", "abc", "当事人电话只能"),
     ("found_date", date(2999, 1, 1), "不能晚于今天"), ("deadline", date(2025, 1, 1), "不能早于发现日期")],
)
def test_invalid_fields_are_refused_in_chinese(app_ctx, field, value, words):
    with pytest.raises(ValidationError) as exc:
        new_case(app_ctx, **{field: value})
    assert words in exc.value.message and exc.value.field == field
    with app_ctx.db.session() as s:
        assert s.scalar(select(Case.id)) is None  # nothing half-saved


def test_draft_from_a_12345_complaint_and_linking_it(app_ctx):
    estate = make_estate(app_ctx)
    cid = make_complaint(app_ctx, estate, category_id=category_id(app_ctx, "C05"), work_order_no="GD2025030400001")
    draft = case_records.draft_from_complaint(app_ctx, cid)
    assert (draft.source, draft.estate_id, draft.place) == ("12345热线", estate, "梅川路 100 弄 5 号楼")
    assert draft.found_date == date(2025, 3, 4) and "彩钢板房" in draft.facts
    d = case_records.create_case(
        app_ctx, category_id=draft.category_id, estate_id=draft.estate_id, source=draft.source,
        found_date=draft.found_date, facts=draft.facts, place=draft.place, complaint_ids=[cid],
    )
    assert [(c.complainant, c.phone) for c in d.complaints] == [("张**", "138****5678")]
    assert "GD2025030400001" in d.timeline[0].note
    # The detail shown after saving is built from what was written, without reading it back: it must be the same.
    assert d == case_records.get_case(app_ctx, d.id)
    with app_ctx.db.session() as s:
        assert s.get(Complaint, cid).case_id == d.id
    with pytest.raises(ValidationError):
        case_records.draft_from_complaint(app_ctx, cid)  # already has its case


def test_other_channels_draft_as_resident_complaint(app_ctx):
    cid = make_complaint(app_ctx, make_estate(app_ctx), channel="来电")
    assert case_records.draft_from_complaint(app_ctx, cid).source == "居民投诉"


def test_linking_a_complaint_of_another_case_saves_nothing(app_ctx):
    estate = make_estate(app_ctx)
    cid = make_complaint(app_ctx, estate)
    new_case(app_ctx, estate, complaint_ids=[cid])
    with pytest.raises(ValidationError):
        new_case(app_ctx, estate, complaint_ids=[cid])
    with app_ctx.db.session() as s:
        assert len(s.scalars(select(Case.id)).all()) == 1


def test_edit_writes_one_event_with_before_and_after_but_hides_personal_data(app_ctx):
    d = new_case(app_ctx, party_name="赵六", party_phone="13900001111")
    reg = d.regulation_ids[:1]
    e = case_records.update_case(app_ctx, d.id, expected_version=d.version, place="6号楼顶", party_phone="13900002222",
                                 deadline=date(2025, 4, 1), regulation_ids=reg, facts=d.facts)
    assert e.version == d.version + 1 and e.place == "6号楼顶"
    event = e.timeline[-1]
    assert event.kind == "修改" and event.actor == app_ctx.actor
    changes = {c.field: c for c in event.changes}
    assert set(changes) == {"place", "party_phone", "deadline", "regulation_ids"}  # facts unchanged: not listed
    assert (changes["place"].before, changes["place"].after) == ("5号楼顶", "6号楼顶")
    assert changes["deadline"].after == "2025-04-01"
    assert changes["party_phone"].hidden and changes["party_phone"].after is None
    with app_ctx.db.session() as s:
        raw = s.scalar(select(CaseEvent.changes).where(CaseEvent.kind == "修改"))
    assert "1390000" not in raw and "已修改" in raw


def test_saving_without_changes_writes_nothing(app_ctx):
    d = new_case(app_ctx)
    e = case_records.update_case(app_ctx, d.id, expected_version=d.version, place=d.place)
    assert e.version == d.version and len(e.timeline) == 1


def test_two_windows_editing_the_same_case_do_not_overwrite_each_other(app_ctx):
    d = new_case(app_ctx)
    case_records.update_case(app_ctx, d.id, expected_version=d.version, place="窗口一")
    with pytest.raises(ConflictError) as exc:
        case_records.update_case(app_ctx, d.id, expected_version=d.version, place="窗口二")
    assert "重新载入" in exc.value.message
    assert case_records.get_case(app_ctx, d.id).place == "窗口一"


def test_a_save_racing_between_check_and_write_is_a_conflict_too(app_ctx, monkeypatch):
    """Another process commits after our version check: SQLAlchemy's version counter catches it."""
    d = new_case(app_ctx)
    real_check = case_common.check_version

    def check_then_race(case, expected):
        real_check(case, expected)
        with app_ctx.db.engine.begin() as conn:  # the other process's commit
            conn.execute(update(Case).where(Case.id == case.id).values(version=Case.version + 1, place="别处"))

    monkeypatch.setattr(case_records, "check_version", check_then_race)
    with pytest.raises(ConflictError):
        case_records.update_case(app_ctx, d.id, expected_version=d.version, place="这里")
    assert case_records.get_case(app_ctx, d.id).place == "别处"


def _statements(ctx) -> list[str]:
    """Every data statement the app's engine sends from now on (a list that fills up), leaving out the upkeep of
    SQLite's search index (PostgreSQL's server keeps its own)."""
    from sqlalchemy import event

    from models import search

    upkeep = [*search.INDEXES, *(expr for _base, expr in search.INDEXES.values())]
    sent: list[str] = []

    def record(_conn, _cursor, sql: str, *_args) -> None:
        if sql.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE")) and not any(
                u in sql for u in upkeep):
            sent.append(sql)

    event.listen(ctx.db.engine, "before_cursor_execute", record)
    return sent


def test_saving_a_case_reads_each_row_it_needs_once(app_ctx) -> None:
    """On a street server every statement is a round trip: saving a case must not look the same rows up again.

    The bounds are what a save needs: checking the station's area, the category, estate and regulations, numbering
    (the street, locked on a server) and the rows written. The detail the window shows after saving a new case is
    built from those rows: nothing else can point at a case no other transaction sees yet.
    """
    estate = make_estate(app_ctx)
    cat = category_id(app_ctx)
    sent = _statements(app_ctx)
    detail = case_records.create_case(app_ctx, category_id=cat, estate_id=estate, source="巡查发现",
                                      found_date=date(2025, 6, 1), facts="楼顶违法搭建", place="1号楼顶")
    assert len([sql for sql in sent if "FROM estates" in sql]) == 1, sent
    assert len([sql for sql in sent if "FROM categories" in sql]) == 1, sent
    assert len(sent) <= 10, sent
    assert detail.estate_name == "梅川小区" and detail.regulation_ids  # the detail came with it
    sent.clear()
    case_records.update_case(app_ctx, detail.id, expected_version=detail.version, place="2号楼顶")
    # On a server the regulations come with the case; SQLite reads them apart (its plan for the join scans).
    regulations = [sql for sql in sent if sql.lstrip().startswith("SELECT regulations")]
    assert len(regulations) == (1 if app_ctx.db.is_sqlite else 0), sent
    assert len(sent) - len(regulations) <= 10, sent
