"""Exchange packages from the command line: export, import, a deletion that travels, and a conflict decided."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from pathlib import Path

from sqlalchemy import select

from controllers.core.paths import DataDir
from controllers.meetings import actions as ma
from controllers.meetings import records as mt
from controllers.storage.opening import open_data_dir
from models.meetings import Meeting, MeetingAction
from tests.e2e.test_cli import assert_refused, cli


def _station(root: Path) -> Path:
    assert cli("--data-dir", str(root), "init").returncode == 0
    return root


def _do(root: Path, work) -> None:  # type: ignore[no-untyped-def]
    ctx = open_data_dir(DataDir(root))
    try:
        work(ctx)
    finally:
        ctx.close()


def _titles(root: Path) -> list[str]:
    ctx = open_data_dir(DataDir(root))
    try:
        with ctx.db.session() as s:
            return list(s.scalars(select(Meeting.title)))
    finally:
        ctx.close()


def _ok(*args: str) -> str:
    result = cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_packages_carry_a_deletion_and_a_conflict_is_listed_and_decided(tmp_path: Path) -> None:
    a, b = _station(tmp_path / "a"), _station(tmp_path / "b")
    _do(a, lambda ctx: mt.create_meeting(ctx, kind="例会", held_on=date(2025, 3, 5), title="三月例会",
                                         actions=[ma.ActionInput("清理楼道堆物")]))
    _do(a, lambda ctx: mt.create_meeting(ctx, kind="例会", held_on=date(2025, 4, 2), title="四月例会"))
    out = _ok("--data-dir", str(a), "export-package", "-o", str(tmp_path / "1.zip"))
    assert "交换包已导出" in out and "不含个人信息" in out
    assert "新增" in _ok("--data-dir", str(b), "import-package", str(tmp_path / "1.zip"))
    assert sorted(_titles(b)) == ["三月例会", "四月例会"]

    # A deletes both meetings; B had ticked off the action item of the first one meanwhile.
    def tick(ctx) -> None:  # type: ignore[no-untyped-def]
        with ctx.db.session() as s:
            action_id = s.scalars(select(MeetingAction.id)).one()
        ma.mark_action_done(ctx, action_id)

    def delete_all(ctx) -> None:  # type: ignore[no-untyped-def]
        with ctx.db.session() as s:
            ids = list(s.scalars(select(Meeting.id)))
        for meeting_id in ids:
            mt.delete_meeting(ctx, meeting_id)

    _do(b, tick)
    _do(a, delete_all)
    out = _ok("--data-dir", str(a), "export-package", "--since", "2020-01-01", "-o", str(tmp_path / "2.zip"))
    assert "3 条删除" in out  # two meetings and the action item that went with the first
    out = _ok("--data-dir", str(b), "import-package", str(tmp_path / "2.zip"))
    assert "删除 1 条" in out and "冲突 1 条" in out and "三月例会（对方已删除）" in out
    assert _titles(b) == ["三月例会"]
    listed = json.loads(_ok("--data-dir", str(b), "exchange-conflicts", "--json"))
    assert [(c["label"], c["kind"]) for c in listed] == [("三月例会", "对方已删除")]
    text = _ok("--data-dir", str(b), "exchange-conflicts")
    assert "对方删除于" in text and "本地修改于" in text
    assert "采用对方" in _ok("--data-dir", str(b), "exchange-conflicts", "--take-theirs", str(listed[0]["id"]))
    assert _titles(b) == []


def test_bad_packages_end_in_one_chinese_line_and_exit_2_and_a_good_one_names_its_backup(tmp_path: Path) -> None:
    """Issue 16: a crafted package changes nothing at the command line either; an import says where the data as it
    was before is backed up."""
    a, b = _station(tmp_path / "a"), _station(tmp_path / "b")
    _do(a, lambda ctx: mt.create_meeting(ctx, kind="例会", held_on=date(2025, 3, 5), title="三月例会"))
    _ok("--data-dir", str(a), "export-package", "-o", str(tmp_path / "good.zip"))
    with zipfile.ZipFile(tmp_path / "good.zip") as zf:
        content = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(content["manifest.json"])
    crafted = {
        "not_a_zip": None,
        "flag_no": {**content, "manifest.json": json.dumps({**manifest, "with_personal_data": "no"}).encode()},
        "future": {**content, "manifest.json": json.dumps({**manifest, "exported_at": "9999-12-31T23:59:59"}).encode()},
        "outside": {**content, "../outside.txt": b"x"},
    }
    for name, members in crafted.items():
        path = tmp_path / f"{name}.zip"
        if members is None:
            path.write_bytes(b"not a zip at all")
        else:
            with zipfile.ZipFile(path, "w") as zf:
                for member, data in members.items():
                    zf.writestr(member, data)
        assert_refused(cli("--data-dir", str(b), "import-package", str(path)))
        assert _titles(b) == [] and not list((b / "backups").glob("*-import-导入交换包前.zip"))
    out = _ok("--data-dir", str(b), "import-package", str(tmp_path / "good.zip"))
    saved = next((b / "backups").glob("*-import-导入交换包前.zip"))
    assert f"导入前的数据已备份到：{saved}" in out and _titles(b) == ["三月例会"]
