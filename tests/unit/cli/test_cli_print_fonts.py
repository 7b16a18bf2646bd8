"""Every printout embeds every font it lists (pdffonts): a PDF naming an unembedded font prints
differently, or not at all, on another PC."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest

from liushou_desktop.cli.main import main

PDFFONTS = shutil.which("pdffonts")


@pytest.mark.skipif(PDFFONTS is None, reason="poppler-utils not installed")
def test_every_printout_embeds_all_its_fonts(tmp_path, capsys):
    db = tmp_path / "d.sqlite"
    assert main(["demo", "--db", str(db), "--children", "12"]) == 0
    year = sqlite3.connect(db).execute("SELECT school_year FROM term LIMIT 1").fetchone()[0]
    jobs = {
        "cards": [],
        "contact-cards": [],
        "visit-forms": [],
        "ledger": [],
        "pairings": [],
        "duty-report": ["--year", year],
    }
    for action, extra in jobs.items():
        out = tmp_path / f"{action}.pdf"
        assert main(["print", action, "--db", str(db), "--out", str(out), *extra]) == 0, action
        listing = subprocess.run(
            [PDFFONTS, str(out)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert listing, action
        for line in listing:
            assert " yes yes " in line, f"{action}: {line}"
    capsys.readouterr()
