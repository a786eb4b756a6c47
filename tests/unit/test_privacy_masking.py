"""privacy.mask_free_text on generated text: every way people type a phone or ID number is masked, names given are
masked, and the numbers of the ledger itself (work orders, case numbers, dates, addresses, amounts) are left alone."""

from __future__ import annotations

import itertools
import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from controllers.core.privacy import PersonalNames, mask_free_text, mask_name
from tests.unit.bad_input_kit import PROPERTY

# Chinese text around the numbers (no digits or Latin letters, which would make a number part of a longer code).
CJK = st.text(alphabet=st.sampled_from("楼道堆物噪声扰民请回电联系居民反映群租，。：（）、 电话手机号"), max_size=12)
FULLWIDTH = str.maketrans({str(i): chr(0xFF10 + i) for i in range(10)})


@st.composite
def mobiles(draw: st.DrawFn) -> tuple[str, str]:
    """(digits, as typed): 13812345678 written plain, 138 1234 5678, 138-1234-5678, full width, with +86."""
    digits = "1" + draw(st.sampled_from("3456789")) + draw(st.text(alphabet="0123456789", min_size=9, max_size=9))
    sep = draw(st.sampled_from(["", " ", "-"]))
    typed = f"{digits[:3]}{sep}{digits[3:7]}{sep}{digits[7:]}"
    if draw(st.booleans()):
        typed = typed.translate(FULLWIDTH)
    prefix = draw(st.sampled_from(["", "+86 ", "+86", "0086-"]))
    return digits, prefix + typed


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=date(1920, 1, 1), max_value=date(2020, 12, 31)))
    area = draw(st.integers(110000, 659999))
    serial = draw(st.integers(0, 999))
    check = draw(st.sampled_from("0123456789X"))
    return f"{area}{born:%Y%m%d}{serial:03d}{check}"


@st.composite
def ledger_numbers(draw: st.DrawFn) -> str:
    """Numbers that are not personal data and must read as they were typed."""
    day = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2039, 12, 31)))
    return draw(st.sampled_from([
        f"GD{day:%Y%m%d}{draw(st.integers(0, 99999)):05d}",  # 12345 work-order number
        # 12345's 11-digit order numbers begin with the year: 20xx-39xx never reads as a mobile (13x-19x would)
        f"{max(day, date(2020, 1, 1)):%y%m%d}{draw(st.integers(0, 99999)):05d}",
        f"{day.year}-长征-{draw(st.integers(1, 9999)):04d}",  # case number
        f"{day:%Y-%m-%d}", f"{day:%Y%m%d}", f"{day:%Y年%m月%d日}",
        f"梅岭北路{draw(st.integers(1, 999))}弄{draw(st.integers(1, 99))}号{draw(st.integers(101, 3305))}室",
        f"罚款{draw(st.integers(1, 9_999_999))}元", f"共{draw(st.integers(1, 99999))}户",
    ]))


@PROPERTY
@given(before=CJK, number=mobiles(), after=CJK)
def test_a_mobile_number_in_any_form_is_masked(before: str, number: tuple[str, str], after: str) -> None:
    digits, typed = number
    masked = mask_free_text(before + typed + after)
    assert masked.startswith(before) and masked.endswith(after)
    assert digits not in re.sub(r"\D", "", masked.translate({ord(c): None for c in "+"}))
    assert f"{digits[:3]}****{digits[-4:]}" in masked


@PROPERTY
@given(before=CJK, number=id_numbers(), after=CJK)
def test_an_id_card_number_is_masked(before: str, number: str, after: str) -> None:
    masked = mask_free_text(before + number + after)
    assert number not in masked and number[6:14] not in masked  # the birth date goes too
    assert masked == before + number[:3] + "*" * 11 + number[-4:] + after


@PROPERTY
@given(before=CJK, number=ledger_numbers(), after=CJK)
def test_numbers_of_the_ledger_itself_are_kept(before: str, number: str, after: str) -> None:
    text = before + number + after
    assert mask_free_text(text) == text


@PROPERTY
@given(parts=st.lists(st.tuples(CJK, st.sampled_from(["欧阳娜娜", "张三", "李四光", "上海某某物业管理有限公司"])),
                      min_size=1, max_size=5))
def test_given_names_are_masked_wherever_they_occur(parts: list[tuple[str, str]]) -> None:
    names = ["欧阳娜娜", "张三", "李四光", "上海某某物业管理有限公司"]
    text = "".join(a + b for a, b in parts)
    masked = mask_free_text(text, names)
    for person in names[:3]:
        assert person not in masked
    assert masked.count("上海某某物业管理有限公司") == text.count("上海某某物业管理有限公司")  # organisations stay
    assert mask_free_text(masked, names) == masked  # masking twice changes nothing


def test_the_longest_name_at_a_place_wins() -> None:
    names = PersonalNames(["张三", "张三丰"])
    assert names.mask_in("张三丰和张三") == f"{mask_name('张三丰')}和{mask_name('张三')}"
    assert mask_free_text("转１３８－１２３４－５６７８", ()) == "转138****5678"
    assert mask_free_text("电话021-62345678，座机6234 5678", ()) == "电话021*****5678，座机****5678"


@PROPERTY
@given(ours=st.text(min_size=1, max_size=30), data=st.data())
def test_any_copy_with_characters_behind_stars_is_known_as_a_copy(ours: str, data: st.DataObject) -> None:
    """exchange_stand_ins.is_starred_copy: whatever a station's masking hid (names it knew, numbers), the copy is
    recognised, so it never overwrites the original in an exchange."""
    from controllers.exchange.stand_ins import is_starred_copy

    cuts = sorted(data.draw(st.sets(st.integers(0, len(ours)), min_size=2, max_size=6)))
    pieces, hidden = [], False
    for i, (start, end) in enumerate(itertools.pairwise([0, *cuts, len(ours)])):
        if i % 2 and end > start:
            pieces.append("*" * data.draw(st.integers(1, 3)))
            hidden = hidden or ours[start:end].strip("*") != ""
        else:
            pieces.append(ours[start:end])
    theirs = "".join(pieces)
    if hidden and "*" not in ours:
        assert is_starred_copy(theirs, ours)
    assert not is_starred_copy(ours + "新增", ours) or "*" in ours
    assert not is_starred_copy("*" + ours, "") and not is_starred_copy(theirs, theirs)


def test_a_person_named_inside_a_place_name_leaves_the_place_alone() -> None:
    names = PersonalNames(["李子", "张三"], protected=["李子园小区", "张三路"])
    assert mask_free_text("李子园小区的李子来电，张三路上张三", names) == "李子园小区的李*来电，张三路上张*"
    assert mask_free_text("李子园", PersonalNames(["李子"])) == "李*园"  # without the place known, it cannot tell


def _scan_every_character(people: PersonalNames, text: str) -> str:
    """The straightforward reading of mask_in, a character at a time: the longest name starting here (not inside a
    protected word) is masked and skipped; otherwise the character is kept. mask_in visits only the places where a
    name may start (issue 23) and must give exactly this."""
    out, i = [], 0
    while i < len(text):
        hit = next((n for n in people.lengths
                    if text[i:i + n] in people.names and not people._inside_protected(text, i, n)), 0)
        out.append(mask_name(text[i:i + hit]) if hit else text[i])
        i += hit or 1
    return "".join(out)


NAME_CHARS = "张王李欧阳娜子园小区楼道"  # few characters: names overlap, repeat, sit inside each other and the places


@settings(PROPERTY, max_examples=300)
@given(names=st.lists(st.text(alphabet=NAME_CHARS, min_size=1, max_size=4), max_size=6),
       places=st.lists(st.text(alphabet=NAME_CHARS, min_size=2, max_size=6), max_size=3),
       text=st.text(alphabet=NAME_CHARS + "，。 1", max_size=40))
def test_masking_names_visits_only_where_a_name_may_start_and_masks_exactly_as_a_full_scan(
        names: list[str], places: list[str], text: str) -> None:
    people = PersonalNames(names, protected=places)
    assert people.mask_in(text) == _scan_every_character(people, text)


@settings(PROPERTY, max_examples=300)
@given(names=st.lists(st.text(alphabet=NAME_CHARS, min_size=1, max_size=4), max_size=6),
       places=st.lists(st.text(alphabet=NAME_CHARS, min_size=2, max_size=6), max_size=3),
       text=st.text(alphabet="张李园道的了在是人，。 1", max_size=40))
def test_text_without_a_name_start_is_passed_as_is_and_any_other_masked_as_a_full_scan(
        names: list[str], places: list[str], text: str) -> None:
    """Most text shares no character with any name's first: mask_in passes it without building pairs (issue 23).
    Few of the text's characters begin a name here, so both ways (passed early, scanned) are taken often."""
    people = PersonalNames(names, protected=places)
    assert people.mask_in(text) == _scan_every_character(people, text)
