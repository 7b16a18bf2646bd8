"""The teacher's year-end duty report (教师关爱工作考核表) as a PDF: portrait A4, one page group per
teacher — the teacher and the school, the children paired with them (role, since, until), the
records they wrote by kind, per duty rule what was required, done, still due and missed, the
units missed (rule, child, period), a box for the school's opinion and the signature line
(教师签字 / 学校审核 / 日期). The footer carries the school's name and the print date, and
"第 x 页 / 共 y 页" when a teacher's report runs to several pages (numbered per teacher, so a
school's whole bundle can be split by teacher).

Text goes through the archive card's markup (:class:`~.archive_card._Markup`): rare characters
are drawn with a fallback font, characters no font has are marked 【缺字：U+…】 and reported
(:class:`~.archive_card.MissingGlyph`, naming the child — or the teacher — and the character).
Fed with plain data; no Qt, no services.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ..domain.errors import KnownError
from .archive_card import (
    CancelFn,
    CardsCancelled,
    MissingGlyph,
    ProgressFn,
    _Markup,
    page_footer,
)
from .files import write_atomically
from .fonts import FontChain, FontSpec, cells_in

FORM = "考核表"
TITLE = "教师关爱工作考核表"
_SIZE = 9.5


class DutyReportCancelled(CardsCancelled):
    def __init__(self) -> None:
        KnownError.__init__(self, "已取消，考核表没有生成。")


@dataclass(frozen=True)
class ReportPairing:
    """A child paired with the teacher during the year."""

    child_name: str
    class_label: str
    role: str
    since: dt.date | None
    until: dt.date | None = None  # None: still paired


@dataclass(frozen=True)
class ReportRule:
    """One duty rule over the year: records required, done, still due (current periods) and
    missed (periods that have ended)."""

    name: str
    required: int
    done: int
    due: int
    missed: int


@dataclass(frozen=True)
class ReportMissed:
    """A unit missed: the rule, the child and the period, records required and done."""

    rule: str
    child_name: str
    class_label: str
    start: dt.date
    end: dt.date
    required: int
    done: int


@dataclass
class DutyReportData:
    """One teacher's report."""

    teacher: str
    school_name: str
    school_year: str  # 2025-2026
    as_of: dt.date  # counted up to this day
    pairings: list[ReportPairing] = field(default_factory=list)
    records_by_kind: list[tuple[str, int]] = field(default_factory=list)
    rules: list[ReportRule] = field(default_factory=list)
    met: int = 0  # units met
    missed: int = 0  # units missed
    missed_units: list[ReportMissed] = field(default_factory=list)


def title_of(school_year: str) -> str:
    return f"{school_year} 学年 {TITLE}"


def _date(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def _period(start: dt.date, end: dt.date) -> str:
    return f"{start.isoformat()} 至 {end.isoformat()}"


# -- page furniture ---------------------------------------------------------------------------
class _Group:
    """What a page's footer shows: the teacher's page group and its school."""

    def __init__(self, key: int, school: str) -> None:
        self.key = key
        self.school = school


def _canvas_class(font: str, printed: str, margin: float) -> Any:
    """A canvas that keeps its pages until the end, then numbers them per teacher: the totals
    are known only once every page is laid out."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # not an unembedded Helvetica (the doc template passes None unless told)
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self.duty_group: _Group | None = None

        def showPage(self) -> None:  # reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            groups: dict[int, int] = {}
            for page in self._pages:
                g = page.get("duty_group")
                if g is not None:
                    groups[g.key] = groups.get(g.key, 0) + 1
            seen: dict[int, int] = {}
            for page in self._pages:
                self.__dict__.update(page)
                g = self.duty_group
                n = total = 0
                if g is not None:
                    seen[g.key] = n = seen.get(g.key, 0) + 1
                    total = groups[g.key]
                self._footer(g.school if g is not None else "", n, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, school: str, n: int, total: int) -> None:
            width = self._pagesize[0]
            y = margin - 4
            numbered = f"第 {n} 页 / 共 {total} 页" if total > 1 else ""
            page_footer(self, font, width, margin, y, f"{school}　打印日期：{printed}", numbered)

    return NumberedCanvas


def _flowables() -> Any:
    """Flowable classes made on first use (reportlab is imported lazily)."""
    from reportlab.platypus import Flowable

    class Mark(Flowable):  # type: ignore[misc]  # reportlab has no type hints
        """Zero-size: when drawn, tells the canvas whose pages follow, reports progress and
        honours a cancel between teachers."""

        def __init__(self, group: _Group, step: Any) -> None:
            super().__init__()
            self.group = group
            self.step = step

        def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
            return 0.0, 0.0

        def draw(self) -> None:
            self.canv.duty_group = self.group
            self.step()

    class AtBottom(Flowable):  # type: ignore[misc]  # reportlab has no type hints
        """Its content drawn at the bottom of the frame (the rest of the page left empty); on a
        new page when it does not fit what is left."""

        def __init__(self, content: Any) -> None:
            super().__init__()
            self.content = content
            self._h = 0.0

        def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
            _w, self._h = self.content.wrap(avail_w, avail_h)
            self.width = avail_w
            self.height = max(self._h, avail_h) if self._h <= avail_h else self._h
            return self.width, self.height

        def draw(self) -> None:
            self.content.drawOn(self.canv, 0, 0)

        def split(self, avail_w: float, avail_h: float) -> list[Any]:
            return []

    return Mark, AtBottom


# -- one teacher ------------------------------------------------------------------------------
class _Builder:
    def __init__(self, markup: _Markup, width: float) -> None:
        from reportlab.lib.styles import ParagraphStyle

        self.m = markup
        self.width = width
        font = markup.chain.primary
        self.value = ParagraphStyle(
            "dv", fontName=font, fontSize=_SIZE, leading=_SIZE * 1.3, wordWrap="CJK"
        )
        self.number = ParagraphStyle("dn", parent=self.value, alignment=2)
        self.center = ParagraphStyle("dc", parent=self.value, alignment=1)
        self.label = ParagraphStyle("dl", parent=self.center, textColor="#222222")
        self.heading = ParagraphStyle(
            "dh", parent=self.value, fontSize=_SIZE + 1.5, leading=(_SIZE + 1.5) * 1.4,
            spaceBefore=7, spaceAfter=3,
        )  # fmt: skip
        self.title = ParagraphStyle(
            "dt", parent=self.value, fontSize=17, leading=22, alignment=1, spaceAfter=8
        )
        self.note = ParagraphStyle(
            "dno", parent=self.value, fontSize=_SIZE - 1, leading=(_SIZE - 1) * 1.35,
            textColor="#333333", spaceBefore=2,
        )  # fmt: skip

    def p(self, text: object, style: Any = None, *, who: str | None = None) -> Any:
        """A cell; ``who``: the child the text names (for a missing character's report)."""
        from reportlab.platypus import Paragraph

        if who is not None:
            self.m.child_name = who
        markup = self.m("" if text is None else str(text))
        return Paragraph(markup, style or self.value)

    def _table(self, *args: Any, **kwargs: Any) -> Any:
        from reportlab.platypus import Table

        return cells_in(Table(*args, **kwargs), self.value.fontName)

    def fixed(self, text: str, style: Any = None) -> Any:
        """Text of our own (labels, headings): no rare characters."""
        from reportlab.platypus import Paragraph

        return Paragraph(escape(text), style or self.label)

    def table(
        self, rows: list[list[Any]], widths: Sequence[float], *, head: int = 1, total: bool = False
    ) -> Any:
        from reportlab.lib import colors
        from reportlab.platypus import TableStyle

        scale = self.width / sum(widths)
        style: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        if head:
            style.append(("BACKGROUND", (0, 0), (-1, head - 1), colors.HexColor("#e4e4e4")))
        if total:
            style.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f2f2f2")))
        return self._table(
            rows,
            colWidths=[w * scale for w in widths],
            style=TableStyle(style),
            repeatRows=head,
        )

    def story(self, r: DutyReportData) -> list[Any]:
        self.m.start(r.teacher)
        out: list[Any] = [self.fixed(title_of(r.school_year), self.title)]
        out.append(self._info(r))
        out += self._pairings(r)
        out += self._kinds(r)
        out += self._rules(r)
        out += self._missed(r)
        self.m.child_name = r.teacher
        return out

    def _info(self, r: DutyReportData) -> Any:
        lab = self.fixed
        records = sum(n for _, n in r.records_by_kind)
        rows = [
            [lab("学校"), self.p(r.school_name), lab("教师"), self.p(r.teacher, who=r.teacher)],
            [
                lab("考核学年"),
                self.p(f"{r.school_year} 学年"),
                lab("统计截至"),
                self.p(_date(r.as_of)),
            ],
            [
                lab("结对儿童"),
                self.p(f"{len(r.pairings)} 名"),
                lab("工作记录"),
                self.p(f"{records} 条"),
            ],
            [
                lab("按期完成"),
                self.p(f"{r.met} 项"),
                lab("逾期未完成"),
                self.p(f"{r.missed} 项"),
            ],
        ]
        return self.table(rows, [16, 34, 16, 34], head=0)

    def _heading(self, text: str) -> list[Any]:
        """A section's heading, on a new page when the page has no room for a few rows of it."""
        from reportlab.lib.units import mm
        from reportlab.platypus import CondPageBreak

        return [CondPageBreak(28 * mm), self.fixed(text, self.heading)]

    def _none(self, text: str) -> Any:
        return self.fixed(text, self.note)

    def _pairings(self, r: DutyReportData) -> list[Any]:
        out = self._heading("一、结对帮扶儿童")
        if not r.pairings:
            return [*out, self._none("本学年没有结对帮扶的儿童。")]
        lab = self.fixed
        rows: list[list[Any]] = [
            [
                lab("序号"),
                lab("儿童"),
                lab("班级"),
                lab("结对角色"),
                lab("开始日期"),
                lab("结束日期"),
            ]
        ]
        for n, p in enumerate(r.pairings, start=1):
            rows.append(
                [
                    self.p(n, self.center),
                    self.p(p.child_name, who=p.child_name),
                    self.p(p.class_label),
                    self.p(p.role),
                    self.p(_date(p.since), self.center),
                    self.p(_date(p.until) or "至今", self.center),
                ]
            )
        return [*out, self.table(rows, [7, 16, 20, 17, 17, 17])]

    def _kinds(self, r: DutyReportData) -> list[Any]:
        out = self._heading("二、工作记录（按类别）")
        if not r.records_by_kind:
            return [*out, self._none("本学年没有工作记录。")]
        per_row = 3
        lab = self.fixed
        items = [*r.records_by_kind, ("合计", sum(n for _, n in r.records_by_kind))]
        rows: list[list[Any]] = [[lab("类别"), lab("次数")] * per_row]
        for i in range(0, len(items), per_row):
            line: list[Any] = []
            for kind, count in items[i : i + per_row]:
                line += [self.p(kind), self.p(count, self.number)]
            line += ["", ""] * (per_row - len(items[i : i + per_row]))
            rows.append(line)
        return [*out, self.table(rows, [22, 11.3] * per_row)]

    def _rules(self, r: DutyReportData) -> list[Any]:
        out = self._heading("三、工作要求完成情况")
        if not r.rules:
            return [*out, self._none("本学年没有适用于本人结对儿童的工作要求。")]
        lab = self.fixed
        rows: list[list[Any]] = [
            [lab("工作要求"), lab("应做（次）"), lab("已做"), lab("待完成"), lab("逾期未完成")]
        ]
        for line in r.rules:
            rows.append(
                [
                    self.p(line.name),
                    self.p(line.required, self.number),
                    self.p(line.done, self.number),
                    self.p(line.due, self.number),
                    self.p(line.missed, self.number),
                ]
            )
        sums = [sum(getattr(x, k) for x in r.rules) for k in ("required", "done", "due", "missed")]
        rows.append([lab("合计"), *(self.p(v, self.number) for v in sums)])
        note = self._none(
            "按儿童和周期计：本人在结对期间为结对儿童所写的记录。“待完成”为尚未结束的周期中还差的次数，"
            "“逾期未完成”为已结束的周期中缺少的次数。"
        )
        return [*out, self.table(rows, [46, 14, 12, 12, 16], total=True), note]

    def _missed(self, r: DutyReportData) -> list[Any]:
        out = self._heading("四、逾期未完成明细")
        if not r.missed_units:
            return [*out, self._none("无。")]
        lab = self.fixed
        rows: list[list[Any]] = [
            [
                lab("序号"),
                lab("工作要求"),
                lab("儿童"),
                lab("班级"),
                lab("周期"),
                lab("应做"),
                lab("已做"),
            ]
        ]
        for n, u in enumerate(r.missed_units, start=1):
            rows.append(
                [
                    self.p(n, self.center),
                    self.p(u.rule),
                    self.p(u.child_name, who=u.child_name),
                    self.p(u.class_label),
                    self.p(_period(u.start, u.end), self.center),
                    self.p(u.required, self.number),
                    self.p(u.done, self.number),
                ]
            )
        return [*out, self.table(rows, [7, 26, 12, 17, 28, 7, 7])]

    def signature(self) -> Any:
        """The school's opinion (a box to write in) and the signature line."""
        from reportlab.lib import colors
        from reportlab.platypus import TableStyle

        opinion = self._table(
            [[self.fixed("学校考核意见")], [""]],
            colWidths=[self.width],
            rowHeights=[None, 42],  # room to write
            style=TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                    ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e4e4")),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ]
            ),
        )
        sign = self._table(
            [[
                self.fixed("教师签字：＿＿＿＿＿＿＿＿", self.value),
                self.fixed("学校审核（盖章）：＿＿＿＿＿＿＿＿", self.value),
                self.fixed("日期：＿＿＿＿年＿＿月＿＿日", self.value),
            ]],
            colWidths=[self.width * 0.3, self.width * 0.4, self.width * 0.3],
            style=TableStyle([
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 11),
            ]),
        )  # fmt: skip
        return self._table(
            [[opinion], [sign]],
            colWidths=[self.width],
            style=TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (0, 0), 6),
                ]
            ),
        )


# -- rendering --------------------------------------------------------------------------------
def render_duty_reports(
    reports: Sequence[DutyReportData],
    *,
    printed_on: dt.date | None = None,
    fallbacks: list[FontSpec] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> tuple[bytes, list[MissingGlyph]]:
    """The reports as PDF bytes (A4 portrait, each teacher on pages of their own) and the
    characters no font could draw. ``progress(done, total)`` counts teachers; ``cancelled`` is
    asked before each teacher (:class:`DutyReportCancelled`, nothing returned)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate

    if not reports:
        raise KnownError("没有要打印的教师。")
    chain = FontChain(fallbacks)
    markup = _Markup(chain, FORM)
    width, height = A4
    margin = 15 * mm
    inner = width - 2 * margin
    printed = (printed_on or dt.date.today()).isoformat()
    Mark, AtBottom = _flowables()
    builder = _Builder(markup, inner)
    warnings: list[MissingGlyph] = []
    total = len(reports)
    story: list[Any] = []
    for n, report in enumerate(reports):
        if cancelled is not None and cancelled():
            raise DutyReportCancelled()
        if n:
            story.append(PageBreak())

        def step(done: int = n) -> None:
            if cancelled is not None and cancelled():
                raise DutyReportCancelled()
            if progress is not None and done:
                progress(done, total)

        story.append(Mark(_Group(n, report.school_name), step))
        story += builder.story(report)
        story.append(AtBottom(builder.signature()))
        warnings += [m for m in markup.missing if m not in warnings]
    buffer = io.BytesIO()
    first = reports[0]
    school = first.school_name if len({r.school_name for r in reports}) == 1 else ""
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 4 * mm,  # the footer
        title=f"{school} {title_of(first.school_year)}".strip(),
        author=school,
        subject=TITLE,
        pageCompression=1,
    )
    frame = Frame(
        margin,
        margin + 4 * mm,
        inner,
        height - 2 * margin - 4 * mm,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=_canvas_class(chain.primary, printed, margin))
    if progress is not None:
        progress(total, total)
    return buffer.getvalue(), warnings


def write_duty_reports(
    reports: Sequence[DutyReportData],
    out: Path,
    *,
    printed_on: dt.date | None = None,
    fallbacks: list[FontSpec] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> list[MissingGlyph]:
    """Render the reports and write them atomically; returns the characters no font could
    draw."""
    data, warnings = render_duty_reports(
        reports, printed_on=printed_on, fallbacks=fallbacks, progress=progress, cancelled=cancelled
    )
    write_atomically(data, Path(out), what=FORM, opened_in="PDF阅读器")
    return warnings
