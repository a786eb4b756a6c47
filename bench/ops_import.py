"""complaint_import_10k_s: import a messy 10,000-row 12345 export into the cached 200k-complaint data directory.

The file imitates real exports (title row merged over the header, dates as text in three forms and as Excel
dates, full-width and spaced phones, blank rows, work orders exported twice, a few broken rows). The import
runs as a dry run: the whole transaction (parse, match, insert, reindex, repeat detection) is done and then
rolled back, so the cached data stays as it was; only the final COMMIT is not timed.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from bench import BenchEnv, operation, timer

ROWS = 10_000
HEADER = ["工单编号", "受理时间", "诉求渠道", "诉求人", "联系电话", "诉求地址", "所属街镇", "诉求类别", "诉求内容",
          "办理时限", "办理状态"]
STATUSES = ["待签收", "办理中", "已办结", "已回访"]
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def _phone(rng: random.Random) -> str:
    digits = "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))
    form = rng.random()
    if form < 0.1:
        return digits.translate(_FULL)
    if form < 0.2:
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    return digits


def _when(rng: random.Random, at: datetime) -> object:
    form = rng.randrange(4)
    if form == 0:
        return f"{at.year}年{at.month}月{at.day}日 {at.hour:02d}:{at.minute:02d}"
    if form == 1:
        return at.strftime("%Y/%m/%d %H:%M:%S")
    if form == 2:
        return at.strftime("%Y-%m-%d %H:%M")
    return at


def generate(path: Path, estates: list[tuple[str, str]], categories: list[str], *, rows: int = ROWS) -> None:
    """Write the messy export (reproducible: fixed seed)."""
    from openpyxl import Workbook

    rng = random.Random(12345)
    wb = Workbook()
    ws = wb.active
    ws.append(["普陀区 12345 市民服务热线工单导出"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(HEADER)
    start = datetime(2025, 1, 1)
    written: list[list[object]] = []
    for i in range(rows):
        if written and rng.random() < 0.01:
            ws.append(list(rng.choice(written)))  # the same work order exported twice
            continue
        if rng.random() < 0.005:
            ws.append([None] * len(HEADER))
            continue
        estate, street = rng.choice(estates)
        at = start + timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        category = rng.choice(categories)
        row: list[object] = [
            f"BENCH{2025_000000 + i}", _when(rng, at), "12345热线", rng.choice("王李张刘陈杨黄赵吴周") + "先生",
            _phone(rng), f"  上海市普陀区{estate}{rng.randint(1, 60)}号 ", street, category,
            f"{estate}{rng.randint(1, 60)}号 反映{category}问题，请尽快处理。", at.date() + timedelta(days=7),
            rng.choice(STATUSES),
        ]
        if rng.random() < 0.003:
            row[1] = "日期不详"
        written.append(row)
        ws.append(row)
    wb.save(path)


@operation("complaint_import_10k_s", runs=3)
def complaint_import_10k(env: BenchEnv) -> float:
    from sqlalchemy import select

    from controllers.complaints.importer import run_import
    from models.reference import Category, Estate, Street

    ctx = env.context()
    path = env.data_dir.parent / f"complaint_import_{ROWS // 1000}k.xlsx"
    if not path.exists():
        with ctx.db.session() as s:
            estates = [(e, st) for e, st in s.execute(select(Estate.name, Street.name).join(Street))]
            categories = list(s.scalars(select(Category.name)))
        generate(path, estates, categories)
    with timer() as t:
        result = run_import(ctx, path, dry_run=True)
    assert result.imported > ROWS * 0.9, result
    return t.ms
