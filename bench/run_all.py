"""Benchmarks for the archive (issue: the school archive, end to end).

    .venv/bin/python bench/run_all.py [--children 10000] [--runs 5]

Prints, from one run:
- time to first window of the app against a bare PySide6 QMainWindow started the same way
  (fresh processes, offscreen, median of --runs; target ratio ≤ 2×);
- time until the 10,000-child list is usable (loaded, laid out and painted), in seconds and as
  a ratio to the bare window (target ≤ 1.5 s on a 2-core machine);
- median time to re-filter that list per keystroke, typed into the real search box
  (target ≤ 30 ms);
- then bench/print_cards.py: 500 archive cards against bare reportlab drawing the same text
  (target ≤ 1.3×);
- then bench/roster.py: a 5,000-row roster imported (target ≤ 5 s), with its bare baseline.
The database is made once with ``liushou demo`` in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROBE = HERE / "_probe.py"


def probe(*args: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, str(PROBE), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if done.returncode != 0:
        raise SystemExit(f"probe {args} failed:\n{done.stderr}")
    last = [line for line in done.stdout.splitlines() if line.startswith("{")][-1]
    return json.loads(last)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "liushou_desktop",
                "demo",
                "--db",
                str(db),
                "--children",
                str(args.children),
                "--seed",
                "1",
            ],
            check=True,
            capture_output=True,
        )
        print(
            f"setup: demo database with {args.children} children in "
            f"{time.perf_counter() - start:.1f} s"
        )

        probe("bare")  # warm the disk cache for both
        probe("app", str(db))
        bare, app, usable = [], [], []
        for _ in range(args.runs):
            bare.append(probe("bare")["first_window"])
            r = probe("app", str(db))
            app.append(r["first_window"])
            usable.append(r["list_usable"])
            assert r["children"] == args.children, r
        keys = probe("app", str(db), "--keys")

    b, a, u = statistics.median(bare), statistics.median(app), statistics.median(usable)
    print(f"bare QMainWindow, first paint:          {b * 1000:7.0f} ms (median of {args.runs})")
    print(
        f"liushou-desktop, first paint:           {a * 1000:7.0f} ms   ratio {a / b:4.2f}x "
        f"(target <= 2x)"
    )
    print(
        f"{args.children}-child list usable:            {u * 1000:7.0f} ms   ratio {u / b:4.2f}x "
        f"to bare window (target <= 1500 ms)"
    )
    print(
        f"re-filter per keystroke, median:        {keys['keystroke_median'] * 1000:7.1f} ms "
        f"(max {keys['keystroke_max'] * 1000:.1f} ms over {keys['keystrokes']} keys; "
        f"target <= 30 ms)"
    )
    # issue 5: 500 archive cards against bare reportlab (its own script and cached database)
    print("\nprinting (bench/print_cards.py):", flush=True)
    subprocess.run([sys.executable, str(HERE / "print_cards.py")], check=True)
    print("\nroster import (bench/roster.py):", flush=True)
    subprocess.run([sys.executable, str(HERE / "roster.py")], check=True)


if __name__ == "__main__":
    main()
