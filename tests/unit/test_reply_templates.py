"""Reply templates (回复模板): seeded per category and kind, editable, filled from the record, never personal data."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from controllers.complaints import entry
from controllers.complaints.reply_fill import templates_for_case, templates_for_complaint
from controllers.core.errors import ValidationError
from controllers.reference import reply_templates as rt
from models.cases import Case, Referral
from models.complaints import Complaint
from models.reference import Category, Department
from tests.unit.bad_input_kit import PROPERTY
from tests.unit.complaint_fixtures import make_reference

NAME, PHONE = "欧阳娜娜", "13912345678"


def _complaint(ctx, ref, *, category_id=None) -> int:
    return entry.create_complaint(ctx, channel="12345热线", received_at=datetime(2025, 3, 3, 2, 0),
                                  complainant_name=NAME, complainant_phone=PHONE, estate_id=ref.meiling,
                                  address="梅岭小区12号楼502室", category_id=category_id or ref.c05,
                                  content=f"{NAME}反映楼顶搭建，电话{PHONE}", work_order_no="GD2025030300001")


def test_seed_gives_every_category_every_kind_in_plain_chinese(app_ctx):
    rows = rt.list_templates(app_ctx)
    with app_ctx.db.session() as s:
        codes = set(s.scalars(select(Category.code)))
    assert {(r.category.split()[0], r.kind) for r in rows} == {(c, k) for c in codes for k in rt.KINDS}
    assert len(codes) >= 13
    for r in rows:
        assert "您" in r.body and "{" in r.body, r  # polite, and filled from the record
        rt._check_body(r.body)  # only known fields


def test_complaint_templates_fill_estate_category_case_and_deadline(app_ctx, pin_clock):
    pin_clock(date(2025, 3, 10))
    ref = make_reference(app_ctx)
    cid = _complaint(app_ctx, ref)
    with app_ctx.db.session() as s:
        s.get(Complaint, cid).case_id = ref.case_id
        s.get(Case, ref.case_id).deadline = date(2025, 3, 20)
        dept = s.scalar(select(Department.id).where(Department.name == "区规划资源局"))
        s.add(Referral(case_id=ref.case_id, department_id=dept, referred_on=date(2025, 3, 7), reason="核实"))
    filled = {t.kind: t.text for t in templates_for_complaint(app_ctx, cid)}
    assert set(filled) == set(rt.KINDS)
    assert "梅岭小区违法搭建" in filled["受理告知"] and "2025年3月3日" in filled["受理告知"]
    assert "2025-长征-0001" in filled["办理结果"] and "2025年3月20日" in filled["办理结果"]
    assert "区规划资源局" in filled["移交告知"] and "2025年3月7日" in filled["移交告知"]
    for text in filled.values():
        assert "{" not in text and NAME not in text and PHONE not in text and "502" not in text
    only = templates_for_case(app_ctx, ref.case_id, kind="办理结果")
    assert [t.kind for t in only] == ["办理结果"] and "2025-长征-0001" in only[0].text


def test_edit_refuses_unknown_fields_and_duplicates_and_the_edit_is_used(app_ctx):
    ref = make_reference(app_ctx)
    with pytest.raises(ValidationError, match="不是可用字段"):
        rt.create_template(app_ctx, category_id=ref.c03, kind="受理告知", name="短版", body="您好，{投诉人}：收到。")
    tid = rt.create_template(app_ctx, category_id=ref.c03, kind="受理告知", name="短版",
                             body="您好，{小区}的问题已收到。").id
    with pytest.raises(ValidationError, match="已有名为"):
        rt.create_template(app_ctx, category_id=ref.c03, kind="受理告知", name="短版", body="您好")
    rt.update_template(app_ctx, tid, category_id=ref.c03, kind="受理告知", name="短版",
                       body="您好，{小区}{类别}已收到。", active=True)
    cid = _complaint(app_ctx, ref, category_id=ref.c03)
    texts = [t.text for t in templates_for_complaint(app_ctx, cid, kind="受理告知")]
    assert "您好，梅岭小区群租已收到。" in texts
    rt.delete_template(app_ctx, tid)
    assert "您好，梅岭小区群租已收到。" not in [t.text for t in templates_for_complaint(app_ctx, cid, kind="受理告知")]


# Anything a clerk could type into a template: free text, braces, and every name a personal field could go by.
_PERSONAL_GUESSES = ["{投诉人}", "{姓名}", "{电话}", "{联系电话}", "{诉求人}", "{complainant_name}",
                     "{complainant_phone}", "{当事人}", "{party_name}", "{地址}", "{address}", "{{小区}}", "{"]
_pieces = st.one_of(st.sampled_from([*_PERSONAL_GUESSES, *("{" + f + "}" for f in rt.FIELDS)]),
                    st.text(alphabet=st.characters(exclude_characters="欧阳娜13912345678"), max_size=12))


@PROPERTY
@given(body=st.lists(_pieces, max_size=12).map("".join))
def test_no_template_can_output_personal_data(app_ctx, body):
    """Whatever the template says, filling it from a complaint naming 欧阳娜娜 / 13912345678 never outputs them:
    there is no field for them, and filling reads only the matter's fields."""
    values = {f: f"值{i}" for i, f in enumerate(rt.FIELDS)}
    out = rt.fill(body, values)
    assert NAME not in out and PHONE not in out and "欧阳" not in out
    with_personal = {**values, "投诉人": NAME, "姓名": NAME, "电话": PHONE, "complainant_name": NAME,
                     "complainant_phone": PHONE, "地址": "12号楼502室"}
    assert rt.fill(body, with_personal) == out  # even handed personal values, fill does not look them up


def test_a_reply_with_an_unfilled_field_is_refused_and_nothing_changes(app_ctx, pin_clock):
    """办理结果 for a work order with no case leaves （待填写）: saved as is it would reach the resident."""
    pin_clock(date(2025, 3, 10))
    ref = make_reference(app_ctx)
    cid = _complaint(app_ctx, ref)
    text = {t.kind: t.text for t in templates_for_complaint(app_ctx, cid)}["办理结果"]
    assert rt.TO_FILL in text
    before = entry.get_complaint(app_ctx, cid)
    with pytest.raises(ValidationError, match="待填写") as refused:
        entry.update_handling(app_ctx, cid, expected_version=before.version, status="已回复", reply=text,
                              replied_on=date(2025, 3, 10))
    assert refused.value.field == "reply"
    after = entry.get_complaint(app_ctx, cid)
    assert (after.status, after.reply, after.version) == (before.status, before.reply, before.version)
    done = entry.update_handling(app_ctx, cid, expected_version=before.version, status="已回复",
                                 reply=text.replace(rt.TO_FILL, "2025-长征-0001"), replied_on=date(2025, 3, 10))
    assert done.status == "已回复"
