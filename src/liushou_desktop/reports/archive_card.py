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
from typing import Any
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
    """Turns plain text into Paragraph markup: escaped, with fallback fonts for rare characters
    and a visible mark for characters no font has (collected as :class:`MissingGlyph`)."""

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

    def __call__(self, text: object) -> str:
        s = "" if text is None else str(text)
        if self.chain.covers_all(s):
            return escape(s).replace("\n", "<br/>")
        out: list[str] = []
        for ch in s:
            font = self.chain.font_for(ch)
            if font == self.chain.primary:
                out.append("<br/>" if ch == "\n" else escape(ch))
            elif font is not None:
                out.append(f'<font name="{font}">{escape(ch)}</font>')
            else:
                code = f"U+{ord(ch):04X}"
                out.append(f'<font color="#c00000">【缺字：{code}】</font>')
                if ch not in self._seen:
                    self._seen.add(ch)
                    self.missing.append(MissingGlyph(self.child_name, ch, self.form))
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


# -- the page -----------------------------------------------------------------------------------
class _Page:
    """Builds one child's tables at one font size."""

    def __init__(self, markup: _Markup, size: float, shorten: int | None, width: float) -> None:
        from reportlab.lib.styles import ParagraphStyle

        self.m = markup
        self.size = size
        self.shorten = shorten
        self.width = width
        font = markup.chain.primary
        leading = size * 1.3
        self.value_style = ParagraphStyle(
            "v", fontName=font, fontSize=size, leading=leading, wordWrap="CJK"
        )
        self.label_style = ParagraphStyle(
            "l", parent=self.value_style, alignment=1, textColor="#222222"
        )
        self.head_style = ParagraphStyle(
            "h", parent=self.value_style, fontSize=size + 1, leading=(size + 1) * 1.3
        )

    def p(self, text: object, *, long: bool = False) -> Any:
        from reportlab.platypus import Paragraph

        s = "" if text is None else str(text)
        if long:
            s = _shorten(s, self.shorten)
        return Paragraph(self.m(s), self.value_style)

    def label(self, text: str) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(escape(text), self.label_style)

    def head(self, text: str) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(escape(text), self.head_style)

    def table(
        self,
        title: str,
        rows: list[list[Any]],
        widths: list[float],
        spans: Iterable[tuple[tuple[int, int], tuple[int, int]]] = (),
        label_cells: Iterable[tuple[tuple[int, int], tuple[int, int]]] = (),
    ) -> Any:
        """A section: a shaded title row across the table, then ``rows`` (row indexes in
        ``spans`` and ``label_cells`` count from the first of ``rows``)."""
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        scale = self.width / sum(widths)
        cols = len(widths)
        data: list[list[Any]] = [[self.head(title)] + [""] * (cols - 1), *rows]
        style: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
            ("SPAN", (0, 0), (-1, 0)),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9d9d9")),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
            ("TOPPADDING", (0, 0), (-1, -1), 1.3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ]
        for (c0, r0), (c1, r1) in spans:
            style.append(("SPAN", (c0, r0 + 1), (c1, r1 + 1)))
        for (c0, r0), (c1, r1) in label_cells:
            style.append(("BACKGROUND", (c0, r0 + 1), (c1, r1 + 1), colors.HexColor("#f0f0f0")))
        return Table(
            data,
            colWidths=[w * scale for w in widths],
            style=TableStyle(style),
        )

    # -- sections ------------------------------------------------------------------------------
    def sections(self, card: CardData) -> list[Any]:
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

    def _pairs_table(self, title: str, items: list[tuple[str, Any, int]]) -> Any:
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
    from reportlab.lib import colors
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
    c = Canvas(buffer, pagesize=A4, pageCompression=1)
    c.setTitle(f"{school_name} {TITLE}")
    c.setAuthor(school_name)
    c.setSubject(TITLE)
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
        c.setFillColor(colors.black)
        c.setFont(font, 20)
        c.drawCentredString(width / 2, top - 18, TITLE)
        subtitle_y = top - 36
        c.setFont(font, 9.5)
        c.drawString(margin, subtitle_y, f"学校：{school}")
        c.drawRightString(width - margin, subtitle_y, f"填表日期：{printed}")
        body_top = subtitle_y - 6
        footer_y = margin - 4
        room = body_top - (footer_y + 14)
        tables, used = _fit(markup, card, inner, room)
        missing = list(markup.missing)
        if missing:
            # a visible note naming the characters no font has: never a silent box
            note = 12.0
            tables, used = _fit(markup, card, inner, room - note)
            codes = "、".join(f"【缺字：U+{ord(m.char):04X}】" for m in missing)
            c.setFont(font, 8.5)
            c.setFillColor(colors.HexColor("#c00000"))
            c.drawString(
                margin,
                body_top - 9,
                f"注意：本卡有电脑字体无法打印的字，已标为{codes}，请手写补上。",
            )
            c.setFillColor(colors.black)
            body_top -= note
            room -= note
        # whatever the text, nothing runs into the footer: an overfull card is drawn smaller
        scale = min(1.0, room / used) if used > 0 else 1.0
        c.saveState()
        c.translate(margin, body_top)
        c.scale(scale, scale)
        y = 0.0
        for t in tables:
            _w, h = t.wrapOn(c, inner, room)
            y -= h
            t.drawOn(c, (inner - inner * scale) / (2 * scale), y)
        c.restoreState()
        # footer
        c.setFont(font, 8.5)
        c.setFillColor(colors.HexColor("#333333"))
        c.drawString(margin, footer_y, f"{school}　打印日期：{printed}")
        c.drawRightString(width - margin, footer_y, f"第 {n} 页 / 共 {total} 页")
        c.setLineWidth(0.4)
        c.line(margin, footer_y + 10, width - margin, footer_y + 10)
        c.showPage()
        warnings += missing
        if progress is not None:
            progress(n, total)
    c.save()
    return buffer.getvalue(), warnings


def _fit(markup: _Markup, card: CardData, inner: float, room: float) -> tuple[list[Any], float]:
    """The card's tables at the largest size that fits ``room``; at the smallest size, long
    free text is shortened further until it fits."""
    attempts: list[tuple[float, int | None]] = [(s, None) for s in _SIZES]
    attempts += [(_SIZES[-1], limit) for limit in _SHORTEN_TO]
    tables: list[Any] = []
    used = 0.0
    estimate = _SIZES[0]
    for size, limit in attempts:
        if limit is None and size > estimate and tables:
            continue  # heights shrink no faster than the size: this one cannot fit
        markup.start(markup.child_name)
        tables = _Page(markup, size, limit, inner).sections(card)
        used = sum(t.wrap(inner, room)[1] for t in tables)
        if used <= room:
            break
        estimate = min(estimate, size * room / used)
    return tables, used


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


def write_atomically(data: bytes, target: Path, what: str = "档案卡") -> None:
    """The printouts' atomic write (see ``reports.files``)."""
    files.write_atomically(data, target, what=what, opened_in="PDF阅读器")
