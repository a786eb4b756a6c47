"""CLI `supervision --json` (issue 20): the open 督办单 and the candidate groups of a data directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.test_cli import assert_refused, cli, small_demo


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


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    return small_demo(tmp_path_factory, "supervision")


def test_demo_orders_narrow_to_a_scope(demo: str) -> None:
    everything = json.loads(cli("supervision", "--json", "--view", "district", "--data-dir", demo).stdout)
    assert everything["orders"] and any(o["overdue"] for o in everything["orders"])
    streets = json.loads(cli("assessment", "--year", "2025", "--json", "--data-dir", demo).stdout)["streets"]
    per_street = []
    for street in streets:
        result = cli("supervision", "--json", "--scope", f"street:{street['name']}", "--data-dir", demo)
        assert result.returncode == 0, result.stderr
        per_street += [o["number"] for o in json.loads(result.stdout)["orders"]]
    # Every order is on a case, so each lies in exactly one street.
    assert sorted(per_street) == sorted(o["number"] for o in everything["orders"])


def test_warnings_json_explains_each_flag_and_narrows_to_a_scope(demo: str) -> None:
    result = cli("warnings", "--json", "--data-dir", demo)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["estates"] and out["widespread"]
    flag = out["estates"][0]
    assert set(flag) == {"key", "source", "estate", "category", "recent", "before", "last_year", "why"}
    assert f"{flag['recent']} 件" in flag["why"] and "预警线" in flag["why"]
    assert set(out["widespread"][0]["estates"]) <= {w["estate"] for w in out["estates"]}
    one = json.loads(cli("warnings", "--json", "--scope", f"estate:{flag['estate']}", "--data-dir", demo).stdout)
    assert {w["estate"] for w in one["estates"]} == {flag["estate"]} and one["widespread"] == []
    text = cli("warnings", "--data-dir", demo)
    assert text.returncode == 0 and "普遍性难点" in text.stdout and flag["estate"] in text.stdout


@pytest.mark.parametrize("command", ["supervision", "warnings"])
@pytest.mark.parametrize("args", [["--scope", "estate:没有这个小区"], ["--scope", "planet:x"], ["--view", "moon"]])
def test_bad_scope_or_view_is_refused_in_chinese(demo: str, command: str, args: list[str]) -> None:
    assert_refused(cli(command, *args, "--json", "--data-dir", demo))
