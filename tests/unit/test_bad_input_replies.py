"""Bad input through issue 21's controllers (reply templates, the return file's layout, typical cases): success or
a Chinese refusal that wrote nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from controllers.cases import typical as tc
from controllers.complaints import returns as rf
from controllers.core.context import AppContext
from controllers.reference import reply_templates as rt
from models.cases import Case
from tests.unit.bad_input_kit import PROPERTY, attempt, draw_id, texts
from tests.unit.complaint_fixtures import make_reference

kinds = st.one_of(st.sampled_from(rt.KINDS), texts)
bodies = st.one_of(texts, st.lists(st.one_of(texts, st.sampled_from(["{小区}", "{投诉人}", "{", "}", "{{类别}}"])),
                                   max_size=6).map("".join))


@PROPERTY
@given(data=st.data(), kind=kinds, name=texts, body=bodies, update=st.booleans())
def test_reply_template_create_and_update(app_ctx: AppContext, data: st.DataObject, kind: str, name: str,
                                          body: str, update: bool) -> None:
    category_id = draw_id(data, app_ctx, "categories")
    if update:
        template_id = draw_id(data, app_ctx, "reply_templates")
        attempt(app_ctx, lambda: rt.update_template(app_ctx, template_id, category_id=category_id, kind=kind,
                                                    name=name, body=body), kind, name, body)
    else:
        attempt(app_ctx, lambda: rt.create_template(app_ctx, category_id=category_id, kind=kind, name=name,
                                                    body=body), kind, name, body)


@PROPERTY
@given(pairs=st.lists(st.one_of(texts, st.builds(lambda a, b: f"{a}={b}", st.one_of(
    st.sampled_from([f.label for f in rf.FIELDS]), texts), texts)), max_size=4))
def test_return_layout(app_ctx: AppContext, pairs: list[str]) -> None:
    """A rename is parsed and stored, or refused with nothing stored."""
    def call() -> object:
        return rf.set_return_layout(app_ctx, rf.parse_renames(pairs))

    attempt(app_ctx, call, *pairs)


@pytest.fixture
def typical_ctx(app_ctx: AppContext) -> AppContext:
    """Two cases: one closed and typical (李四 its party), one still open."""
    ref = make_reference(app_ctx)
    with app_ctx.db.session() as s:
        case = s.get(Case, ref.case_id)
        case.status, case.party_name = "结案", "李四"
    tc.mark_typical(app_ctx, ref.case_id)
    return app_ctx


@PROPERTY
@given(data=st.data(), part=st.sampled_from([k for k, _l, _n in tc.PARTS] + ["party_name"]),
       value=st.one_of(texts, st.sampled_from(["李四", "502室", "13912345678", "当事人已整改。"])))
def test_typical_case_edits(typical_ctx: AppContext, data: st.DataObject, part: str, value: str) -> None:
    case_id = draw_id(data, typical_ctx, "cases")
    saved = attempt(typical_ctx, lambda: tc.update_typical(typical_ctx, case_id, **{part: value}), value)
    if saved is not None:
        assert "李四" not in getattr(saved, part) and "13912345678" not in getattr(saved, part)
    attempt(typical_ctx, lambda: tc.mark_typical(typical_ctx, case_id))
