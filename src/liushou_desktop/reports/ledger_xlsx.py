"""The ledger (台账) as Excel, in the shape of the national registration form (登记表).

Sheet 台账: one row per child under a two-row header with merged group cells (儿童 / 监护人 /
父亲 / 母亲 …), frozen, printed on A4 landscape with the header repeated on every page.
Sheet 汇总: the same children counted several ways (age band × sex, schooling, boarding,
guardian kind, risk level and type). Every partition must add up to the same total (勾稽关系);
the writer checks this and refuses to save a summary that disagrees with the detail.
``lean=True`` leaves the ID-number and phone columns out (an export that leaves the school);
:func:`write_statistics` writes the counts alone (汇总 and 统计, no child).

Fed with plain values (:class:`LedgerRow`), built by ``services.ledger``. No Qt, no services.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import KnownError
from .files import write_atomically

if TYPE_CHECKING:
    from .stats_xlsx import RecordLine, Statistics

TITLE = "农村留守儿童基本情况台账"
LEAN_NOTE = "（不含身份证号和电话）"  # in the lean ledger's title
STATISTICS_NOTE = "（只含统计数字，不含儿童个人信息）"  # in the statistics export's titles
PRIVATE_HEADERS = ("身份证号", "联系电话")  # the columns a lean ledger leaves out
UNKNOWN = "不详"
UNASSESSED = "未评估"
SEXES = ("男", "女")
AGE_BANDS = ("0–5岁", "6–13岁", "14–16岁", "17岁及以上")
SCHOOLING_BANDS = ("小学", "初中", "高中")
GUARDIAN_KINDS = ("隔代监护", "亲属寄养", "父母一方监护", "无人监护")
RISK_LEVELS = ("一级", "二级", "三级", "四级")
RISK_TYPES = ("一类", "二类", "三类")
GUARDIANSHIP_TYPES = (  # 监护类型 of the form, then 未评估
    "无人监护",
    "父或母无监护能力",
    "受委托监护人监护能力不足",
    "监护情况一般",
    "监护情况较好",
)


@dataclass(frozen=True)
class LedgerRow:
    """One child as the ledger prints it: every value already in words."""

    school: str
    class_label: str
    grade: int
    name: str
    sex: str
    ethnicity: str
    birth_date: dt.date | None
    id_number: str
    hukou_place: str
    address: str
    health: str
    disability: str
    boarding: bool
    guardian_name: str
    guardian_relation: str
    guardian_phone: str
    guardian_id_number: str
    guardian_address: str
    guardian_kind: str  # 隔代监护 / 亲属寄养 / 父母一方监护 / 无人监护
    father_name: str
    father_work_place: str
    father_phone: str
    mother_name: str
    mother_work_place: str
    mother_phone: str
    left_behind_kind: str
    guardianship_type: str  # 监护类型 of the form
    guardian_assessment: str  # 较好 / 一般 / 差, "" when not assessed
    risk_type: str  # 一类 …, "" when not assessed
    risk_level: str  # 一级 …, "" when not assessed
    aid: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    status: str = ""
    child_id: str = ""  # the archive's id (for choosing rows; not printed)


@dataclass(frozen=True)
class Partition:
    """One way of counting the children: rows × columns of counts (1 column: 人数)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]

    @property
    def total(self) -> int:
        return sum(sum(counts) for _, counts in self.rows)


@dataclass(frozen=True)
class Summary:
    total: int
    partitions: tuple[Partition, ...] = field(default_factory=tuple)


# -- summary ------------------------------------------------------------------------------------
def age_on(birth: dt.date | None, on: dt.date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def age_band(age: int | None) -> str:
    if age is None:
        return UNKNOWN
    if age <= 5:
        return AGE_BANDS[0]
    if age <= 13:
        return AGE_BANDS[1]
    if age <= 16:
        return AGE_BANDS[2]
    return AGE_BANDS[3]


def schooling_band(grade: int) -> str:
    if 1 <= grade <= 6:
        return SCHOOLING_BANDS[0]
    if 7 <= grade <= 9:
        return SCHOOLING_BANDS[1]
    if 10 <= grade <= 12:
        return SCHOOLING_BANDS[2]
    return UNKNOWN


def _one_way(
    title: str, rows: Sequence[LedgerRow], key: Callable[[LedgerRow], str], order: Sequence[str]
) -> Partition:
    counts: dict[str, int] = {}
    for r in rows:
        k = key(r) or UNKNOWN
        counts[k] = counts.get(k, 0) + 1
    labels = list(order) + sorted(k for k in counts if k not in order)
    return Partition(title, ("人数",), tuple((label, (counts.get(label, 0),)) for label in labels))


def build_summary(rows: Sequence[LedgerRow], on: dt.date) -> Summary:
    """Count ``rows`` every way the summary sheet shows (ages as of ``on``)."""
    by_age: dict[str, list[int]] = {}
    for r in rows:
        band = age_band(age_on(r.birth_date, on))
        cell = by_age.setdefault(band, [0, 0])
        cell[0 if r.sex == SEXES[0] else 1] += 1
    age_labels = list(AGE_BANDS) + ([UNKNOWN] if UNKNOWN in by_age else [])
    age = Partition(
        "按年龄段和性别",
        SEXES,
        tuple((label, tuple(by_age.get(label, [0, 0]))) for label in age_labels),
    )
    return Summary(
        total=len(rows),
        partitions=(
            age,
            _one_way("按就学阶段", rows, lambda r: schooling_band(r.grade), SCHOOLING_BANDS),
            _one_way(
                "按是否寄宿", rows, lambda r: "寄宿" if r.boarding else "走读", ("寄宿", "走读")
            ),
            _one_way("按监护人类别", rows, lambda r: r.guardian_kind, GUARDIAN_KINDS),
            _one_way("按监护类型", rows, lambda r: r.guardianship_type, GUARDIANSHIP_TYPES),
            _one_way("按风险等级", rows, lambda r: r.risk_level or UNASSESSED, RISK_LEVELS),
            _one_way("按风险类型", rows, lambda r: r.risk_type or UNASSESSED, RISK_TYPES),
        ),
    )


def check_summary(summary: Summary, detail_total: int, sheet: str = "汇总表") -> None:
    """勾稽关系: the summary's total is the detail's, and every partition adds up to it.
    ``sheet`` names the sheet in the message (汇总表, 统计表)."""
    if summary.total != detail_total:
        raise KnownError(
            f"{sheet}的合计（{summary.total} 人）与明细（{detail_total} 人）不一致，台账未保存。"
        )
    for p in summary.partitions:
        if p.total != detail_total:
            raise KnownError(
                f"{sheet}“{p.title}”各项相加为 {p.total} 人，与明细合计 {detail_total} 人不一致"
                "（勾稽关系不符），台账未保存。"
            )


# -- the detail sheet -----------------------------------------------------------------------------
# (group, header, width, value); a group of None is a single column merged over both header rows.
_Column = tuple[str | None, str, float, Callable[[LedgerRow], Any]]


def _text_width(text: str) -> float:
    """About how wide ``text`` is at 10 pt in Excel's column units (CJK: 1.8, others 1)."""
    return sum(1.8 if ord(ch) > 0x2E7F else 1.0 for ch in text)


def _lines(value: object, width: float) -> int:
    if not isinstance(value, str) or not value:
        return 1
    return max(1, math.ceil(_text_width(value) / max(1.0, width - 0.5) - 0.05))


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def _columns(several_schools: bool, lean: bool = False) -> list[_Column]:
    """The detail's columns; ``lean``: without the ID numbers and phones (child, guardian,
    parents) — the columns are left out, not left empty."""
    cols: list[_Column] = []
    if several_schools:
        cols.append((None, "学校", 14, lambda r: r.school))
    cols += [
        (None, "班级", 11, lambda r: r.class_label),
        ("儿童", "姓名", 8, lambda r: r.name),
        ("儿童", "性别", 4.5, lambda r: r.sex),
        ("儿童", "民族", 5.5, lambda r: r.ethnicity),
        ("儿童", "出生日期", 10.5, lambda r: r.birth_date),
        ("儿童", "身份证号", 19.5, lambda r: r.id_number),
        ("儿童", "户籍地", 17, lambda r: r.hukou_place),
        ("儿童", "现住址", 16, lambda r: r.address),
        ("儿童", "健康状况", 8, lambda r: r.health),
        ("儿童", "残疾情况", 8, lambda r: r.disability),
        ("儿童", "是否寄宿", 5, lambda r: _yes_no(r.boarding)),
        ("监护人", "姓名", 8, lambda r: r.guardian_name),
        ("监护人", "关系", 7.5, lambda r: r.guardian_relation),
        ("监护人", "联系电话", 12.5, lambda r: r.guardian_phone),
        ("监护人", "身份证号", 19.5, lambda r: r.guardian_id_number),
        ("监护人", "住址", 16, lambda r: r.guardian_address),
        ("父亲", "姓名", 8, lambda r: r.father_name),
        ("父亲", "务工地点", 12, lambda r: r.father_work_place),
        ("父亲", "联系电话", 12.5, lambda r: r.father_phone),
        ("母亲", "姓名", 8, lambda r: r.mother_name),
        ("母亲", "务工地点", 12, lambda r: r.mother_work_place),
        ("母亲", "联系电话", 12.5, lambda r: r.mother_phone),
        ("监护情况", "留守类型", 11, lambda r: r.left_behind_kind),
        ("监护情况", "监护类型", 14, lambda r: r.guardianship_type),
        ("监护情况", "监护人类别", 12.5, lambda r: r.guardian_kind),
        ("监护情况", "监护评估", 6, lambda r: r.guardian_assessment or UNASSESSED),
        ("风险评估", "类型", 6, lambda r: r.risk_type or UNASSESSED),
        ("风险评估", "等级", 6, lambda r: r.risk_level or UNASSESSED),
        (None, "获得救助", 11, lambda r: "、".join(r.aid) or "无"),
        (None, "儿童类别", 11, lambda r: "、".join(r.categories)),
        (None, "状态", 6, lambda r: r.status),
    ]
    if lean:
        cols = [c for c in cols if c[1] not in PRIVATE_HEADERS]
    return cols


HEADER_ROWS = (2, 3)  # row 1 is the title
FIRST_DATA_ROW = 4


def _write_detail(
    ws: Any, rows: Sequence[LedgerRow], unit: str, on: dt.date, lean: bool = False
) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    several = len({r.school for r in rows}) > 1
    cols: list[_Column] = [(None, "序号", 5, lambda r: None), *_columns(several, lean)]
    last = get_column_letter(len(cols))
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="center", wrap_text=True)
    head_font = Font(bold=True, size=10)
    fill = PatternFill("solid", fgColor="DDEBF7")

    ws.title = "台账"
    note = LEAN_NOTE if lean else ""
    ws["A1"] = f"{TITLE}{note}（{unit}，截至 {on.isoformat()}，共 {len(rows)} 人）"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="left", vertical="center")  # printed over 2 pages
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 26
    top, sub = HEADER_ROWS
    # Two-row header: group cells merged across their columns, single columns down both rows.
    i = 0
    while i < len(cols):
        group = cols[i][0]
        j = i
        while j + 1 < len(cols) and group is not None and cols[j + 1][0] == group:
            j += 1
        a, b = get_column_letter(i + 1), get_column_letter(j + 1)
        if group is None:
            ws[f"{a}{top}"] = cols[i][1]
            ws.merge_cells(f"{a}{top}:{a}{sub}")
        else:
            ws[f"{a}{top}"] = group
            if j > i:
                ws.merge_cells(f"{a}{top}:{b}{top}")
            for k in range(i, j + 1):
                ws.cell(row=sub, column=k + 1, value=cols[k][1])
        i = j + 1
    for row in ws.iter_rows(min_row=top, max_row=sub, max_col=len(cols)):
        for cell in row:
            cell.font = head_font
            cell.alignment = center
            cell.border = border
            cell.fill = fill
    for k, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(k)].width = col[2]
    ws.row_dimensions[top].height = 18
    ws.row_dimensions[sub].height = 30  # two lines: 是否寄宿, 监护人类别

    body_font = Font(size=10)
    for n, r in enumerate(rows, start=1):
        values = [n, *(c[3](r) for c in cols[1:])]
        ws.append(values)
        excel_row = FIRST_DATA_ROW + n - 1
        for k, cell in enumerate(ws[excel_row][: len(cols)]):
            cell.border = border
            cell.font = body_font
            header = cols[k][1]
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
                cell.alignment = center
            elif header in ("身份证号", "联系电话"):
                cell.number_format = "@"  # text: Excel must not turn an ID into a number
                cell.alignment = center
            elif k == 0 or cols[k][2] <= 6.5:
                cell.alignment = center
            else:
                cell.alignment = wrap
        # Neither Excel nor WPS grows a row for wrapped text on opening: size it here.
        lines = max(_lines(v, c[2]) for v, c in zip(values, cols, strict=True))
        if lines > 1:
            ws.row_dimensions[excel_row].height = 13.5 * lines

    name_col = next(k for k, c in enumerate(cols, start=1) if c[1] == "姓名")
    ws.freeze_panes = f"{get_column_letter(name_col + 1)}{FIRST_DATA_ROW}"
    if rows:
        ws.auto_filter.ref = f"A{sub}:{last}{FIRST_DATA_ROW + len(rows) - 1}"
    _print_setup(ws, f"${top}:${sub}", f"$A:${get_column_letter(name_col)}")


def _print_setup(ws: Any, title_rows: str, title_cols: str) -> None:
    """A4 landscape, two pages wide (one would shrink the text below 4 pt): each row's left half,
    then its right half, with the header rows and 序号…姓名 repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 2
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.page_setup.pageOrder = "overThenDown"
    ws.print_title_cols = title_cols
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页 / 共 &N 页"
    ws.evenFooter.center.text = "第 &P 页 / 共 &N 页"


# -- the summary sheet ----------------------------------------------------------------------------
def _write_summary(ws: Any, summary: Summary, unit: str, on: dt.date, note: str = "") -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center")
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    title = [f"{TITLE} 汇总表", f"（{unit}，截至 {on.isoformat()}）", *([note] if note else [])]
    ws["A1"] = "\n".join(title)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells("A1:E1")
    ws.row_dimensions[1].height = 20 * len(title)
    ws.append([f"儿童合计：{summary.total} 人。下列每一项分类相加均等于合计（勾稽关系已核对）。"])
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="center")
    ws.merge_cells("A2:E2")
    ws.row_dimensions[2].height = 30
    for p in summary.partitions:
        ws.append([])
        wide = len(p.columns) > 1
        lines: list[tuple[list[Any], bool]] = [
            ([p.title, *p.columns, *(["合计"] if wide else [])], True)
        ]
        for label, counts in p.rows:
            lines.append(([label, *counts, *([sum(counts)] if wide else [])], False))
        sums = [sum(c[k] for _, c in p.rows) for k in range(len(p.columns))]
        lines.append((["合计", *sums, *([sum(sums)] if wide else [])], False))
        for n, (values, head) in enumerate(lines):
            ws.append(values)
            for cell in ws[ws.max_row][: len(values)]:
                cell.border = border
                if head:
                    cell.font, cell.fill, cell.alignment = bold, fill, center
                elif n == len(lines) - 1:
                    cell.font = bold
    ws.column_dimensions["A"].width = 26
    for letter in "BCDE":
        ws.column_dimensions[letter].width = 10
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 / 共 &N 页"
    ws.append([])
    ws.append(["填表人：", "", "复核人：", "", "单位负责人："])
    ws.append(["填表日期：", on.isoformat()])


# -- writing --------------------------------------------------------------------------------------
def write_ledger(
    path: Path,
    rows: Sequence[LedgerRow],
    *,
    unit: str,
    on: dt.date,
    summary: Summary | None = None,
    statistics: Statistics | None = None,
    records: Sequence[RecordLine] | None = None,
    records_scope: str = "",
    lean: bool = False,
) -> Path:
    """Write the ledger workbook atomically (a temporary file, then renamed over ``path``).

    ``summary`` defaults to :func:`build_summary` of ``rows``; whichever it is, it is checked
    against the detail first (:func:`check_summary`) and nothing is written if it disagrees.
    With ``statistics`` (checked the same way) a 统计 sheet follows, with ``records`` a 记录
    sheet (``reports.stats_xlsx``). ``lean``: for sending out — the detail without its ID-number
    and phone columns (its title says so), and ID and phone numbers written in the records'
    text replaced (:func:`redact_numbers`)."""
    from openpyxl import Workbook

    from . import stats_xlsx

    summary = summary if summary is not None else build_summary(rows, on)
    check_summary(summary, len(rows))
    if statistics is not None:
        stats_xlsx.check_statistics(statistics, len(rows))
    wb = Workbook()
    detail = wb.active
    assert detail is not None
    _write_detail(detail, rows, unit, on, lean)
    _write_summary(wb.create_sheet("汇总"), summary, unit, on)
    if statistics is not None:
        stats_xlsx.write_stats_sheet(wb.create_sheet(stats_xlsx.STATS_SHEET), statistics, unit, on)
    if records is not None:
        if lean:
            records = [
                dataclasses.replace(
                    r, summary=redact_numbers(r.summary), follow_up=redact_numbers(r.follow_up)
                )
                for r in records
            ]
        stats_xlsx.write_records_sheet(
            wb.create_sheet(stats_xlsx.RECORDS_SHEET), records, unit, on, records_scope
        )
    return _save(wb, Path(path))


def write_statistics(
    path: Path,
    summary: Summary,
    statistics: Statistics,
    *,
    unit: str,
    on: dt.date,
    total: int,
    subject: str = "",
) -> Path:
    """The counts alone, for sending out: the 汇总 and 统计 sheets of the ledger of ``total``
    children — no detail, no record, no child's name — each checked against ``total`` first
    (勾稽关系) and titled with the unit, the date and :data:`STATISTICS_NOTE`. ``subject``
    says who is counted (the 统计 sheet's second line)."""
    from openpyxl import Workbook

    from . import stats_xlsx

    check_summary(summary, total)
    stats_xlsx.check_statistics(statistics, total)
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = "汇总"
    _write_summary(first, summary, unit, on, STATISTICS_NOTE)
    stats_xlsx.write_stats_sheet(
        wb.create_sheet(stats_xlsx.STATS_SHEET),
        statistics,
        unit,
        on,
        note=STATISTICS_NOTE,
        subject=subject,
    )
    wb.properties.title = f"{TITLE} 统计{STATISTICS_NOTE}（{unit}，{on.isoformat()}）"
    return _save(wb, Path(path), what="统计表")


# ID numbers (18 and 15 digits) and phone numbers (mobile, with an area code, or a local
# 7–8 digit number) as people write them in free text, with or without spaces and hyphens.
_NUMBERS = re.compile(
    r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])"
    r"|(?<!\d)\d{15}(?!\d)"
    r"|(?<![\d+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)"
    r"|(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)"
    r"|(?<![\d.\-/])[2-9]\d{6,7}(?![\d.\-/])"
)
REDACTED = "【已隐去】"


def redact_numbers(text: str) -> str:
    """``text`` with every ID or phone number in it replaced by 【已隐去】."""
    return _NUMBERS.sub(REDACTED, text) if text else text


def _save(wb: Any, path: Path, what: str = "台账") -> Path:
    buf = io.BytesIO()
    wb.save(buf)
    return write_atomically(
        buf.getvalue(), path, what=what, opened_in="Excel/WPS", make_parents=False
    )
