"""The teacher's year-end duty report (教师关爱工作考核表) as a PDF: one page group per teacher,
fonts embedded, text extractable, page numbers per teacher only when a report runs to several
pages, missing characters reported; the service feeds it CareService's own figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from liushou_desktop.domain.errors import KnownError
from liushou_desktop.reports.archive_card import CardsCancelled
from liushou_desktop.reports.duty_report_pdf import (
    DutyReportData,
    ReportMissed,
    ReportPairing,
    ReportRule,
    render_duty_reports,
    write_duty_reports,
)
from liushou_desktop.services.care import CareService, HelperDraft
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.printing import PrintService
from tests.conftest import TODAY
from tests.gui.test_dashboard_page import care_school
from tests.unit.reports.test_archive_card import needs_pdftotext, pdf_text

D = dt.date


def report(teacher: str, children: int = 2, missed: int = 1) -> DutyReportData:
    return DutyReportData(
        teacher=teacher,
        school_name="大山小学",
        school_year="2025-2026",
        as_of=D(2026, 7, 5),
        pairings=[
            ReportPairing(f"学生{i}", "三年级(2)班", "代理家长", D(2025, 9, 1), None)
            for i in range(children)
        ]
        + [ReportPairing("张小明", "四年级(1)班", "学习帮手", D(2025, 9, 1), D(2026, 3, 1))],
        records_by_kind=[("家访", 3), ("谈心", 5), ("书信", 1)],
        rules=[
            ReportRule("每学期家访一次", 6, 3, 1, 2),
            ReportRule("每月谈心一次", 20, 18, 0, 2),
        ],
        met=21,
        missed=missed,
        missed_units=[
            ReportMissed(
                "每学期家访一次",
                f"学生{i % max(children, 1)}",
                "三年级(2)班",
                D(2025, 9, 1),
                D(2026, 1, 20),
                1,
                0,
            )
            for i in range(missed)
        ],
    )


@needs_pdftotext
def test_one_teacher_one_page_fonts_embedded_text_extractable(tmp_path: Path):
    data, warnings = render_duty_reports([report("何丽")], printed_on=D(2026, 11, 22), fallbacks=[])
    assert warnings == []
    assert data.startswith(b"%PDF") and b"/Count 1" in data
    assert b"FontFile2" in data and b"+WenQuanYiMicroHei" in data  # an embedded subset
    text = pdf_text(data, tmp_path)
    flat = "".join(text.split())
    for expected in (
        "2025-2026学年教师关爱工作考核表",
        "何丽",
        "大山小学",
        "学生0",
        "张小明",
        "代理家长",
        "2026-03-01",  # until
        "至今",
        "家访",
        "每学期家访一次",
        "逾期未完成明细",
        "2025-09-01至2026-01-20",  # the period missed
        "教师签字",
        "学校审核",
        "日期",
        "打印日期：2026-11-22",
    ):
        assert expected in flat, expected
    assert "页/共" not in flat  # one page: no page numbers


@needs_pdftotext
def test_each_teacher_on_pages_of_their_own_numbered_per_teacher(tmp_path: Path):
    long = report("李老师", children=40, missed=60)
    data, _warnings = render_duty_reports(
        [long, report("王老师")], printed_on=D(2026, 11, 22), fallbacks=[]
    )
    pages = ["".join(p.split()) for p in pdf_text(data, tmp_path).split("\f")[:-1]]
    assert len(pages) >= 3
    *first, last = pages
    n = len(first)
    for i, page in enumerate(first, start=1):
        assert f"第{i}页/共{n}页" in page
        assert "王老师" not in page
    assert "考核表" in first[0] and "李老师" in first[0]
    assert "教师签字" in first[-1] and all("教师签字" not in p for p in first[:-1])
    assert "学生39" in "".join(first) and "逾期未完成明细" in "".join(first)
    assert "王老师" in last and "教师签字" in last and "页/共" not in last
    assert "大山小学" in last and "打印日期" in last


def test_a_character_no_font_has_is_marked_and_reported_once():
    r = report("何丽")
    r.pairings.append(ReportPairing("王𠮷", "三年级(2)班", "代理家长", D(2025, 9, 1)))
    r.missed_units.append(
        ReportMissed("每学期家访一次", "王𠮷", "三年级(2)班", D(2025, 9, 1), D(2026, 1, 20), 1, 0)
    )
    data, warnings = render_duty_reports([r, r], fallbacks=[])
    assert [(w.child_name, w.char) for w in warnings] == [("王𠮷", "𠮷")]
    assert "考核表" in warnings[0].message and "U+20BB7" in warnings[0].message
    assert b"/Count 2" in data


def test_progress_counts_teachers_and_cancel_writes_nothing(tmp_path: Path):
    seen: list[tuple[int, int]] = []
    render_duty_reports(
        [report("甲"), report("乙"), report("丙")],
        fallbacks=[],
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen[-1] == (3, 3) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    out = tmp_path / "考核表.pdf"
    calls = iter([False, False, True, True, True, True, True])
    with pytest.raises(CardsCancelled, match="考核表"):
        write_duty_reports(
            [report("甲"), report("乙"), report("丙")],
            out,
            fallbacks=[],
            cancelled=lambda: next(calls),
        )
    assert not out.exists()
    with pytest.raises(KnownError, match="没有要打印的教师"):
        render_duty_reports([], fallbacks=[])


def test_an_empty_report_still_prints_with_its_sections(tmp_path: Path):
    empty = DutyReportData("赵老师", "大山小学", "2025-2026", D(2026, 7, 5))
    out = write_duty_reports([empty], tmp_path / "空.pdf", fallbacks=[])
    assert out == [] and b"/Count 1" in (tmp_path / "空.pdf").read_bytes()


# -- the service --------------------------------------------------------------------------------
@pytest.fixture
def school(ctx: ServiceContext, service, school_id: str):
    return care_school(service, CareService(ctx), school_id)


def test_the_service_feeds_care_services_figures(ctx: ServiceContext, school, school_id: str):
    care = CareService(ctx)
    printer = PrintService(ctx)
    expected = care.teacher_report(school.wang, "2026-2027")
    assert expected.missed > 0 and len(expected.missed_units) == expected.missed
    assert {u.child_name for u in expected.missed_units} <= {"王五", "赵六"}
    # the bulk read gives each teacher the same report as one at a time
    both = care.teacher_reports([school.wang, school.li], "2026-2027")
    assert both == [expected, care.teacher_report(school.li, "2026-2027")]
    [data] = printer.duty_report_data([school.wang], "2026-2027")
    assert data.teacher == "王老师" and data.school_name == "大山小学"
    assert data.as_of == TODAY  # the year has not ended
    assert [p.child_name for p in data.pairings] == [p.child_name for p in expected.pairings]
    assert [(r.name, r.required, r.done, r.due, r.missed) for r in data.rules] == [
        (d.label, d.required, d.done, d.due, d.overdue) for d in expected.rules
    ]
    assert data.records_by_kind == list(expected.records_by_kind.items())
    assert [(u.child_name, u.start, u.end) for u in data.missed_units] == [
        (u.child_name, u.start, u.end) for u in expected.missed_units
    ]
    [spring] = printer.duty_report_data([school.wang], "2025-2026")
    assert spring.as_of == D(2026, 7, 5)  # a past year: counted to its last day


@needs_pdftotext
def test_one_teacher_or_every_teacher(ctx: ServiceContext, school, school_id: str, tmp_path: Path):
    care = CareService(ctx)
    printer = PrintService(ctx)
    gone = care.add_helper(school_id, HelperDraft("教师", "孙老师", "13900003333"))
    care.set_helper_active(gone, False)  # left, never paired: no report
    classmate = care.add_helper(school_id, HelperDraft("同学", "周八", "", child_id=school.kids[4]))
    assert printer.duty_report_teachers("2026-2027") == [school.li, school.wang]  # by pinyin
    out = tmp_path / "一位.pdf"
    assert printer.teacher_report_pdf(school.wang, "2026-2027", out) == []
    text = "".join(pdf_text(out.read_bytes(), tmp_path).split())
    for expected in ("王老师", "王五", "赵六", "每月谈心一次", "大山小学", "教师签字"):
        assert expected in text
    assert "李老师" not in text
    every = tmp_path / "全部.pdf"
    printer.teacher_reports_pdf(None, "2026-2027", every)
    pages = pdf_text(every.read_bytes(), tmp_path).split("\f")
    assert "李老师" in pages[0] and "王老师" in pages[1]
    with pytest.raises(KnownError, match="不是教师"):
        printer.teacher_report_pdf(classmate, "2026-2027", tmp_path / "x.pdf")
    with pytest.raises(KnownError, match="找不到"):
        printer.teacher_report_pdf("nobody", "2026-2027", tmp_path / "x.pdf")
    with pytest.raises(KnownError, match="校历里没有 2024-2025"):
        printer.teacher_reports_pdf(None, "2024-2025", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
