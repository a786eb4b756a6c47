"""Deleting a patrol, a meeting or a training takes its attachments' stored files out of the store once the
deletion committed, and only files no other record uses; a deletion that fails keeps every file
(the rows are back, their files too)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from controllers.core.errors import ValidationError
from controllers.inspections import findings, patrols
from controllers.meetings import records as meetings
from controllers.storage import attachments as att
from controllers.trainings import records as trainings
from controllers.trainings.common import kind_choices
from tests.unit.inspection_fixtures import graded_estate, morning_patrol
from tests.unit.test_attachments import tiny_png


def _photo(tmp_path: Path, name: str, colour: tuple[int, int, int]) -> Path:
    path = tmp_path / name
    path.write_bytes(tiny_png(colour))
    return path


def _stored(ctx, info: att.AttachmentInfo) -> Path:
    return att.stored_path(ctx, info.sha256)


def test_deleting_a_patrol_removes_its_findings_photos_no_one_else_uses(app_ctx, pin_clock, tmp_path) -> None:
    pin_clock(date(2025, 3, 10))
    route = [graded_estate(app_ctx, "梅岭小区", "A"), graded_estate(app_ctx, "桃源小区", "B")]
    patrol = morning_patrol(app_ctx, route)
    found = patrol.findings
    own = att.store_attachment(app_ctx, source_path=_photo(tmp_path, "roof.png", (10, 200, 10)), owner="finding",
                               owner_id=found[0].id, kind="照片")
    shared_file = _photo(tmp_path, "gate.png", (10, 10, 200))
    shared = att.store_attachment(app_ctx, source_path=shared_file, owner="finding", owner_id=found[1].id,
                                  kind="照片")
    other = morning_patrol(app_ctx, route[:1], kind="日常巡查", officer=patrol.officer_ids[0])
    att.store_attachment(app_ctx, source_path=shared_file, owner="finding", owner_id=other.findings[0].id,
                         kind="照片")  # the same picture kept with another patrol's finding
    assert _stored(app_ctx, own).exists() and _stored(app_ctx, shared).exists()

    patrols.delete_patrol(app_ctx, patrol.id)
    assert not _stored(app_ctx, own).exists()
    assert _stored(app_ctx, shared).exists()  # still the other patrol's photo
    kept = att.list_attachments(app_ctx, owner="finding", owner_id=other.findings[0].id)
    assert [a.sha256 for a in kept] == [shared.sha256]


def test_a_refused_patrol_deletion_keeps_its_photos(app_ctx, pin_clock, tmp_path) -> None:
    pin_clock(date(2025, 3, 10))
    patrol = morning_patrol(app_ctx, [graded_estate(app_ctx, "梅岭小区", "A")])
    photo = att.store_attachment(app_ctx, source_path=_photo(tmp_path, "roof.png", (10, 200, 10)), owner="finding",
                                 owner_id=patrol.findings[1].id, kind="照片")
    findings.finding_to_case(app_ctx, patrol.findings[0].id)  # a case points at the patrol now
    with pytest.raises(ValidationError):
        patrols.delete_patrol(app_ctx, patrol.id)
    assert _stored(app_ctx, photo).exists()


def test_a_patrol_deletion_that_fails_on_commit_keeps_the_files(app_ctx, pin_clock, tmp_path, monkeypatch) -> None:
    """The files go only after the commit: a commit that fails leaves rows and files as they were."""
    pin_clock(date(2025, 3, 10))
    patrol = morning_patrol(app_ctx, [graded_estate(app_ctx, "梅岭小区", "A")])
    photo = att.store_attachment(app_ctx, source_path=_photo(tmp_path, "roof.png", (10, 200, 10)), owner="finding",
                                 owner_id=patrol.findings[1].id, kind="照片")

    def failing_commit(self) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Session, "commit", failing_commit)
    with pytest.raises(OSError):
        patrols.delete_patrol(app_ctx, patrol.id)
    monkeypatch.undo()
    assert _stored(app_ctx, photo).exists()
    assert patrols.get_patrol(app_ctx, patrol.id).id == patrol.id


def test_deleting_a_meeting_removes_its_attachments_files(app_ctx, tmp_path) -> None:
    keep = meetings.create_meeting(app_ctx, kind="例会", held_on=date(2025, 6, 1), title="6月例会")
    gone = meetings.create_meeting(app_ctx, kind="例会", held_on=date(2025, 7, 1), title="7月例会")
    sheet = _photo(tmp_path, "signin.png", (200, 10, 10))
    only = att.store_attachment(app_ctx, source_path=_photo(tmp_path, "minutes.png", (90, 90, 10)),
                                owner="meeting", owner_id=gone.id, kind="材料")
    both = att.store_attachment(app_ctx, source_path=sheet, owner="meeting", owner_id=gone.id, kind="材料")
    att.store_attachment(app_ctx, source_path=sheet, owner="meeting", owner_id=keep.id, kind="材料")

    meetings.delete_meeting(app_ctx, gone.id)
    assert not _stored(app_ctx, only).exists()
    assert _stored(app_ctx, both).exists()  # the June meeting keeps the same sign-in sheet
    meetings.delete_meeting(app_ctx, keep.id)
    assert not _stored(app_ctx, both).exists()


def _training(ctx, title: str) -> trainings.TrainingDetail:
    kind = next(k for k, name in kind_choices(ctx) if name == "社区守法小讲堂")
    return trainings.create_training(ctx, trainings.TrainingInput(
        kind_id=kind, title=title, starts_at=datetime(2025, 3, 5, 9, 0), ends_at=datetime(2025, 3, 5, 11, 0)))


def test_deleting_a_training_removes_its_attachments_files(app_ctx, tmp_path) -> None:
    keep = _training(app_ctx, "垃圾分类培训")
    gone = _training(app_ctx, "违法搭建培训")
    slides = _photo(tmp_path, "slides.png", (20, 120, 200))
    only = att.store_attachment(app_ctx, source_path=_photo(tmp_path, "photo.png", (200, 120, 20)),
                                owner="training", owner_id=gone.id, kind="照片")
    both = att.store_attachment(app_ctx, source_path=slides, owner="training", owner_id=gone.id, kind="材料")
    att.store_attachment(app_ctx, source_path=slides, owner="training", owner_id=keep.id, kind="材料")

    trainings.delete_training(app_ctx, gone.id)
    assert not _stored(app_ctx, only).exists()
    assert _stored(app_ctx, both).exists()  # the other training keeps the same slides
    assert [a.sha256 for a in att.list_attachments(app_ctx, owner="training", owner_id=keep.id)] == [both.sha256]
    trainings.delete_training(app_ctx, keep.id)
    assert not _stored(app_ctx, both).exists()


def test_a_patrol_line_left_out_on_editing_takes_its_photo_file(app_ctx, pin_clock, tmp_path) -> None:
    pin_clock(date(2025, 3, 10))
    route = [graded_estate(app_ctx, "梅岭小区", "A"), graded_estate(app_ctx, "桃源小区", "B")]
    patrol = morning_patrol(app_ctx, route)
    dropped, kept = patrol.findings[2], patrol.findings[0]  # 桃源小区's only finding, 梅岭小区's first
    gone = att.store_attachment(app_ctx, source_path=_photo(tmp_path, "hall.png", (10, 200, 10)), owner="finding",
                                owner_id=dropped.id, kind="照片")
    stays = att.store_attachment(app_ctx, source_path=_photo(tmp_path, "roof.png", (200, 10, 10)), owner="finding",
                                 owner_id=kept.id, kind="照片")
    first = patrol.visits[0]
    data = patrols.PatrolInput(  # the same patrol with 桃源小区 left out
        started_at=datetime(2025, 3, 4, 9, 30), kind=patrol.kind, officer_ids=patrol.officer_ids,
        visits=(patrols.VisitInput(first.estate_id, first.met, tuple(
            patrols.CheckInput(c.category_id, c.result, place=c.place, note=c.note) for c in first.checks)),),
        notes=patrol.notes)
    patrols.update_patrol(app_ctx, patrol.id, data)
    assert not _stored(app_ctx, gone).exists()
    assert _stored(app_ctx, stays).exists()
