"""Issue 16, exchange packages: a round trip between stations never loses names, phones or free text at home.

Station A sends a package with or without personal data, B imports it and sends one back with or without personal
data: whatever the flags, A keeps every name, phone and text it had, and nothing counts as updated unless B really
changed something (a real change still travels).
"""

from __future__ import annotations

import itertools
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from controllers.cases import records as case_records
from controllers.core.context import AppContext
from controllers.core.privacy import mask_free_text, mask_name, mask_phone
from controllers.exchange import export as exchange_export
from controllers.exchange import importer as exchange_import
from models.cases import Case
from models.complaints import Complaint
from tests.unit.case_fixtures import category_id, make_estate
from tests.unit.exchange_kit import complaint, other_station, set_content, some_work

FLAGS = list(itertools.product([False, True], repeat=2))
CONTENT = "楼道堆物影响通行，欧阳娜娜请回电13912345678"


def _personal_work(ctx: AppContext) -> dict[str, Any]:
    """some_work plus a case with a named party and a complaint whose text holds a name and a phone."""
    ids = some_work(ctx)
    set_content(ctx, ids["complaint"], CONTENT)
    estate = make_estate(ctx, "曹杨新村")
    case_id = case_records.create_case(ctx, category_id=category_id(ctx), estate_id=estate, source="巡查发现",
                                       found_date=date(2025, 3, 4), facts="擅自占用绿地，当事人张三丰13812345678",
                                       party_name="张三丰", party_id_no="310101199001011234",
                                       party_phone="13812345678").id
    with ctx.db.session() as s:
        ids["party_case"] = s.get(Case, case_id).uuid
    return ids


def _personal_at(ctx: AppContext) -> dict[str, tuple[Any, ...]]:
    """Every complaint's and case's personal fields and free text, by UUID."""
    with ctx.db.session() as s:
        out = {c.uuid.hex: (c.complainant_name, c.complainant_phone, c.content) for c in s.scalars(select(Complaint))}
        out |= {c.uuid.hex: (c.party_name, c.party_id_no, c.party_phone, c.facts) for c in s.scalars(select(Case))}
    return out


@pytest.mark.parametrize(("a_personal", "b_personal"), FLAGS)
def test_round_trip_keeps_every_name_phone_and_text_at_home(app_ctx: AppContext, tmp_path: Path,
                                                             a_personal: bool, b_personal: bool) -> None:
    _personal_work(app_ctx)
    home = _personal_at(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "ab.zip", with_personal_data=a_personal)
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, tmp_path / "ab.zip")
        exchange_export.export_package(b, tmp_path / "ba.zip", with_personal_data=b_personal)
    back = exchange_import.import_package(app_ctx, tmp_path / "ba.zip")
    assert _personal_at(app_ctx) == home
    assert (back.updated, back.conflicts) == (0, ())


@pytest.mark.parametrize(("a_personal", "b_personal"), FLAGS)
def test_a_real_change_at_the_other_station_still_travels_home(app_ctx: AppContext, tmp_path: Path,
                                                               a_personal: bool, b_personal: bool) -> None:
    ids = _personal_work(app_ctx)
    home = _personal_at(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "ab.zip", with_personal_data=a_personal)
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, tmp_path / "ab.zip")
        with b.db.session() as s:
            s.scalar(select(Complaint).where(Complaint.uuid == ids["complaint"])).status = "已办结"
        exchange_export.export_package(b, tmp_path / "ba.zip", with_personal_data=b_personal)
    back = exchange_import.import_package(app_ctx, tmp_path / "ba.zip")
    assert (back.updated, back.conflicts) == (1, ())
    assert complaint(app_ctx, ids["complaint"]).status == "已办结"
    assert _personal_at(app_ctx) == home


def test_three_stations_in_a_ring_keep_the_names_at_home(app_ctx: AppContext, tmp_path: Path) -> None:
    _personal_work(app_ctx)
    home = _personal_at(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "ab.zip")
    with other_station(tmp_path / "b") as b, other_station(tmp_path / "c") as c:
        exchange_import.import_package(b, tmp_path / "ab.zip")
        exchange_export.export_package(b, tmp_path / "bc.zip", with_personal_data=True)
        exchange_import.import_package(c, tmp_path / "bc.zip")
        exchange_export.export_package(c, tmp_path / "ca.zip", with_personal_data=True)
    back = exchange_import.import_package(app_ctx, tmp_path / "ca.zip")
    assert _personal_at(app_ctx) == home and back.updated == 0


def test_a_package_without_personal_data_does_not_carry_the_fields_at_all(app_ctx: AppContext,
                                                                           tmp_path: Path) -> None:
    _personal_work(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "plain.zip")
    with zipfile.ZipFile(tmp_path / "plain.zip") as zf:
        complaints = json.loads(zf.read("records/complaints.json"))
        cases = json.loads(zf.read("records/cases.json"))
    assert all("complainant_name" not in r["fields"] and "complainant_phone" not in r["fields"] for r in complaints)
    assert all(not {"party_name", "party_id_no", "party_phone"} & set(r["fields"]) for r in cases)


def _rewrite_rows(src: Path, dst: Path, table: str, change: Any) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == f"records/{table}.json":
                rows = json.loads(data)
                for row in rows:
                    change(row["fields"])
                data = json.dumps(rows, ensure_ascii=False).encode()
            zout.writestr(name, data)


@pytest.mark.parametrize("form", ["blank", "null", "masked"])
def test_a_blanked_or_masked_copy_never_overwrites_the_original(app_ctx: AppContext, tmp_path: Path,
                                                                 form: str) -> None:
    """What another station holds only masked or blank (names, phones, and free text masked in a package without
    personal data) comes back as it is: it never replaces the original it was made from."""
    ids = _personal_work(app_ctx)
    home = _personal_at(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "ab.zip", with_personal_data=True)
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, tmp_path / "ab.zip")
        exchange_export.export_package(b, tmp_path / "ba.zip", with_personal_data=True)

    def blanked(fields: dict[str, Any]) -> None:
        for key, masker in (("complainant_name", mask_name), ("complainant_phone", mask_phone),
                            ("party_name", mask_name), ("party_phone", mask_phone), ("party_id_no", mask_phone)):
            if key in fields:
                fields[key] = {"blank": "", "null": None}.get(form, masker(fields[key]))
        for key in ("content", "facts"):
            if key in fields and form == "masked":
                names = [fields.get("complainant_name"), fields.get("party_name")]
                fields[key] = mask_free_text(fields[key], names if names != [None, None] else ())

    _rewrite_rows(tmp_path / "ba.zip", tmp_path / "masked.zip", "complaints", blanked)
    _rewrite_rows(tmp_path / "masked.zip", tmp_path / "masked2.zip", "cases", blanked)
    back = exchange_import.import_package(app_ctx, tmp_path / "masked2.zip")
    assert _personal_at(app_ctx) == home
    assert back.updated == 0 and complaint(app_ctx, ids["complaint"]).content == CONTENT


def test_migrate_to_still_carries_a_name_erased_at_the_station(app_ctx: AppContext, tmp_path: Path) -> None:
    """The rule above is for another station's copy: the station's own server must lose what the station erased."""
    from controllers.exchange import migrate_to as mt
    from models.db import Database

    ids = some_work(app_ctx)
    url = f"sqlite:///{tmp_path / 'server.db'}"
    mt.migrate_to(app_ctx, url)
    with app_ctx.db.session() as s:
        found = s.scalar(select(Complaint).where(Complaint.uuid == ids["complaint"]))
        found.complainant_name, found.complainant_phone = None, None
    assert mt.migrate_to(app_ctx, url).ok
    server = Database.from_url(url)
    with server.session() as s:
        copied = s.scalar(select(Complaint).where(Complaint.uuid == ids["complaint"]))
        assert (copied.complainant_name, copied.complainant_phone) == (None, None)
    server.dispose()


def test_an_attachment_row_whose_hash_is_a_path_never_travels(app_ctx: AppContext, tmp_path: Path) -> None:
    """A database restored from a crafted backup may hold one: the export neither reads the file it names nor sends
    the row (which the other side would refuse)."""
    from models.cases import Attachment

    ids = some_work(app_ctx)
    outside = tmp_path / "outside-secret.txt"
    outside.write_text("不属于台账的文件")
    path_hash = ("../" * 30 + outside.name)[-64:]
    with app_ctx.db.session() as s:
        case_id = s.scalar(select(Case.id).where(Case.uuid == ids["case"]))
        s.add(Attachment(case_id=case_id, sha256=path_hash, filename="x.png", mime_type="image/png", size_bytes=1,
                         kind="整改前"))
    summary = exchange_export.export_package(app_ctx, tmp_path / "p.zip")
    assert summary.counts["attachments"] == 0 and summary.attachments == 0
    with zipfile.ZipFile(tmp_path / "p.zip") as zf:
        assert not [n for n in zf.namelist() if n.startswith("attachments/")]
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, tmp_path / "p.zip")


def test_a_copy_masked_with_names_only_the_other_station_knows_never_overwrites_ours(app_ctx: AppContext,
                                                                                      tmp_path: Path) -> None:
    """The other station masks free text with the names *it* knows (a resident called 李子 there turns 李子园 into
    李*园): we cannot re-run its masking, so any copy of ours with characters hidden behind stars is a stand-in."""
    ids = _personal_work(app_ctx)
    text = "李子园小区3号楼楼道堆物，王小明多次反映"
    set_content(app_ctx, ids["complaint"], text)
    home = _personal_at(app_ctx)
    exchange_export.export_package(app_ctx, tmp_path / "ab.zip", with_personal_data=True)
    with other_station(tmp_path / "b") as b:
        exchange_import.import_package(b, tmp_path / "ab.zip")
        exchange_export.export_package(b, tmp_path / "ba.zip", with_personal_data=True)

    def masked_there(fields: dict[str, Any]) -> None:
        if fields.get("content") == text:
            fields["content"] = "李*园小区3号楼楼道堆物，王**多次反映"

    _rewrite_rows(tmp_path / "ba.zip", tmp_path / "masked.zip", "complaints", masked_there)
    back = exchange_import.import_package(app_ctx, tmp_path / "masked.zip")
    assert complaint(app_ctx, ids["complaint"]).content == text
    assert _personal_at(app_ctx) == home and back.updated == 0


def test_a_package_masks_people_not_the_places_named_after_them(app_ctx: AppContext, tmp_path: Path) -> None:
    from controllers.complaints import entry as complaints

    estate = make_estate(app_ctx, "李子园小区")
    complaints.create_complaint(app_ctx, channel="来电", content="李子园小区楼道堆物，李子来电13912345678",
                                complainant_name="李子", complainant_phone="13912345678", estate_id=estate)
    exchange_export.export_package(app_ctx, tmp_path / "plain.zip")
    with zipfile.ZipFile(tmp_path / "plain.zip") as zf:
        rows = json.loads(zf.read("records/complaints.json"))
    assert [r["fields"]["content"] for r in rows] == ["李子园小区楼道堆物，李*来电139****5678"]
