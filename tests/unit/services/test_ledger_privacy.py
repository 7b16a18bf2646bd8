"""Exports that leave the school carry only what is needed (issue 6): the lean ledger has no ID
number and no phone of anyone, the statistics export no child at all — checked in the raw XML of
the workbook, not only in the cells openpyxl reads back — and its counts are `liushou stats`'."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from liushou_desktop.domain.enums import Status
from liushou_desktop.domain.errors import KnownError
from liushou_desktop.domain.grades import class_label, grade_label
from liushou_desktop.reports.ledger_xlsx import (
    LEAN_NOTE,
    PRIVATE_HEADERS,
    REDACTED,
    STATISTICS_NOTE,
    redact_numbers,
)
from liushou_desktop.services.archive import ArchiveService, partitions
from liushou_desktop.services.care import CareService, RecordDraft
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.demo import create_demo_database
from liushou_desktop.services.ledger import LedgerService

TODAY = dt.date(2026, 11, 22)

# Every ID number and phone number the database holds, whoever's it is.
_SECRETS = {
    "child": ("id_number", "phone"),
    "guardian": ("id_number", "phone"),
    "parent": ("id_number", "phone"),
    "helper": ("phone",),
    "school_class": ("teacher_phone",),
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceContext]:
    ctx = create_demo_database(tmp_path_factory.mktemp("demo") / "demo.sqlite", n=80)
    ctx.today = lambda: TODAY
    # a record whose text names a guardian's phone and a child's ID number, as people write
    rows = [r for r in ArchiveService(ctx).list_children() if r.status == Status.ENROLLED]
    child = next(r for r in rows if r.guardian_phone and r.id_number)
    phone = child.guardian_phone
    spaced = f"{phone[:3]} {phone[3:7]} {phone[7:]}"
    CareService(ctx).add_record(
        child.school_id,
        RecordDraft(
            "联系监护人",
            TODAY - dt.timedelta(days=1),
            [child.id],
            summary=f"打电话 {phone} 给监护人（或 {spaced}），核对身份证号{child.id_number}",
            mode="电话",
            follow_up=f"下周再打 {phone}",
        ),
    )
    yield ctx
    ctx.db.close()


@pytest.fixture(scope="module")
def secrets(demo: ServiceContext) -> set[str]:
    found: set[str] = set()
    with demo.db.session(write=False) as s:
        conn = s.connection()
        for table, columns in _SECRETS.items():
            for column in columns:
                sql = f"SELECT {column} FROM {table} WHERE {column} != ''"
                found |= {v for (v,) in conn.exec_driver_sql(sql).fetchall()}
    assert len(found) > 100  # the demo gives everyone a phone and an ID number
    return found


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("out")


@pytest.fixture(scope="module")
def full(demo: ServiceContext, out: Path) -> Path:
    result = LedgerService(demo).export_ledger(out / "台账.xlsx")
    assert result["lean"] is False
    return out / "台账.xlsx"


@pytest.fixture(scope="module")
def lean(demo: ServiceContext, out: Path) -> Path:
    result = LedgerService(demo).export_ledger(out / "台账（外发）.xlsx", lean=True)
    assert result["lean"] is True and result["children"] > 0 and result["records"] > 0
    return out / "台账（外发）.xlsx"


@pytest.fixture(scope="module")
def statistics(demo: ServiceContext, out: Path) -> tuple[Path, dict]:
    result = LedgerService(demo).export_statistics(out / "统计.xlsx")
    return out / "统计.xlsx", result


def xml_text(path: Path) -> str:
    """Every member of the .xlsx (a zip of XML files), unpacked and joined."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(name).decode("utf-8") for name in z.namelist())


def header(ws) -> list[tuple[str | None, str | None]]:
    """(group, column) of the 台账 sheet's two-row header, group cells filled rightwards."""
    group: str | None = None
    cols = []
    for top, sub in zip(ws[2], ws[3], strict=True):
        if top.value is not None:
            group = top.value
        cols.append((group, sub.value or top.value))
    return cols


def test_the_full_ledger_does_carry_them(full: Path, secrets: set[str]):
    """The check below would see them: the full ledger has the IDs and phones."""
    text = xml_text(full)
    assert sum(1 for s in secrets if s in text) > 100


def test_the_lean_ledger_carries_no_id_number_and_no_phone(lean: Path, secrets: set[str]):
    text = xml_text(lean)
    leaked = sorted(s for s in secrets if s in text)
    assert leaked == []
    assert REDACTED in text  # the record that named them


def test_the_lean_ledger_leaves_the_columns_out_and_says_so(full: Path, lean: Path):
    wb_full, wb_lean = load_workbook(full), load_workbook(lean)
    assert wb_lean.sheetnames == ["台账", "汇总", "统计", "记录"]
    ws = wb_lean["台账"]
    assert LEAN_NOTE in ws["A1"].value and "（不含身份证号和电话）" in ws["A1"].value
    assert LEAN_NOTE not in wb_full["台账"]["A1"].value
    cols = header(ws)
    assert all(name not in PRIVATE_HEADERS for _, name in cols)
    dropped = [c for c in header(wb_full["台账"]) if c not in cols]
    assert dropped == [
        ("儿童", "身份证号"),
        ("监护人", "联系电话"),
        ("监护人", "身份证号"),
        ("父亲", "联系电话"),
        ("母亲", "联系电话"),
    ]
    assert ws.max_column == len(cols) == wb_full["台账"].max_column - 5
    # no empty column left behind: every column has a header and the values the full ledger
    # has under that header, row by row
    assert all(name for _, name in cols)
    full_cols = header(wb_full["台账"])

    def column(sheet, k: int) -> list:
        return [r[k] for r in sheet.iter_rows(min_row=4, values_only=True) if r[0] is not None]

    for k, key in enumerate(cols):
        assert column(ws, k) == column(wb_full["台账"], full_cols.index(key)), key
    assert any(column(ws, k) for k in range(len(cols)))
    # the merged group cells follow the columns that are left
    first = next(k for k, (group, _) in enumerate(cols, start=1) if group == "监护人")
    span = f"{get_column_letter(first)}2:{get_column_letter(first + 2)}2"
    assert span in {str(m) for m in ws.merged_cells.ranges}  # 监护人: 姓名, 关系, 住址


def test_the_lean_ledgers_counts_are_the_full_ones(full: Path, lean: Path):
    wb_full, wb_lean = load_workbook(full), load_workbook(lean)
    for sheet in ("汇总", "统计"):
        a = list(wb_full[sheet].iter_rows(min_row=2, values_only=True))
        b = list(wb_lean[sheet].iter_rows(min_row=2, values_only=True))
        assert a == b, sheet
    assert wb_full["记录"].max_row == wb_lean["记录"].max_row


def test_the_records_text_is_redacted_only_in_the_lean_ledger(full: Path, lean: Path):
    def texts(path: Path) -> list[str]:
        ws = load_workbook(path)["记录"]
        return [f"{r[7]} {r[8]}" for r in ws.iter_rows(min_row=3, values_only=True)]

    before = [t for t in texts(full) if "核对身份证号" in t]
    after = [t for t in texts(lean) if "核对身份证号" in t]
    assert len(before) == len(after) == 1
    assert REDACTED not in before[0]
    assert after[0].count(REDACTED) == 4 and "身份证号【已隐去】" in after[0]


def test_the_statistics_carry_no_child(
    demo: ServiceContext, statistics: tuple[Path, dict], secrets: set[str]
):
    path, result = statistics
    wb = load_workbook(path)
    assert wb.sheetnames == ["汇总", "统计"]
    text = xml_text(path)
    rows = ArchiveService(demo).list_children()
    names = {r.name for r in rows} | {r.guardian_name for r in rows if r.guardian_name}
    assert sorted(n for n in names if n in text) == []
    assert sorted(s for s in secrets if s in text) == []
    with demo.db.session(write=False) as s:
        addresses = {
            v
            for (v,) in s.connection()
            .exec_driver_sql("SELECT address FROM child WHERE address != ''")
            .fetchall()
        }
    assert addresses and sorted(a for a in addresses if a in text) == []
    # titled with the unit and the date, and saying what it is
    unit, on = result["unit"], TODAY.isoformat()
    summary_title, stats_title = wb["汇总"]["A1"].value, wb["统计"]["A2"].value
    for title in (summary_title, stats_title):
        assert unit in title and on in title and STATISTICS_NOTE in title
    assert result["date"] == on
    # nothing but counts: the 统计 sheet's rows are 分类, 项目, 人数, 占比
    for title, label, count, share in wb["统计"].iter_rows(min_row=5, max_col=4, values_only=True):
        if title is None:
            break
        assert isinstance(count, int) and isinstance(share, int | float), label


def sections(ws) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for title, label, count, _share in ws.iter_rows(min_row=5, max_col=4, values_only=True):
        if title is None:
            break
        if label != "合计":
            found.setdefault(title, {})[label] = count
    return found


def test_the_statistics_are_liushou_stats_figures(
    demo: ServiceContext, statistics: tuple[Path, dict]
):
    path, result = statistics
    got = sections(load_workbook(path)["统计"])
    figures = ArchiveService(demo).stats()  # what `liushou stats --json` prints
    no_longer = [
        r for r in ArchiveService(demo).list_children() if r.status == Status.NO_LONGER_LEFT_BEHIND
    ]
    assert no_longer, "the demo should have a child no longer left behind"
    assert got["按状态"] == {
        "在册": figures["active"],
        "不再留守": figures["by_status"]["不再留守"],
    }
    assert result["on_register"] == figures["active"]
    assert result["no_longer_left_behind"] == len(no_longer)
    assert result["children"] == figures["active"] + len(no_longer)
    extra = partitions(no_longer)

    def plus(key: str) -> Counter[str]:
        return Counter(figures[key]) + Counter(extra[key])

    assert got["按年级"] == {grade_label(int(g)): n for g, n in plus("by_grade").items()}
    assert got["按班级"] == {
        class_label(*map(int, c.split("-"))): n for c, n in plus("by_class").items()
    }
    assert got["按留守类型"] == dict(plus("by_left_behind_kind"))
    assert got["按监护人类别"] == dict(plus("by_guardian_kind"))
    levels = {"1": "一级", "2": "二级", "3": "三级", "4": "四级", "未评估": "未评估"}
    assert got["按风险等级"] == {levels[k]: n for k, n in plus("by_risk_level").items()}
    types = {"1": "一类", "2": "二类", "3": "三类", "未评估": "未评估"}
    assert got["按风险类型"] == {types[k]: n for k, n in plus("by_risk_type").items()}
    # and every partition adds up (勾稽关系), on both sheets
    for title, items in got.items():
        assert sum(items.values()) == result["children"], title
    summary = load_workbook(path)["汇总"]
    assert f"儿童合计：{result['children']} 人" in summary["A2"].value


def test_the_statistics_export_wants_an_xlsx_name(demo: ServiceContext, tmp_path: Path):
    with pytest.raises(KnownError, match=r"\.xlsx"):
        LedgerService(demo).export_statistics(tmp_path / "统计.csv")
    assert not (tmp_path / "统计.csv").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("电话13812345678", "电话【已隐去】"),
        ("电话 138 1234 5678。", "电话 【已隐去】。"),
        ("电话138-1234-5678", "电话【已隐去】"),
        ("+86 13812345678", "【已隐去】"),
        ("座机0857-7654321，", "座机【已隐去】，"),
        ("本地 7654321", "本地 【已隐去】"),
        ("身份证52242519901010123X号", "身份证【已隐去】号"),
        ("老身份证522425901010123", "老身份证【已隐去】"),
        ("2026-11-22 家访，2026年11月22日", "2026-11-22 家访，2026年11月22日"),
        ("3 人，第12次，学号 20240301", "3 人，第12次，学号 【已隐去】"),
        ("", ""),
    ],
)
def test_redact_numbers(text: str, expected: str):
    assert redact_numbers(text) == expected
