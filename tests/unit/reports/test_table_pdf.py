"""Long tables on landscape A4 (reports/table_pdf.py) and the two printouts built on them: the
ledger (台账) and the pairing list (结对帮扶名单). The header on every page, "第 x 页 / 共 y
页", rows never split, fonts embedded, names as text, missing characters marked and reported,
cancel writes nothing; the service's rows are the Excel ledger's rows."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from liushou_desktop.domain.errors import KnownError
from liushou_desktop.domain.grades import class_label
from liushou_desktop.reports.ledger_pdf import ledger_document
from liushou_desktop.reports.pairing_pdf import PairingLine, pairing_document, plan_summary
from liushou_desktop.reports.table_pdf import (
    Column,
    Row,
    TableCancelled,
    TableDocument,
    render_table,
    write_table,
)
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.care import CareService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.demo import create_demo_database
from liushou_desktop.services.ledger import LedgerService
from liushou_desktop.services.printing import PrintService
from liushou_desktop.services.sync import init_township

PDFTOTEXT = shutil.which("pdftotext")
PDFFONTS = shutil.which("pdffonts")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils not installed")
RARE = "\U00020000"  # CJK Extension B: not in the vendored font, and no fallback in the tests
PRINTED_ON = dt.date(2026, 11, 22)


def pages_text(pdf: Path) -> list[str]:
    """Each page's text, read page by page (pdftotext -f n -l n), whitespace removed."""
    assert PDFTOTEXT is not None
    count = page_count(pdf.read_bytes())
    texts = []
    for n in range(1, count + 1):
        out = subprocess.run(
            [PDFTOTEXT, "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            check=True,
        )
        texts.append("".join(out.stdout.decode("utf-8").split()))
    return texts


def page_count(data: bytes) -> int:
    found = re.search(rb"/Count (\d+)", data)
    assert found is not None
    return int(found.group(1))


def assert_landscape_a4_fonts_embedded(pdf: Path) -> None:
    data = pdf.read_bytes()
    boxes = set(re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert boxes == {(b"841.8898", b"595.2756")}, boxes  # A4, wider than tall
    assert b"FontFile2" in data and b"+WenQuanYiMicroHei" in data
    if PDFFONTS is not None:
        fonts = subprocess.run([PDFFONTS, str(pdf)], capture_output=True, check=True)
        lines = fonts.stdout.decode().splitlines()[2:]
        assert lines and all(" yes " in line for line in lines)  # every font embedded


def document(n: int, **kw: object) -> TableDocument:
    columns = [
        Column("序号", 8, center=True),
        Column("姓名", 14),
        Column("关系", 10, group="监护人", center=True),
        Column("联系电话", 20, group="监护人", center=True),
        Column("备注说明", 60, limit=kw.pop("limit", None)),  # type: ignore[arg-type]
    ]
    rows = [
        Row(
            (
                i,
                f"学生{i}",
                "祖父母",
                "13912345678",
                f"起{i}号" + "很长的说明文字" * 12 + f"止{i}号",
            ),
            owner=f"学生{i}",
        )
        for i in range(1, n + 1)
    ]
    return TableDocument(
        "测试台账",
        columns,
        rows,
        "大山小学",
        "台账",
        f"共 {n} 人",
        PRINTED_ON,
        **kw,  # type: ignore[arg-type]
    )


@needs_pdftotext
def test_header_on_every_page_page_numbers_and_whole_rows(tmp_path: Path):
    out = tmp_path / "t.pdf"
    seen: list[tuple[int, int]] = []
    printed = write_table(
        document(60), out, fallbacks=[], progress=lambda d, t: seen.append((d, t))
    )
    assert printed.warnings == [] and printed.rows == 60
    assert_landscape_a4_fonts_embedded(out)
    texts = pages_text(out)
    n = len(texts)
    assert n == printed.pages > 1
    for number, text in enumerate(texts, start=1):
        # title, the two-row header (group cell and its columns), footer on every page
        for expected in ("测试台账", "序号", "监护人", "关系", "联系电话", "备注说明", "大山小学"):
            assert expected in text, (number, expected)
        assert "打印日期：2026-11-22" in text
        assert f"第{number}页/共{n}页" in text
    # every row is on exactly one page, whole: its first and last words on the same page
    for i in range(1, 61):
        holding = [p for p, t in enumerate(texts) if f"起{i}号" in t]
        assert len(holding) == 1 and f"止{i}号" in texts[holding[0]], i
    assert seen[-1] == (120, 120) and [d for d, _ in seen] == sorted(d for d, _ in seen)


@needs_pdftotext
def test_long_text_is_shortened_when_the_column_says_so(tmp_path: Path):
    out = tmp_path / "t.pdf"
    write_table(document(3, limit=20), out, fallbacks=[])
    text = "".join(pages_text(out))
    assert "起1号" in text and "止1号" not in text and "…" in text


def test_a_character_no_font_has_is_marked_and_reported(tmp_path: Path):
    doc = document(30)
    doc.rows[25] = Row((26, f"王{RARE}", "祖父母", "", ""), owner=f"王{RARE}")
    data, printed = render_table(doc, fallbacks=[])
    assert [(w.child_name, w.char, w.form) for w in printed.warnings] == [
        (f"王{RARE}", RARE, "台账")
    ]
    assert "台账上已标出【缺字：U+20000】" in printed.warnings[0].message
    if PDFTOTEXT is not None:
        pdf = tmp_path / "t.pdf"
        pdf.write_bytes(data)
        texts = pages_text(pdf)
        marked = [t for t in texts if "【缺字：U+20000】" in t]
        assert len(marked) == 1 and "注意：本页有电脑字体无法打印的字" in marked[0]


def test_cancel_writes_nothing(tmp_path: Path):
    out = tmp_path / "t.pdf"
    with pytest.raises(TableCancelled) as err:
        write_table(document(5), out, fallbacks=[], cancelled=lambda: True)
    assert "台账没有生成" in err.value.message
    asked = [0]

    def later() -> bool:  # cancel while the pages are drawn
        asked[0] += 1
        return asked[0] > 62

    with pytest.raises(TableCancelled):
        write_table(document(60), out, fallbacks=[], cancelled=later)
    assert not out.exists() and list(tmp_path.iterdir()) == []


@needs_pdftotext
def test_no_rows_is_one_page_saying_so(tmp_path: Path):
    out = tmp_path / "t.pdf"
    doc = document(0)
    doc.empty = "没有在校的留守儿童。"
    printed = write_table(doc, out, fallbacks=[])
    assert printed.pages == 1 and printed.rows == 0
    assert "没有在校的留守儿童。" in pages_text(out)[0]


def test_a_table_needs_columns():
    with pytest.raises(KnownError):
        render_table(TableDocument("x", [], [], "大山小学", "台账"), fallbacks=[])


def test_the_plan_summary_and_the_school_column():
    line = PairingLine(
        "张三",
        "三年级(2)班",
        "王老师",
        "教师",
        "139",
        "代理家长",
        dt.date(2026, 3, 1),
        goals="期末及格",
        content="辅导  作业",
        study_situation="",
    )
    assert plan_summary(line) == "目标：期末及格；内容：辅导 作业"
    doc = pairing_document([line], "城关镇", with_school=True)
    assert doc.columns[1].title == "学校" and doc.subtitle == "共 1 对，1 名儿童"
    assert [c.title for c in ledger_document([], "城关镇", with_school=True).columns][:2] == [
        "序号",
        "学校",
    ]


# -- the service, from a demo database ------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    ctx = create_demo_database(tmp_path_factory.mktemp("demo") / "demo.sqlite", n=80)
    ctx.today = lambda: PRINTED_ON
    yield ctx
    ctx.db.close()


@needs_pdftotext
def test_the_ledger_pdf_has_the_excel_ledgers_children(demo: ServiceContext, tmp_path: Path):
    rows = LedgerService(demo).ledger_rows()  # what the Excel ledger shows
    out = tmp_path / "台账.pdf"
    printer = PrintService(demo)
    printer.fallback_fonts = []
    printed = printer.ledger_pdf(out)
    assert printed.rows == len(rows) and printed.warnings == []
    assert_landscape_a4_fonts_embedded(out)
    texts = pages_text(out)
    assert len(texts) == printed.pages > 1
    for number, text in enumerate(texts, start=1):
        for header in (
            "农村留守儿童基本情况台账",
            "序号",
            "姓名",
            "出生日期",
            "监护人",
            "监护类型",
        ):
            assert header in text
        assert f"第{number}页/共{len(texts)}页" in text
    assert "序号班级姓名性别" in texts[0]  # one school: no 学校 column
    everything = "".join(texts)
    for r in rows:
        assert r.name in everything and r.guardian_phone in everything
    assert "打印日期：2026-11-22" in texts[0] and f"共{len(rows)}人" in texts[0]


@needs_pdftotext
def test_the_ledger_of_one_class_and_of_chosen_children(demo: ServiceContext, tmp_path: Path):
    rows = LedgerService(demo).ledger_rows()
    first = rows[0]
    grade, class_no = next(
        (g, c) for g in range(1, 10) for c in range(1, 10) if class_label(g, c) == first.class_label
    )
    printer = PrintService(demo)
    printer.fallback_fonts = []
    out = tmp_path / "班.pdf"
    printed = printer.ledger_pdf(out, grade=grade, class_no=class_no)
    in_class = [r for r in rows if r.class_label == first.class_label]
    assert printed.rows == len(in_class)
    text = "".join(pages_text(out))
    assert first.class_label in text and all(r.name in text for r in in_class)
    printed = printer.ledger_pdf(out, child_ids=[rows[-1].child_id])
    assert printed.rows == 1 and rows[-1].name in "".join(pages_text(out))
    with pytest.raises(KnownError):
        printer.ledger_pdf(out, child_ids=["nobody"])


@needs_pdftotext
def test_the_pairing_list_has_every_current_pairing(demo: ServiceContext, tmp_path: Path):
    school = ArchiveService(demo).schools()[0].id
    care = CareService(demo)
    at_school = set(PrintService(demo).children_of())
    current = [p for p in care.pairings(school, active_only=True) if p.child_id in at_school]
    phones = {h.id: h.phone for h in care.helpers(school)}
    out = tmp_path / "结对.pdf"
    printer = PrintService(demo)
    printer.fallback_fonts = []
    printed = printer.pairing_list_pdf(out)
    assert printed.rows == len(current) > 0
    assert_landscape_a4_fonts_embedded(out)
    texts = pages_text(out)
    assert len(texts) == printed.pages > 1
    for number, text in enumerate(texts, start=1):
        for header in ("留守儿童结对帮扶名单", "留守儿童", "帮扶人", "帮扶角色", "结对日期"):
            assert header in text
        assert f"第{number}页/共{len(texts)}页" in text
    everything = "".join(texts)
    for p in current:
        assert p.child_name in everything and p.helper_name in everything
        assert phones[p.helper_id] in everything


def test_a_cancelled_service_print_writes_nothing(demo: ServiceContext, tmp_path: Path):
    out = tmp_path / "台账.pdf"
    printer = PrintService(demo)
    printer.fallback_fonts = []
    with pytest.raises(TableCancelled):
        printer.ledger_pdf(out, cancelled=lambda: True)
    with pytest.raises(TableCancelled):
        printer.pairing_list_pdf(out, cancelled=lambda: True)
    assert not out.exists()


@needs_pdftotext
def test_a_township_ledger_has_a_school_column(tmp_path: Path):
    ctx = init_township(tmp_path / "t.sqlite", "城关镇", "T01")
    try:
        out = tmp_path / "t.pdf"
        printed = PrintService(ctx).ledger_pdf(out)
        assert printed.rows == 0 and printed.pages == 1
        text = pages_text(out)[0]
        assert "序号学校班级" in text and "单位：城关镇" in text and "没有在校的留守儿童" in text
    finally:
        ctx.db.close()
