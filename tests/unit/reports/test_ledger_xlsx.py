"""The ledger (台账) as Excel: the detail in the registration form's shape, the summary whose
partitions all add up to the detail's total (勾稽关系), print set-up, atomic writing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from liushou_desktop.domain.enums import Status
from liushou_desktop.domain.errors import KnownError
from liushou_desktop.reports import files, ledger_xlsx
from liushou_desktop.reports.ledger_xlsx import (
    LedgerRow,
    Partition,
    Summary,
    build_summary,
    write_ledger,
)
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.demo import create_demo_database
from liushou_desktop.services.ledger import LedgerService, guardianship_type

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    ctx = create_demo_database(tmp_path_factory.mktemp("demo") / "demo.sqlite", n=60)
    ctx.today = lambda: TODAY
    yield ctx
    ctx.db.close()


@pytest.fixture(scope="module")
def exported(demo: ServiceContext, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "台账.xlsx"
    result = LedgerService(demo).export_ledger(out)
    assert result["path"] == str(out) and result["children"] > 0
    return out


def at_school(ctx: ServiceContext) -> int:
    rows = ArchiveService(ctx).list_children()
    return sum(1 for r in rows if r.status in (Status.ENROLLED, Status.NO_LONGER_LEFT_BEHIND))


def test_the_detail_has_the_two_row_header_with_merged_groups(exported: Path) -> None:
    ws = load_workbook(exported)["台账"]
    top = [c.value for c in ws[2]]
    sub = [c.value for c in ws[3]]
    assert top[0] == "序号" and top[1] == "班级"  # one school: no 学校 column
    for group in ("儿童", "监护人", "父亲", "母亲", "监护情况", "风险评估"):
        assert group in top
    assert sub[2:12] == [
        "姓名", "性别", "民族", "出生日期", "身份证号", "户籍地", "现住址", "健康状况", "残疾情况", "是否寄宿",
    ]  # fmt: skip
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:A3", "B2:B3", "C2:L2", "M2:Q2", "R2:T2", "U2:W2"} <= merged
    assert top[top.index("监护人")] == "监护人" and sub[12:17] == [
        "姓名", "关系", "联系电话", "身份证号", "住址",
    ]  # fmt: skip
    assert sub[17:23] == ["姓名", "务工地点", "联系电话", "姓名", "务工地点", "联系电话"]
    for single in ("获得救助", "儿童类别", "状态"):
        assert single in top


def test_a_known_child_is_in_its_row(demo: ServiceContext, exported: Path) -> None:
    service = ArchiveService(demo)
    row = next(
        r
        for r in service.list_children()
        if r.status == Status.ENROLLED
        and r.risk_level
        and r.guardian_name
        and r.father_name
        and service.get(r.id).guardian.id_number
    )
    archive = service.get(row.id)
    ws = load_workbook(exported)["台账"]
    sub = [c.value for c in ws[3]]
    found = [
        [c.value for c in line]
        for line in ws.iter_rows(min_row=4)
        if line[6].value == row.id_number
    ]
    assert len(found) == 1
    values = found[0]
    assert values[1] == row.class_label and values[2] == row.name and values[3] == row.sex
    assert values[4] == (archive.child.ethnicity or None)
    assert values[5].date() == row.birth_date
    assert values[12] == row.guardian_name and values[14] == row.guardian_phone
    assert values[15] == (archive.guardian.id_number or None)
    assert values[17] == (row.father_name or None)
    assert archive.father.work_province in (values[18] or "")
    assert values[sub.index("监护评估")] == row.guardian_assessment
    assert values[sub.index("等级")].endswith("级")
    assert ws.cell(row=4, column=7).number_format == "@"  # ID numbers stay text


def test_only_children_at_school_and_never_deleted(demo: ServiceContext, tmp_path: Path) -> None:
    service = ArchiveService(demo)
    enrolled = [r for r in service.list_children() if r.status == Status.ENROLLED]
    before = len(LedgerService(demo).ledger_rows())
    assert before == at_school(demo)
    service.change_status(enrolled[0].id, Status.DELETED, TODAY, "重复录入")
    service.change_status(enrolled[1].id, Status.DROPPED_OUT, TODAY, "外出")
    try:
        rows = LedgerService(demo).ledger_rows()
        assert len(rows) == before - 2
        ids = {r.id_number for r in rows}
        assert enrolled[0].id_number not in ids and enrolled[1].id_number not in ids
    finally:
        service.change_status(enrolled[0].id, Status.ENROLLED, TODAY, "恢复")
        service.change_status(enrolled[1].id, Status.ENROLLED, TODAY, "复学")


def test_frozen_header_print_setup_and_footer(exported: Path) -> None:
    ws = load_workbook(exported)["台账"]
    assert ws.freeze_panes == "D4"  # header rows and 序号/班级/姓名 stay in view
    assert ws.print_title_rows == "$2:$3"
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == "9"  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 2 and ws.print_title_cols == "$A:$C"
    assert ws.oddFooter.center.text == "第 &P 页 / 共 &N 页"
    assert ws.column_dimensions["G"].width >= 18  # an ID number fits


def summary_blocks(path: Path) -> tuple[int, dict[str, list[int]]]:
    """Read the 汇总 sheet back: each block's title → the column sums of its rows."""
    ws = load_workbook(path)["汇总"]
    blocks: dict[str, list[int]] = {}
    title = None
    for line in ws.iter_rows(min_row=3, values_only=True):
        if line[0] is None:
            title = None
            continue
        if title is None and str(line[0]).startswith("按"):
            title = line[0]
            blocks[title] = []
            continue
        if title is None:
            continue
        counts = [v for v in line[1:] if isinstance(v, int)]
        if line[0] == "合计":
            blocks[title].append(-1)  # marks the 合计 row; its values follow
            blocks[title].extend(counts)
        else:
            blocks[title].append(counts[0] if len(counts) == 1 else counts[-1])
    detail = load_workbook(path)["台账"]
    total = sum(1 for line in detail.iter_rows(min_row=4, values_only=True) if line[2])
    return total, blocks


def test_every_summary_partition_adds_up_to_the_detail_total(
    demo: ServiceContext, exported: Path
) -> None:
    total, blocks = summary_blocks(exported)
    assert total == at_school(demo)
    assert set(blocks) >= {
        "按年龄段和性别", "按就学阶段", "按是否寄宿", "按监护人类别", "按监护类型", "按风险等级", "按风险类型",
    }  # fmt: skip
    for title, values in blocks.items():
        mark = values.index(-1)
        rows, sums = values[:mark], values[mark + 1 :]
        assert sum(rows) == total, title
        assert sums[-1] == total, title
    ws = load_workbook(exported)["汇总"]
    assert f"{total} 人" in ws["A2"].value


def test_a_summary_that_disagrees_is_refused_and_nothing_is_written(
    demo: ServiceContext, tmp_path: Path
) -> None:
    rows = LedgerService(demo).ledger_rows()
    good = build_summary(rows, TODAY)
    boarding = good.partitions[2]
    (label, (count,)), *rest = boarding.rows
    bad_part = dataclasses.replace(boarding, rows=((label, (count + 1,)), *rest))
    bad = Summary(good.total, (*good.partitions[:2], bad_part, *good.partitions[3:]))
    out = tmp_path / "bad.xlsx"
    with pytest.raises(KnownError, match="勾稽"):
        write_ledger(out, rows, unit="测试", on=TODAY, summary=bad)
    with pytest.raises(KnownError, match="不一致"):
        write_ledger(out, rows, unit="测试", on=TODAY, summary=Summary(len(rows) + 1))
    assert not out.exists() and list(tmp_path.iterdir()) == []
    empty = Summary(0, (Partition("按是否寄宿", ("人数",), (("寄宿", (0,)),)),))
    write_ledger(tmp_path / "empty.xlsx", [], unit="测试", on=TODAY, summary=empty)
    assert (tmp_path / "empty.xlsx").exists()


def test_age_bands_count_as_of_the_export_date() -> None:
    on = dt.date(2026, 9, 1)
    assert ledger_xlsx.age_band(ledger_xlsx.age_on(dt.date(2020, 9, 2), on)) == "0–5岁"
    assert ledger_xlsx.age_band(ledger_xlsx.age_on(dt.date(2020, 9, 1), on)) == "6–13岁"
    assert ledger_xlsx.age_band(ledger_xlsx.age_on(dt.date(2012, 9, 1), on)) == "14–16岁"
    assert ledger_xlsx.age_band(ledger_xlsx.age_on(dt.date(2009, 8, 31), on)) == "17岁及以上"
    assert ledger_xlsx.age_band(None) == "不详"


def test_guardianship_type_follows_the_form() -> None:
    assert guardianship_type("无人监护", "父母均外出", "较好") == "无人监护"
    assert (
        guardianship_type("父母一方监护", "一方外出另一方无监护能力", "一般") == "父或母无监护能力"
    )
    assert guardianship_type("隔代监护", "父母均外出", "差") == "受委托监护人监护能力不足"
    assert guardianship_type("隔代监护", "父母均外出", "一般") == "监护情况一般"
    assert guardianship_type("隔代监护", "父母均外出", "较好") == "监护情况较好"
    assert guardianship_type("隔代监护", "父母均外出", None) == "未评估"


def test_several_schools_get_a_school_column(demo: ServiceContext, tmp_path: Path) -> None:
    rows = LedgerService(demo).ledger_rows()[:4]
    two: list[LedgerRow] = [
        dataclasses.replace(r, school="甲小学" if i % 2 else "乙小学") for i, r in enumerate(rows)
    ]
    out = write_ledger(tmp_path / "t.xlsx", two, unit="城关镇", on=TODAY)
    ws = load_workbook(out)["台账"]
    assert ws["B2"].value == "学校" and ws["C2"].value == "班级"
    assert ws.freeze_panes == "E4"
    assert {ws.cell(row=r, column=2).value for r in range(4, 8)} == {"甲小学", "乙小学"}


def test_a_file_open_in_excel_is_told_in_chinese(
    demo: ServiceContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def locked(src: str, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "replace", locked)  # the shared atomic write
    out = tmp_path / "台账.xlsx"
    with pytest.raises(KnownError, match="Excel/WPS"):
        LedgerService(demo).export_ledger(out)
    assert list(tmp_path.iterdir()) == []  # the temporary file is gone too


def test_bad_target_is_refused(demo: ServiceContext, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match=r"\.xlsx"):
        LedgerService(demo).export_ledger(tmp_path / "台账.csv")
    with pytest.raises(KnownError, match="不存在"):
        LedgerService(demo).export_ledger(tmp_path / "missing" / "台账.xlsx")
