"""The ledger workbook's 统计 and 记录 sheets (and the records page's own workbook): frozen
headers, column widths, A4 print set-up with the header row repeated; the statistics agree with
the detail's row count (勾稽关系) and with the services' own counting."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from liushou_desktop.domain.enums import Status
from liushou_desktop.domain.errors import KnownError
from liushou_desktop.domain.grades import class_label, grade_label
from liushou_desktop.reports.ledger_xlsx import Partition, write_ledger
from liushou_desktop.reports.stats_xlsx import RecordLine, Statistics, write_records
from liushou_desktop.services.archive import ArchiveService, partitions
from liushou_desktop.services.care import CareService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.demo import create_demo_database
from liushou_desktop.services.ledger import LedgerService
from liushou_desktop.services.township import TownshipService, paired_ids

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    ctx = create_demo_database(tmp_path_factory.mktemp("demo") / "demo.sqlite", n=80)
    ctx.today = lambda: TODAY
    yield ctx
    ctx.db.close()


@pytest.fixture(scope="module")
def exported(demo: ServiceContext, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "台账.xlsx"
    result = LedgerService(demo).export_ledger(out)
    assert result["records"] > 0
    return out


def sections(ws) -> dict[str, dict[str, tuple[int, float]]]:
    """The 统计 table: 分类 → 项目 → (人数, 占比), without the 合计 rows."""
    found: dict[str, dict[str, tuple[int, float]]] = {}
    for title, label, count, share in ws.iter_rows(min_row=5, max_col=4, values_only=True):
        if title is None:
            break
        if label != "合计":
            found.setdefault(title, {})[label] = (count, share)
    return found


def totals(ws) -> dict[str, int]:
    return {
        title: count
        for title, label, count, _share in ws.iter_rows(min_row=5, max_col=4, values_only=True)
        if label == "合计"
    }


def test_the_workbook_has_four_sheets(exported: Path):
    assert load_workbook(exported).sheetnames == ["台账", "汇总", "统计", "记录"]


def test_the_statistics_sheet_is_set_up_for_print_and_screen(exported: Path):
    ws = load_workbook(exported)["统计"]
    assert ws.freeze_panes == "A5"
    assert [c.value for c in ws[4]] == ["分类", "项目", "人数", "占比"]
    for letter in "ABCD":
        assert ws.column_dimensions[letter].width > 8
    assert ws.page_setup.orientation == "portrait"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9  # A4
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$4:$4"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert ws["D5"].number_format == "0.0%"


def test_every_partition_adds_up_to_the_detail_row_count(exported: Path):
    wb = load_workbook(exported)
    detail = [r for r in wb["台账"].iter_rows(min_row=4, values_only=True) if r[0] is not None]
    found = totals(wb["统计"])
    assert set(found) == {
        "按年级", "按班级", "按留守类型", "按风险类型", "按风险等级", "按监护人类别",
        "结对帮扶", "本学期家访",
    }  # fmt: skip
    assert set(found.values()) == {len(detail)}
    for title, items in sections(wb["统计"]).items():
        assert sum(n for n, _ in items.values()) == len(detail), title
        assert sum(share for _, share in items.values()) == pytest.approx(1.0)
    assert f"{len(detail)} 名儿童" in wb["统计"]["A2"].value
    # the 汇总 sheet's own check is untouched: its partitions add up to the same count
    summary = wb["汇总"]
    assert f"儿童合计：{len(detail)} 人" in summary["A2"].value


def test_the_figures_are_the_services_own(demo: ServiceContext, exported: Path):
    ledger = LedgerService(demo)
    children = ledger._children(None)
    counts = partitions(children)
    got = sections(load_workbook(exported)["统计"])
    assert {k: n for k, (n, _) in got["按年级"].items()} == {
        grade_label(int(g)): n for g, n in counts["by_grade"].items()
    }
    assert {k: n for k, (n, _) in got["按班级"].items()} == {
        class_label(*map(int, c.split("-"))): n for c, n in counts["by_class"].items()
    }
    assert {k: n for k, (n, _) in got["按留守类型"].items()} == counts["by_left_behind_kind"]
    assert {k: n for k, (n, _) in got["按监护人类别"].items()} == counts["by_guardian_kind"]
    assert list(got["按年级"]) == ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"]
    # `liushou stats` counts the children on the register (在册) with the same function; the
    # ledger also lists those 不再留守
    on_register = ArchiveService(demo).stats()
    no_longer = [r for r in children if r.status == Status.NO_LONGER_LEFT_BEHIND]
    assert on_register["active"] + len(no_longer) == len(children)
    by_level = Counter(on_register["by_risk_level"])
    by_level.update(str(r.risk_level) if r.risk_level else "未评估" for r in no_longer)
    labels = {"1": "一级", "2": "二级", "3": "三级", "4": "四级", "未评估": "未评估"}
    assert {k: n for k, (n, _) in got["按风险等级"].items()} == {
        labels[k]: n for k, n in by_level.items()
    }
    # paired and visited as the township's figures count them (those count 在册 only)
    figures = TownshipService(demo).school_figures(TODAY, duties=False)[0]
    with demo.db.session(write=False) as s:
        paired = paired_ids(s.connection(), TODAY)
    paired_no_longer = sum(1 for r in no_longer if r.id in paired)
    assert got["结对帮扶"]["已结对"][0] == figures.paired + paired_no_longer
    assert got["本学期家访"]["已家访"][0] >= figures.visited
    assert got["本学期家访"]["已家访"][0] <= figures.visited + len(no_longer)
    assert got["结对帮扶"]["已结对"][1] == pytest.approx(
        got["结对帮扶"]["已结对"][0] / len(children)
    )


def test_the_records_sheet(demo: ServiceContext, exported: Path):
    ws = load_workbook(exported)["记录"]
    assert ws.freeze_panes == "A3"
    header = [c.value for c in ws[2]]
    assert header == [
        "序号", "日期", "类型", "方式", "儿童", "帮扶人", "填写人", "内容摘要", "后续跟进", "跟进期限",
    ]  # fmt: skip
    widths = {letter: ws.column_dimensions[letter].width for letter in "ABCDEFGHIJ"}
    assert all(w >= 5 for w in widths.values()) and widths["H"] == max(widths.values())
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == "$2:$2"
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A2:")
    care = CareService(demo)
    school = ArchiveService(demo).schools()[0]
    since = min(t.start for t in care.terms(school.id) if t.school_year == "2026-2027")
    records = care.records(school.id, since=since)
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(records) and "2026-2027 学年" in ws["A1"].value
    names = {r.id: r.name for r in ArchiveService(demo).list_children()}
    first = records[0]
    assert rows[0][1].date() == first.occurred_on and rows[0][2] == first.kind
    assert rows[0][4] == "、".join(names[c] for c in first.child_ids)
    assert rows[0][7] == " ".join(first.summary.split())


def test_statistics_that_disagree_with_the_detail_are_not_saved(tmp_path: Path):
    bad = Statistics(
        total=0,
        partitions=(Partition("按年级", ("人数",), (("一年级", (1,)),)),),
    )
    out = tmp_path / "台账.xlsx"
    with pytest.raises(KnownError, match="统计表“按年级”各项相加为 1 人"):
        write_ledger(out, [], unit="大山小学", on=TODAY, statistics=bad)
    assert not out.exists()


def test_the_records_pages_workbook(tmp_path: Path):
    lines = [
        RecordLine(dt.date(2026, 11, 20), "家访", "登门", "张三", "李老师", "李老师",
                   "登门家访，了解孩子在家学习生活情况。" * 8, "联系村委会", dt.date(2026, 12, 1),
                   "更正"),
        RecordLine(dt.date(2026, 11, 2), "谈心", "", "李四、王五", "", "王老师", "谈学习",
                   version="已更正"),
    ]  # fmt: skip
    out = write_records(
        tmp_path / "记录.xlsx", lines, unit="大山小学", on=TODAY, scope="类型：家访"
    )
    ws = load_workbook(out)["记录"]
    assert "大山小学" in ws["A1"].value and "类型：家访" in ws["A1"].value
    assert ws.cell(2, 11).value == "版本" and ws.cell(4, 11).value == "已更正"
    assert ws.cell(3, 10).value.date() == dt.date(2026, 12, 1)
    assert ws.row_dimensions[3].height > 15  # the long summary wraps: the row is taller
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$2:$2"
    with pytest.raises(KnownError, match="没有要导出的记录"):
        write_records(tmp_path / "空.xlsx", [], unit="大山小学", on=TODAY)


def test_at_a_township_classes_are_counted_per_school(demo: ServiceContext):
    ledger = LedgerService(demo)
    rows = ledger._children(None)[:6]
    other = [
        dataclasses.replace(r, id=f"x{n}", school_id="s2", school_name="二小")
        for n, r in enumerate(rows[:3])
    ]
    stats = ledger.statistics([*rows, *other], TODAY)
    by_class = next(p for p in stats.partitions if p.title == "按班级")
    labels = [label for label, _ in by_class.rows]
    assert any(label.startswith("二小 ") for label in labels)
    assert any(label.startswith(rows[0].school_name + " ") for label in labels)
    assert by_class.total == stats.total == 9
    assert all(p.total == 9 for p in stats.partitions)
    assert any("各校本学期" in note for note in stats.notes)
