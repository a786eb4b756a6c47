"""CLI `supervision --json` (issue 20): the open 督办单 and the candidate groups of a data directory."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli import assert_refused, cli


def test_supervision_json_lists_every_rule_and_no_orders_on_a_new_station(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    assert cli("init", "--data-dir", data).returncode == 0
    result = cli("supervision", "--json", "--data-dir", data)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["orders"] == []
    assert [g["rule"] for g in out["candidates"]] == [
        "stale_case", "overdue_case", "referral", "complaint_overdue", "complaint_unsatisfied", "repeat_group",
        "action", "wrong_case"]
    assert all(g["total"] == 0 and g["items"] == [] for g in out["candidates"])
    text = cli("supervision", "--data-dir", data)
    assert text.returncode == 0 and "未办结的督办单：0 件" in text.stdout


def test_supervision_refuses_an_unknown_option_in_chinese(tmp_path: Path) -> None:
    assert_refused(cli("supervision", "--year", "x", "--data-dir", str(tmp_path / "data")))
