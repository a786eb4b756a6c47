"""Bad input through trainings and attendees (forms, pasted lists, attendee files), meetings and their action items,
and accounts (new users, passwords, sign-in): success or a Chinese refusal that wrote nothing."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from controllers.accounts import users as accounts
from controllers.core.context import AppContext
from controllers.core.permissions import ROLES, local_admin
from controllers.meetings import actions as meetings_actions
from controllers.meetings import records as meetings
from controllers.meetings.actions import ActionInput
from controllers.trainings import attendees as attendee_import
from controllers.trainings import records as trainings
from controllers.trainings.common import AttendeeInput, kind_choices, property_company_choices
from models.enums import MEETING_KINDS
from tests.unit.bad_input_kit import (
    PROPERTY,
    SLOW,
    attempt,
    dates,
    datetimes,
    draw_id,
    draw_ids,
    opt_dates,
    opt_ints,
    opt_texts,
    plain_texts,
    texts,
    xlsx_safe,
)
from tests.unit.case_fixtures import make_estate


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    make_estate(app_ctx, company="长征物业")
    trainings.create_training(app_ctx, trainings.TrainingInput(kind_id=kind_choices(app_ctx)[0][0], title="物业培训",
                                                               starts_at=trainings.datetime(2025, 3, 4, 9, 0)))
    meetings.create_meeting(app_ctx, kind="例会", held_on=trainings.date(2025, 3, 4), title="三月例会")
    return app_ctx


attendees = st.builds(AttendeeInput, name=texts, organisation=opt_texts, role=opt_texts, phone=opt_texts,
                      property_company_id=st.none() | st.integers(-3, 10**6), invited=st.booleans(),
                      attended=st.booleans(), id=st.none() | st.integers(-3, 10**6))
actions = st.builds(ActionInput, description=texts, owner=opt_texts, due=opt_dates, done=st.booleans(),
                    id=st.none() | st.integers(-3, 10**6))


def shown_people(people: list[AttendeeInput]) -> list[str | None]:
    return [v for p in people for v in (p.name, p.organisation, p.role, p.phone)]


@PROPERTY
@given(data=st.data())
def test_training_form(ctx: AppContext, data: st.DataObject) -> None:
    people = data.draw(st.none() | st.lists(attendees, max_size=3))
    form = trainings.TrainingInput(
        kind_id=draw_id(data, ctx, "training_kinds", optional=True), title=data.draw(texts),
        starts_at=data.draw(st.none() | datetimes), ends_at=data.draw(st.none() | datetimes),
        venue=data.draw(opt_texts), organiser=data.draw(opt_texts), audience=data.draw(opt_texts),
        planned_count=data.draw(opt_ints), actual_count=data.draw(opt_ints), notes=data.draw(opt_texts),
        department_ids=tuple(draw_ids(data, ctx, "departments")), estate_ids=tuple(draw_ids(data, ctx, "estates")),
        case_ids=tuple(draw_ids(data, ctx, "cases")), attendees=None if people is None else tuple(people),
    )
    shown = (form.title, form.venue, form.organiser, form.audience, form.notes, *shown_people(people or []))
    attempt(ctx, lambda: trainings.create_training(ctx, form), *shown)
    training = draw_id(data, ctx, "trainings")
    attempt(ctx, lambda: trainings.update_training(ctx, training, form), *shown)
    more = data.draw(st.lists(attendees, max_size=3))
    attempt(ctx, lambda: trainings.add_attendees(ctx, training, more), *shown_people(more))
    marks = {a: data.draw(st.booleans()) for a in draw_ids(data, ctx, "training_attendees")}
    attempt(ctx, lambda: trainings.set_attendance(ctx, training, attended=marks))
    number = data.draw(texts)
    attempt(ctx, lambda: trainings.find_case(ctx, number), number)


cells = st.one_of(texts, st.none(), st.integers(), st.floats(allow_nan=True), dates, datetimes, st.booleans())


@SLOW
@given(data=st.data(), rows=st.lists(st.lists(cells, max_size=6), max_size=8), as_csv=st.booleans())
def test_attendee_files_and_pastes(ctx: AppContext, tmp_path_factory: pytest.TempPathFactory,
                                   data: st.DataObject, rows: list[list[object]], as_csv: bool) -> None:
    header = data.draw(st.lists(st.sampled_from(["姓名", "单位", "职务", "电话", "手机", "物业公司"]) | texts,
                                max_size=5))
    folder = tmp_path_factory.mktemp("attendees")
    if as_csv:
        path = folder / "名单.csv"
        with path.open("w", encoding=data.draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"])), newline="",
                       errors="replace") as fh:
            csv.writer(fh).writerows([header, *([str(c) if c is not None else "" for c in r] for r in rows)])
    else:
        path = folder / "名单.xlsx"
        book = Workbook()
        for r in [header, *rows]:
            book.active.append([xlsx_safe(c) for c in r])
        book.save(path)
    training = draw_id(data, ctx, "trainings")
    texts_in = [str(c) for r in [header, *rows] for c in r if c is not None]
    preview = attempt(ctx, lambda: attendee_import.read_attendees_file(ctx, path), *texts_in)
    if preview is not None:
        attempt(ctx, lambda: attendee_import.import_attendees(ctx, training, preview), *texts_in)
    pasted = "\n".join("\t".join("" if c is None else str(c) for c in r) for r in [header, *rows])
    preview = attendee_import.parse_pasted(pasted, property_company_choices(ctx))
    attempt(ctx, lambda: attendee_import.import_attendees(ctx, training, preview), *texts_in)



@PROPERTY
@given(data=st.data())
def test_meetings_and_action_items(ctx: AppContext, data: st.DataObject) -> None:
    kind, title, venue, present, decisions = (data.draw(t) for t in (st.sampled_from(MEETING_KINDS) | texts, texts,
                                                                     opt_texts, opt_texts, opt_texts))
    numbers, orders = data.draw(st.lists(texts, max_size=2)), data.draw(st.lists(texts, max_size=2))
    items = data.draw(st.lists(actions, max_size=3))
    fields = dict(kind=kind, held_on=data.draw(opt_dates), title=title, venue=venue, people_present=present,
                  decisions=decisions, department_ids=draw_ids(data, ctx, "departments"), case_numbers=numbers,
                  complaint_ids=draw_ids(data, ctx, "complaints"), work_order_nos=orders, actions=items,
                  today=data.draw(opt_dates))
    shown = (kind, title, venue, present, decisions, *numbers, *orders, *(a.description for a in items),
             *(a.owner for a in items))
    attempt(ctx, lambda: meetings.create_meeting(ctx, **fields), *shown)  # type: ignore[arg-type]
    meeting = draw_id(data, ctx, "meetings")
    attempt(ctx, lambda: meetings.update_meeting(ctx, meeting, **fields), *shown)  # type: ignore[arg-type]
    number, order = data.draw(texts), data.draw(opt_texts)
    attempt(ctx, lambda: meetings.link_case(ctx, meeting, number=number), number)
    attempt(ctx, lambda: meetings.link_complaint_group(
        ctx, meeting, work_order_no=order, complaint_id=draw_id(data, ctx, "complaints", optional=True)), order)
    description, owner, due = data.draw(texts), data.draw(opt_texts), data.draw(opt_dates)
    attempt(ctx, lambda: meetings_actions.add_action(ctx, meeting, description=description, owner=owner, due=due),
            description, owner)
    action = draw_id(data, ctx, "meeting_actions")
    attempt(ctx, lambda: meetings_actions.update_action(ctx, action, description=description, owner=owner, due=due,
                                                        done=data.draw(st.booleans())), description, owner)
    attempt(ctx, lambda: meetings_actions.mark_action_done(ctx, action, today=data.draw(opt_dates)))


passwords = st.one_of(texts, plain_texts, st.text(min_size=8, max_size=40))


@SLOW
@given(data=st.data())
def test_accounts_and_passwords(ctx: AppContext, data: st.DataObject) -> None:
    username = data.draw(st.one_of(texts, st.from_regex(r"\A[a-z][a-z0-9_.-]{0,20}\Z")))
    display, password, role = data.draw(texts), data.draw(passwords), data.draw(st.sampled_from(ROLES) | texts)
    attempt(ctx, lambda: accounts.create_account(ctx, username=username, display_name=display, password=password,
                                                 role=role, estate_ids=draw_ids(data, ctx, "estates")),
            username, display, role)
    user = draw_id(data, ctx, "users")
    attempt(ctx, lambda: accounts.update_account(ctx, user, display_name=display, role=role,
                                                 active=data.draw(st.booleans()),
                                                 estate_ids=draw_ids(data, ctx, "estates")), display, role)
    again = data.draw(st.none() | st.just(password) | passwords)
    attempt(ctx, lambda: accounts.reset_password(ctx, user, password=password, password_again=again))
    # A wrong password counts towards the lockout: that write is the point of the refusal.
    attempt(ctx, lambda: accounts.login(ctx, username=username, password=password), username, may_change={"users"})
    ctx.sign_in(local_admin())  # a successful sign-in made the context that user: the next example is the admin's


def test_linking_a_blank_case_number_to_a_meeting_is_refused(ctx: AppContext) -> None:
    # Found by the property above: a blank number crashed with “not enough values to unpack”.
    meeting = meetings.list_meetings(ctx)[0].id
    for blank in ("", "　 "):
        with pytest.raises(meetings.ValidationError, match="请输入案件编号"):
            meetings.link_case(ctx, meeting, number=blank)
