"""One desk of the two-process concurrency test: saves cases, imports complaints, edits a shared case.

Run as `python -m tests.e2e.pg_desk URL DATA_DIR WORKBOOK ESTATE_ID CASE_ID CASES`. It waits at PostgreSQL
advisory locks the test holds, so both desks start each phase together without sleeping, and it prints one
JSON line per phase for the test to read.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from sqlalchemy import text

from controllers.cases import records as case_records
from controllers.complaints import importer as complaint_import
from controllers.core.context import AppContext
from controllers.core.errors import ConflictError
from controllers.core.paths import DataDir
from controllers.storage.opening import open_data_dir
from tests.unit.case_fixtures import category_id

START, EDIT = 9001, 9002  # advisory lock keys the test holds until both desks are ready for that phase


def wait_for(ctx: AppContext, key: int) -> None:
    """Block until the test releases its exclusive advisory lock `key` (a shared lock waits for it)."""
    with ctx.db.engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock_shared(:k)"), {"k": key})
        conn.execute(text("SELECT pg_advisory_unlock_shared(:k)"), {"k": key})


def say(**payload: object) -> None:
    print(json.dumps(payload), flush=True)


def main(argv: list[str]) -> int:
    url, data_dir, workbook, estate_id, case_id, count = argv
    ctx = open_data_dir(DataDir(Path(data_dir)), db_url=url, seed=False)
    try:
        say(phase="ready")
        wait_for(ctx, START)
        numbers = []
        cat = category_id(ctx, "C05")
        for i in range(int(count)):
            numbers.append(case_records.create_case(
                ctx, category_id=cat, estate_id=int(estate_id), source="巡查发现", found_date=date(2025, 3, 5),
                facts=f"5号楼顶违法搭建 {Path(data_dir).name} {i}").number)
            if i == int(count) // 2:  # the import runs while the other desk still numbers cases
                result = complaint_import.run_import(ctx, workbook)
        loaded = case_records.get_case(ctx, int(case_id))
        say(phase="loaded", numbers=numbers, imported=result.imported, errors=len(result.errors))
        wait_for(ctx, EDIT)
        try:
            case_records.update_case(ctx, int(case_id), expected_version=loaded.version,
                                     notes=f"由 {Path(data_dir).name} 修改")
            say(phase="edited", outcome="saved")
        except ConflictError as exc:
            say(phase="edited", outcome="conflict", message=exc.message)
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
