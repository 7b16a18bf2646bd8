"""The archive card (档案卡): one child per A4 page, in the style of an official form.

A titled, ruled table with every section of the child's archive — the child, the teacher's
judgement, the guardian, father and mother, categories/aid/income, the current risk
assessment, the helpers and the latest visits — with the school's name and the print date in
the footer. Long text wraps inside its cell; when a card would not fit its page the text is set
smaller, and at the smallest size long free text is shortened (…).

Characters the vendored font lacks are drawn with a fallback font that has them
(:class:`~.fonts.FontChain`); a character no font has is replaced by a visible mark
``【缺字：U+20BB7】`` and reported back (:class:`MissingGlyph`: the child and the character),
never drawn as a silent box. Fed with plain data; no Qt, no services.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from xml.sax.saxutils import escape

from ..domain.archive import Assessment, ChildArchive, ParentRecord
from ..domain.enums import RiskLevel, RiskType
from ..domain.errors import KnownError
from ..domain.grades import class_label
from . import files
from .fonts import FontChain, FontSpec

TITLE = "留守儿童档案卡"
MAX_VISITS = 5
MAX_HELPERS = 4
# font sizes tried in turn until the card fits its page; at the last, long text is shortened
_SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
_SHORTEN_TO = (220, 140, 90, 60, 40, 24)


@dataclass(frozen=True)
class CardHelper:
    """A pairing on the card: the helper, what kind of helper, the role, since when."""

    name: str
    kind: str
    role: str
    since: dt.date | None
    until: dt.date | None = None


@dataclass(frozen=True)
class CardVisit:
    """One of the latest records: date, kind (家访, 谈心 …), mode and summary."""

    on: dt.date
    kind: str
    mode: str
    summary: str
    author: str = ""


@dataclass
class CardData:
    """Everything one child's card shows."""

    archive: ChildArchive
    assessment: Assessment | None = None  # the current one
    helpers: list[CardHelper] = field(default_factory=list)
    visits: list[CardVisit] = field(default_factory=list)  # newest first
    class_teacher: str = ""
    school_name: str = ""  # the child's school; empty: the school named for the whole print


@dataclass(frozen=True)
class MissingGlyph:
    """A character of a child's card that no available font can draw."""

    child_name: str
    char: str
    form: str = "档案卡"  # the printout the mark is on: 档案卡, 联系卡, 家访登记表

    @property
    def code(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def message(self) -> str:
        return (
            f"{self.child_name}：字“{self.char}”（{self.code}）没有可用的字体能打印，"
            f"{self.form}上已标出【缺字：{self.code}】，请手写补上。"
        )


ProgressFn = Callable[[int, int], None]
CancelFn = Callable[[], bool]


class CardsCancelled(KnownError):
    """Stopped by the user between two pages; nothing was written."""

    def __init__(self) -> None:
        super().__init__("已取消，档案卡没有生成。")


# -- text ---------------------------------------------------------------------------------------
class _Markup:
    """Plain text for the printouts, with fallback fonts for rare characters and a visible mark
    for characters no font has (collected as :class:`MissingGlyph`): as runs of one font
    (:meth:`pieces`, which the archive card draws itself) or as Paragraph markup (calling it,
    for the forms laid out with platypus)."""

    def __init__(self, chain: FontChain, form: str = "档案卡") -> None:
        self.chain = chain
        self.form = form
        self.child_name = ""
        self.missing: list[MissingGlyph] = []
        self._seen: set[str] = set()

    def start(self, child_name: str) -> None:
        self.child_name = child_name
        self.missing = []
        self._seen = set()

    def pieces(self, text: object) -> list[tuple[str, str, bool]]:
        """``text`` as runs ``(characters, font, is_mark)``: the vendored font where it has the
        glyphs (the common case: one run, checked fast), a fallback font where one has them,
        and a mark 【缺字：U+…】 in the vendored font where none has (reported once per child
        and character)."""
        s = "" if text is None else str(text)
        primary = self.chain.primary
        if self.chain.covers_all(s):
            return [(s, primary, False)] if s else []
        runs: list[tuple[str, str, bool]] = []
        for ch in s:
            font = self.chain.font_for(ch)
            if font is None:
                runs.append((f"【缺字：U+{ord(ch):04X}】", primary, True))
                if ch not in self._seen:
                    self._seen.add(ch)
                    self.missing.append(MissingGlyph(self.child_name, ch, self.form))
            elif runs and runs[-1][1] == font and not runs[-1][2]:
                runs[-1] = (runs[-1][0] + ch, font, False)
            else:
                runs.append((ch, font, False))
        return runs

    def __call__(self, text: object) -> str:
        out: list[str] = []
        for chars, font, is_mark in self.pieces(text):
            if is_mark:
                out.append(f'<font color="{_MISSING_INK}">{chars}</font>')
            elif font == self.chain.primary:
                out.append(escape(chars).replace("\n", "<br/>"))
            else:
                out.append(f'<font name="{font}">{escape(chars)}</font>')
        return "".join(out)


def _shorten(text: str, limit: int | None) -> str:
    text = " ".join(text.split()) if limit is not None else text
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


def _date(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def _join(*parts: object, sep: str = "，") -> str:
    return sep.join(str(p) for p in parts if p not in (None, ""))


def _work_place(p: ParentRecord) -> str:
    return _join(p.work_province, p.work_city, sep="")


# -- the table layout ---------------------------------------------------------------------------
# The card is a stack of ruled tables drawn straight onto the canvas. The text of every cell is
# measured once, in 1/1000 em (fonts.CharWidths), so the font size that makes the card fit its
# page is found by arithmetic — line breaks and row heights at each size — without building or
# measuring anything again; then the page is written as a few blocks of PDF operators (the
# shading, the text, the rules). The look is that of the reportlab Table of Paragraphs the card
# used to be: the same paddings, leading, rules and shading (but every row as tall as its text:
# the Table made rows with a spanned cell taller).
_PAD_LEFT = _PAD_RIGHT = 2.5
_PAD_TOP, _PAD_BOTTOM = 1.3, 2.2
_LEADING = 1.3  # line height, times the font size
_GRID, _BOX = 0.6, 1.0  # rule widths: inside, around
_HEAD_SHADE, _LABEL_SHADE = "#d9d9d9", "#f0f0f0"
_LABEL_INK, _MISSING_INK = "#222222", "#c00000"
_FUZZ = 1e-6
VALUE, LABEL, HEAD = 0, 1, 2  # kinds of cell: left, black; centred, dark grey; a title, 1 pt larger


# line breaking (避头尾, as in Chinese typesetting): no line starts with a closing mark or a
# pause (，。、；：？！…) and none ends with an opening one; a run of Latin letters or digits is not
# cut unless it is longer than a whole line. (reportlab's CJK lists lack the full-width comma,
# semicolon, colon, question and exclamation marks.)
_NO_START = frozenset("!),.:;?]}、。，．：；？！）］｝〕〉》」』】〗〙〛”’…—～％‰℃°·")
_NO_END = frozenset("([{（［｛〔〈《「『【〖〘〚“‘＄￥$£¥#@§")


def _in_word(ch: str) -> bool:
    return ch < "\u3000" and not ch.isspace()


class _Text:
    """A cell's text as drawn, measured once: ``em`` is its width in 1/1000 em; ``runs`` the
    (start, end, font, is_mark) spans when some characters are in a fallback font or are a
    missing-glyph mark (None: all in the vendored font)."""

    __slots__ = ("em", "multiline", "runs", "s", "widths")

    def __init__(self, s: str, widths: list[float], runs: list[tuple[int, int, str, bool]] | None):
        self.s = s
        self.widths = widths
        self.em = sum(widths)
        self.multiline = "\n" in s
        self.runs = runs


def _clean(text: str) -> str:
    """Whitespace as a Paragraph shows it: runs of blanks become one space, a line break stays."""
    if "\n" not in text:
        return " ".join(text.split())
    return "\n".join(" ".join(line.split()) for line in text.strip().split("\n"))


def _measure(markup: _Markup, text: str, known: dict[str, _Text]) -> _Text:
    """``text`` cleaned, split into runs of one font and measured. ``known``: the texts all in
    the vendored font measured so far (those have nothing to report, so can be reused)."""
    found = known.get(text)
    if found is not None:
        return found
    chain = markup.chain
    s = _clean(text)
    pieces = markup.pieces(s)
    if len(pieces) <= 1 and (not pieces or (pieces[0][1] == chain.primary and not pieces[0][2])):
        found = known[text] = _Text(s, list(map(chain.widths(chain.primary).__getitem__, s)), None)
        return found
    runs: list[tuple[int, int, str, bool]] = []
    all_widths: list[float] = []
    at = 0
    for chars, font, is_mark in pieces:
        all_widths += map(chain.widths(font).__getitem__, chars)
        runs.append((at, at + len(chars), font, is_mark))
        at += len(chars)
    return _Text("".join(chars for chars, _f, _m in pieces), all_widths, runs)


def _wrap(text: _Text, room: float) -> list[tuple[int, int]]:
    """Line breaks of ``text`` in a column ``room`` wide (1/1000 em): (start, end) of each
    line, blanks at either end left out."""
    s, widths = text.s, text.widths
    lines: list[tuple[int, int]] = []
    start = 0
    for part in s.split("\n"):
        stop = start + len(part)
        i, used = start, 0.0
        while i < stop:
            used += widths[i]
            if used > room + _FUZZ and i > start:
                cut = i
                if _in_word(s[i]) and _in_word(s[i - 1]):
                    back = i - 1
                    while back > start and _in_word(s[back - 1]):
                        back -= 1
                    if back > start:
                        cut = back
                if s[cut] in _NO_START and cut - 1 > start:
                    cut -= 1
                if s[cut - 1] in _NO_END and cut - 1 > start:
                    cut -= 1
                end = cut
                while end > start and s[end - 1] == " ":
                    end -= 1
                lines.append((start, end))
                start = cut
                while start < stop and s[start] == " ":
                    start += 1
                i, used = start, 0.0
                continue
            i += 1
        lines.append((start, stop))
        start = stop + 1
    return lines


class _Cell:
    """One cell: its text and kind, and its line breaks at the last width asked for."""

    __slots__ = ("_broken_at", "_lines", "kind", "text")

    def __init__(self, text: _Text, kind: int) -> None:
        self.text = text
        self.kind = kind
        self._broken_at = -1.0
        self._lines: list[tuple[int, int]] = []

    def lines(self, room: float) -> list[tuple[int, int]]:
        """The lines in a column ``room`` wide (1/1000 em)."""
        text = self.text
        if text.em <= room + _FUZZ and not text.multiline:
            return [(0, len(text.s))] if text.em > 0 else []
        if room != self._broken_at:
            self._lines = _wrap(text, room)
            self._broken_at = room
        return self._lines


def _size_of(kind: int, size: float) -> float:
    return size + 1 if kind == HEAD else size


class _Table:
    """A ruled table: ``rows`` of (first column, last column, cell); ``shaded`` cell ranges
    (first column, first row, last column, last row, colour)."""

    def __init__(
        self,
        widths: list[float],
        rows: list[list[tuple[int, int, _Cell]]],
        shaded: list[tuple[int, int, int, int, str]],
    ) -> None:
        self.x = [0.0]
        for w in widths:
            self.x.append(self.x[-1] + w)
        x = self.x
        # per row: (first column, cell, width for its text in points), empty cells left out
        self.rows = [
            [
                (c0, cell, x[c1 + 1] - x[c0] - _PAD_LEFT - _PAD_RIGHT)
                for c0, c1, cell in row
                if cell.text.em > 0
            ]
            for row in rows
        ]
        self.shaded = shaded
        # the column lines: each broken where a cell spans it, as (column, first row, after)
        inside = [{c for c0, c1, _cell in row for c in range(c0 + 1, c1 + 1)} for row in rows]
        self.column_lines: list[tuple[int, int, int]] = []
        for c in range(1, len(widths)):
            r = 0
            while r < len(rows):
                if c in inside[r]:
                    r += 1
                    continue
                first = r
                while r < len(rows) and c not in inside[r]:
                    r += 1
                self.column_lines.append((c, first, r))
        self._heights: tuple[float, list[float]] = (-1.0, [])

    def heights(self, size: float) -> list[float]:
        """The row heights at ``size``: the tallest cell of each, with its padding."""
        if self._heights[0] != size:
            found: list[float] = []
            for row in self.rows:
                tallest = 0.0
                for _c0, cell, width in row:
                    at = size + 1 if cell.kind == HEAD else size
                    text = cell.text
                    if text.em * at <= width * 1000 and not text.multiline:
                        h = at  # one line (the common case)
                    else:
                        h = len(cell.lines(width * 1000 / at)) * at
                    if h > tallest:
                        tallest = h
                found.append(tallest * _LEADING + _PAD_TOP + _PAD_BOTTOM)
            self._heights = (size, found)
        return self._heights[1]

    def height(self, size: float) -> float:
        return sum(self.heights(size))

    def draw(self, ink: _Ink, x0: float, top: float, size: float) -> float:
        """Put the table on ``ink`` with its top left corner at (x0, top); its height."""
        heights = self.heights(size)
        xs = [x0 + x for x in self.x]
        ys = [top]
        for h in heights:
            ys.append(ys[-1] - h)
        for c0, r0, c1, r1, colour in self.shaded:
            ink.shade(colour, xs[c0], ys[r1 + 1], xs[c1 + 1] - xs[c0], ys[r0] - ys[r1 + 1])
        text = ink.text
        for r, row in enumerate(self.rows):
            bottom, h = ys[r + 1], heights[r]
            for c0, cell, width in row:
                at = size + 1 if cell.kind == HEAD else size
                lines = cell.lines(width * 1000 / at)
                # centred in the row, as a Table centres a Paragraph (VALIGN MIDDLE)
                y = bottom + (h + _PAD_BOTTOM - _PAD_TOP + len(lines) * at * _LEADING) / 2 - at
                text(cell, lines, xs[c0] + _PAD_LEFT, width, y, at)
        # the rules: a line between every two rows, the column lines, and the frame
        for r in range(1, len(self.rows)):
            ink.line(xs[0], ys[r], xs[-1], ys[r])
        for c, first, after in self.column_lines:
            ink.line(xs[c], ys[first], xs[c], ys[after])
        ink.frame(xs[0], ys[-1], xs[-1] - xs[0], top - ys[-1])
        return top - ys[-1]


class _Writer:
    """Writes the tables' PDF operators straight into the page (``canvas.addLiteral``): the
    text through the TrueType fonts' own subset encoding (``TTFont.splitString`` and
    ``getSubsetInternalName``, the path reportlab documents for its embedded fonts, which is
    what its text objects do underneath), every distinct string encoded once per document —
    labels, titles and common values repeat on every card."""

    def __init__(self, c: Any, primary: str) -> None:
        from reportlab.lib.rl_accel import escapePDF
        from reportlab.pdfbase import pdfmetrics

        self.c = c
        self.primary = primary
        self._doc = c._doc  # the document whose font subsets the text is encoded in
        self._escape = escapePDF
        self._get_font = pdfmetrics.getFont
        self._encoded: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def encode(self, font: str, text: str) -> list[tuple[str, str]]:
        """``text`` in ``font`` as (PDF font name, escaped string) per font subset."""
        key = (font, text)
        found = self._encoded.get(key)
        if found is None:
            f, doc, escape_ = self._get_font(font), self._doc, self._escape
            found = [
                (f.getSubsetInternalName(subset, doc), escape_(chars))
                for subset, chars in f.splitString(text, doc)
            ]
            self._encoded[key] = found
        return found


def _rgb(colour: str) -> str:
    """A "#rrggbb" colour as PDF colour components."""
    return " ".join(f"{int(colour[i : i + 2], 16) / 255:.3f}" for i in (1, 3, 5))


class _Ink:
    """What one page's tables draw, gathered as PDF operators and written in one go: the
    shading, then the text (one text block, grouped by kind of cell), then the rules."""

    def __init__(self, writer: _Writer, size: float) -> None:
        self.w = writer
        self.shades: dict[str, list[str]] = {}
        self.grid: list[str] = []
        self.frames: list[str] = []
        ink = {HEAD: "#000000", LABEL: _LABEL_INK, VALUE: "#000000"}
        self._ink = {kind: f"{_rgb(colour)} rg" for kind, colour in ink.items()}
        self._ops: dict[int, list[str]] = {kind: [self._ink[kind]] for kind in ink}
        self._font: dict[int, str] = dict.fromkeys(ink, "")
        self._size = {kind: f"{_size_of(kind, size):g}" for kind in ink}

    def shade(self, colour: str, x: float, y: float, w: float, h: float) -> None:
        self.shades.setdefault(colour, []).append(f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re")

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.grid.append(f"{x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l")

    def frame(self, x: float, y: float, w: float, h: float) -> None:
        self.frames.append(f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re")

    def text(
        self, cell: _Cell, lines: list[tuple[int, int]], x: float, w: float, y: float, at: float
    ) -> None:
        """``lines`` of the cell's text, the first baseline at ``y``, in a column at ``x``
        ``w`` wide (centred there for a label)."""
        kind, text = cell.kind, cell.text
        ops, size, encode = self._ops[kind], self._size[kind], self.w.encode
        add = ops.append
        current = self._font[kind]
        s, widths, runs = text.s, text.widths, text.runs
        leading = at * _LEADING
        primary = [(0, len(s), self.w.primary, False)]
        for a, b in lines:
            lx = x + (w - sum(widths[a:b]) * at / 1000) / 2 if kind == LABEL else x
            add(f"1 0 0 1 {lx:.2f} {y:.2f} Tm")
            for r0, r1, font, is_mark in runs or primary:
                lo, hi = max(a, r0), min(b, r1)
                if lo >= hi:
                    continue
                if is_mark:
                    add(f"{_rgb(_MISSING_INK)} rg")
                for name, chars in encode(font, s[lo:hi]):
                    tf = f"{name} {size} Tf"
                    if tf != current:
                        add(tf)
                        current = tf
                    add(f"({chars}) Tj")
                if is_mark:
                    add(self._ink[kind])
            y -= leading
        self._font[kind] = current

    def draw(self) -> None:
        ops: list[str] = []
        for colour, boxes in self.shades.items():
            ops += [f"{_rgb(colour)} rg", *boxes, "f"]
        ops.append("BT")
        for kind in (HEAD, LABEL, VALUE):
            if len(self._ops[kind]) > 1:
                ops += self._ops[kind]
        ops.append("ET")
        ops += [f"0 0 0 RG 1 J 1 j {_GRID} w", *self.grid, "S"]
        ops += [f"{_BOX} w", *self.frames, "S"]
        self.w.c.addLiteral("\n".join(ops))


# -- the page -----------------------------------------------------------------------------------
_Spans = Iterable[tuple[tuple[int, int], tuple[int, int]]]


class _Page:
    """One child's tables, their text measured, long text shortened to ``shorten``."""

    # section titles and labels: measured once for the whole run
    _fixed: ClassVar[dict[tuple[str, int], _Cell]] = {}

    def __init__(
        self,
        markup: _Markup,
        shorten: int | None,
        width: float,
        known: dict[str, _Text] | None = None,
    ) -> None:
        self.m = markup
        self.known: dict[str, _Text] = {} if known is None else known
        self.shorten = shorten
        self.width = width

    def p(self, text: object, *, long: bool = False) -> _Cell:
        s = "" if text is None else str(text)
        if long:
            s = _shorten(s, self.shorten)
        return _Cell(_measure(self.m, s, self.known), VALUE)

    def _fixed_cell(self, text: str, kind: int) -> _Cell:
        key = (text, kind)
        found = self._fixed.get(key)
        if found is None:
            widths = self.m.chain.widths(self.m.chain.primary)
            found = self._fixed[key] = _Cell(_Text(text, [widths[ch] for ch in text], None), kind)
        return found

    def label(self, text: str) -> _Cell:
        return self._fixed_cell(text, LABEL)

    def head(self, text: str) -> _Cell:
        return self._fixed_cell(text, HEAD)

    def table(
        self,
        title: str,
        rows: list[list[Any]],
        widths: list[float],
        spans: _Spans = (),
        label_cells: _Spans = (),
    ) -> _Table:
        """A section: a shaded title row across the table, then ``rows`` (row indexes in
        ``spans`` and ``label_cells`` count from the first of ``rows``; a cell spanned over is
        given as "")."""
        scale = self.width / sum(widths)
        cols = len(widths)
        last: dict[tuple[int, int], int] = {}  # (row, first column) -> last column
        for (c0, r0), (c1, _r1) in spans:
            last[(r0 + 1, c0)] = c1
        laid: list[list[tuple[int, int, _Cell]]] = [[(0, cols - 1, self.head(title))]]
        for r, row in enumerate(rows, start=1):
            cells: list[tuple[int, int, _Cell]] = []
            c = 0
            while c < cols:
                end = last.get((r, c), c)
                value = row[c]
                cells.append((c, end, value if isinstance(value, _Cell) else self.p(value)))
                c = end + 1
            laid.append(cells)
        shaded = [(0, 0, cols - 1, 0, _HEAD_SHADE)]
        shaded += [(c0, r0 + 1, c1, r1 + 1, _LABEL_SHADE) for (c0, r0), (c1, r1) in label_cells]
        return _Table([w * scale for w in widths], laid, shaded)

    # -- sections ------------------------------------------------------------------------------
    def sections(self, card: CardData) -> list[_Table]:
        return [
            self.child(card),
            self.judgement(card),
            self.guardian(card),
            self.parents(card),
            self.support(card),
            self.risk(card),
            self.helpers(card),
            self.visits(card),
        ]

    _SIX = (17.0, 27.0, 17.0, 22.0, 17.0, 30.0)

    def _pairs_table(self, title: str, items: list[tuple[str, Any, int]]) -> _Table:
        """Label/value cells laid out left to right over six columns; an item's ``span`` is
        how many columns its value takes."""
        rows: list[list[Any]] = []
        spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        labels: list[tuple[tuple[int, int], tuple[int, int]]] = []
        row: list[Any] = []
        for label, value, span in items:
            if len(row) + 1 + span > 6:
                row += [""] * (6 - len(row))
                rows.append(row)
                row = []
            col = len(row)
            labels.append(((col, len(rows)), (col, len(rows))))
            row.append(self.label(label))
            row.append(value)
            row += [""] * (span - 1)
            if span > 1:
                spans.append(((col + 1, len(rows)), (col + span, len(rows))))
            if len(row) == 6:
                rows.append(row)
                row = []
        if row:
            row += [""] * (6 - len(row))
            rows.append(row)
        return self.table(title, rows, list(self._SIX), spans, labels)

    def child(self, card: CardData) -> Any:
        c = card.archive.child
        health = _join(c.health, c.disability)
        return self._pairs_table(
            "一、儿童基本情况",
            [
                ("姓名", self.p(c.name), 1),
                ("性别", self.p(c.sex), 1),
                ("出生日期", self.p(_date(c.birth_date)), 1),
                ("身份证号", self.p(c.id_number), 3),
                ("民族", self.p(c.ethnicity), 1),
                ("年级班级", self.p(class_label(c.grade, c.class_no)), 1),
                ("学号", self.p(c.student_no), 1),
                ("寄宿", self.p(_yes_no(c.boarding)), 1),
                ("联系电话", self.p(c.phone), 1),
                ("家庭住址", self.p(c.address), 3),
                ("户籍地", self.p(c.hukou_place), 1),
                ("健康状况", self.p(health), 1),
                ("留守类型", self.p(c.left_behind_kind), 1),
                ("班主任", self.p(card.class_teacher), 1),
                ("档案状态", self.p(_join(c.status, _date(c.status_date))), 3),
            ],
        )

    def judgement(self, card: CardData) -> Any:
        c = card.archive.child
        items = [
            ("道德品质", c.moral),
            ("行为习惯", c.habits),
            ("兴趣爱好", c.interests),
            ("智力水平", c.intelligence),
            ("性格特征", c.personality),
            ("学习动机和态度", c.motivation),
            ("学习能力和方法", c.learning_ability),
            ("与临时监护人的融洽程度", c.guardian_rapport),
            ("与打工父母的沟通情况", c.parent_communication),
            ("心理状况", c.psych_state),
        ]
        widths = [27.0, 38.0, 27.0, 38.0]
        rows: list[list[Any]] = []
        labels: list[tuple[tuple[int, int], tuple[int, int]]] = []
        for i in range(0, len(items), 2):
            row: list[Any] = []
            for j, (label, value) in enumerate(items[i : i + 2]):
                labels.append(((2 * j, len(rows)), (2 * j, len(rows))))
                row += [self.label(label), self.p(value, long=True)]
            rows.append(row)
        return self.table("二、教师评价（学习与身心状况）", rows, widths, (), labels)

    def guardian(self, card: CardData) -> Any:
        g = card.archive.guardian
        return self._pairs_table(
            "三、临时监护人（委托监护人）",
            [
                ("姓名", self.p(g.name), 1),
                ("与儿童关系", self.p(g.relation), 1),
                ("年龄", self.p(g.age if g.age is not None else ""), 1),
                ("文化程度", self.p(g.education), 1),
                ("健康状况", self.p(g.health), 1),
                ("联系电话", self.p(g.phone), 1),
                ("身份证号", self.p(g.id_number), 3),
                ("监护协议", self.p("已签订" if g.agreement_signed else "未签订"), 1),
                ("住址", self.p(g.address), 3),
                ("性格特征", self.p(g.personality, long=True), 1),
                ("管教方式", self.p(g.discipline, long=True), 5),
            ],
        )

    def parents(self, card: CardData) -> Any:
        f, m = card.archive.father, card.archive.mother

        def both(
            label: str, get: Callable[[ParentRecord], object], long: bool = False
        ) -> list[Any]:
            return [self.label(label), self.p(get(f), long=long), self.p(get(m), long=long)]

        def person(p: ParentRecord) -> str:
            age = f"{p.age}岁" if p.age is not None else ""
            return _join(p.name, age, p.education)

        def away(p: ParentRecord) -> str:
            state = "外出务工" if p.away else "在家"
            return state if p.capable else f"{state}，无监护能力"

        rows = [
            [self.label("项目"), self.label("父亲"), self.label("母亲")],
            both("姓名 年龄 文化", person),
            both("联系电话", lambda p: p.phone),
            both("身份证号", lambda p: p.id_number),
            both("现状", away),
            both("务工地点", _work_place),
            both("工作单位及工种", lambda p: _join(p.employer, p.trade)),
            both("外出时间", lambda p: p.left_since),
            both("回家频率", lambda p: p.home_frequency),
            both("与子女联系", lambda p: p.contact_frequency, True),
            both("经济收入", lambda p: p.income, True),
            both("对子女的希望", lambda p: p.expectations, True),
        ]
        labels = [((0, 0), (2, 0)), ((0, 1), (0, len(rows) - 1))]
        return self.table("四、父母情况", rows, [24.0, 53.0, 53.0], (), labels)

    def support(self, card: CardData) -> Any:
        c = card.archive.child
        return self._pairs_table(
            "五、类别、救助与家庭收入",
            [
                ("儿童类别", self.p("、".join(c.categories)), 5),
                ("所获救助", self.p("、".join(c.aid) or "无"), 2),
                ("收入来源", self.p("、".join(c.income_sources)), 2),
            ],
        )

    def risk(self, card: CardData) -> Any:
        a = card.assessment
        if a is None:
            return self._pairs_table("六、当前风险评估", [("评估", self.p("尚未评估"), 5)])
        return self._pairs_table(
            "六、当前风险评估",
            [
                ("风险类别", self.p(RiskType(a.risk_type).label), 1),
                ("风险等级", self.p(RiskLevel(a.risk_level).label), 1),
                ("监护评价", self.p(a.guardian_assessment), 1),
                ("评估日期", self.p(_date(a.assessed_on)), 1),
                ("评估人", self.p(a.assessor), 3),
                ("评估理由", self.p(a.reasons, long=True), 5),
            ],
        )

    def helpers(self, card: CardData) -> Any:
        widths = [34.0, 30.0, 36.0, 30.0]
        rows: list[list[Any]] = [
            [
                self.label("帮扶人"),
                self.label("身份"),
                self.label("帮扶角色"),
                self.label("结对时间"),
            ]
        ]
        for h in card.helpers[:MAX_HELPERS]:
            since = _date(h.since) + (f" 至 {_date(h.until)}" if h.until else " 起")
            rows.append([self.p(h.name), self.p(h.kind), self.p(h.role), self.p(since)])
        spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        if len(rows) == 1:
            rows.append([self.p("暂无结对帮扶"), "", "", ""])
            spans.append(((0, 1), (3, 1)))
        return self.table("七、结对帮扶", rows, widths, spans, [((0, 0), (3, 0))])

    def visits(self, card: CardData) -> Any:
        widths = [19.0, 17.0, 94.0]
        rows: list[list[Any]] = [[self.label("日期"), self.label("类别"), self.label("内容摘要")]]
        for v in card.visits[:MAX_VISITS]:
            kind = _join(v.kind, v.mode, sep="·")
            summary = _join(v.summary, f"（{v.author}）" if v.author else "", sep="")
            rows.append([self.p(_date(v.on)), self.p(kind), self.p(summary, long=True)])
        spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        if len(rows) == 1:
            rows.append([self.p("暂无记录"), "", ""])
            spans.append(((0, 1), (2, 1)))
        return self.table(
            f"八、最近的家访与联系记录（最多{MAX_VISITS}条）",
            rows,
            widths,
            spans,
            [((0, 0), (2, 0))],
        )


# -- rendering ----------------------------------------------------------------------------------
def render_cards(
    cards: list[CardData],
    school_name: str,
    *,
    printed_on: dt.date | None = None,
    fallbacks: list[FontSpec] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> tuple[bytes, list[MissingGlyph]]:
    """The cards as PDF bytes (A4, one child per page) and the characters no font could draw.

    ``fallbacks``: the fonts tried after the vendored one (default: Windows SimSun and
    SimSun-ExtB where present). ``cancelled`` is checked between pages
    (:class:`CardsCancelled`)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    if not cards:
        raise KnownError("没有要打印的儿童。")
    chain = FontChain(fallbacks)
    font = chain.primary
    markup = _Markup(chain)
    width, height = A4
    margin = 11 * mm
    inner = width - 2 * margin
    printed = (printed_on or dt.date.today()).isoformat()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=font)
    c.setTitle(f"{school_name} {TITLE}")
    c.setAuthor(school_name)
    c.setSubject(TITLE)
    writer = _Writer(c, font)
    known: dict[str, _Text] = {}  # texts in the vendored font, measured once for all cards
    warnings: list[MissingGlyph] = []
    total = len(cards)
    for n, card in enumerate(cards, start=1):
        if cancelled is not None and cancelled():
            raise CardsCancelled()
        name = card.archive.child.name
        school = card.school_name or school_name
        markup.start(name)
        top = height - margin
        # title
        c.setFillColor("#000000")
        c.setFont(font, 20)
        c.drawCentredString(width / 2, top - 18, TITLE)
        subtitle_y = top - 36
        c.setFont(font, 9.5)
        c.drawString(margin, subtitle_y, f"学校：{school}")
        c.drawRightString(width - margin, subtitle_y, f"填表日期：{printed}")
        body_top = subtitle_y - 6
        footer_y = margin - 4
        room = body_top - (footer_y + 14)
        tables = _Page(markup, None, inner, known).sections(card)
        missing = list(markup.missing)
        if missing:
            # a visible note naming the characters no font has: never a silent box
            note = 12.0
            codes = "、".join(f"【缺字：U+{ord(m.char):04X}】" for m in missing)
            c.setFont(font, 8.5)
            c.setFillColor(_MISSING_INK)
            c.drawString(
                margin,
                body_top - 9,
                f"注意：本卡有电脑字体无法打印的字，已标为{codes}，请手写补上。",
            )
            c.setFillColor("#000000")
            body_top -= note
            room -= note
        size, tables, used = _fit(markup, card, inner, room, tables, known)
        # whatever the text, nothing runs into the footer: an overfull card is drawn smaller
        scale = min(1.0, room / used) if used > 0 else 1.0
        c.saveState()
        c.translate(margin, body_top)
        c.scale(scale, scale)
        ink = _Ink(writer, size)
        y = 0.0
        x0 = (inner - inner * scale) / (2 * scale)
        for t in tables:
            y -= t.draw(ink, x0, y, size)
        ink.draw()
        c.restoreState()
        page_footer(
            c,
            font,
            width,
            margin,
            footer_y,
            f"{school}　打印日期：{printed}",
            f"第 {n} 页 / 共 {total} 页",
        )
        c.showPage()
        warnings += missing
        if progress is not None:
            progress(n, total)
    c.save()
    return buffer.getvalue(), warnings


def _fit(
    markup: _Markup,
    card: CardData,
    inner: float,
    room: float,
    tables: list[_Table],
    known: dict[str, _Text],
) -> tuple[float, list[_Table], float]:
    """The font size, the tables and their height: the largest size at which the card fits
    ``room`` (row heights at each size worked out from the text measured once); at the
    smallest size, long free text shortened further until it fits."""
    estimate = _SIZES[0]
    used = 0.0
    for size in _SIZES:
        if size > estimate:
            continue  # heights shrink no faster than the size: this one cannot fit
        used = sum(t.height(size) for t in tables)
        if used <= room:
            return size, tables, used
        estimate = min(estimate, size * room / used)
    size = _SIZES[-1]
    for limit in _SHORTEN_TO:
        markup.start(markup.child_name)
        tables = _Page(markup, limit, inner, known).sections(card)
        used = sum(t.height(size) for t in tables)
        if used <= room:
            break
    return size, tables, used


def card_strings(
    card: CardData, school_name: str, printed_on: dt.date, page: int, total: int
) -> list[str]:
    """Every string the card of ``card`` shows, as one piece each (a cell's text unbroken):
    the title, the header and footer lines and the text of every cell. For the printing
    benchmark, which draws the same text with bare reportlab calls."""
    markup = _Markup(FontChain([]))
    markup.start(card.archive.child.name)
    school = card.school_name or school_name
    printed = printed_on.isoformat()
    found = [TITLE, f"学校：{school}", f"填表日期：{printed}"]
    for table in _Page(markup, None, 1.0).sections(card):
        found += [cell.text.s for row in table.rows for _c0, cell, _width in row]
    return [*found, f"{school}　打印日期：{printed}", f"第 {page} 页 / 共 {total} 页"]


def write_cards(
    cards: list[CardData],
    school_name: str,
    out: Path,
    *,
    printed_on: dt.date | None = None,
    fallbacks: list[FontSpec] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> list[MissingGlyph]:
    """Render the cards and write them atomically (temp name + fsync + rename); returns the
    characters no font could draw."""
    data, warnings = render_cards(
        cards,
        school_name,
        printed_on=printed_on,
        fallbacks=fallbacks,
        progress=progress,
        cancelled=cancelled,
    )
    write_atomically(data, Path(out))
    return warnings


def page_footer(
    c: Any,
    font: str,
    width: float,
    margin: float,
    y: float,
    left: str,
    right: str = "",
    centre: str = "",
) -> None:
    """The footer every printout shares: a thin rule, then the school and print date on the
    left, an optional title in the middle and the page number on the right."""
    c.saveState()
    c.setFont(font, 8.5)
    c.setFillColor("#333333")
    c.setStrokeColor("#333333")
    c.setLineWidth(0.4)
    c.line(margin, y + 10, width - margin, y + 10)
    c.drawString(margin, y, left)
    if centre:
        c.drawCentredString(width / 2, y, centre)
    if right:
        c.drawRightString(width - margin, y, right)
    c.restoreState()


def write_atomically(data: bytes, target: Path, what: str = "档案卡") -> None:
    """The printouts' atomic write (see ``reports.files``)."""
    files.write_atomically(data, target, what=what, opened_in="PDF阅读器")
