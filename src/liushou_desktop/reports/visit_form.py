"""The home-visit record form (留守学生家访登记表): one A4 page per child, in the shape of the
schools' own form — the child, guardian and address, the visit's date, mode, visitors and who
was met, what was learnt about self-care, personality, health, diet, sleep and home education
(生活自理、个性、健康、饮食、睡眠及家庭教育), the problems found as a checklist (缺少关爱、性情
孤僻、家庭教育不协调 …), the guardian's opinion, the advice given, the follow-up and signatures.

Blank (for a class to take on their visits, each child's name, class, guardian and address
filled in) or filled in from a saved 家访 record. Text goes through the archive card's markup:
rare characters through the fallback fonts, characters no font has marked 【缺字】 and reported.
Fed with plain data; no Qt, no services.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ..domain.care import VISIT_PROBLEMS, VisitMode
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
from .fonts import FontChain, FontSpec, cells_in

TITLE = "留守学生家访登记表"
OBSERVATIONS = (
    ("self_care", "生活自理"),
    ("personality", "个性"),
    ("health", "健康"),
    ("diet", "饮食"),
    ("sleep", "睡眠"),
    ("home_education", "家庭教育"),
)
_LIMIT = 700  # longer free text is shortened (…) so a page always holds one form
CHECKED, UNCHECKED = "■", "□"


class VisitFormsCancelled(CardsCancelled):
    def __init__(self) -> None:
        KnownError.__init__(self, "已取消，家访登记表没有生成。")


@dataclass(frozen=True)
class VisitRecord:
    """What a saved 家访 record says (the ``details`` of the record dialog)."""

    on: dt.date
    mode: str = ""
    visitors: str = ""
    met: str = ""
    summary: str = ""
    observations: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    guardian_opinion: str = ""
    advice: str = ""
    follow_up: str = ""
    follow_up_due: dt.date | None = None


@dataclass
class VisitFormData:
    child_name: str
    sex: str = ""
    class_label: str = ""
    left_behind_kind: str = ""
    guardian_name: str = ""
    guardian_relation: str = ""
    guardian_phone: str = ""
    address: str = ""
    father: str = ""  # name, phone, work place as one line
    mother: str = ""
    class_teacher: str = ""
    school_name: str = ""
    record: VisitRecord | None = None  # None: a blank form


def _shorten(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _LIMIT else text[: _LIMIT - 1] + "…"


class _Form:
    def __init__(self, markup: _Markup, width: float, size: float) -> None:
        from reportlab.lib.styles import ParagraphStyle

        self.m = markup
        self.width = width
        font = markup.chain.primary
        self.value = ParagraphStyle(
            "fv", fontName=font, fontSize=size, leading=size * 1.4, wordWrap="CJK"
        )
        self.label_style = ParagraphStyle("fl", parent=self.value, alignment=1)

    def p(self, text: object) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(self.m(_shorten("" if text is None else str(text))), self.value)

    def raw(self, markup: str) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(markup, self.value)

    def label(self, text: str) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(escape(text), self.label_style)

    def checks(self, options: tuple[str, ...], chosen: set[str], other: str = "") -> Any:
        parts = [f"{CHECKED if o in chosen else UNCHECKED} {escape(o)}" for o in options]
        extra = f"{CHECKED} 其他：{self.m(other)}" if other else f"{UNCHECKED} 其他：________"
        return self.raw("　".join([*parts, extra]))

    def build(self, d: VisitFormData, heights: dict[str, float]) -> Any:
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        r = d.record
        obs = r.observations if r else {}
        guardian = f"{d.guardian_name}（{d.guardian_relation}）" if d.guardian_relation else ""
        guardian = guardian if d.guardian_name else ""
        if r is None:
            on = "________年______月______日"
            modes = self.checks(tuple(m.value for m in VisitMode if m != VisitMode.GROUP), set())
        else:
            on = r.on.strftime("%Y年%m月%d日")
            known = tuple(m.value for m in VisitMode if m != VisitMode.GROUP or r.mode == m)
            other = r.mode if r.mode and r.mode not in known else ""
            modes = self.checks(known, {r.mode}, other)
        problems = set(r.problems) if r else set()
        other_problems = "、".join(p for p in (r.problems if r else ()) if p not in VISIT_PROBLEMS)
        follow = ""
        if r is not None and r.follow_up:
            due = r.follow_up_due.isoformat() if r.follow_up_due else ""
            follow = f"{r.follow_up}（期限：{due}）" if due else r.follow_up
        L = self.label
        rows: list[list[Any]] = [
            [
                L("学生姓名"),
                self.p(d.child_name),
                L("性别"),
                self.p(d.sex),
                L("班级"),
                self.p(d.class_label),
            ],
            [
                L("监护人"),
                self.p(guardian),
                L("联系电话"),
                self.p(d.guardian_phone),
                L("留守类型"),
                self.p(d.left_behind_kind),
            ],
            [L("家庭住址"), self.p(d.address), "", "", L("班主任"), self.p(d.class_teacher)],
            [L("父亲"), self.p(d.father), "", "", "", ""],
            [L("母亲"), self.p(d.mother), "", "", "", ""],
            [L("家访时间"), self.p(on) if r else self.raw(on), "", L("家访方式"), modes, ""],
            [
                L("家访教师"),
                self.p(r.visitors if r else ""),
                "",
                L("接待人"),
                self.p(r.met if r else ""),
                "",
            ],
        ]
        first_obs = len(rows)
        for key, text in OBSERVATIONS:
            rows.append([L(text), self.p(obs.get(key, "")), "", "", "", ""])
        big = len(rows)
        rows += [
            [L("家访情况"), self.p(r.summary if r else ""), "", "", "", ""],
            [
                L("发现的问题"),
                self.checks(VISIT_PROBLEMS, problems, other_problems),
                "",
                "",
                "",
                "",
            ],
            [L("监护人意见"), self.p(r.guardian_opinion if r else ""), "", "", "", ""],
            [L("教师建议"), self.p(r.advice if r else ""), "", "", "", ""],
            [L("跟进措施"), self.p(follow), "", "", "", ""],
            [
                L("签名"),
                self.raw("家访教师签名：________________　　监护人签名：________________"),
                "",
                "",
                "",
                "",
            ],
        ]
        widths = [17.0, 29.0, 14.0, 17.0, 15.0, 28.0]
        scale = self.width / sum(widths)
        style: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#eeeeee")),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("SPAN", (1, 2), (3, 2)),
            ("SPAN", (1, 3), (5, 3)),
            ("SPAN", (1, 4), (5, 4)),
            ("SPAN", (1, 5), (2, 5)),
            ("SPAN", (4, 5), (5, 5)),
            ("SPAN", (1, 6), (2, 6)),
            ("SPAN", (4, 6), (5, 6)),
        ]
        style.append(("BACKGROUND", (2, 0), (2, 1), colors.HexColor("#eeeeee")))
        style.append(("BACKGROUND", (4, 0), (4, 2), colors.HexColor("#eeeeee")))
        style.append(("BACKGROUND", (3, 5), (3, 6), colors.HexColor("#eeeeee")))
        for i in range(first_obs, len(rows)):
            style.append(("SPAN", (1, i), (5, i)))
        for i in range(big, len(rows) - 1):
            style.append(("VALIGN", (1, i), (1, i), "TOP"))
        # the rows to write in get room: at least the given height, more for long text
        row_heights: list[float | None] = [None] * len(rows)
        value_w = sum(widths[1:]) * scale - 6
        minimums = [heights["obs"]] * len(OBSERVATIONS) + [
            heights["summary"],
            None,
            heights["opinion"],
            heights["advice"],
            heights["follow"],
            heights["sign"],
        ]
        for offset, minimum in enumerate(minimums):
            i = first_obs + offset
            if minimum is None:
                continue
            need = rows[i][1].wrap(value_w, 10_000)[1] + 6
            row_heights[i] = max(minimum, need)
        table = Table(
            rows,
            colWidths=[w * scale for w in widths],
            rowHeights=row_heights,
            style=TableStyle(style),
        )
        return cells_in(table, self.value.fontName)


def _heights(blank: bool, factor: float) -> dict[str, float]:
    from reportlab.lib.units import mm

    base = (
        {"obs": 13, "summary": 30, "opinion": 24, "advice": 24, "follow": 18, "sign": 12}
        if blank
        else {"obs": 10, "summary": 32, "opinion": 20, "advice": 20, "follow": 14, "sign": 12}
    )
    return {k: v * mm * factor for k, v in base.items()}


def render_visit_forms(
    forms: list[VisitFormData],
    school_name: str = "",
    *,
    printed_on: dt.date | None = None,
    fallbacks: list[FontSpec] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> tuple[bytes, list[MissingGlyph]]:
    """The forms as PDF bytes (one A4 page each) and the characters no font could draw."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    if not forms:
        raise KnownError("没有要打印的儿童。")
    chain = FontChain(fallbacks)
    font = chain.primary
    markup = _Markup(chain, "家访登记表")
    width, height = A4
    margin = 15 * mm
    inner = width - 2 * margin
    printed = (printed_on or dt.date.today()).isoformat()
    buffer = io.BytesIO()
    # start in the embedded font: a canvas starting in Helvetica lists it unembedded
    c = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=font)
    c.setTitle(f"{school_name} {TITLE}")
    c.setAuthor(school_name)
    c.setSubject(TITLE)
    warnings: list[MissingGlyph] = []
    total = len(forms)
    for n, form in enumerate(forms, start=1):
        if cancelled is not None and cancelled():
            raise VisitFormsCancelled()
        school = form.school_name or school_name
        top = height - margin
        c.setFillColor(colors.black)
        c.setFont(font, 18)
        c.drawCentredString(width / 2, top - 16, TITLE)
        sub_y = top - 34
        c.setFont(font, 10)
        c.drawString(margin, sub_y, f"学校：{school}")
        c.drawRightString(width - margin, sub_y, f"班级：{form.class_label}")
        body_top = sub_y - 6
        footer_y = margin - 6
        room = body_top - (footer_y + 12)
        table: Any = None
        used = 0.0
        for size, factor in ((10.5, 1.0), (10.0, 0.85), (9.5, 0.7), (9.0, 0.55), (8.5, 0.4)):
            markup.start(form.child_name)
            table = _Form(markup, inner, size).build(form, _heights(form.record is None, factor))
            used = table.wrap(inner, room)[1]
            if used <= room:
                break
        missing = list(markup.missing)
        if missing:
            codes = "、".join(f"【缺字：U+{ord(m.char):04X}】" for m in missing)
            c.setFont(font, 8.5)
            c.setFillColor(colors.HexColor("#c00000"))
            c.drawString(
                margin,
                body_top - 9,
                f"注意：本表有电脑字体无法打印的字，已标为{codes}，请手写补上。",
            )
            c.setFillColor(colors.black)
            body_top -= 12
            room -= 12
        scale = min(1.0, room / used) if used > 0 else 1.0
        c.saveState()
        c.translate(margin, body_top)
        c.scale(scale, scale)
        table.drawOn(c, 0, -used)
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


def write_visit_forms(
    forms: list[VisitFormData],
    out: Path,
    school_name: str = "",
    *,
    printed_on: dt.date | None = None,
    fallbacks: list[FontSpec] | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> list[MissingGlyph]:
    """Render the forms and write them atomically; returns the characters no font could draw."""
    data, warnings = render_visit_forms(
        forms,
        school_name,
        printed_on=printed_on,
        fallbacks=fallbacks,
        progress=progress,
        cancelled=cancelled,
    )
    write_atomically(data, Path(out), what="家访登记表")
    return warnings
