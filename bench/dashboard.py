"""Benchmark: the duties dashboard (issue: pairing, visit diaries and duties).

    .venv/bin/python bench/dashboard.py [--children 2000] [--helpers 300] [--records 60000]

Builds a demo school with that many children, helpers and records (the same generator as
``liushou demo``), then times, in one run:
- CareService.duties_status — everything the dashboard shows (per rule, child, helper and
  class), target ≤ 0.5 s on a 2-core machine;
- the baseline: plain SQL counts over the same tables (records per child and kind this term,
  and active pairings per helper), the least any dashboard must read.
Medians of --runs; the ratio is dashboard / baseline.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=2000)
    parser.add_argument("--helpers", type=int, default=300)
    parser.add_argument("--records", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    from liushou_desktop.services.archive import ArchiveService
    from liushou_desktop.services.care import CareService
    from liushou_desktop.services.context import ServiceContext
    from liushou_desktop.services.demo import add_demo_care, add_demo_children
    from liushou_desktop.services.setup import add_school, create_database

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        ctx = ServiceContext(db=create_database(Path(tmp) / "bench.sqlite"))
        add_school(ctx, "基准小学", "522401999", 6)
        add_demo_children(ctx, args.children, 1)
        added = add_demo_care(
            ctx,
            1,
            helpers=args.helpers - 6 - min(args.children // 10, 40),
            records_per_child=args.records / args.children * 1.2,
        )
        school = ArchiveService(ctx).schools()[0].id
        care = CareService(ctx)
        with ctx.db.engine.connect() as conn:
            n_records = conn.exec_driver_sql("SELECT COUNT(*) FROM record").scalar()
            n_helpers = conn.exec_driver_sql("SELECT COUNT(*) FROM helper").scalar()
        print(
            f"setup: {args.children} children, {n_helpers} helpers, {n_records} records, "
            f"{added.get('pairings', 0)} pairings in {time.perf_counter() - start:.1f} s"
        )

        today = ctx.today()
        term = care.duties_status(school, today).term
        assert term is not None

        def baseline() -> None:
            with ctx.db.engine.connect() as conn:
                conn.exec_driver_sql(
                    "SELECT rc.child_id, r.kind, COUNT(*) FROM record r "
                    "JOIN record_child rc ON rc.record_id = r.id "
                    "WHERE r.school_id = ? AND r.occurred_on BETWEEN ? AND ? "
                    "GROUP BY rc.child_id, r.kind",
                    (school, term.start.isoformat(), today.isoformat()),
                ).fetchall()
                conn.exec_driver_sql(
                    "SELECT helper_id, COUNT(*) FROM pairing WHERE end_date IS NULL "
                    "GROUP BY helper_id"
                ).fetchall()

        def dashboard() -> None:
            care.duties_status(school, today)

        def timed(fn) -> float:
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t)
            return statistics.median(times)

        baseline()
        dashboard()
        b, d = timed(baseline), timed(dashboard)
        ctx.db.close()
    print(f"plain SQL counts (baseline):      {b * 1000:7.1f} ms (median of {args.runs})")
    print(
        f"duties dashboard (duties_status): {d * 1000:7.1f} ms   ratio {d / b:5.1f}x "
        f"(target <= 500 ms)   as of {today:%Y-%m-%d}"
    )


if __name__ == "__main__":
    main()
