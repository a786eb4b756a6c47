"""`python -m bench`: build (or reuse) the demo data directory, time every registered operation, report."""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import pkgutil
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import bench
from bench import OPERATIONS, ROOT, BenchEnv, rss_mb, self_rss_mb
from bench.machine import machine_ms
from bench.scales import (
    DEFAULT_SCALE,
    REFERENCE_SCALE,
    SCALES,
    demo_params,
    load_results,
    ratio,
    results_label,
    results_path,
    startup_note,
)
from controllers.core.clock import local_now
from controllers.core.errors import UserError

CACHE = ROOT / ".bench-cache"
SEED = 1
# A change to any of these makes a different demo database, so it gets a new cache entry.
# (tests/unit/test_bench_cache.py checks each pattern still matches files, so a move of the code cannot silently
# freeze the cache key.)
CACHE_INPUTS = ["controllers/demo/*.py", "models/*.py", "models/migrations/versions/*.py", "resources/seed/*.json"]


def cache_key(params: dict[str, int]) -> str:
    digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode())
    for pattern in CACHE_INPUTS:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def build_demo(params: dict[str, int]) -> tuple[Path, dict[str, Any]]:
    """The cached demo data directory for these parameters, built now if missing or incomplete."""
    folder = CACHE / cache_key(params)
    meta_file = folder / "meta.json"
    if meta_file.exists():
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        return folder / "data", {**meta, "cached": True}
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(folder, ignore_errors=True)
    tmp.mkdir(parents=True)
    print(f"building demo data {params} in {folder} ...", file=sys.stderr)
    meta = run_demo(tmp / "data", params)
    (tmp / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    tmp.rename(folder)  # only a complete build ever has the final name
    return folder / "data", {**meta, "cached": False}


def run_demo(data_dir: Path, params: dict[str, int], *, db_url: str | None = None) -> dict[str, Any]:
    """Run `main.py demo` into this data dir (or server database); its timing and peak memory."""
    args = [sys.executable, str(ROOT / "main.py"), "demo", "--data-dir", str(data_dir), "--seed", str(SEED)]
    for name, value in params.items():
        args += [f"--{name}", str(value)]
    env = {k: v for k, v in os.environ.items() if k != "STATION_LEDGER_DB"}
    if db_url:  # through the environment: a password in the URL stays out of the process list
        env["STATION_LEDGER_DB"] = db_url
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    for line in proc.stderr:  # the generator's progress, indented
        sys.stderr.write("  " + line)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if code != 0:
        raise SystemExit(f"demo generation failed (exit {code})")
    return {"params": params, "seed": SEED, "demo_generate_s": round(seconds, 2), "demo_rss_mb": rss_mb(usage),
            "built_at": local_now().strftime("%Y-%m-%d %H:%M:%S")}


def build_server_demo(url: str, params: dict[str, int]) -> tuple[Path, dict[str, Any]]:
    """A desk's data dir for the server database at `url`; demo data is generated into the database if it is empty.

    The data dir (logs, server.json naming a shared attachments folder) is cached per database and parameters.
    A database that already holds cases is used as it is (the figures then describe that data).
    """
    from controllers.core.errors import UserError
    from controllers.core.paths import DataDir
    from controllers.storage import connection, server_config
    from controllers.storage.opening import open_data_dir
    from controllers.storage.overview import data_info

    try:
        shown = connection.shown_url(connection.parse_server_url(url))
    except UserError as exc:
        raise SystemExit(exc.message) from None
    key = hashlib.sha256(f"{shown}|{cache_key(params)}".encode()).hexdigest()[:16]
    folder = CACHE / f"server-{key}"
    data_dir = DataDir(folder / "data")
    shared = folder / "attachments"
    shared.mkdir(parents=True, exist_ok=True)
    data_dir.root.mkdir(parents=True, exist_ok=True)
    server_config.save(data_dir, server_config.ServerConfig(attachments_dir=str(shared)))
    try:
        ctx = open_data_dir(data_dir, db_url=connection.connect_target(server_config.choose_target(
            data_dir, option=url, environ={})))
    except UserError as exc:
        raise SystemExit(exc.message) from None
    try:
        cases = data_info(ctx).counts.get("cases", 0)
    finally:
        ctx.close()
    meta_file = folder / "meta.json"
    if cases and meta_file.exists():
        return data_dir.root, {**json.loads(meta_file.read_text(encoding="utf-8")), "cached": True}
    if cases:
        print(f"{shown} already holds {cases} cases: timing on that data", file=sys.stderr)
        return data_dir.root, {"params": params, "demo_generate_s": 0.0, "cached": True, "built_at": "(existing)"}
    print(f"building demo data {params} in {shown} ...", file=sys.stderr)
    meta = run_demo(data_dir.root, params, db_url=url)
    meta_file.write_text(json.dumps({**meta, "database": shown}, indent=2), encoding="utf-8")
    return data_dir.root, {**meta, "cached": False}


def load_operations() -> None:
    """Import every bench/ops_*.py so their @operation decorators register."""
    for info in pkgutil.iter_modules(bench.__path__):
        if info.name.startswith("ops_"):
            importlib.import_module(f"bench.{info.name}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Time Station Ledger operations.")
    sizes = ", ".join(f"{name} {p['cases']:,}/{p['complaints']:,}/{p['trainings']:,}" for name, p in SCALES.items())
    parser.add_argument("--scale", choices=tuple(SCALES), default=DEFAULT_SCALE,
                        help=f"demo size, cases/complaints/trainings ({sizes}); default {DEFAULT_SCALE}")
    parser.add_argument("--cases", type=int, help="override the scale's number of cases")
    parser.add_argument("--complaints", type=int, help="override the scale's number of complaints")
    parser.add_argument("--trainings", type=int, help="override the scale's number of trainings")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this operation (repeatable)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--db", metavar="URL", help="time on this PostgreSQL database (postgresql+psycopg://user@host"
                        "/dbname; the password from ~/.pgpass); demo data is generated into it when it is empty")
    args = parser.parse_args(argv)
    for name in ("cases", "complaints", "trainings", "runs"):
        value = getattr(args, name)
        if value is not None and value < (1 if name == "runs" else 0):
            parser.error(f"--{name} must be {'at least 1' if name == 'runs' else 'zero or more'}")
    return args


def report(results: dict[str, Any], notes: dict[str, str], reference: dict[str, Any], against: str) -> list[str]:
    """The printed table: each figure, its ratio to the same operation in the reference results, and a note."""
    lines = [f"{'operation':<24}{'median ms':>12}{'runs':>6}{against:>12}  note"]
    for name, value in results.items():
        if isinstance(value, dict):
            note = notes.get(name, "")
            if name == "startup_ms" and startup_note(results):
                note = f"{note}; {startup_note(results)}" if note else startup_note(results)
            lines.append(f"{name:<24}{value['median_ms']:>12.1f}{value['runs']:>6}"
                         f"{ratio(value, reference, name):>12}  {note}")
        elif isinstance(value, (int, float)):
            lines.append(f"{name:<24}{value:>12.1f}{'':>6}{ratio(value, reference, name):>12}  {notes.get(name, '')}")
    return lines


def save_results(path: Path, results: dict[str, Any]) -> None:
    """Keep the newest figure of each operation at this size: a run with --only updates just the ones it timed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = {**load_results(path), **results}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(kept, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    params = demo_params(args.scale, {"cases": args.cases, "complaints": args.complaints,
                                      "trainings": args.trainings})

    data_dir, meta = build_server_demo(args.db, params) if args.db else build_demo(params)
    results: dict[str, Any] = {
        "demo_generate_s": {"median_ms": round(meta["demo_generate_s"] * 1000, 1), "runs": 1,
                            "seconds": meta["demo_generate_s"], "cached": meta["cached"]},
    }
    notes = {"demo_generate_s": f"{meta['demo_generate_s']:.1f} s" + (f", cached from {meta['built_at']}"
                                                                       if meta["cached"] else "")}
    load_operations()
    env = BenchEnv(data_dir=data_dir, params=params, db_url=args.db)
    failed: list[str] = []
    speed = [machine_ms()]  # the machine's speed before and after the operations (bench/machine.py)
    try:
        for op in OPERATIONS.values():
            if args.only and op.name not in args.only:
                continue
            runs = op.runs or args.runs
            try:
                samples = [op.fn(env) for _ in range(runs)]
            except UserError as exc:  # e.g. the SQLite-file backups on a server database
                print(f"{op.name}: skipped: {exc.message}", file=sys.stderr)
                continue
            except Exception as exc:
                if not args.db:
                    raise
                # On a server keep timing the rest: the report lists what does not work there yet.
                failed.append(op.name)
                print(f"{op.name}: FAILED on the server: {exc.__class__.__name__}: {str(exc).splitlines()[0][:300]}",
                      file=sys.stderr)
                continue
            results[op.name] = {"median_ms": round(statistics.median(samples), 1), "runs": runs}
            notes[op.name] = f"min {min(samples):.1f}, max {max(samples):.1f}"
    finally:
        env.close()
    speed.append(machine_ms())
    results["machine_ms"] = max(speed)
    notes["machine_ms"] = f"fixed Python work, before {speed[0]:.1f} after {speed[1]:.1f}: compare like runs"
    peak = max([self_rss_mb(), *env.child_rss_mb.values()])
    results["rss_mb"] = peak
    notes["rss_mb"] = "peak RSS of the app processes and this harness"
    if meta.get("demo_rss_mb"):
        results["demo_rss_mb"] = meta["demo_rss_mb"]
    results.update(env.figures)

    label = results_label(params, server=bool(args.db))
    # The reference is the last SQLite run at station scale; a station run itself compares with the previous one.
    reference = load_results(results_path(CACHE, REFERENCE_SCALE))
    against = "×last" if label == REFERENCE_SCALE else f"×{REFERENCE_SCALE}"
    print("\n".join(report(results, notes, reference, against)))
    save_results(results_path(CACHE, label), results)
    if failed:
        print(f"failed on the server: {', '.join(failed)}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
