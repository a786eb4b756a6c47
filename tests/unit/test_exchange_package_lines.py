"""A package member's rows are read a block at a time and cut into lines by hand (issue 23: a readline per row was a
twentieth of a full import). Whatever the bytes and wherever a block ends, the lines are those of the member, and a
line of ROW_BYTES or more is refused as a readline(ROW_BYTES) found it: no real row is that long."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from controllers.exchange import package
from tests.unit.bad_input_kit import PROPERTY

LIMIT = 40  # ROW_BYTES for the test: long lines are easy to make


def _expected(data: bytes) -> list[bytes] | None:
    """The member's lines as readline(LIMIT) read them; None where that reading refused a line as too long."""
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()  # the newline that ends the last line starts no line of its own
    return None if any(len(line) >= LIMIT for line in lines) else lines


@PROPERTY
@given(data=st.lists(st.one_of(st.binary(max_size=60), st.sampled_from([b"\n", b"\n\n", b"]", b"[\n"])),
                     max_size=30).map(b"".join),
       block=st.integers(1, 50))
def test_lines_are_the_members_lines_whatever_the_block_size(monkeypatch: pytest.MonkeyPatch, data: bytes,
                                                              block: int) -> None:
    monkeypatch.setattr(package, "ROW_BYTES", LIMIT)
    monkeypatch.setattr(package, "READ_BLOCK", block)
    expected = _expected(data)
    if expected is None:
        with pytest.raises(ValueError):
            list(package.member_lines(io.BytesIO(data)))
    else:
        assert list(package.member_lines(io.BytesIO(data))) == expected


def test_a_line_without_end_is_refused_before_it_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    class Endless(io.RawIOBase):
        given = 0

        def readable(self) -> bool:
            return True

        def readinto(self, b: Any) -> int:
            b[:] = b"x" * len(b)
            Endless.given += len(b)
            return len(b)

    monkeypatch.setattr(package, "READ_BLOCK", 1000)
    with pytest.raises(ValueError):
        list(package.member_lines(io.BufferedReader(Endless())))
    assert package.ROW_BYTES <= Endless.given <= package.ROW_BYTES + 1024 * 1024  # read up to the limit, no further
