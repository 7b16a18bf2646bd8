"""Benchmark: sync between schools and their township (issue: sync bundles on a USB stick).

    .venv/bin/python bench/sync.py [--schools 40] [--children 1000] [--records 25000]
    .venv/bin/python bench/sync.py --quick          # 4 schools x 300 children x 5000 records

Prints, from one run (every measurement in a fresh process):
1. the township merging the bundles of --schools schools (SyncService.import_bundles on all
   the files at once): rows written per second, against the baseline measured in the same run
   -- the same rows (the entity rows of every table, record_child and op_log, read back from
   the merged township) inserted with bare sqlite3 executemany into a fresh database of the
   same schema (services.setup.create_database) with the app's pragmas; target ratio >= 0.33.
   Peak memory (ru_maxrss) of the process that does only that import: target <= 500 MB;
2. re-importing bundles already merged (the same files again), as a share of their first
   import: target <= 10 %. Also shown, not a target: a school sending the same ops again in a
   new bundle (a re-export after a lost stick), which goes through the merge's "known op" path;
3. an incremental export after 10 edits (guardian phones, through ArchiveService.save) at a
   5,000-child school that has done one round trip with its township: time of export_bundle
   (median of --runs; target <= 1 s) and the bundle's size (target: a few KB).

Each school is its own database (its own site id, uuid7 keys, its own school code), made with
the demo generator: add_demo_children (bulk), add_demo_care with records_per_child set a
little under the target, then topped up to exactly --records records per school with
record rows written and logged the way add_demo_care writes them (one ChangeWriter, one
transaction). Schools are generated two at a time in worker processes; each joins the
township (enrollment file) and exports one full bundle. The pristine township, its
enrollment file and the bundles are cached under --cache, keyed by the parameters, so the
next run skips generation (--regen makes them again).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
CACHE = Path(tempfile.gettempdir()) / "liushou-bench-sync"
VERSION = 1  # bump when the generated data changes
CHUNK = 100_000  # rows per executemany in the baseline (read untimed, inserted timed)
TOWN_CODE = "522401000"


# -- helpers ----------------------------------------------------------------------------------
def worker(*args: str, timeout: float = 3600) -> dict[str, Any]:
    """Run this script in a fresh process (a hidden sub-command); its last JSON line."""
    done = subprocess.run(
        [sys.executable, str(HERE), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    if done.returncode != 0:
        raise SystemExit(f"worker {args[0]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    last = [line for line in done.stdout.splitlines() if line.startswith("{")][-1]
    return json.loads(last)


def emit(data: dict[str, Any]) -> None:
    print(json.dumps(data), flush=True)


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def copy_db(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
    for side in ("-wal", "-shm"):
        if Path(f"{src}{side}").exists():
            shutil.copyfile(f"{src}{side}", f"{dst}{side}")


def entity_tables() -> list[str]:
    """The tables the merge builds rows in, parents first (the order foreign keys need)."""
    from liushou_desktop.services.changes import ENTITY_TABLES
    from liushou_desktop.services.merge import ENTITY_ORDER

    tables = [str(ENTITY_TABLES[e].__tablename__) for e in ENTITY_ORDER]
    return [
        *tables[: tables.index("record") + 1],
        "record_child",
        *tables[tables.index("record") + 1 :],
    ]


def count_rows(path: Path, tables: list[str]) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


# -- generation (workers) ---------------------------------------------------------------------
def gen_town(folder: Path) -> None:
    from liushou_desktop.services.sync import SyncService, init_township

    ctx = init_township(folder / "town.sqlite", "基准测试镇", TOWN_CODE)
    SyncService(ctx).write_enrollment(folder / "enrollment.json")
    ctx.db.close()
    emit({"ok": True})


def make_school(path: Path, index: int, children: int, records: int, enrollment: Path) -> Any:
    """A school of its own (site, code) with ``children`` demo children and exactly
    ``records`` records (unless the demo generator alone already makes more), joined to the
    township whose enrollment file this is."""
    from liushou_desktop.services.context import ServiceContext
    from liushou_desktop.services.demo import add_demo_care, add_demo_children
    from liushou_desktop.services.setup import add_school, create_database
    from liushou_desktop.services.sync import SyncService

    seed = index + 1
    ctx = ServiceContext(db=create_database(path))
    add_school(ctx, f"基准测试第{seed}小学", f"5224{seed:05d}", 6)
    add_demo_children(ctx, children, seed)
    if records > 0:
        # the generator makes ~0.85 records per "records_per_child" and a few more: stay
        # under the target, then top up
        add_demo_care(ctx, seed, records_per_child=records / children * 0.8)
        top_up_records(ctx, records, seed)
    SyncService(ctx).join(enrollment)
    return ctx


def top_up_records(ctx: Any, target: int, seed: int) -> int:
    """Add records until the school has ``target``: copies of the school's own records (kind,
    mode, helper, summary, details, date) for random children, written and logged the way
    add_demo_care writes records (Core executemany + ChangeWriter.log_new, one transaction)."""
    import random

    from sqlalchemy import insert

    from liushou_desktop.services.changes import ChangeWriter, new_id, table_of
    from liushou_desktop.storage import models

    rng = random.Random(seed * 131 + 5)
    with ctx.db.session() as s:
        conn = s.connection()
        have = conn.exec_driver_sql("SELECT COUNT(*) FROM record").scalar() or 0
        missing = target - have
        if missing <= 0:
            return 0
        kids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM child")]
        models_ = conn.exec_driver_sql(
            "SELECT school_id, kind, occurred_on, mode, helper_id, author, summary, details "
            "FROM record WHERE follow_up = '' LIMIT 5000"
        ).fetchall()
        import datetime as dt

        rows = []
        for _ in range(missing):
            school, kind, on, mode, helper, author, summary, details = rng.choice(models_)
            rows.append(
                (
                    {
                        "id": new_id(),
                        "school_id": school,
                        "kind": kind,
                        "occurred_on": dt.date.fromisoformat(str(on)[:10]),
                        "mode": mode,
                        "helper_id": helper,
                        "author": author,
                        "summary": summary,
                        "details": json.loads(details) if isinstance(details, str) else details,
                        "follow_up": "",
                        "follow_up_due": None,
                        "corrects": None,
                    },
                    [rng.choice(kids)],
                )
            )
        writer = ChangeWriter(s, ctx.author)
        conn.execute(insert(table_of(models.Record)), [v for v, _ in rows])
        conn.execute(
            insert(table_of(models.RecordChild)),
            [{"record_id": v["id"], "child_id": c} for v, kids_ in rows for c in kids_],
        )
        for values, kids_ in rows:
            writer.log_new("record", {**values, "child_ids": kids_}, kids_[0])
        writer.flush()
    return missing


def gen_school(folder: Path, index: int, children: int, records: int, resend: bool) -> None:
    from liushou_desktop.services.sync import SyncService

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = make_school(
            Path(tmp) / "school.sqlite", index, children, records, folder / "enrollment.json"
        )
        with ctx.db.engine.connect() as conn:
            n_children = conn.exec_driver_sql("SELECT COUNT(*) FROM child").scalar()
            n_records = conn.exec_driver_sql("SELECT COUNT(*) FROM record").scalar()
        made = time.perf_counter() - start
        bundles = folder / "bundles"
        out = SyncService(ctx).export_bundle(bundles / f"{index + 1:03d}.lsync")
        if resend:  # the same ops again in a new bundle (the township has not replied)
            SyncService(ctx).export_bundle(folder / "resend.lsync")
        ctx.db.close()
    emit(
        {
            "children": n_children,
            "records": n_records,
            "ops": out.ops,
            "size": out.size,
            "made": made,
            "total": time.perf_counter() - start,
        }
    )


def schema_key() -> str:
    """A short hash of what makes cached data stale: the database schema (as made by
    create_database) and the field groups ops are logged in."""
    import hashlib

    from liushou_desktop.services.changes import GROUPS, KEY_COLUMNS
    from liushou_desktop.services.setup import create_database

    with tempfile.TemporaryDirectory() as tmp:
        create_database(Path(tmp) / "schema.sqlite").close()
        conn = sqlite3.connect(Path(tmp) / "schema.sqlite")
        sql = sorted(str(r[0]) for r in conn.execute("SELECT sql FROM sqlite_master"))
        conn.close()
    text = repr((VERSION, sql, sorted(GROUPS.items()), sorted(KEY_COLUMNS.items())))
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def ensure_bundles(args: argparse.Namespace) -> tuple[Path, dict[str, Any]]:
    key = f"{args.schema}-s{args.schools}-c{args.children}-r{args.records}"
    folder = Path(args.cache) / key
    info_file = folder / "info.json"
    if info_file.exists() and not args.regen:
        info = json.loads(info_file.read_text())
        print(
            f"setup: {args.schools} school bundles from the cache {folder} "
            f"(generated in {info['seconds']:.0f} s)"
        )
        return folder, info
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "bundles").mkdir(parents=True)
    start = time.perf_counter()
    worker("_town", str(folder))
    jobs = [
        (
            "_school",
            str(folder),
            str(i),
            str(args.children),
            str(args.records),
            "1" if i == 0 else "0",
        )
        for i in range(args.schools)
    ]
    with ThreadPoolExecutor(max_workers=max(1, min(2, os.cpu_count() or 1))) as pool:
        made = list(pool.map(lambda job: worker(*job), jobs))
    seconds = time.perf_counter() - start
    info = {
        "seconds": seconds,
        "children": sum(m["children"] for m in made),
        "records": sum(m["records"] for m in made),
        "ops": sum(m["ops"] for m in made),
        "bytes": sum(m["size"] for m in made),
        "school_seconds": statistics.median(m["total"] for m in made),
    }
    info_file.write_text(json.dumps(info))
    print(
        f"setup: generated {args.schools} schools ({info['children']} children, "
        f"{info['records']} records, {info['ops']} ops, {info['bytes'] / 1e6:.1f} MB of bundles) "
        f"in {seconds:.0f} s (median {info['school_seconds']:.1f} s per school, 2 at a time)"
    )
    return folder, info


# -- measurements (workers) -------------------------------------------------------------------
def do_merge(town: Path, bundles: list[Path]) -> None:
    """Only the township's import of every bundle (one call, as the GUI does for a folder)."""
    from liushou_desktop.services.context import ServiceContext
    from liushou_desktop.services.sync import SyncService
    from liushou_desktop.storage.db import Database

    ctx = ServiceContext(db=Database.open(town))
    marks: list[float] = []
    start = time.perf_counter()
    results = SyncService(ctx).import_bundles(
        bundles, progress=lambda _i, _n: marks.append(time.perf_counter())
    )
    total = time.perf_counter() - start
    ctx.db.close()
    per_file = [b - a for a, b in zip([start, *marks], marks, strict=False)]
    emit(
        {
            "seconds": total,
            "per_file": per_file,
            "maxrss_mb": max_rss_mb(),
            "status": [r.status for r in results],
            "reasons": sorted({f"{r.reason}: {r.message}" for r in results if r.reason}),
            "applied": sum(r.applied for r in results),
            "conflicts": sum(r.conflicts for r in results),
        }
    )


def do_reimport(town: Path, bundles: list[Path]) -> None:
    """Each bundle again, one call per file (as a user re-inserting the stick would)."""
    from liushou_desktop.services.context import ServiceContext
    from liushou_desktop.services.sync import SyncService
    from liushou_desktop.storage.db import Database

    ctx = ServiceContext(db=Database.open(town))
    service = SyncService(ctx)
    times, status = [], []
    for path in bundles:
        start = time.perf_counter()
        (result,) = service.import_bundles([path])
        times.append(time.perf_counter() - start)
        status.append(result.status)
    ctx.db.close()
    emit({"times": times, "status": status})


def do_baseline(merged: Path, fresh: Path, tables: list[str]) -> None:
    """The rows the merge wrote, inserted with bare sqlite3 executemany into a fresh database
    of the same schema, with the app's pragmas (WAL, foreign keys, synchronous=FULL), in one
    transaction. Reading them back from the merged copy is not timed."""
    from liushou_desktop.services.setup import create_database

    create_database(fresh).close()
    src = sqlite3.connect(merged)
    dst = sqlite3.connect(fresh, isolation_level=None)
    dst.execute("PRAGMA foreign_keys=ON")
    dst.execute("PRAGMA synchronous=FULL")
    per_table: dict[str, float] = {}
    rows: dict[str, int] = {}
    dst.execute("BEGIN")
    for table in [*tables, "op_log", "field_stamp"]:
        names = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
        sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        cur = src.execute(f"SELECT {', '.join(names)} FROM {table}")
        spent, n = 0.0, 0
        while chunk := cur.fetchmany(CHUNK):
            t = time.perf_counter()
            dst.executemany(sql, chunk)
            spent += time.perf_counter() - t
            n += len(chunk)
        per_table[table], rows[table] = spent, n
        if table == "op_log":
            t = time.perf_counter()
            dst.execute("COMMIT")  # the figure: entity rows + record_child + op_log
            per_table["commit"] = time.perf_counter() - t
            dst.execute("BEGIN")
    t = time.perf_counter()
    dst.execute("COMMIT")
    per_table["commit2"] = time.perf_counter() - t
    dst.close()
    src.close()
    emit({"seconds": per_table, "rows": rows})


def do_export(cache: Path, work: Path, children: int, runs: int) -> None:
    """A 5,000-child school after one round trip with its township: 10 edits, then
    incremental exports (the township does not answer in between, so each holds the same
    10 changes)."""
    from liushou_desktop.services.archive import ArchiveService
    from liushou_desktop.services.context import ServiceContext
    from liushou_desktop.services.demo import add_demo_care, add_demo_children
    from liushou_desktop.services.setup import add_school, create_database
    from liushou_desktop.services.sync import SyncService, init_township
    from liushou_desktop.storage.db import Database

    ready = cache / "ready.json"
    setup = 0.0
    if not ready.exists():
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True)
        start = time.perf_counter()
        town = init_township(cache / "town.sqlite", "基准测试镇", TOWN_CODE)
        SyncService(town).write_enrollment(cache / "enrollment.json")
        school = ServiceContext(db=create_database(cache / "school.sqlite"))
        add_school(school, "基准测试大校", "522409999", 6)
        add_demo_children(school, children, 7)
        add_demo_care(school, 7)
        sync = SyncService(school)
        sync.join(cache / "enrollment.json")
        full = sync.export_bundle(cache / "full.lsync")
        (r,) = SyncService(town).import_bundles([full.path])
        assert r.status == "merged", r.to_json()
        reply = SyncService(town).export_bundle(cache / "reply.lsync", "522409999")
        (r,) = sync.import_bundles([reply.path])
        assert r.status in ("merged", "duplicate"), r.to_json()
        school.db.close()
        town.db.close()
        shutil.rmtree(cache / "backups", ignore_errors=True)  # the imports' safety copies
        setup = time.perf_counter() - start
        ready.write_text(json.dumps({"full_ops": full.ops, "full_size": full.size}))
    info = json.loads(ready.read_text())
    copy_db(cache / "school.sqlite", work / "school.sqlite")
    ctx = ServiceContext(db=Database.open(work / "school.sqlite"))
    archive = ArchiveService(ctx)
    n_children = len(archive.list_children())
    ids = [r.id for r in archive.list_children()][:: max(1, n_children // 10)][:10]
    for i, child_id in enumerate(ids):
        a = archive.get(child_id)
        a.guardian.phone = f"1390000{i:04d}"
        archive.save(a)
    sync = SyncService(ctx)
    times, sizes, ops = [], [], []
    for i in range(runs):
        start = time.perf_counter()
        out = sync.export_bundle(work / f"incr-{i}.lsync")
        times.append(time.perf_counter() - start)
        sizes.append(out.size)
        ops.append(out.ops)
    ctx.db.close()
    emit(
        {
            "setup": setup,
            "children": n_children,
            "edits": len(ids),
            "times": times,
            "sizes": sizes,
            "ops": ops,
            **info,
        }
    )


# -- main -------------------------------------------------------------------------------------
def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        hidden()
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=40)
    parser.add_argument("--children", type=int, default=1000, help="per school")
    parser.add_argument("--records", type=int, default=25_000, help="per school")
    parser.add_argument("--export-children", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5, help="incremental exports to time")
    parser.add_argument("--quick", action="store_true", help="4 x 300 children x 5000 records")
    parser.add_argument("--cache", default=str(CACHE))
    parser.add_argument("--regen", action="store_true", help="generate the bundles again")
    parser.add_argument("--keep", help="keep the merged township database in this folder")
    args = parser.parse_args()
    if args.quick:
        args.schools, args.children, args.records = 4, 300, 5000
        args.export_children, args.runs = min(args.export_children, 2000), 3
    bench_start = time.perf_counter()
    args.schema = schema_key()
    folder, _info = ensure_bundles(args)
    bundles = sorted((folder / "bundles").glob("*.lsync"))
    tables = entity_tables()

    with tempfile.TemporaryDirectory(prefix="liushou-bench-sync-") as tmp:
        work = Path(tmp)
        copy_db(folder / "town.sqlite", work / "town.sqlite")
        before = count_rows(work / "town.sqlite", [*tables, "op_log", "field_stamp"])
        merge = worker("_merge", str(work / "town.sqlite"), *map(str, bundles))
        if merge["status"] != ["merged"] * len(bundles):
            raise SystemExit(f"merge: {merge['status']} {merge['reasons']}")
        after = count_rows(work / "town.sqlite", [*tables, "op_log", "field_stamp", "conflict"])
        written = {t: after[t] - before.get(t, 0) for t in after}
        base = worker(
            "_baseline", str(work / "town.sqlite"), str(work / "baseline.sqlite"), *tables
        )
        (work / "baseline.sqlite").unlink()
        for side in ("-wal", "-shm"):
            Path(f"{work / 'baseline.sqlite'}{side}").unlink(missing_ok=True)
        again = worker("_reimport", str(work / "town.sqlite"), *map(str, bundles))
        resend = worker("_reimport", str(work / "town.sqlite"), str(folder / "resend.lsync"))
        if args.keep:
            Path(args.keep).mkdir(parents=True, exist_ok=True)
            copy_db(work / "town.sqlite", Path(args.keep) / "town-merged.sqlite")
        export = worker(
            "_export",
            str(Path(args.cache) / f"{args.schema}-export-c{args.export_children}"),
            str(work),
            str(args.export_children),
            str(args.runs),
        )

    # 1. merge against bare executemany
    rows = sum(written[t] for t in [*tables, "op_log"])
    assert rows == sum(base["rows"][t] for t in [*tables, "op_log"]), (written, base["rows"])
    b_secs = sum(base["seconds"][t] for t in [*tables, "op_log"]) + base["seconds"]["commit"]
    b_fs = b_secs + base["seconds"]["field_stamp"] + base["seconds"]["commit2"]
    m_secs = merge["seconds"]
    per = merge["per_file"]
    print(
        f"\n1. township merges {len(bundles)} bundles: {written['child']} children, "
        f"{written['record']} records, {written['op_log']} ops; {rows} rows written "
        f"({written['record_child']} record_child, {written['op_log']} op_log; "
        f"{written['field_stamp']} field_stamp and {written['conflict']} conflicts besides)"
    )
    print(f"   bare sqlite3 executemany (baseline): {rows / b_secs:9,.0f} rows/s ({b_secs:6.1f} s)")
    print(
        f"   import_bundles (merge):              {rows / m_secs:9,.0f} rows/s ({m_secs:6.1f} s)"
        f"   ratio {b_secs / m_secs:4.2f} (target >= 0.33)"
    )
    print(
        f"   (baseline with field_stamp too: {(rows + written['field_stamp']) / b_fs:,.0f} rows/s; "
        f"ratio {b_fs / m_secs:.2f} on those rows)"
    )
    print(
        f"   per bundle: first {per[0]:.2f} s, median {statistics.median(per):.2f} s, "
        f"last {per[-1]:.2f} s, max {max(per):.2f} s"
    )
    print(
        f"   peak memory of the importing process: {merge['maxrss_mb']:6.0f} MB (target <= 500 MB)"
    )
    # 2. idempotence
    ratios = [a / b for a, b in zip(again["times"], per, strict=True)]
    assert set(again["status"]) == {"duplicate"}, again["status"]
    print(
        f"\n2. re-import of an already merged bundle: median {statistics.median(again['times']):.3f} s"
        f" = {statistics.median(ratios) * 100:.1f} % of its first import "
        f"(max {max(ratios) * 100:.1f} %; target <= 10 %)"
    )
    print(
        f"   the same ops in a new bundle (school 1 re-exported): {resend['times'][0]:.2f} s "
        f"= {resend['times'][0] / per[0] * 100:.0f} % of school 1's first import "
        f"({resend['status'][0]})"
    )
    # 3. incremental export
    if export["setup"]:
        print(
            f"\n(setup: the {export['children']}-child school and its round trip in {export['setup']:.0f} s)"
        )
    print(
        f"\n3. incremental export after {export['edits']} edits at a {export['children']}-child "
        f"school: median {statistics.median(export['times']) * 1000:.0f} ms "
        f"(first {export['times'][0] * 1000:.0f} ms, {args.runs} runs; target <= 1 s), "
        f"{export['sizes'][0] / 1024:.1f} KB, {export['ops'][0]} ops "
        f"(its full export: {export['full_ops']} ops, {export['full_size'] / 1e6:.1f} MB)"
    )
    print(f"\nbench: {time.perf_counter() - bench_start:.0f} s in all")


def hidden() -> None:
    cmd, rest = sys.argv[1], sys.argv[2:]
    if cmd == "_town":
        gen_town(Path(rest[0]))
    elif cmd == "_school":
        gen_school(Path(rest[0]), int(rest[1]), int(rest[2]), int(rest[3]), rest[4] == "1")
    elif cmd == "_merge":
        do_merge(Path(rest[0]), [Path(p) for p in rest[1:]])
    elif cmd == "_reimport":
        do_reimport(Path(rest[0]), [Path(p) for p in rest[1:]])
    elif cmd == "_baseline":
        do_baseline(Path(rest[0]), Path(rest[1]), rest[2:])
    elif cmd == "_export":
        do_export(Path(rest[0]), Path(rest[1]), int(rest[2]), int(rest[3]))
    else:
        raise SystemExit(f"unknown sub-command {cmd}")


if __name__ == "__main__":
    main()
