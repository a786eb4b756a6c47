"""Typical cases (典型案例): marked on closed cases only, drafted de-identified, edits that would name someone are
refused, a one-page 案例警示 PDF and the 公众号 text, and trainings count the typical cases they used."""

from __future__ import annotations

import subprocess
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import select

from controllers.briefs.typical_case_pdf import typical_text, write_typical_pdf
from controllers.cases import typical as tc
from controllers.complaints import entry as cc
from controllers.core.errors import UserError, ValidationError
from controllers.trainings import records as trainings
from models.cases import Case
from models.trainings import TrainingKind
from tests.unit.bad_input_kit import PROPERTY, texts
from tests.unit.complaint_fixtures import make_reference

PARTY, PHONE, COMPLAINANT = "李四", "13900001111", "张三"


def _closed_case(ctx):
    ref = make_reference(ctx)
    with ctx.db.session() as s:
        case = s.get(Case, ref.case_id)
        case.status, case.closed_on, case.party_name = "结案", date(2025, 3, 20), PARTY
        case.place = "梅岭小区12号楼502室"
        case.facts = f"{PARTY}（电话{PHONE}）在梅岭小区12号楼502室楼顶违法搭建约20平方米，居民{COMPLAINANT}投诉。"
        case.measures, case.result = "责令限期拆除", f"{PARTY}已于3月18日自行拆除"
        case.penalty_decided_on, case.penalty_amount = date(2025, 3, 10), 2000
    cid = cc.create_complaint(ctx, channel="来电", content="搭建", complainant_name=COMPLAINANT,
                              received_at=datetime(2025, 3, 1, 2, 0))
    cc.link_to_case(ctx, cid, ref.case_id)
    return ref


def test_only_closed_cases_and_the_draft_names_nobody(app_ctx, pin_clock):
    pin_clock(date(2025, 4, 1))
    ref = make_reference(app_ctx)
    with pytest.raises(ValidationError, match="已结案"):
        tc.mark_typical(app_ctx, ref.case_id)
    with app_ctx.db.session() as s:
        s.get(Case, ref.case_id).status = "结案"
    assert tc.get_typical(app_ctx, ref.case_id) is None


def test_draft_edit_pdf_text_and_trainings(app_ctx, pin_clock, tmp_path):
    pin_clock(date(2025, 4, 1))
    ref = _closed_case(app_ctx)
    d = tc.mark_typical(app_ctx, ref.case_id)
    everything = " ".join(text for _label, text in d.parts()) + d.title
    for secret in (PARTY, PHONE, COMPLAINANT, "502", "梅岭小区"):
        assert secret not in everything, secret
    assert d.place == "长征镇某小区" and "当事人" in d.facts and "罚款 2000 元" in d.handling
    assert "《上海市拆除违法建筑若干规定》" in d.lesson or "拆除违法建筑" in d.lesson

    with pytest.raises(ValidationError, match="可识别个人"):
        tc.update_typical(app_ctx, ref.case_id, facts=d.facts + f"（{PARTY}）")
    with pytest.raises(ValidationError, match="可识别个人"):
        tc.update_typical(app_ctx, ref.case_id, outcome="请联系 138 1234 5678")
    d = tc.update_typical(app_ctx, ref.case_id, title="楼顶违建限期拆除案", lesson="违法搭建终将被拆除。")
    assert tc.get_typical(app_ctx, ref.case_id).title == "楼顶违建限期拆除案"

    result = write_typical_pdf(app_ctx, ref.case_id, tmp_path / "案例警示.pdf")
    assert result.pages == 1
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "案例警示.pdf").pages)
    assert "楼顶违建限期拆除案" in text and PARTY not in text and PHONE not in text
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(tmp_path / "案例警示.pdf"), "/tmp/i21-returns/typical"],
                   check=False)
    plain = typical_text(app_ctx, ref.case_id)
    assert plain.startswith("楼顶违建限期拆除案\n") and "【基本案情】" in plain and "【以案释法】" in plain

    with app_ctx.db.session() as s:
        kind = s.scalar(select(TrainingKind.id).where(TrainingKind.name == "以案释法"))
    assert kind is not None
    trainings.create_training(app_ctx, trainings.TrainingInput(
        kind_id=kind, title="守法小讲堂", starts_at=datetime(2025, 4, 1, 14, 0), case_ids=(ref.case_id,)))
    [row] = trainings.list_trainings(app_ctx)
    assert row.typical_cases == 1
    assert [r.trainings for r in tc.list_typical(app_ctx)] == [1]
    tc.unmark_typical(app_ctx, ref.case_id)
    assert tc.get_typical(app_ctx, ref.case_id) is None and trainings.list_trainings(app_ctx)[0].typical_cases == 0


def test_too_long_for_one_page_is_refused_and_nothing_written(app_ctx, pin_clock, tmp_path):
    pin_clock(date(2025, 4, 1))
    ref = _closed_case(app_ctx)
    tc.mark_typical(app_ctx, ref.case_id)
    tc.update_typical(app_ctx, ref.case_id, **{k: "很长的文字，" * (n // 6) for k, _l, n in tc.PARTS[2:]})
    with pytest.raises(UserError, match="超过一页"):
        write_typical_pdf(app_ctx, ref.case_id, tmp_path / "x.pdf")
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == []


@PROPERTY
@given(value=st.one_of(texts, st.builds(lambda a, b: f"{a}{b}", texts, st.sampled_from(
    [PARTY, PHONE, "12号楼502室", "021-62345678", "310101199001011234", COMPLAINANT, ""]))))
def test_saved_write_up_never_identifies_anyone(app_ctx, value):
    """Whatever is typed into any part: either refused in Chinese, or saved text that names nobody."""
    with app_ctx.db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.status == "结案"))
    if case_id is None:
        case_id = _closed_case(app_ctx).case_id
        tc.mark_typical(app_ctx, case_id)
    for key, _label, _n in tc.PARTS:
        try:
            saved = tc.update_typical(app_ctx, case_id, **{key: value})
        except ValidationError as exc:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in exc.message)
            continue
        text = getattr(saved, key)
        for secret in (PARTY, PHONE, COMPLAINANT, "502室", "62345678", "310101199001011234"):
            assert secret not in text
