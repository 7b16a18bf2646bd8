"""The archive card (档案卡): one A4 page per child, fonts embedded, names extractable as text,
rare characters through the fallback chain or a visible warning; the CLI and the GUI."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from liushou_desktop.cli.main import main
from liushou_desktop.domain.archive import Assessment, ChildArchive, ChildRecord
from liushou_desktop.domain.errors import KnownError
from liushou_desktop.reports.archive_card import (
    CardData,
    CardHelper,
    CardVisit,
    render_cards,
    write_cards,
)
from liushou_desktop.reports.fonts import FontChain, FontSpec
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.care import CareService, HelperDraft, RecordDraft
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.printing import PrintService
from tests.conftest import TODAY, make_archive

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils not installed")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def pdf_text(data: bytes, tmp_path: Path) -> str:
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(data)
    assert PDFTOTEXT is not None
    out = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def card(name: str, **child: object) -> CardData:
    archive = ChildArchive(ChildRecord(id=name, name=name, **child))  # type: ignore[arg-type]
    return CardData(
        archive,
        assessment=Assessment(dt.date(2026, 9, 1), 3, 2, "一般", "王老师", "父母长期不联系"),
        helpers=[CardHelper("刘海涛", "教师", "代理家长", dt.date(2026, 2, 24))],
        visits=[CardVisit(dt.date(2026, 10, 1), "家访", "登门", "了解近况", "刘海涛")],
        school_name="大山小学",
    )


@needs_pdftotext
def test_one_page_per_child_fonts_embedded_names_as_text(tmp_path: Path):
    data, warnings = render_cards(
        [card("张小明"), card("李小红"), card("王小刚")], "大山小学", fallbacks=[]
    )
    assert warnings == []
    assert data.startswith(b"%PDF")
    assert b"/Count 3" in data
    assert b"FontFile2" in data  # embedded TrueType
    assert b"+WenQuanYiMicroHei" in data  # a subset (tag + name)
    text = pdf_text(data, tmp_path)
    for expected in ("留守儿童档案卡", "张小明", "李小红", "代理家长", "大山小学", "二级"):
        assert expected in text
    assert text.count("\f") == 3  # three pages


def test_a_character_no_font_has_is_marked_and_reported(tmp_path: Path):
    data, warnings = render_cards(
        [card("王𠮷"), card("李䶮", address="䶮村")], "大山小学", fallbacks=[]
    )
    assert [(w.child_name, w.char) for w in warnings] == [("王𠮷", "𠮷"), ("李䶮", "䶮")]
    assert "王𠮷" in warnings[0].message and "U+20BB7" in warnings[0].message
    if PDFTOTEXT:
        text = pdf_text(data, tmp_path)
        assert "【缺字：U+20BB7】" in text and "【缺字：U+4DAE】" in text


@pytest.mark.skipif(not DEJAVU.is_file(), reason="no second font to fall back on")
def test_a_fallback_font_draws_what_the_vendored_font_lacks():
    chain = FontChain([])
    spec = FontSpec("TestFallbackDejaVu", DEJAVU)
    from reportlab.pdfbase.ttfonts import TTFont

    dejavu = TTFont("probe", str(DEJAVU)).face.charToGlyph
    rare = next(chr(c) for c in sorted(dejavu) if c > 0x2000 and chain.font_for(chr(c)) is None)
    data, warnings = render_cards([card(f"张{rare}")], "大山小学", fallbacks=[spec])
    assert warnings == []
    assert b"+DejaVuSans" in data  # the fallback font is embedded too (a subset)


def test_long_text_stays_on_one_page():
    long = "情况复杂需要长期关注" * 80
    c = card("赵长文", moral=long, habits=long, psych_state=long)
    c.visits = [CardVisit(dt.date(2026, 1, d), "家访", "登门", long, "刘") for d in range(1, 9)]
    data, _ = render_cards([c], "大山小学", fallbacks=[])
    assert b"/Count 1" in data


def test_line_breaking_fits_the_column_and_keeps_the_rules():
    """The card lays out its own text: lines never wider than the column, no line starting
    with a closing mark or ending with an opening one, Latin words and numbers not cut."""
    from liushou_desktop.reports.archive_card import _Markup, _measure, _wrap

    markup = _Markup(FontChain([]))
    text = "孩子在校表现良好，尊敬师长。（团结同学）" * 6 + " Hope for the best, always. 20260315"
    measured = _measure(markup, text, {})
    for room in (4700.0, 7000.0, 9100.0, 12000.0):  # 4.7 to 12 Chinese characters
        lines = _wrap(measured, room)
        assert "".join(measured.s[a:b] for a, b in lines).replace(" ", "") == text.replace(" ", "")
        for a, b in lines:
            assert sum(measured.widths[a:b]) <= room + 1e-6
            assert measured.s[a] not in "，。）", (room, measured.s[a:b])
            assert measured.s[b - 1] != "（"
        words = [w for a, b in lines for w in measured.s[a:b].split()]
        assert {"Hope", "best,", "always.", "20260315"} <= set(words)


@needs_pdftotext
def test_card_strings_are_the_text_of_the_page(tmp_path: Path):
    """What the printing benchmark draws as its baseline is what the card shows."""
    from liushou_desktop.reports.archive_card import card_strings

    c = card("张小明", address="大坪村三组", moral="懂事孝顺，会帮家里干活")
    data, _ = render_cards([c], "大山小学", printed_on=dt.date(2026, 11, 22), fallbacks=[])
    strings = card_strings(c, "大山小学", dt.date(2026, 11, 22), 1, 1)
    for expected in (
        "留守儿童档案卡",
        "张小明",
        "大坪村三组",
        "懂事孝顺，会帮家里干活",
        "第 1 页 / 共 1 页",
    ):
        assert expected in strings
    assert b"Helvetica" not in data  # no unembedded font: the canvas starts in the vendored one
    text = pdf_text(data, tmp_path)
    drawn = "".join(text.split())
    assert sorted(drawn) == sorted("".join("".join(strings).split()))


def test_written_atomically_and_failure_in_chinese(tmp_path: Path):
    out = tmp_path / "cards.pdf"
    write_cards([card("张小明")], "大山小学", out, fallbacks=[])
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["cards.pdf"]
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(KnownError) as err:
        write_cards([card("张小明")], "大山小学", blocker / "c.pdf", fallbacks=[])
    assert "找不到文件夹" in err.value.message  # never made behind the user's back
    out.chmod(0o400)
    tmp_path.chmod(0o500)
    try:
        if not os.access(tmp_path, os.W_OK):  # root writes anyway
            with pytest.raises(KnownError) as err:
                write_cards([card("张小明")], "大山小学", out, fallbacks=[])
            assert "无法写入" in err.value.message
    finally:
        tmp_path.chmod(0o700)


def test_cancel_between_pages_writes_nothing(tmp_path: Path):
    out = tmp_path / "cards.pdf"
    seen: list[int] = []
    with pytest.raises(KnownError):
        write_cards(
            [card("甲"), card("乙"), card("丙")],
            "大山小学",
            out,
            fallbacks=[],
            progress=lambda done, total: seen.append(done),
            cancelled=lambda: len(seen) >= 1,
        )
    assert seen == [1]
    assert not out.exists()


# -- the service and the CLI ------------------------------------------------------------------
def fill(ctx: ServiceContext, school_id: str) -> list[str]:
    archive = ArchiveService(ctx)
    ids = [
        archive.create(make_archive(school_id, "张三", grade=3, class_no=2, serial=1)).child_id,
        archive.create(make_archive(school_id, "李四", grade=3, class_no=2, serial=2)).child_id,
        archive.create(make_archive(school_id, "王五", grade=4, class_no=1, serial=3)).child_id,
    ]
    archive.add_assessment(ids[0], Assessment(TODAY, 2, 1, "差", "王老师", "无人照看"))
    care = CareService(ctx)
    helper = care.add_helper(school_id, HelperDraft(name="陈爱心", kind="教师", phone=""))
    care.pair(helper, ids[0], "代理家长", TODAY)
    care.add_record(
        school_id,
        RecordDraft(kind="家访", occurred_on=TODAY, child_ids=[ids[0]], summary="登门看望"),
    )
    return ids


def test_the_service_gathers_every_section(ctx: ServiceContext, school_id: str):
    ids = fill(ctx, school_id)
    cards = PrintService(ctx).card_data(ids)
    first = cards[0]
    assert first.archive.child.name == "张三" and first.school_name == "大山小学"
    assert first.assessment is not None and first.assessment.risk_level == 1
    assert [h.name for h in first.helpers] == ["陈爱心"]
    assert [v.summary for v in first.visits] == ["登门看望"]
    assert cards[1].assessment is None and cards[1].helpers == [] and cards[1].visits == []
    assert set(PrintService(ctx).children_of(grade=3, class_no=2)) == set(ids[:2])


@needs_pdftotext
def test_cli_prints_a_class(ctx: ServiceContext, school_id: str, tmp_path: Path, capsys):
    ids = fill(ctx, school_id)
    db = ctx.db.path
    ctx.db.close()
    out = tmp_path / "class.pdf"
    assert main(["print", "cards", "--db", str(db), "--out", str(out), "--class", "3-2"]) == 0
    data = out.read_bytes()
    assert b"/Count 2" in data
    text = pdf_text(data, tmp_path)
    assert "张三" in text and "李四" in text and "王五" not in text
    one = tmp_path / "one.pdf"
    assert main(["print", "cards", "--db", str(db), "--out", str(one), "--child", ids[2]]) == 0
    assert b"/Count 1" in one.read_bytes()
    capsys.readouterr()
    assert main(["print", "cards", "--db", str(db), "--out", str(one), "--child", "nobody"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "找不到" in err
    with pytest.raises(SystemExit) as exit_:
        main(["print", "cards", "--db", str(db), "--out", str(one), "--class", "三二"])
    assert exit_.value.code == 2
    missing = tmp_path / "nope.sqlite"
    assert main(["print", "cards", "--db", str(missing), "--out", str(one)]) == 2


def test_cli_warns_about_missing_characters(ctx: ServiceContext, school_id: str, tmp_path, capsys):
    ArchiveService(ctx).create(make_archive(school_id, "王𠮷"))
    db = ctx.db.path
    ctx.db.close()
    out = tmp_path / "rare.pdf"
    assert main(["print", "cards", "--db", str(db), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "王𠮷" in err and "U+20BB7" in err
