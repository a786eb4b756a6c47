"""A package member is written in blocks of rows (issue 23: one write per row was a fifth of a full export); the
member must still be the row-per-line JSON array the reader takes a line at a time, whatever the row count."""

from __future__ import annotations

import io
import json
import uuid
from datetime import datetime

import pytest

from controllers.exchange.export import WRITE_BLOCK_ROWS, write_rows
from controllers.exchange.schema import PortableRow

STAMP = datetime(2025, 3, 1, 8, 30)


def street(n: int) -> PortableRow:
    return PortableRow(table="streets", uuid=uuid.UUID(int=n + 1), created_at=STAMP, updated_at=STAMP,
                       fields={"name": f"第{n}街道"}, refs={})


@pytest.mark.parametrize("count", [0, 1, WRITE_BLOCK_ROWS - 1, WRITE_BLOCK_ROWS, WRITE_BLOCK_ROWS + 1,
                                   3 * WRITE_BLOCK_ROWS + 7])
def test_every_row_is_one_line_of_one_json_array(count: int):
    out = io.BytesIO()
    assert write_rows(out, (street(n).to_json() for n in range(count))) == count
    data = out.getvalue()
    assert json.loads(data) == [street(n).to_json() for n in range(count)]
    if not count:
        assert data == b"[]"
        return
    lines = data.split(b"\n")
    assert lines[0] == b"[" and lines[-1] == b"]" and len(lines) == count + 2  # "[", a line per row, "]"
    assert all(line.endswith(b",") for line in lines[1:-2]) and not lines[-2].endswith(b",")


def test_rows_reach_the_member_in_blocks_not_one_write_a_row():
    class Counting(io.BytesIO):
        writes = 0

        def write(self, b):  # type: ignore[override]
            Counting.writes += 1
            return super().write(b)

    out = Counting()
    write_rows(out, (street(n).to_json() for n in range(10 * WRITE_BLOCK_ROWS)))
    assert Counting.writes <= 11
