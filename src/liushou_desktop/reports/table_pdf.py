"""Long tables on landscape A4 (the ledger 台账, the pairing list 结对帮扶名单): a title on every
page, the header row (one row, or two with group cells such as 监护人 → 姓名/关系/联系电话)
repeated on every page, long cell text wrapped inside its cell, a row never split across pages,
and a footer with the school's name, the print date and "第 x 页 / 共 y 页".

Two passes: the first wraps every row once at the final column widths and packs the rows into
pages, so the page count is known before anything is drawn; the second draws each page as one
reportlab ``Table`` (header + that page's rows). Linear in the rows — a platypus ``Table`` split
page by page re-measures the whole remainder at every page break — and cancel and progress
work between rows and pages.

Text goes through the archive card's markup (:class:`~.archive_card._Markup`): rare characters
through the fallback fonts, characters no font has marked 【缺字：U+…】 and reported
(:class:`~.archive_card.MissingGlyph`, naming the row's child). Fed with plain data; no Qt, no
services.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.errors import KnownError
from .archive_card import (
    CancelFn,
    CardsCancelled,
    MissingGlyph,
    ProgressFn,
    _Markup,
    page_footer,
    write_atomically,
)
from .fonts import FontChain, FontSpec

BODY_SIZE = 8.5
_MARGIN_MM = 10.0
_PAD_X, _PAD_TOP, _PAD_BOTTOM = 2.2, 1.6, 2.6


class TableCancelled(CardsCancelled):
    """Stopped by the user; nothing was written."""

    def __init__(self, form: str = "表格") -> None:
        KnownError.__init__(self, f"已取消，{form}没有生成。")


@dataclass(frozen=True)
class Column:
    """A column: its header, its width in mm (all widths are scaled together to fill the
    page), the group cell above it (consecutive columns of one group share it), centred or
    not, and a length beyond which its text is shortened (…)."""

    title: str
    width: float
    group: str = ""
    center: bool = False
    limit: int | None = None


@dataclass(frozen=True)
class Row:
    """One line of the table; ``owner`` (the child's name) is named in a missing-glyph
    warning. A cell's "\\n" starts a new line inside the cell."""

    cells: tuple[object, ...]
    owner: str = ""


@dataclass
class TableDocument:
    """What one printout shows. ``unit`` (the school or township) and the print date go in
    the footer; ``subtitle`` on the right under the title (e.g. "共 128 人"); ``form`` names
    the printout in messages (台账, 结对帮扶名单)."""

    title: str
    columns: list[Column]
    rows: list[Row]
    unit: str
    form: str
    subtitle: str = ""
    printed_on: dt.date | None = None
    empty: str = "（无）"  # the one line printed when there are no rows


@dataclass(frozen=True)
class PrintedTable:
    """What was written: rows, pages and the characters no font could print."""

    rows: int
    pages: int
    warnings: list[MissingGlyph] = field(default_factory=list)


def _shorten(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Layout:
    """Styles, column widths and the header of one document."""

    def __init__(self, doc: TableDocument, markup: _Markup, width: float, size: float) -> None:
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle

        if not doc.columns:
            raise KnownError("表格没有列，无法打印。")
        self.doc = doc
        self.m = markup
        font = markup.chain.primary
        scale = width / sum(c.width for c in doc.columns)
        self.widths = [c.width * scale for c in doc.columns]
        self.left = ParagraphStyle(
            "tl", fontName=font, fontSize=size, leading=size * 1.28, wordWrap="CJK"
        )
        self.center = ParagraphStyle("tc", parent=self.left, alignment=1)
        self.head_style = ParagraphStyle("th", parent=self.center, textColor="#111111")
        self.grid = colors.HexColor("#555555")
        self.head_fill = colors.HexColor("#d9d9d9")
        self.stripe = colors.HexColor("#f3f3f3")
        self.header, self.header_style = self._header()

    def _header(self) -> tuple[list[list[Any]], list[tuple[Any, ...]]]:
        from reportlab.platypus import Paragraph

        cols = self.doc.columns
        self.m.start("")
        two = any(c.group for c in cols)
        top: list[Any] = []
        sub: list[Any] = []
        style: list[tuple[Any, ...]] = []
        i = 0
        while i < len(cols):
            group = cols[i].group
            j = i
            while group and j + 1 < len(cols) and cols[j + 1].group == group:
                j += 1
            if not group:
                top.append(Paragraph(self.m(cols[i].title), self.head_style))
                sub.append("")
                if two:
                    style.append(("SPAN", (i, 0), (i, 1)))
            else:
                top.append(Paragraph(self.m(group), self.head_style))
                top += [""] * (j - i)
                sub += [Paragraph(self.m(c.title), self.head_style) for c in cols[i : j + 1]]
                if j > i:
                    style.append(("SPAN", (i, 0), (j, 0)))
            i = j + 1
        rows = [top, sub] if two else [top]
        return rows, style

    def cells(self, row: Row) -> list[Any]:
        from reportlab.platypus import Paragraph

        cols = self.doc.columns
        values = list(row.cells) + [""] * (len(cols) - len(row.cells))
        return [
            Paragraph(self.m(_shorten(_text(v), c.limit)), self.center if c.center else self.left)
            for c, v in zip(cols, values[: len(cols)], strict=True)
        ]

    def height(self, cells: list[Any]) -> float:
        """The row's height as reportlab's Table computes it: the tallest wrapped cell plus
        the paddings."""
        tallest = 0.0
        for p, w in zip(cells, self.widths, strict=True):
            tallest = max(tallest, p.wrap(w - 2 * _PAD_X, 10_000)[1])
        return tallest + _PAD_TOP + _PAD_BOTTOM

    def table(self, body: list[list[Any]], heights: list[float], spans: bool = False) -> Any:
        from reportlab.platypus import Table, TableStyle

        n_head = len(self.header)
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.left.fontName),  # empty cells: not Helvetica
            ("GRID", (0, 0), (-1, -1), 0.5, self.grid),
            ("BOX", (0, 0), (-1, -1), 0.9, self.grid),
            ("LINEBELOW", (0, n_head - 1), (-1, n_head - 1), 0.9, self.grid),
            ("BACKGROUND", (0, 0), (-1, n_head - 1), self.head_fill),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), _PAD_X),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PAD_X),
            ("TOPPADDING", (0, 0), (-1, -1), _PAD_TOP),
            ("BOTTOMPADDING", (0, 0), (-1, -1), _PAD_BOTTOM),
            *self.header_style,
        ]
        if body:
            style.append(
                ("ROWBACKGROUNDS", (0, n_head), (-1, -1), [None, self.stripe])  # every 2nd row
            )
        if spans:  # the one "empty" line across the table
            style.append(("SPAN", (0, n_head), (-1, n_head)))
        return Table(
            [*self.header, *body],
            colWidths=self.widths,
            rowHeights=[None] * n_head + list(heights),
            style=TableStyle(style),
        )


def render_table(
    doc: TableDocument,
    *,
    fallbacks: list[FontSpec] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    size: float = BODY_SIZE,
) -> tuple[bytes, PrintedTable]:
    """The table as PDF bytes (landscape A4) and what was printed.

    ``progress(done, total)``: ``total`` is twice the rows — each row is measured, then drawn;
    ``cancelled()`` is asked before each row is measured and each page is drawn and stops with
    :class:`TableCancelled`."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    chain = FontChain(fallbacks)
    font = chain.primary
    markup = _Markup(chain, doc.form)
    page_w, page_h = landscape(A4)
    margin = _MARGIN_MM * mm
    inner = page_w - 2 * margin
    layout = _Layout(doc, markup, inner, size)
    total = 2 * len(doc.rows)

    def check() -> None:
        if cancelled is not None and cancelled():
            raise TableCancelled(doc.form)

    # pass 1: every row wrapped once; the rows' heights and missing characters
    body: list[list[Any]] = []
    heights: list[float] = []
    missing: list[list[MissingGlyph]] = []
    for n, row in enumerate(doc.rows, start=1):
        check()
        markup.start(row.owner)
        cells = layout.cells(row)
        body.append(cells)
        heights.append(layout.height(cells))
        missing.append(list(markup.missing))
        if progress is not None:
            progress(n, total)
    check()
    warnings = [w for found in missing for w in found]
    empty = not body
    if empty:  # one line across the table saying so
        markup.start("")
        line = layout.cells(Row((doc.empty,)))[0]
        body.append([line] + [""] * (len(doc.columns) - 1))
        heights.append(line.wrap(inner - 2 * _PAD_X, 10_000)[1] + _PAD_TOP + _PAD_BOTTOM)

    # the page: title, subtitle line, (a note on missing characters), table, footer
    top = page_h - margin
    title_y = top - 15
    subtitle_y = top - 31
    note_h = 12.0 if warnings else 0.0
    table_top = subtitle_y - 6 - note_h
    footer_y = margin - 3
    bottom = footer_y + 14
    room = table_top - bottom
    header_h = layout.table([], []).wrap(inner, room)[1]

    # pack the rows into pages; a row taller than a whole page gets a page to itself
    pages: list[tuple[int, int]] = []
    start, used = 0, header_h
    for i, h in enumerate(heights):
        if i > start and used + h > room:
            pages.append((start, i))
            start, used = i, header_h
        used += h
    pages.append((start, len(heights)))

    # pass 2: draw
    printed = (doc.printed_on or dt.date.today()).isoformat()
    buffer = io.BytesIO()
    # the page's initial font is ours too: no unembedded Helvetica in the file
    c = Canvas(buffer, pagesize=(page_w, page_h), pageCompression=1, initialFontName=font)
    c.setTitle(f"{doc.unit} {doc.title}")
    c.setAuthor(doc.unit)
    c.setSubject(doc.title)
    count = len(pages)
    for number, (first, end) in enumerate(pages, start=1):
        check()
        c.setFillColor(colors.black)
        c.setFont(font, 15)
        c.drawCentredString(page_w / 2, title_y, doc.title)
        c.setFont(font, 9)
        c.drawString(margin, subtitle_y, f"单位：{doc.unit}")
        if doc.subtitle:
            c.drawRightString(page_w - margin, subtitle_y, doc.subtitle)
        page_missing = [w for found in missing[first:end] for w in found]
        if page_missing:
            codes = "、".join(dict.fromkeys(f"【缺字：{w.code}】" for w in page_missing))
            c.setFont(font, 8.5)
            c.setFillColor(colors.HexColor("#c00000"))
            c.drawString(
                margin,
                subtitle_y - 6 - 9,
                f"注意：本页有电脑字体无法打印的字，已标为{codes}，请手写补上。",
            )
            c.setFillColor(colors.black)
        table = layout.table(body[first:end], heights[first:end], spans=empty)
        _w, h = table.wrapOn(c, inner, room)
        scale = min(1.0, room / h) if h > 0 else 1.0  # only a single over-tall row
        c.saveState()
        c.translate(margin + inner * (1 - scale) / 2, table_top - h * scale)
        c.scale(scale, scale)
        table.drawOn(c, 0, 0)
        c.restoreState()
        page_footer(
            c,
            font,
            page_w,
            margin,
            footer_y,
            f"{doc.unit}　打印日期：{printed}",
            f"第 {number} 页 / 共 {count} 页",
            doc.title,
        )
        c.showPage()
        if progress is not None and not empty:
            progress(len(doc.rows) + end, total)
    c.save()
    return buffer.getvalue(), PrintedTable(len(doc.rows), count, warnings)


def write_table(
    doc: TableDocument,
    out: Path,
    *,
    fallbacks: list[FontSpec] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> PrintedTable:
    """Render the table and write it atomically; nothing is written when cancelled."""
    data, printed = render_table(doc, fallbacks=fallbacks, progress=progress, cancelled=cancelled)
    write_atomically(data, Path(out), what=doc.form)
    return printed


__all__ = [
    "Column",
    "MissingGlyph",
    "PrintedTable",
    "Row",
    "TableCancelled",
    "TableDocument",
    "render_table",
    "write_table",
]
