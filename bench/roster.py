"""Benchmark: importing a 5,000-row roster (issue: printing and Excel; target ≤ 5 s on a
2-core machine like CI's).

    .venv/bin/python bench/roster.py [--rows 5000] [--runs 3]

Prints, from one run (each measurement in a fresh process, best of --runs):
1. the import: ``RosterService.open`` + ``run`` of a --rows roster in the township's merged
   two-row-header shape (title rows, 监护人 → 姓名/关系/联系电话 …, a 合计 row and a signature
   line), with the messy values the schools write (text dates in several forms, 三(2)班 and
   3.2班, full-width digits in ID numbers, phones with dashes), into a fresh school database:
   seconds (target ≤ 5 s), rows per second, and the op-log entries written;
2. the baseline, same run, same file: bare openpyxl (read-only) reading every cell, plus bare
   sqlite3 executemany of the same number of child, guardian and parent rows into a table of
   the same width — the floor no importer can beat — and the import's ratio to it;
3. a re-import of the same file (every child matched by ID number, all unchanged).

The roster file is generated once and cached under the system temp folder.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent
CACHE = Path(tempfile.gettempdir()) / "liushou-bench-roster"
VERSION = 1
TARGET_S = 5.0


def roster_file(rows: int) -> Path:
    path = CACHE / f"roster-{rows}-v{VERSION}.xlsx"
    if path.exists():
        return path
    sys.path.insert(0, str(ROOT))
    from tests.roster_shapes import make_children, merged_header_rows, write_xlsx

    kids = make_children(rows, seed=7)
    table, merges = merged_header_rows(kids)
    for i, line in enumerate(table[4 : 4 + rows]):  # the messy parts, as schools write them
        if i % 4 == 1:
            line[3] = line[3].strftime("%Y.%m.%d")
        elif i % 4 == 2:
            line[3] = line[3].strftime("%Y年%-m月%-d日")
        elif i % 4 == 3:
            line[3] = int(line[3].strftime("%Y%m%d"))
        if i % 3 == 1:
            line[6] = line[6].replace("班", "") + "班"
        if i % 5 == 2:
            line[4] = line[4].translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
        if i % 2:
            line[10] = f"{line[10][:3]}-{line[10][3:7]}-{line[10][7:]}"
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.xlsx")
    write_xlsx(tmp, [("花名册", table)], {"花名册": merges}, {"花名册": [5]})
    tmp.replace(path)
    return path


def worker(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(HERE), *args], capture_output=True, text=True, timeout=900
    )
    if done.returncode != 0:
        raise SystemExit(f"worker {args} failed:\n{done.stderr[-3000:]}")
    return json.loads([ln for ln in done.stdout.splitlines() if ln.startswith("{")][-1])


def measure_import(path: str, again: bool) -> dict[str, Any]:
    from liushou_desktop.services.roster import RosterService
    from liushou_desktop.services.setup import init_school

    with tempfile.TemporaryDirectory() as tmp:
        ctx = init_school(Path(tmp) / "s.sqlite", "红山镇中心小学", "101", 6, author="bench")
        service = RosterService(ctx)
        if again:
            service.run(service.open(Path(path)))
        start = time.perf_counter()
        report = service.run(service.open(Path(path)))
        seconds = time.perf_counter() - start
        with ctx.db.session(write=False) as s:
            ops = s.connection().exec_driver_sql("SELECT COUNT(*) FROM op_log").scalar()
        ctx.db.close()
    return {
        "seconds": seconds,
        "imported": report.imported,
        "unchanged": report.unchanged,
        "rejected": len(report.rejected),
        "ops": ops,
    }


def measure_baseline(path: str) -> dict[str, Any]:
    from openpyxl import load_workbook

    start = time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    cells = [list(r) for ws in wb.worksheets for r in ws.iter_rows(values_only=True)]
    wb.close()
    rows = [r for r in cells if isinstance(r[0], int)]
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(Path(tmp) / "b.sqlite")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        width = 40  # about a child row's columns
        db.execute(
            f"CREATE TABLE t (id TEXT PRIMARY KEY, {', '.join(f'c{i}' for i in range(width))})"
        )
        values = [
            (
                f"{n}-{part}",
                *[str(v) if v is not None else None for v in r],
                *[None] * (width - len(r)),
            )
            for n, r in enumerate(rows)
            for part in range(4)  # child, guardian, father, mother
        ]
        marks = ", ".join("?" * (width + 1))
        with db:
            db.executemany(f"INSERT INTO t VALUES ({marks})", values)
        db.close()
    return {"seconds": time.perf_counter() - start, "rows": len(rows)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--worker", choices=["import", "again", "baseline"])
    parser.add_argument("--file")
    args = parser.parse_args()
    if args.worker:
        if args.worker == "baseline":
            result = measure_baseline(args.file)
        else:
            result = measure_import(args.file, args.worker == "again")
        print(json.dumps(result))
        return
    path = str(roster_file(args.rows))
    print(
        f"roster: {path} ({args.rows} rows, {os.path.getsize(path) // 1024} KB), {os.cpu_count()} CPUs"
    )
    base = min(
        (worker("--worker", "baseline", "--file", path) for _ in range(args.runs)),
        key=lambda r: r["seconds"],
    )
    first = min(
        (worker("--worker", "import", "--file", path) for _ in range(args.runs)),
        key=lambda r: r["seconds"],
    )
    again = min(
        (worker("--worker", "again", "--file", path) for _ in range(args.runs)),
        key=lambda r: r["seconds"],
    )
    assert first["imported"] == args.rows and first["rejected"] == 0, first
    assert again["unchanged"] == args.rows, again
    verdict = "PASS" if first["seconds"] <= TARGET_S else "FAIL"
    print(
        f"baseline (openpyxl read + bare executemany of {base['rows'] * 4} rows): "
        f"{base['seconds']:.2f} s"
    )
    print(
        f"import: {first['seconds']:.2f} s for {first['imported']} children "
        f"({first['imported'] / first['seconds']:.0f} rows/s, {first['ops']} op-log entries), "
        f"{first['seconds'] / base['seconds']:.1f}x the baseline — target <= {TARGET_S:.0f} s: {verdict}"
    )
    print(f"re-import (all unchanged): {again['seconds']:.2f} s")


if __name__ == "__main__":
    main()
