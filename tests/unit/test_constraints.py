"""The schema itself refuses bad rows, whichever path they come from."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from models.cases import Attachment, Case, format_case_number
from models.complaints import Complaint
from models.reference import Category, Estate, EstatePopulation, Street


@pytest.fixture
def ids(app_ctx):
    """A street, an estate and a category to hang test rows on."""
    with app_ctx.db.session() as s:
        street = s.scalar(select(Street).where(Street.short_name == "长征"))
        estate = Estate(name="梅岭苑", street=street)
        s.add(estate)
        s.flush()
        cat = s.scalar(select(Category).where(Category.code == "C05"))
        return {"street": street.id, "estate": estate.id, "category": cat.id}


def _case(ids, **over):
    fields = dict(
        number=format_case_number(2025, "长征", 1), year=2025, street_id=ids["street"], seq=1,
        category_id=ids["category"], estate_id=ids["estate"], source="巡查发现",
        found_date=date(2025, 3, 5), facts="违法搭建",
    )
    fields.update(over)
    return Case(**fields)


def _insert_fails(app_ctx, row):
    with pytest.raises(IntegrityError), app_ctx.db.session() as s:
        s.add(row)


def test_valid_case_is_stored(app_ctx, ids):
    with app_ctx.db.session() as s:
        s.add(_case(ids))
    with app_ctx.db.session() as s:
        case = s.scalar(select(Case))
        assert case.number == "2025-长征-0001" and case.status == "登记" and case.uuid is not None


@pytest.mark.parametrize(
    "override",
    [{"status": "已完成"}, {"source": "路人"}, {"seq": 0}, {"estate_id": 999999}, {"found_date": None}],
    ids=["unknown status", "unknown source", "zero sequence", "missing estate", "no found date"],
)
def test_bad_case_rows_are_rejected(app_ctx, ids, override):
    _insert_fails(app_ctx, _case(ids, **override))


def test_case_numbers_are_unique_per_year_and_street(app_ctx, ids):
    with app_ctx.db.session() as s:
        s.add(_case(ids))
    _insert_fails(app_ctx, _case(ids, number="2025-长征-0001b"))  # same year, street, seq
    _insert_fails(app_ctx, _case(ids, seq=2))  # same number


def test_raw_sql_cannot_bypass_the_vocabulary(app_ctx, ids):
    with pytest.raises(IntegrityError), app_ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO complaints (uuid, channel, received_at, content, status, version, created_at, updated_at)"
            " VALUES ('00000000000000000000000000000001', '微信', '2025-01-01', 'x', '待处理', 1,"
            " '2025-01-01', '2025-01-01')"
        )


def test_work_order_numbers_are_unique(app_ctx, ids):
    def complaint():
        return Complaint(work_order_no="2503051234", channel="12345热线", received_at=datetime(2025, 3, 5, 9, 5))

    with app_ctx.db.session() as s:
        s.add(complaint())
    _insert_fails(app_ctx, complaint())


def test_satisfaction_must_be_one_of_three(app_ctx):
    _insert_fails(
        app_ctx, Complaint(channel="来电", received_at=datetime(2025, 1, 1), satisfaction="一般")
    )


def test_population_must_be_positive_and_once_per_date(app_ctx, ids):
    _insert_fails(app_ctx, EstatePopulation(estate_id=ids["estate"], as_of=date(2025, 1, 1), population=0))
    with app_ctx.db.session() as s:
        s.add(EstatePopulation(estate_id=ids["estate"], as_of=date(2025, 1, 1), population=3200))
    _insert_fails(app_ctx, EstatePopulation(estate_id=ids["estate"], as_of=date(2025, 1, 1), population=3300))


def test_attachment_needs_exactly_one_owner_and_a_sha256(app_ctx, ids):
    with app_ctx.db.session() as s:
        case = _case(ids)
        s.add(case)
    good = dict(sha256="a" * 64, filename="前.jpg", size_bytes=10, kind="整改前")
    _insert_fails(app_ctx, Attachment(**good))  # no owner
    _insert_fails(app_ctx, Attachment(**{**good, "sha256": "abc"}, case_id=case.id))
    with app_ctx.db.session() as s:
        s.add(Attachment(**good, case_id=case.id))


def test_referenced_estate_cannot_be_deleted(app_ctx, ids):
    with app_ctx.db.session() as s:
        s.add(_case(ids))
    with pytest.raises(IntegrityError), app_ctx.db.engine.begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM estates WHERE id = {ids['estate']}")


def test_concurrent_edit_of_a_case_is_detected(app_ctx, ids):
    with app_ctx.db.session() as s:
        s.add(_case(ids))
    with pytest.raises(StaleDataError), app_ctx.db.session() as second:
        b = second.scalar(select(Case))  # opened on one desk...
        with app_ctx.db.session() as first:  # ...and saved meanwhile on another
            first.scalar(select(Case)).facts = "第一位修改"
        b.facts = "第二位修改"
    with app_ctx.db.session() as s:
        assert s.scalar(select(Case.facts)) == "第一位修改"


def _vocabularies():
    from models.schema import metadata

    for table in metadata.sorted_tables:
        for constraint in table.constraints:
            if "vocabulary" in constraint.info:
                yield table, constraint


def test_every_vocabulary_check_in_the_database_takes_its_values_and_nothing_else(app_ctx):
    """Each closed vocabulary's CHECK as the database holds it (whatever text a migration left: IN lists before
    schema 0020 on SQLite, comparisons after) takes exactly the vocabulary: copied into a scratch table of one text
    column and tried value by value (NULL passes any CHECK; NOT NULL on the real column refuses it where it must)."""
    from sqlalchemy import inspect

    found = list(_vocabularies())
    assert len(found) >= 20  # every one_of of the models
    with app_ctx.db.engine.connect() as conn:
        held = {t.name: {c["name"]: c["sqltext"] for c in inspect(conn).get_check_constraints(t.name)}
                for t in {t for t, _c in found}}
        for n, (table, constraint) in enumerate(found):
            column, values = constraint.info["vocabulary"]
            probe = f"vocabulary_probe_{n}"
            conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {probe} ({column} VARCHAR(20), "
                                 f"CONSTRAINT ck_probe CHECK ({held[table.name][constraint.name]}))")
            misses = ["", "其他", "未知", values[0] + " ", values[0][:-1], values[-1] + values[0]]
            tries = [(v, True) for v in (*values, None)] + [(v, v in values) for v in misses]
            for value, taken in tries:
                with conn.begin_nested() as attempt:
                    try:
                        conn.execute(text(f"INSERT INTO {probe} ({column}) VALUES (:v)"), {"v": value})
                        stored = True
                    except IntegrityError:
                        stored = False
                    attempt.rollback()
                assert stored == taken, f"{table.name}.{column} = {value!r}: {'taken' if stored else 'refused'}"
        conn.rollback()
