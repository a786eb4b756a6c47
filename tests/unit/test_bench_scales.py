"""The bench's --scale presets, the per-size results it keeps, and the ratio column it prints (nothing timed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.__main__ import parse_args, report, save_results
from bench.scales import SCALES, demo_params, load_results, ratio, results_label, results_path, startup_note


def params_of(*argv: str) -> dict[str, int]:
    args = parse_args(list(argv))
    return demo_params(args.scale, {"cases": args.cases, "complaints": args.complaints, "trainings": args.trainings})


def test_station_is_the_default_and_district_is_ten_stations():
    assert params_of() == {"cases": 100_000, "complaints": 200_000, "trainings": 500}
    assert params_of("--scale", "station") == params_of()
    assert params_of("--scale", "district") == {"cases": 1_000_000, "complaints": 2_000_000, "trainings": 2_000}


def test_sizes_given_on_the_command_line_override_the_preset():
    assert params_of("--scale", "district", "--cases", "5000") == {
        "cases": 5000, "complaints": 2_000_000, "trainings": 2_000}
    assert params_of("--complaints", "0", "--trainings", "7") == {"cases": 100_000, "complaints": 0, "trainings": 7}


@pytest.mark.parametrize("argv", [["--scale", "city"], ["--cases", "-1"], ["--runs", "0"], ["--cases", "many"]])
def test_bad_arguments_stop_with_usage(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        parse_args(argv)
    assert stop.value.code == 2
    assert argv[0] in capsys.readouterr().err  # names the argument it refused (in whichever language)


def test_each_size_keeps_its_own_results_file():
    assert results_label(SCALES["station"], server=False) == "station"
    assert results_label(SCALES["district"], server=False) == "district"
    assert results_label({"cases": 5, "complaints": 6, "trainings": 7}, server=False) == "5-6-7"
    # A PostgreSQL run never becomes the SQLite reference the ratios are taken against.
    assert results_label(SCALES["station"], server=True) == "postgresql-station"


def test_a_partial_run_updates_only_the_operations_it_timed(tmp_path: Path):
    path = results_path(tmp_path, "district")
    save_results(path, {"case_search_ms": {"median_ms": 300.0, "runs": 5}, "rss_mb": 350.0})
    save_results(path, {"case_search_ms": {"median_ms": 90.0, "runs": 5}})
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert kept == {"case_search_ms": {"median_ms": 90.0, "runs": 5}, "rss_mb": 350.0}
    assert load_results(path) == kept


def test_unreadable_results_are_no_reference(tmp_path: Path):
    assert load_results(tmp_path / "missing.json") == {}
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert load_results(broken) == {}
    broken.write_text("[1, 2]", encoding="utf-8")
    assert load_results(broken) == {}


def test_ratio_is_against_the_same_operation_at_station_scale():
    station = {"case_search_ms": {"median_ms": 40.0, "runs": 5}, "rss_mb": 200.0, "zero_ms": {"median_ms": 0}}
    assert ratio({"median_ms": 100.0, "runs": 5}, station, "case_search_ms") == "×2.50"
    assert ratio(300.0, station, "rss_mb") == "×1.50"
    assert ratio({"median_ms": 5.0}, station, "new_op_ms") == ""  # not timed at station scale yet
    assert ratio({"median_ms": 5.0}, station, "zero_ms") == ""
    assert ratio(True, station, "rss_mb") == ""


def test_report_prints_each_figure_with_its_ratio_and_start_up_beside_a_bare_window():
    results = {"bare_window_ms": {"median_ms": 180.0, "runs": 5}, "startup_ms": {"median_ms": 540.0, "runs": 5},
               "case_search_ms": {"median_ms": 80.0, "runs": 5}, "rss_mb": 380.0}
    station = {"startup_ms": {"median_ms": 500.0, "runs": 5}, "case_search_ms": {"median_ms": 40.0, "runs": 5},
               "rss_mb": 190.0}
    lines = report(results, {"case_search_ms": "min 70.0, max 90.0"}, station, "×station")
    assert "×station" in lines[0]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert "×2.00" in rows["case_search_ms"] and "min 70.0, max 90.0" in rows["case_search_ms"]
    assert "×1.08" in rows["startup_ms"]
    assert "bare PySide6 window 180 ms, app ×3.0" in rows["startup_ms"]
    assert "×2.00" in rows["rss_mb"]
    assert startup_note({"startup_ms": {"median_ms": 540.0}}) == ""  # no bare window timed in this run


def test_the_machine_reference_times_real_work_and_takes_the_best_of_its_rounds(monkeypatch):
    """machine_ms (bench/machine.py) is the yardstick printed beside every run: the best of its rounds, in ms."""
    from bench import machine

    ticks = iter([0.0, 0.5, 1.0, 1.2, 2.0, 2.9])  # rounds of 500, 200 and 900 ms
    monkeypatch.setattr(machine.time, "perf_counter", lambda: next(ticks))
    assert machine.machine_ms(rounds=3) == 200.0
    assert machine._work() > 0
