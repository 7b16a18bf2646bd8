"""`liushou print duty-report`: a contract (README): the teachers' year-end duty reports as one
PDF — every teacher, or those named with --teacher; exit 2 with one Chinese line on bad input."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from liushou_desktop.cli.main import main
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.care import CareService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.printing import PrintService
from liushou_desktop.storage.db import Database

PDFTOTEXT = shutil.which("pdftotext")


def run(capsys, *args):
    """Exit code, stdout and stderr (argparse's usage errors exit by SystemExit)."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def pages(path: Path) -> int:
    return int(re.search(rb"/Count (\d+)", path.read_bytes()).group(1))  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "d.sqlite"
    assert main(["demo", "--db", str(db), "--children", "40"]) == 0
    return db


def teachers(db: Path, year: str) -> tuple[list[str], dict[str, str]]:
    """The teachers `print duty-report` prints for the year, and every helper's name."""
    ctx = ServiceContext(db=Database.open(db), author="测试")
    try:
        ids = PrintService(ctx).duty_report_teachers(year)
        care = CareService(ctx)
        names = {h.id: h.name for sc in ArchiveService(ctx).schools() for h in care.helpers(sc.id)}
    finally:
        ctx.db.close()
    return ids, names


def test_every_teacher_or_the_ones_named(demo: Path, tmp_path: Path, capsys):
    ids, names = teachers(demo, "2026-2027")
    assert len(ids) >= 2
    out = tmp_path / "全部.pdf"
    code, stdout, err = run(
        capsys, "print", "duty-report", "--db", demo, "--out", out, "--year", "2026-2027"
    )
    assert code == 0, err
    assert f"已生成 {len(ids)} 位教师的 2026-2027 学年考核表" in stdout
    assert pages(out) >= len(ids)
    one = tmp_path / "一位.pdf"
    code, stdout, err = run(
        capsys, "print", "duty-report", "--db", demo, "--out", one,
        "--year", "2026-2027", "--teacher", ids[1],
    )  # fmt: skip
    assert code == 0, err
    assert "已生成 1 位教师" in stdout
    assert pages(one) >= 1
    if PDFTOTEXT is not None:
        text = subprocess.run(
            [PDFTOTEXT, str(one), "-"], capture_output=True, check=True
        ).stdout.decode()
        assert names[ids[1]] in text and "考核表" in text
    two = tmp_path / "两位.pdf"
    code, _, err = run(
        capsys, "print", "duty-report", "--db", demo, "--out", two,
        "--year", "2026-2027", "--teacher", ids[0], "--teacher", ids[1],
    )  # fmt: skip
    assert code == 0, err
    assert pages(two) >= 2


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--year", "2026"], "学年应写成"),
        (["--year", "2026-2028"], "学年应写成"),
        (["--year", "2019-2020"], "校历里没有 2019-2020"),
        (["--year", "2026-2027", "--teacher", "nobody"], "找不到这位帮扶人"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line(demo: Path, tmp_path: Path, capsys, args, says):
    out = tmp_path / "x.pdf"
    code, _, err = run(capsys, "print", "duty-report", "--db", demo, "--out", out, *args)
    assert code == 2 and says in err and err.count("\n") == 1
    assert not out.exists()


def test_the_output_must_be_a_pdf_and_the_year_is_required(demo: Path, tmp_path: Path, capsys):
    code, _, err = run(
        capsys, "print", "duty-report", "--db", demo, "--out", tmp_path / "x.xlsx",
        "--year", "2026-2027",
    )  # fmt: skip
    assert code == 2 and ".pdf" in err
    code, _, err = run(capsys, "print", "duty-report", "--db", demo, "--out", tmp_path / "x.pdf")
    assert code == 2 and "--year" in err
