"""Bad input through cases (create, edit, workflow steps, follow-up, referrals) and complaints (create, handling,
callback, links): success or a Chinese refusal that wrote nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from controllers.cases import records as case_records
from controllers.cases import referrals as case_referrals
from controllers.cases import workflow as case_workflow
from controllers.complaints import entry as complaints
from controllers.core import clock
from controllers.core.context import AppContext
from controllers.core.errors import NotFoundError
from controllers.meetings import meeting_mode
from models.enums import CASE_SOURCES, CASE_STATUSES, COMPLAINT_CHANNELS, COMPLAINT_STATUSES, SATISFACTION
from tests.unit.bad_input_kit import (
    PROPERTY,
    attempt,
    dates,
    datetimes,
    draw_id,
    draw_ids,
    opt_dates,
    opt_texts,
    plain_texts,
    texts,
)
from tests.unit.case_fixtures import category_id, make_estate


@pytest.fixture
def ctx(app_ctx: AppContext) -> AppContext:
    """Two estates and one case, so the pickers' ids point at something."""
    estate = make_estate(app_ctx)
    make_estate(app_ctx, "真华小区")
    case_records.create_case(app_ctx, category_id=category_id(app_ctx), estate_id=estate, source="巡查发现",
                             found_date=clock.today(), facts="楼顶违法搭建")
    complaints.create_complaint(app_ctx, channel="来电", content="楼道堆物", estate_id=estate)
    return app_ctx


def vocabulary(values: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(values) | texts


amounts = st.none() | st.decimals(allow_nan=True, allow_infinity=True) | st.integers() | st.floats() | texts


def _version(ctx: AppContext, case_id: int) -> int:
    try:
        return case_records.get_case(ctx, case_id).version
    except NotFoundError:
        return 1


@PROPERTY
@given(data=st.data())
def test_create_and_edit_case(ctx: AppContext, data: st.DataObject) -> None:
    facts, place, party, id_no, phone, notes = (data.draw(t) for t in (texts, opt_texts, opt_texts, opt_texts,
                                                                       opt_texts, opt_texts))
    if data.draw(st.booleans()):  # required fields as a careful user fills them, so the optional ones get tested
        facts, id_no = data.draw(plain_texts), None
        phone = data.draw(st.none() | st.from_regex(r"\A1[3-9][0-9]{9}\Z"))
        required = dict(category_id=category_id(ctx), estate_id=draw_id(data, ctx, "estates"),
                        source=data.draw(st.sampled_from(CASE_SOURCES)), found_date=clock.today())
    else:
        required = dict(category_id=draw_id(data, ctx, "categories"), estate_id=draw_id(data, ctx, "estates"),
                        source=data.draw(vocabulary(CASE_SOURCES)), found_date=data.draw(dates))
    fields = dict(
        **required, facts=facts, place=place,
        party_name=party, party_id_no=id_no, party_phone=phone, officer_id=draw_id(data, ctx, "staff", optional=True),
        property_company_id=draw_id(data, ctx, "property_companies", optional=True), notes=notes,
        regulation_ids=draw_ids(data, ctx, "regulations"), deadline=data.draw(opt_dates),
        complaint_ids=draw_ids(data, ctx, "complaints", max_size=2),
        recurrence_of_id=draw_id(data, ctx, "cases", optional=True),
    )
    shown = (facts, place, party, id_no, phone, notes, required["source"])
    attempt(ctx, lambda: case_records.create_case(ctx, **fields), *shown)  # type: ignore[arg-type]

    case_id = draw_id(data, ctx, "cases")
    edits = data.draw(st.fixed_dictionaries({}, optional={
        "facts": texts, "place": opt_texts, "party_phone": opt_texts, "party_id_no": opt_texts, "notes": opt_texts,
        "measures": opt_texts, "result": opt_texts, "found_date": dates, "deadline": opt_dates,
        "penalty_decided_on": opt_dates, "penalty_doc_no": opt_texts, "penalty_amount": amounts,
        "source": vocabulary(CASE_SOURCES),
    }))
    version = data.draw(st.sampled_from(["current", 0, 10**6]))
    expected = _version(ctx, case_id) if version == "current" else version
    attempt(ctx, lambda: case_records.update_case(ctx, case_id, expected_version=expected, **edits),  # type: ignore[arg-type]
            *(str(v) for v in edits.values() if isinstance(v, str | Decimal | int | float)))


@PROPERTY
@given(data=st.data())
def test_workflow_steps_and_followup(ctx: AppContext, data: st.DataObject) -> None:
    case_id = draw_id(data, ctx, "cases")
    to, note, reason, letter = (data.draw(t) for t in (vocabulary(CASE_STATUSES), opt_texts, opt_texts, opt_texts))
    attempt(ctx, lambda: case_workflow.transition(
        ctx, case_id, to=to, expected_version=_version(ctx, case_id), note=note, reason=reason,
        review_date=data.draw(opt_dates), deadline=data.draw(opt_dates),
        department_id=draw_id(data, ctx, "departments", optional=True), letter_no=letter,
        reply_due=data.draw(opt_dates), on=data.draw(opt_dates)), to, note, reason, letter)
    found, fnote, on = data.draw(st.booleans()), data.draw(texts), data.draw(dates)
    attempt(ctx, lambda: case_workflow.record_followup(ctx, case_id, found_again=found, note=fnote, on=on,
                                                       expected_version=_version(ctx, case_id)), fnote)


@PROPERTY
@given(data=st.data())
def test_referrals(ctx: AppContext, data: st.DataObject) -> None:
    case_id = draw_id(data, ctx, "cases")
    reason, letter = data.draw(texts), data.draw(opt_texts)
    attempt(ctx, lambda: case_referrals.refer_case(
        ctx, case_id, department_id=draw_id(data, ctx, "departments"), reason=reason, referred_on=data.draw(dates),
        letter_no=letter, reply_due=data.draw(opt_dates)), reason, letter)
    referral = draw_id(data, ctx, "referrals")
    attempt(ctx, lambda: case_referrals.record_receipt(ctx, referral, received_on=data.draw(dates)))
    reply, reply_no = data.draw(texts), data.draw(opt_texts)
    attempt(ctx, lambda: case_referrals.record_reply(ctx, referral, replied_on=data.draw(dates), reply=reply,
                                                     reply_letter_no=reply_no), reply, reply_no)


@PROPERTY
@given(data=st.data())
def test_create_complaint(ctx: AppContext, data: st.DataObject) -> None:
    channel = data.draw(vocabulary(COMPLAINT_CHANNELS))
    name, phone, address, content, order = (data.draw(t) for t in (opt_texts, opt_texts, opt_texts, texts,
                                                                    opt_texts))
    attempt(ctx, lambda: complaints.create_complaint(
        ctx, channel=channel, received_at=data.draw(st.none() | datetimes), complainant_name=name,
        complainant_phone=phone, estate_id=draw_id(data, ctx, "estates", optional=True), address=address,
        category_id=draw_id(data, ctx, "categories", optional=True), content=content,
        reply_due=data.draw(opt_dates), work_order_no=order), channel, name, phone, address, content, order)
    text = data.draw(texts)
    attempt(ctx, lambda: complaints.resolve_estate(ctx, text), text)
    attempt(ctx, lambda: complaints.find_case(ctx, text), text)


@PROPERTY
@given(data=st.data())
def test_complaint_handling_callback_and_links(ctx: AppContext, data: st.DataObject) -> None:
    complaint = draw_id(data, ctx, "complaints")
    try:
        version = complaints.get_complaint(ctx, complaint).version
    except NotFoundError:
        version = 1
    status, reply, note = data.draw(vocabulary(COMPLAINT_STATUSES)), data.draw(opt_texts), data.draw(opt_texts)
    satisfaction = data.draw(st.none() | vocabulary(SATISFACTION))
    attempt(ctx, lambda: complaints.update_handling(
        ctx, complaint, expected_version=data.draw(st.sampled_from([version, version + 1, 0])), status=status,
        reply=reply, replied_on=data.draw(opt_dates), callback_on=data.draw(opt_dates), satisfaction=satisfaction,
        callback_note=note), status, reply, satisfaction, note)
    case = draw_id(data, ctx, "cases", optional=True)
    attempt(ctx, lambda: complaints.link_to_case(ctx, complaint, case))
    attempt(ctx, lambda: complaints.link_group_to_case(ctx, complaint, draw_id(data, ctx, "cases")))


@PROPERTY
@given(data=st.data())
def test_matter_raised_in_meeting_mode(ctx: AppContext, data: st.DataObject) -> None:
    description, place = data.draw(texts), data.draw(opt_texts)
    attempt(ctx, lambda: meeting_mode.raise_matter(
        ctx, estate_id=draw_id(data, ctx, "estates"), category_id=draw_id(data, ctx, "categories", optional=True),
        description=description, place=place), description, place)
