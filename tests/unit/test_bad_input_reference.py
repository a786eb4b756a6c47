"""Bad input through reference data, settings, the station area and the period/scope syntax: success or a Chinese
refusal that wrote nothing."""

from __future__ import annotations

from functools import partial

from hypothesis import given
from hypothesis import strategies as st

from controllers.accounts import users as accounts
from controllers.complaints import repeats as complaint_repeats
from controllers.core import periods
from controllers.core.context import AppContext
from controllers.documents import pdf_pages as briefs_common
from controllers.holidays import day_entry
from controllers.reference import estates as reference_estates
from controllers.reference import legal as reference_legal
from controllers.reference import lists as reference_lists
from controllers.reference import people as reference_people
from controllers.reference.estates import ContactInput, PopulationInput
from controllers.station import area as station
from controllers.station import scopes, settings
from tests.unit.bad_input_kit import (
    PROPERTY,
    attempt,
    dates,
    draw_id,
    draw_ids,
    numbers_as_text,
    opt_dates,
    opt_ints,
    opt_texts,
    texts,
)


@PROPERTY
@given(text=st.one_of(st.none(), texts, st.from_regex(r"\A[0-9０-９]{1,6}[-Qq季度年月.－/]{0,2}[0-9]{0,8}\Z")))
def test_period_syntax(text: str | None) -> None:
    try:
        period = periods.parse_period(text)
    except periods.ValidationError as exc:
        from tests.unit.bad_input_kit import assert_chinese_message

        assert_chinese_message(exc, [text or ""])
        return
    assert period.start <= period.end
    periods.same_period_last_year(period)


@PROPERTY
@given(text=st.one_of(st.none(), texts, st.builds(lambda k, n: f"{k}{n}", st.sampled_from(
    ["street:", "committee:", "estate：", "district", "station:", "STREET:", ":"]), texts)))
def test_scope_syntax(app_ctx: AppContext, text: str | None) -> None:
    from tests.unit.bad_input_kit import assert_chinese_message

    try:
        scope = scopes.parse_scope(text)
    except scopes.ValidationError as exc:
        assert_chinese_message(exc, [text or ""])
        return
    with app_ctx.db.session() as s:
        attempt(app_ctx, lambda: scopes.scope_estates(s, scope), text)


@PROPERTY
@given(name=texts, days=numbers_as_text, window=numbers_as_text, idle=numbers_as_text, font=opt_texts)
def test_settings(app_ctx: AppContext, name: str, days: object, window: object, idle: object, font: str | None) -> None:
    attempt(app_ctx, lambda: settings.set_station_name(app_ctx, name), name)
    attempt(app_ctx, lambda: settings.set_followup_days(app_ctx, days), str(days))  # type: ignore[arg-type]
    attempt(app_ctx, lambda: settings.update_settings(app_ctx, station_name=name, followup_days=days),  # type: ignore[arg-type]
            name, str(days))
    attempt(app_ctx, lambda: complaint_repeats.set_window_days(app_ctx, window), str(window))  # type: ignore[arg-type]
    attempt(app_ctx, lambda: accounts.set_idle_minutes(app_ctx, idle), str(idle))  # type: ignore[arg-type]
    attempt(app_ctx, lambda: briefs_common.set_brief_font_path(app_ctx, font), font)


@PROPERTY
@given(data=st.data())
def test_station_area(app_ctx: AppContext, data: st.DataObject) -> None:
    street = data.draw(st.none() | st.sampled_from(["长征镇", "真如镇"]) | texts)
    estates = draw_ids(data, app_ctx, "estates", max_size=4)
    attempt(app_ctx, lambda: station.set_station_area(app_ctx, street=street, estate_ids=estates), street)


@PROPERTY
@given(data=st.data())
def test_streets_grades_kinds_calendar(app_ctx: AppContext, data: st.DataObject) -> None:
    order = data.draw(opt_ints)
    for make, change, table, extra in (
        (reference_lists.create_estate_grade, reference_lists.update_estate_grade, "estate_grades", {}),
        (reference_lists.create_training_kind, reference_lists.update_training_kind, "training_kinds", {}),
        (reference_lists.create_street, reference_lists.update_street, "streets",
         {"short_name": data.draw(texts), "kind": data.draw(st.sampled_from(["街道", "镇"]) | texts)}),
    ):
        name, other = data.draw(texts), data.draw(texts)
        attempt(app_ctx, partial(make, app_ctx, name=name, sort_order=order, **extra), name, *extra.values())
        row = draw_id(data, app_ctx, table)
        attempt(app_ctx, partial(change, app_ctx, row, name=other, sort_order=order, **extra), other, *extra.values())
    day, day_kind = data.draw(opt_dates), data.draw(st.sampled_from(["节假日", "调休工作日"]) | texts)
    day_name = data.draw(opt_texts)
    attempt(app_ctx, lambda: day_entry.create_calendar_day(app_ctx, day=day, kind=day_kind, name=day_name),
            day_kind, day_name)
    cd = draw_id(data, app_ctx, "calendar_days")
    attempt(app_ctx, lambda: day_entry.update_calendar_day(app_ctx, cd, day=data.draw(opt_dates), kind=day_kind,
                                                                name=day_name), day_kind, day_name)


@PROPERTY
@given(data=st.data())
def test_staff_and_departments(app_ctx: AppContext, data: st.DataObject) -> None:
    name, badge, position, phone = (data.draw(t) for t in (texts, opt_texts, opt_texts, opt_texts))
    street = draw_id(data, app_ctx, "streets", optional=True)
    active = data.draw(st.booleans())
    attempt(app_ctx, lambda: reference_people.create_staff(app_ctx, name=name, badge_no=badge, position=position,
                                                          phone=phone, street_id=street, active=active),
            name, badge, position, phone)
    staff, name = draw_id(data, app_ctx, "staff"), data.draw(texts)  # another name: the same one is taken now
    attempt(app_ctx, lambda: reference_people.update_staff(app_ctx, staff, name=name, badge_no=badge,
                                                          position=position, phone=phone, street_id=street),
            name, badge, position, phone)
    duty, typical, contact = data.draw(opt_texts), data.draw(opt_texts), data.draw(opt_texts)
    attempt(app_ctx, lambda: reference_people.create_department(app_ctx, name=name, duty=duty,
                                                               typical_referral=typical, contact=contact),
            name, duty, typical, contact)
    dept, name = draw_id(data, app_ctx, "departments"), data.draw(texts)
    attempt(app_ctx, lambda: reference_people.update_department(app_ctx, dept, name=name, duty=duty,
                                                               typical_referral=typical, contact=contact),
            name, duty, typical, contact)


@PROPERTY
@given(data=st.data())
def test_regulations_and_categories(app_ctx: AppContext, data: st.DataObject) -> None:
    name, annex, articles, notes = data.draw(texts), data.draw(opt_ints), data.draw(opt_texts), data.draw(opt_texts)
    attempt(app_ctx, lambda: reference_legal.create_regulation(app_ctx, name=name, annex_no=annex, articles=articles,
                                                              applies_to_all=data.draw(st.booleans()), notes=notes),
            name, articles, notes)
    reg_ids = draw_ids(data, app_ctx, "regulations", max_size=3)
    reg, name = draw_id(data, app_ctx, "regulations"), data.draw(texts)
    attempt(app_ctx, lambda: reference_legal.update_regulation(app_ctx, reg, name=name, annex_no=annex,
                                                              articles=articles, notes=notes), name, articles, notes)
    code, days = data.draw(st.sampled_from(["C99", "c5", "X1"]) | texts), data.draw(opt_ints)
    flags = data.draw(st.tuples(st.booleans(), st.booleans(), st.booleans()))
    attempt(app_ctx, lambda: reference_legal.create_category(
        app_ctx, code=code, name=name, deadline_days=days, working_days=flags[0], referral_only=flags[1],
        active=flags[2], regulation_ids=reg_ids), code, name)
    cat, code, name = draw_id(data, app_ctx, "categories"), data.draw(texts), data.draw(texts)
    attempt(app_ctx, lambda: reference_legal.update_category(
        app_ctx, cat, code=code, name=name, deadline_days=days, working_days=flags[0], referral_only=flags[1],
        active=flags[2], regulation_ids=reg_ids), code, name)


populations = st.builds(PopulationInput, as_of=opt_dates, population=opt_ints, source=opt_texts)
contacts = st.builds(ContactInput, role=texts, name=texts, phone=opt_texts, note=opt_texts,
                     id=st.none() | st.integers(-3, 10**6))


@PROPERTY
@given(data=st.data())
def test_estates_and_property_companies(app_ctx: AppContext, data: st.DataObject) -> None:
    name, manager, phone, address, notes = (data.draw(t) for t in (texts, opt_texts, opt_texts, opt_texts, opt_texts))
    attempt(app_ctx, lambda: reference_estates.create_property_company(
        app_ctx, name=name, project_manager=manager, contact_phone=phone, address=address, notes=notes),
        name, manager, phone, address, notes)
    company = draw_id(data, app_ctx, "property_companies")
    attempt(app_ctx, lambda: reference_estates.update_property_company(
        app_ctx, company, name=name, project_manager=manager, contact_phone=phone, address=address, notes=notes),
        name, manager, phone, address, notes)
    fields = dict(
        name=name, street_id=draw_id(data, app_ctx, "streets", optional=True), residents_committee=data.draw(opt_texts),
        address=address, households=data.draw(opt_ints), pilot=data.draw(st.booleans()),
        grade_id=draw_id(data, app_ctx, "estate_grades", optional=True),
        property_company_id=draw_id(data, app_ctx, "property_companies", optional=True), notes=notes,
        aliases=data.draw(st.lists(texts, max_size=3)), populations=data.draw(st.lists(populations, max_size=3)),
        contacts=data.draw(st.lists(contacts, max_size=2)),
    )
    shown = [name, address, notes, fields["residents_committee"], *fields["aliases"],  # type: ignore[misc]
             *(c.name for c in fields["contacts"]), *(c.role for c in fields["contacts"]),  # type: ignore[attr-defined]
             *(p.source for p in fields["populations"])]  # type: ignore[attr-defined]
    attempt(app_ctx, lambda: reference_estates.create_estate(app_ctx, **fields), *shown)  # type: ignore[arg-type]
    estate = draw_id(data, app_ctx, "estates")
    attempt(app_ctx, lambda: reference_estates.update_estate(app_ctx, estate, **fields), *shown)  # type: ignore[arg-type]
    on = data.draw(dates)
    attempt(app_ctx, lambda: reference_estates.population_on(app_ctx, estate, on=on))
