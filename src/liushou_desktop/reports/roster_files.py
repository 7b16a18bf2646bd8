"""Roster files in and out: reading .xlsx, legacy .xls (WPS and old Excel) and CSV (UTF-8 or
GBK) into plain grids of cell values; writing the import template and the problem report.

What the file is comes from its first bytes, not its name (a .xls that is really .xlsx, a
.csv saved as .xls by a web form). Reading never changes the file. No services, no Qt.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from ..domain.errors import KnownError
from . import files

# merged ranges as 0-based (first row, first column, last row, last column), inclusive
Range = tuple[int, int, int, int]


@dataclass
class SheetGrid:
    name: str
    rows: list[list[Any]]
    merged: list[Range] = field(default_factory=list)


class UnreadableRoster(KnownError):
    """The file cannot be read at all (not a spreadsheet, damaged, protected by a password)."""


_RESAVE = "请用Excel或WPS打开它，另存为“Excel工作簿（.xlsx）”后再导入。"


def read_roster(path: Path) -> list[SheetGrid]:
    """Every sheet of a roster file as rows of cell values (str, int, float, datetime, None)."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        raise UnreadableRoster(f"找不到文件：{path}") from None
    except OSError as e:
        raise UnreadableRoster(f"无法打开文件 {path.name}：{e.strerror or e}") from None
    if head.startswith(b"PK"):
        return _read_xlsx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return _read_xls(path)
    if not head:
        raise UnreadableRoster(f"文件 {path.name} 是空的。")
    return [_read_csv(path)]


# -- .xlsx ------------------------------------------------------------------------------------

_CELL = re.compile(r"^([A-Z]+)(\d+)$")


def _cell_index(ref: str) -> tuple[int, int]:
    m = _CELL.match(ref.replace("$", ""))
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return int(m[2]) - 1, col - 1


def _merged_of(zf: zipfile.ZipFile, sheet_path: str) -> list[Range]:
    """The merged ranges of a sheet, read from its XML (read-only openpyxl does not keep them;
    a full load of a 5,000-row roster takes seconds longer)."""
    try:
        data = zf.read(sheet_path)
    except KeyError:
        return []
    start = data.find(b"<mergeCells")
    if start < 0:
        return []
    end = data.find(b"</mergeCells>", start)
    chunk = data[start : end + len(b"</mergeCells>")] if end > 0 else b""
    out: list[Range] = []
    try:
        root = ElementTree.fromstring(chunk)
    except ElementTree.ParseError:
        return []
    for el in root:
        ref = el.get("ref") or ""
        a, _, b = ref.partition(":")
        try:
            r0, c0 = _cell_index(a)
            r1, c1 = _cell_index(b or a)
        except ValueError:
            continue
        out.append((r0, c0, r1, c1))
    return out


def _read_xlsx(path: Path) -> list[SheetGrid]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except zipfile.BadZipFile:
        raise UnreadableRoster(f"文件 {path.name} 已损坏，无法读取。{_RESAVE}") from None
    except Exception as e:  # openpyxl raises many kinds for damaged or foreign zip files
        raise UnreadableRoster(
            f"文件 {path.name} 不是能读取的Excel工作簿（{type(e).__name__}）。{_RESAVE}"
        ) from None
    sheets: list[SheetGrid] = []
    try:
        with zipfile.ZipFile(path) as zf:
            for ws in wb.worksheets:
                rows = [list(r) for r in ws.iter_rows(values_only=True)]
                while rows and not any(v not in (None, "") for v in rows[-1]):
                    rows.pop()
                sheet_path = getattr(ws, "_worksheet_path", "")
                sheets.append(SheetGrid(ws.title, rows, _merged_of(zf, sheet_path)))
    except (zipfile.BadZipFile, KeyError, OSError) as e:
        raise UnreadableRoster(f"文件 {path.name} 已损坏，无法读取（{e}）。{_RESAVE}") from None
    finally:
        wb.close()
    return sheets


# -- .xls -------------------------------------------------------------------------------------


def _read_xls(path: Path) -> list[SheetGrid]:
    import xlrd

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as e:
        text = str(e)
        if "encrypt" in text.lower() or "password" in text.lower():
            raise UnreadableRoster(
                f"文件 {path.name} 设置了密码，无法读取。请先在Excel或WPS里取消密码。"
            ) from None
        raise UnreadableRoster(f"文件 {path.name} 无法读取（{text}）。{_RESAVE}") from None
    except Exception as e:  # damaged compound files raise assorted errors
        raise UnreadableRoster(
            f"文件 {path.name} 已损坏或不是Excel文件（{type(e).__name__}）。{_RESAVE}"
        ) from None
    sheets: list[SheetGrid] = []
    try:
        for index in range(book.nsheets):
            sh = book.sheet_by_index(index)
            rows: list[list[Any]] = []
            for r in range(sh.nrows):
                row: list[Any] = []
                for c, cell in enumerate(sh.row(r)):
                    row.append(_xls_value(cell, book.datemode, sh, r, c))
                rows.append(row)
            merged = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sh.merged_cells]
            sheets.append(SheetGrid(sh.name, rows, merged))
    finally:
        book.release_resources()
    return sheets


def _xls_value(cell: Any, datemode: int, sheet: Any, r: int, c: int) -> Any:
    import xlrd

    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, ValueError, OverflowError):
            return cell.value
    if kind == xlrd.XL_CELL_NUMBER:
        value = float(cell.value)
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if kind == xlrd.XL_CELL_ERROR:
        return None
    return cell.value


# -- CSV --------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a BOM) or, failing that, GBK/GB18030 — what Excel on a Chinese
    Windows saves as "CSV"."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableRoster("文件的文字编码无法识别（既不是UTF-8也不是GBK）。" + _RESAVE)


def _read_csv(path: Path) -> SheetGrid:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise UnreadableRoster(f"文件 {path.name} 不是Excel文件，也不是CSV文本。{_RESAVE}")
    text = decode_text(data)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    rows: list[list[Any]] = [
        [v if v != "" else None for v in row] for row in csv.reader(io.StringIO(text), dialect)
    ]
    while rows and not any(rows[-1]):
        rows.pop()
    return SheetGrid(path.stem, rows)


# -- the template and the problem report ----------------------------------------------------


@dataclass(frozen=True)
class TemplateColumn:
    label: str
    width: float
    choices: Sequence[str] = ()
    text: bool = False  # format the column as text (ID numbers, phones)
    example: Any = None
    note: str = ""


def write_template(path: Path, columns: Sequence[TemplateColumn], notes: Sequence[str]) -> None:
    """The import template: a 花名册 sheet with our columns, drop-down lists for coded fields,
    ID and phone columns as text; a 填表说明 sheet with the notes and an example row."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "花名册"
    head = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    lists = wb.create_sheet("选项")
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i, value=col.label)
        cell.font = head
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        if col.note:
            cell.comment = Comment(col.note, "留守儿童关爱档案")
        ws.column_dimensions[letter].width = col.width
        if col.text:
            for r in range(2, 1001):
                ws.cell(row=r, column=i).number_format = "@"
        if col.choices:
            # the choices on a sheet of their own: a list longer than 255 characters cannot
            # be written inline
            for r, choice in enumerate(col.choices, start=1):
                lists.cell(row=r, column=i, value=choice)
            ref = f"选项!${letter}$1:${letter}${len(col.choices)}"
            dv = DataValidation(
                type="list",
                formula1=ref,
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="请从下拉列表中选择",
                error=f"“{col.label}”请从下拉列表中选择。",
            )
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}1000")
    lists.sheet_state = "hidden"
    ws.freeze_panes = "B2"
    info = wb.create_sheet("填表说明", 0)
    for r, line in enumerate(notes, start=1):
        info.cell(row=r, column=1, value=line)
    # the example row here, not on the roster sheet (where it would be imported as a child)
    top = len(notes) + 2
    info.cell(
        row=top, column=1, value="示例（请在“花名册”工作表里填写，不要填在这里）："
    ).font = head
    for i, col in enumerate(columns, start=1):
        info.cell(row=top + 1, column=i, value=col.label).font = head
        info.cell(row=top + 1, column=i).fill = fill
        example = info.cell(row=top + 2, column=i, value=col.example)
        if col.text:
            example.number_format = "@"
        elif isinstance(col.example, dt.date):
            example.number_format = "yyyy-mm-dd"
        info.column_dimensions[get_column_letter(i)].width = col.width
    wb.active = 1
    buffer = io.BytesIO()
    wb.save(buffer)
    files.write_atomically(buffer.getvalue(), path, what="导入模板")


def write_problem_report(
    path: Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    title: str,
) -> None:
    """The rows an import refused, with where they are and why, as .xlsx (to fix and import
    again)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "未导入的行"
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(list(headers))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_plain(v) for v in row])
    widths = [10, 8, 14, 48]
    for i in range(1, len(headers) + 1):
        ws.column_dimensions[get_column_letter(i)].width = widths[i - 1] if i <= 4 else 14
    for row in ws.iter_rows(min_row=3, max_col=4):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    wb.save(buffer)
    files.write_atomically(buffer.getvalue(), path, what="问题清单")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    return value
