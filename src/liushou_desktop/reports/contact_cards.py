"""The contact card (联系卡): small cards, eight to an A4 page (2 × 4, 90 × 60 mm each), with cut
marks at the corners — the child, the class and class teacher, the guardian, father and mother
and the paired helpers, with their phones; the school's name small at the bottom.

Text goes through the archive card's markup (:class:`~.archive_card._Markup`): rare characters
are drawn with a fallback font, characters no font has are marked 【缺字：U+…】 and reported
(:class:`~.archive_card.MissingGlyph`). Fed with plain data; no Qt, no services.
"""

from __future__ import annotations

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
    write_atomically,
)
from .fonts import FontChain, FontSpec, cells_in

TITLE = "联系卡"
COLUMNS, ROWS = 2, 4
PER_PAGE = COLUMNS * ROWS
CARD_W_MM, CARD_H_MM = 90.0, 60.0
MAX_HELPERS = 2
_SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)


class ContactCardsCancelled(CardsCancelled):
    def __init__(self) -> None:
        KnownError.__init__(self, "已取消，联系卡没有生成。")


@dataclass(frozen=True)
class Person:
    """A name with a phone (and, for the guardian, the relation to the child)."""

    name: str = ""
    phone: str = ""
    note: str = ""  # the guardian's relation, a helper's role


@dataclass
class ContactCard:
    child_name: str
    class_label: str = ""
    teacher: Person = field(default_factory=Person)
    guardian: Person = field(default_factory=Person)
    father: Person = field(default_factory=Person)
    mother: Person = field(default_factory=Person)
    helpers: list[Person] = field(default_factory=list)
    school_name: str = ""


def _name_note(p: Person) -> str:
    if not p.name:
        return ""
    return f"{p.name}（{p.note}）" if p.note else p.name


def _card_table(markup: _Markup, card: ContactCard, width: float, size: float) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    font = markup.chain.primary
    value = ParagraphStyle("cv", fontName=font, fontSize=size, leading=size * 1.25, wordWrap="CJK")
    label = ParagraphStyle("cl", parent=value, alignment=1, textColor="#222222")
    name_style = ParagraphStyle("cn", parent=value, fontSize=size + 3, leading=(size + 3) * 1.2)

    def p(text: str, style: Any = value) -> Any:
        return Paragraph(markup(text), style)

    def lab(text: str) -> Any:
        return Paragraph(text, label)

    rows: list[list[Any]] = [
        [lab("姓名"), p(card.child_name, name_style), lab("班级"), p(card.class_label)],
        [lab("班主任"), p(card.teacher.name), lab("电话"), p(card.teacher.phone)],
        [lab("监护人"), p(_name_note(card.guardian)), lab("电话"), p(card.guardian.phone)],
        [lab("父亲"), p(card.father.name), lab("电话"), p(card.father.phone)],
        [lab("母亲"), p(card.mother.name), lab("电话"), p(card.mother.phone)],
    ]
    helpers = card.helpers[:MAX_HELPERS] or [Person()]
    for h in helpers:
        rows.append([lab("帮扶人"), p(_name_note(h)), lab("电话"), p(h.phone)])
    widths = [13.0, 37.0, 9.0, 27.0]
    scale = width / sum(widths)
    style = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
            ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eeeeee")),
            ("BACKGROUND", (2, 0), (2, -1), colors.HexColor("#eeeeee")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
    )
    return cells_in(Table(rows, colWidths=[w * scale for w in widths], style=style), font)


def _cut_marks(c: Any, x: float, y: float, w: float, h: float, mark: float, gap: float) -> None:
    """Short lines outside each corner, along the card's edges, for cutting."""
    c.setLineWidth(0.3)
    c.setStrokeColorRGB(0, 0, 0)
    for cx, dx in ((x, -1), (x + w, 1)):
        for cy, dy in ((y, -1), (y + h, 1)):
            c.line(cx + dx * gap, cy, cx + dx * (gap + mark), cy)
            c.line(cx, cy + dy * gap, cx, cy + dy * (gap + mark))


def render_contact_cards(
    cards: list[ContactCard],
    school_name: str = "",
    *,
    fallbacks: list[FontSpec] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> tuple[bytes, list[MissingGlyph]]:
    """The cards as PDF bytes (eight to an A4 page) and the characters no font could draw.
    ``progress(done, total)`` counts cards; ``cancelled`` is asked before each card."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    if not cards:
        raise KnownError("没有要打印的儿童。")
    chain = FontChain(fallbacks)
    font = chain.primary
    markup = _Markup(chain, TITLE)
    page_w, page_h = A4
    card_w, card_h = CARD_W_MM * mm, CARD_H_MM * mm
    gap_x, gap_y = 12 * mm, 8 * mm
    left = (page_w - COLUMNS * card_w - (COLUMNS - 1) * gap_x) / 2
    top = page_h - (page_h - ROWS * card_h - (ROWS - 1) * gap_y) / 2
    pad = 3 * mm
    inner = card_w - 2 * pad
    buffer = io.BytesIO()
    # start in the embedded font: a canvas starting in Helvetica lists it unembedded
    c = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=chain.primary)
    c.setTitle(f"{school_name} {TITLE}")
    c.setAuthor(school_name)
    c.setSubject(TITLE)
    warnings: list[MissingGlyph] = []
    total = len(cards)
    for n, card in enumerate(cards):
        if cancelled is not None and cancelled():
            raise ContactCardsCancelled()
        slot = n % PER_PAGE
        if slot == 0 and n:
            c.showPage()
        col, row = slot % COLUMNS, slot // COLUMNS
        x = left + col * (card_w + gap_x)
        y = top - (row + 1) * card_h - row * gap_y  # the card's lower left corner
        _cut_marks(c, x, y, card_w, card_h, 3 * mm, 1 * mm)
        c.setStrokeColor(colors.HexColor("#bbbbbb"))
        c.setLineWidth(0.3)
        c.setDash(1, 2)
        c.rect(x, y, card_w, card_h)
        c.setDash()
        markup.start(card.child_name)
        # the title line
        title_y = y + card_h - pad - 9
        c.setFillColor(colors.black)
        c.setFont(font, 10.5)
        c.drawString(x + pad, title_y, "留守儿童" + TITLE)
        # the school, small at the bottom
        school = card.school_name or school_name
        foot_y = y + pad - 1
        c.setFont(font, 6.5)
        c.setFillColor(colors.HexColor("#333333"))
        c.drawCentredString(x + card_w / 2, foot_y, school)
        room = title_y - 3 - (foot_y + 8)
        table: Any = None
        used = 0.0
        for size in _SIZES:
            markup.start(card.child_name)
            table = _card_table(markup, card, inner, size)
            used = table.wrap(inner, room)[1]
            if used <= room:
                break
        scale = min(1.0, room / used) if used > 0 else 1.0
        c.saveState()
        c.translate(x + pad, title_y - 3)
        c.scale(scale, scale)
        table.drawOn(c, 0, -used)
        c.restoreState()
        missing = list(markup.missing)
        if missing:
            c.setFont(font, 6)
            c.setFillColor(colors.HexColor("#c00000"))
            c.drawRightString(x + card_w - pad, title_y, "有缺字，请手写补上")
        warnings += missing
        if progress is not None:
            progress(n + 1, total)
    c.showPage()
    c.save()
    return buffer.getvalue(), warnings


def write_contact_cards(
    cards: list[ContactCard],
    out: Path,
    school_name: str = "",
    *,
    fallbacks: list[FontSpec] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> list[MissingGlyph]:
    """Render the cards and write them atomically; returns the characters no font could draw."""
    data, warnings = render_contact_cards(
        cards, school_name, fallbacks=fallbacks, progress=progress, cancelled=cancelled
    )
    write_atomically(data, Path(out), what="联系卡")
    return warnings
