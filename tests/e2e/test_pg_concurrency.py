"""Two desks (processes) on one PostgreSQL server: every record kept, gapless case numbers, conflicts reported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text

from controllers.cases import records as case_records
from controllers.core.context import AppContext
from models.cases import Case
from models.complaints import Complaint
from tests.e2e.pg_desk import EDIT, START
from tests.unit.case_fixtures import make_estate, new_case

pytestmark = pytest.mark.postgresql

REPO = Path(__file__).resolve().parents[2]
CASES_PER_DESK = 12
COMPLAINTS_PER_DESK = 15
HEADER = ["工单编号", "受理时间", "诉求人", "联系电话", "诉求地址", "所属街镇", "诉求类别", "诉求内容", "办理时限",
          "办理状态"]


SHARED_ORDERS = 5  # work orders both desks import (the same 12345 export reached both)


def _workbook(path: Path, prefix: str) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    orders = [f"{prefix}{i:04d}" for i in range(COMPLAINTS_PER_DESK)] + [f"GDS{i:04d}" for i in range(SHARED_ORDERS)]
    for i, order in enumerate(orders):
        ws.append([order, "2025-03-05 09:05", "张三", "13812345678", f"梅川小区{i}号", "长征镇", "群租",
                   f"疑似群租 {order}", "2025-03-12", "待签收"])
    wb.save(path)
    return path


def _read(proc: subprocess.Popen[str], phase: str) -> dict:
    line = proc.stdout.readline() if proc.stdout else ""
    if not line:
        proc.wait(timeout=60)
        raise AssertionError(f"desk ended before {phase!r}: {proc.stderr.read() if proc.stderr else ''}")
    payload = json.loads(line)
    assert payload["phase"] == phase, payload
    return payload


def test_two_desks_keep_every_record_number_without_gaps_and_report_the_conflicting_edit(
        app_ctx: AppContext, pg_url: str, tmp_path: Path) -> None:
    estate = make_estate(app_ctx)
    shared = new_case(app_ctx, estate)  # case 0001: both desks will edit it from the same loaded version
    desks = []
    with app_ctx.db.engine.connect() as gate:
        # The test holds both phase locks, so neither desk starts a phase before the other is ready for it.
        gate.execute(text("SELECT pg_advisory_lock(:a), pg_advisory_lock(:b)"), {"a": START, "b": EDIT})
        gate.commit()
        for name in ("desk-a", "desk-b"):
            book = _workbook(tmp_path / f"{name}.xlsx", prefix=f"GD{name[-1].upper()}")
            desks.append(subprocess.Popen(
                [sys.executable, "-m", "tests.e2e.pg_desk", pg_url, str(tmp_path / name), str(book), str(estate),
                 str(shared.id), str(CASES_PER_DESK)],
                cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        try:
            for desk in desks:
                _read(desk, "ready")
            gate.execute(text("SELECT pg_advisory_unlock(:a)"), {"a": START})
            loaded = [_read(desk, "loaded") for desk in desks]
            gate.execute(text("SELECT pg_advisory_unlock(:b)"), {"b": EDIT})
            edited = [_read(desk, "edited") for desk in desks]
        finally:
            for desk in desks:
                try:
                    desk.wait(timeout=60)
                finally:
                    desk.kill()
    assert [d.returncode for d in desks] == [0, 0], [d.stderr.read() if d.stderr else "" for d in desks]

    with app_ctx.db.session() as s:
        seqs = sorted(s.scalars(select(Case.seq)))
        complaints = s.scalar(select(func.count()).select_from(Complaint))
    total = 1 + 2 * CASES_PER_DESK
    assert seqs == list(range(1, total + 1)), "case numbers have gaps or duplicates"
    numbers = [n for d in loaded for n in d["numbers"]]
    assert len(set(numbers)) == 2 * CASES_PER_DESK
    # Each shared work order is kept once: whichever desk imported it first, the other found it a duplicate.
    assert sum(d["imported"] for d in loaded) == 2 * COMPLAINTS_PER_DESK + SHARED_ORDERS
    assert complaints == 2 * COMPLAINTS_PER_DESK + SHARED_ORDERS

    # Exactly one edit wins; the other desk is told clearly instead of overwriting it.
    assert sorted(e["outcome"] for e in edited) == ["conflict", "saved"]
    conflict = next(e for e in edited if e["outcome"] == "conflict")
    assert "修改" in conflict["message"] or "保存" in conflict["message"]
    final = case_records.get_case(app_ctx, shared.id)
    assert final.version == shared.version + 1
