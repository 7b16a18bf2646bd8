"""The contact cards (联系卡, eight to a page) and home-visit forms (家访登记表, blank and filled in
from a record): page counts, embedded fonts, names as text; the service and the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from liushou_desktop.cli.main import main
from liushou_desktop.domain.errors import KnownError
from liushou_desktop.reports.contact_cards import ContactCard, Person, render_contact_cards
from liushou_desktop.reports.visit_form import VisitFormData, VisitRecord, render_visit_forms
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.care import CareService, HelperDraft, RecordDraft
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.printing import PrintService
from tests.conftest import TODAY, make_archive
from tests.unit.reports.test_archive_card import needs_pdftotext, pdf_text


def contact(name: str) -> ContactCard:
    return ContactCard(
        name,
        "三年级(2)班",
        Person("王老师", "13800000000"),
        Person("张大爷", "13912345678", "祖父"),
        Person("张建国", "13700001111"),
        Person("李梅", "13600002222"),
        [Person("刘海涛", "13500003333", "代理家长")],
        "大山小学",
    )


@needs_pdftotext
@pytest.mark.parametrize("n", [1, 8, 9, 17])
def test_contact_cards_eight_to_a_page(n: int, tmp_path: Path):
    data, warnings = render_contact_cards([contact(f"张小明{i}") for i in range(n)], fallbacks=[])
    assert warnings == []
    pages = -(-n // 8)
    assert f"/Count {pages}".encode() in data
    assert b"FontFile2" in data and b"+WenQuanYiMicroHei" in data
    text = pdf_text(data, tmp_path)
    assert text.count("\f") == pages
    for expected in ("张小明0", "13912345678", "刘海涛", "李梅", "王老师", "大山小学"):
        assert expected in text


def test_contact_card_missing_character_is_reported():
    _data, warnings = render_contact_cards([contact("王𠮷")], fallbacks=[])
    assert [(w.child_name, w.char) for w in warnings] == [("王𠮷", "𠮷")]
    assert "联系卡" in warnings[0].message


def form(name: str, record: VisitRecord | None = None) -> VisitFormData:
    return VisitFormData(
        name,
        "男",
        "三年级(2)班",
        "父母均外出",
        "张大爷",
        "祖父",
        "13912345678",
        "大山村三组12号",
        "张建国",
        "李梅",
        "王老师",
        "大山小学",
        record,
    )


@needs_pdftotext
def test_visit_forms_one_page_each_blank_and_filled(tmp_path: Path):
    record = VisitRecord(
        dt.date(2026, 10, 8),
        "登门",
        "王老师",
        "祖父",
        "孩子按时完成作业" * 60,
        {"sleep": "晚上九点睡"},
        ("缺少关爱", "爷爷腿脚不便"),
        "希望多督促",
        "每天检查作业",
        "下月再访",
        dt.date(2026, 11, 8),
    )
    data, warnings = render_visit_forms(
        [form("张小明"), form("李小红"), form("王小刚", record)], fallbacks=[]
    )
    assert warnings == []
    assert b"/Count 3" in data and b"FontFile2" in data
    text = pdf_text(data, tmp_path)
    assert text.count("\f") == 3
    for expected in ("留守学生家访登记表", "张小明", "李小红", "大山村三组12号", "缺少关爱"):
        assert expected in text
    filled = "".join(text.split("\f")[2].split())
    for expected in ("孩子按时完成作业", "晚上九点睡", "不便", "每天检查作业", "下月再访"):
        assert expected in filled
    assert "孩子按时完成作业" not in text.split("\f")[0]


def test_cancel_writes_nothing(tmp_path: Path):
    with pytest.raises(KnownError):
        render_visit_forms([form("甲"), form("乙")], fallbacks=[], cancelled=lambda: True)


# -- the service and the CLI ------------------------------------------------------------------
def fill(ctx: ServiceContext, school_id: str) -> tuple[list[str], str]:
    archive = ArchiveService(ctx)
    ids = [
        archive.create(make_archive(school_id, f"学生{i}", grade=3, class_no=2, serial=i)).child_id
        for i in range(9)
    ]
    ids.append(
        archive.create(make_archive(school_id, "王五", grade=4, class_no=1, serial=20)).child_id
    )
    care = CareService(ctx)
    helper = care.add_helper(
        school_id, HelperDraft(name="陈爱心", kind="教师", phone="13511112222")
    )
    care.pair(helper, ids[0], "代理家长", TODAY)
    record = care.add_record(
        school_id,
        RecordDraft(
            kind="家访",
            occurred_on=TODAY,
            mode="登门",
            child_ids=[ids[0]],
            summary="登门看望，孩子精神很好",
            details={
                "met": "祖母",
                "problems": ["学习困难"],
                "guardian_opinion": "感谢老师关心",
                "advice": "多鼓励孩子",
                "observations": {"diet": "一日三餐正常"},
            },
        ),
    )
    return ids, record


@needs_pdftotext
def test_service_prints_contact_cards_and_forms(ctx: ServiceContext, school_id: str, tmp_path):
    ids, record = fill(ctx, school_id)
    service = PrintService(ctx)
    cards = service.contact_card_data(ids[:1])
    assert cards[0].helpers == [Person("陈爱心", "13511112222", "代理家长")]
    out = tmp_path / "c.pdf"
    seen: list[int] = []
    assert service.contact_cards(ids, out, lambda d, t: seen.append(d)) == []
    assert seen[-1] == 10 and b"/Count 2" in out.read_bytes()
    forms = tmp_path / "f.pdf"
    service.visit_forms(ids[:3], forms)
    assert b"/Count 3" in forms.read_bytes()
    filled = tmp_path / "r.pdf"
    service.visit_form_for_record(record, filled)
    text = pdf_text(filled.read_bytes(), tmp_path)
    for expected in ("学生0", "登门看望，孩子精神很好", "感谢老师关心", "一日三餐正常", "祖母"):
        assert expected in text
    with pytest.raises(KnownError):
        service.visit_form_for_record("nope", filled)


@needs_pdftotext
def test_cli_contact_cards_and_visit_forms(ctx: ServiceContext, school_id: str, tmp_path, capsys):
    ids, _record = fill(ctx, school_id)
    db = ctx.db.path
    ctx.db.close()
    out = tmp_path / "cc.pdf"
    args = ["--db", str(db), "--out", str(out)]
    assert main(["print", "contact-cards", *args, "--class", "3-2"]) == 0
    assert b"/Count 2" in out.read_bytes()  # nine children: two pages
    text = pdf_text(out.read_bytes(), tmp_path)
    assert "学生3" in text and "王五" not in text
    assert main(["print", "visit-forms", *args, "--child", ids[9]]) == 0
    assert b"/Count 1" in out.read_bytes()
    assert "王五" in pdf_text(out.read_bytes(), tmp_path)
    capsys.readouterr()
    assert main(["print", "visit-forms", *args, "--child", "nobody"]) == 2
    assert "找不到" in capsys.readouterr().err
