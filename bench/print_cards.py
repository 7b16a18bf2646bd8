"""Benchmark: 500 archive cards against bare reportlab drawing the same text (issue 5).

    .venv/bin/python bench/print_cards.py [--children 500] [--runs 3]

Target: the app's 500 archive cards in <= 1.3x the time bare reportlab calls take to draw the
same text, measured in the same run. Both are timed in one fresh process, interleaved
(baseline, app, baseline, app, ...), best of --runs each:

(a) the baseline: every string the 500 cards show — gathered from the same CardData the app
    prints (PrintService.card_data, untimed), a cell's text as one string — drawn with bare
    reportlab calls in the same embedded CJK font (the vendored TTFont, subset) onto 500 A4
    pages and saved to a PDF; no layout, no rules, no shading. Two ways, and the faster is the
    baseline: canvas.drawString per string, and one text object per page (setTextOrigin +
    textOut per string). Same canvas settings as the app (A4, page compression).
(b) the app: PrintService.archive_cards for the 500 ids to a PDF — the whole path: reading
    the archives, assessments, pairings and visits from the database, the layout, and the
    atomic write (temp file, fsync, rename).

Loading the font (reading and parsing the .ttc, once per process) is done before any timing,
so it is excluded from both; subsetting and embedding it is in both (each saves a PDF).
Printed: both times, the ratio, pages, file sizes, and the characters pdftotext reads back
from each PDF (the same text drawn, when poppler is installed).

The demo database (``liushou demo --children N --seed 1``) is cached under --cache, keyed by
the schema and the demo generator's source; --regen makes it again.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
CACHE = Path(tempfile.gettempdir()) / "liushou-bench-print"
TARGET = 1.3


def worker(*args: str) -> dict[str, Any]:
    """Run this script in a fresh process (a hidden sub-command); its last JSON line."""
    done = subprocess.run(
        [sys.executable, str(HERE), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=3600,
    )
    if done.returncode != 0:
        raise SystemExit(f"worker {args[0]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    last = [line for line in done.stdout.splitlines() if line.startswith("{")][-1]
    return json.loads(last)


def cache_key(children: int) -> str:
    """What makes a cached database stale: the schema (as create_database makes it) and the
    demo generator's source."""
    from liushou_desktop.services import demo, demo_data
    from liushou_desktop.services.setup import create_database

    with tempfile.TemporaryDirectory() as tmp:
        create_database(Path(tmp) / "schema.sqlite").close()
        conn = sqlite3.connect(Path(tmp) / "schema.sqlite")
        sql = sorted(str(r[0]) for r in conn.execute("SELECT sql FROM sqlite_master"))
        conn.close()
    sources = [Path(m.__file__ or "").read_text(encoding="utf-8") for m in (demo, demo_data)]
    digest = hashlib.sha256(repr((sql, sources)).encode()).hexdigest()[:10]
    return f"{digest}-c{children}"


def ensure_db(args: argparse.Namespace) -> Path:
    folder = Path(args.cache) / cache_key(args.children)
    db = folder / "demo.sqlite"
    if db.exists() and not args.regen:
        print(f"setup: demo database with {args.children} children from the cache {db}")
        return db
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "liushou_desktop",
            "demo",
            "--db",
            str(folder / "building.sqlite"),
            "--children",
            str(args.children),
            "--seed",
            "1",
        ],
        check=True,
        capture_output=True,
    )
    for side in ("", "-wal", "-shm"):
        src = Path(f"{folder / 'building.sqlite'}{side}")
        if src.exists():
            src.rename(f"{db}{side}")
    print(
        f"setup: demo database with {args.children} children made in "
        f"{time.perf_counter() - start:.1f} s ({db})"
    )
    return db


# -- the measurement (worker) -----------------------------------------------------------------
def baseline(pages: list[list[str]], out: Path, font: str, text_object: bool) -> float:
    """The strings of each card drawn one under another, in two columns, on its own A4 page
    (7 pt: the demo's longest string fits its column), in the vendored font, and the PDF
    saved: bare reportlab, no layout. Seconds."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    width, height = A4
    start = time.perf_counter()
    c = Canvas(str(out), pagesize=A4, pageCompression=1, initialFontName=font)
    for strings in pages:
        half = (len(strings) + 1) // 2
        if text_object:
            t = c.beginText()
            t.setFont(font, 7)
            for i, s in enumerate(strings):
                t.setTextOrigin(20 + (i >= half) * width / 2, height - 30 - (i % half) * 8.8)
                t.textOut(s)
            c.drawText(t)
        else:
            c.setFont(font, 7)
            for i, s in enumerate(strings):
                c.drawString(20 + (i >= half) * width / 2, height - 30 - (i % half) * 8.8, s)
        c.showPage()
    c.save()
    return time.perf_counter() - start


def measure(db: Path, work: Path, runs: int) -> None:
    from liushou_desktop.reports.archive_card import card_strings
    from liushou_desktop.reports.fonts import register_font
    from liushou_desktop.services.context import ServiceContext
    from liushou_desktop.services.printing import PrintService
    from liushou_desktop.storage.db import Database

    start = time.perf_counter()
    font = register_font()  # read and parse the font file: once, before any timing
    font_load = time.perf_counter() - start
    ctx = ServiceContext(db=Database.open(db))
    printer = PrintService(ctx)
    with ctx.db.session(write=False) as s:
        ids = [
            r[0]
            for r in s.connection().exec_driver_sql(
                "SELECT id FROM child ORDER BY school_id, grade, class_no, name_pinyin, id"
            )
        ]
    cards = printer.card_data(ids)  # untimed: the text the baseline draws
    school = cards[0].school_name
    today = ctx.today()
    pages = [card_strings(card, school, today, n, len(cards)) for n, card in enumerate(cards, 1)]
    times: dict[str, list[float]] = {"drawString": [], "textobject": [], "app": []}
    for _ in range(runs):
        times["drawString"].append(baseline(pages, work / "baseline.pdf", font, False))
        times["textobject"].append(baseline(pages, work / "baseline-t.pdf", font, True))
        started = time.perf_counter()
        warnings = printer.archive_cards(ids, work / "app.pdf")
        times["app"].append(time.perf_counter() - started)
    ctx.db.close()
    strings = [s for page in pages for s in page]
    print(
        json.dumps(
            {
                "font_load": font_load,
                "cards": len(cards),
                "strings": len(strings),
                "chars": sum(len(s) for s in strings),
                "distinct": len(set("".join(strings))),
                "warnings": len(warnings),
                "times": times,
            }
        ),
        flush=True,
    )


# -- main -------------------------------------------------------------------------------------
def pdf_facts(path: Path) -> tuple[int, int, int | None]:
    """Pages, bytes, and the characters (not white space) pdftotext reads back, if present."""
    data = path.read_bytes()
    pages = data.count(b"/Type /Page\n") or data.count(b"/Type /Page ")
    info = shutil.which("pdfinfo")
    if info:
        out = subprocess.run([info, str(path)], capture_output=True, text=True, check=True)
        pages = int(
            next(ln.split()[-1] for ln in out.stdout.splitlines() if ln.startswith("Pages:"))
        )
    chars = None
    tool = shutil.which("pdftotext")
    if tool:
        out = subprocess.run([tool, str(path), "-"], capture_output=True, check=True)
        chars = sum(1 for ch in out.stdout.decode("utf-8") if not ch.isspace())
    return pages, len(data), chars


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_measure":
        measure(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--children", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (best is kept)")
    parser.add_argument("--cache", default=str(CACHE))
    parser.add_argument("--regen", action="store_true", help="make the demo database again")
    parser.add_argument("--keep", help="keep the two PDFs in this folder")
    args = parser.parse_args()
    bench_start = time.perf_counter()
    db = ensure_db(args)
    with tempfile.TemporaryDirectory(prefix="liushou-bench-print-") as tmp:
        work = Path(tmp)
        for side in ("", "-wal", "-shm"):  # the app may touch the database: work on a copy
            if Path(f"{db}{side}").exists():
                shutil.copyfile(f"{db}{side}", work / f"demo.sqlite{side}")
        r = worker("_measure", str(work / "demo.sqlite"), str(work), str(args.runs))
        facts = {
            name: pdf_facts(work / f"{name}.pdf") for name in ("baseline", "baseline-t", "app")
        }
        if args.keep:
            Path(args.keep).mkdir(parents=True, exist_ok=True)
            for name in facts:
                shutil.copyfile(work / f"{name}.pdf", Path(args.keep) / f"{name}.pdf")

    t = r["times"]
    best = {k: min(v) for k, v in t.items()}
    base_kind = min(("drawString", "textobject"), key=lambda k: best[k])
    base = best[base_kind]
    ratio = best["app"] / base

    def line(label: str, key: str, pdf: str) -> str:
        pages, size, chars = facts[pdf]
        runs = ", ".join(f"{x:.2f}" for x in t[key])
        read = f", {chars:,} characters read back" if chars is not None else ""
        return (
            f"   {label:<52} best {best[key]:6.2f} s  (runs {runs})  "
            f"{pages} pages, {size / 1e6:.2f} MB{read}"
        )

    print(
        f"\n{r['cards']} archive cards: {r['strings']:,} strings, {r['chars']:,} characters "
        f"({r['distinct']} distinct), {r['warnings']} missing-glyph warnings"
    )
    print(
        f"   font: the vendored WenQuanYi Micro Hei, a TTFont subset embedded in every PDF; loading "
        f"it ({r['font_load']:.2f} s) is done once before timing: excluded from both"
    )
    print(line("baseline: bare reportlab, drawString per string", "drawString", "baseline"))
    print(line("baseline: bare reportlab, a text object per page", "textobject", "baseline-t"))
    print(line("app: PrintService.archive_cards (read+layout+write)", "app", "app"))
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    print(
        f"   ratio app / baseline ({base_kind}, the faster): {ratio:.2f} "
        f"(target <= {TARGET}) {verdict}"
    )
    print(f"\nbench: {time.perf_counter() - bench_start:.0f} s in all")


if __name__ == "__main__":
    main()
