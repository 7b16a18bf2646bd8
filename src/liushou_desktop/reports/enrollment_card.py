"""The township's enrollment card: a one-page PDF a school compares with the enrollment file.

The card shows the township's name and code, the short fingerprint of its keys in large type
and a QR code of the fingerprint and site id, with the steps for the school. A school joins by
importing the enrollment file (同步 → 加入乡镇) and checking that the fingerprint the program
shows is the one printed here: a file swapped on the way would show another fingerprint.

Chinese is drawn with the vendored WenQuanYi Micro Hei font (``resources/fonts``), embedded in
the PDF, so the card prints the same on any computer. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from .files import write_atomically
from .fonts import FONT_FILE, FONT_NAME, register_font, resources_dir

QR_PREFIX = "LIUSHOU-ENROLL"

__all__ = [
    "FONT_FILE",
    "FONT_NAME",
    "EnrollmentCard",
    "qr_payload",
    "register_font",
    "render_pdf",
    "resources_dir",
    "write_enrollment_card",
]


@dataclass(frozen=True)
class EnrollmentCard:
    """What the card shows (from ``SyncService.enrollment()`` and its fingerprint)."""

    township_name: str
    township_code: str
    fingerprint: str
    site_id: str
    printed_on: dt.date | None = None  # today when None


def qr_payload(card: EnrollmentCard) -> str:
    """The QR code's text: format tag, site id and fingerprint."""
    return f"{QR_PREFIX}:1:{card.site_id}:{card.fingerprint}"


def render_pdf(card: EnrollmentCard) -> bytes:
    """The card as PDF bytes (A4 portrait, one page)."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    font = register_font()
    width, height = A4
    margin = 20 * mm
    buffer = io.BytesIO()
    # start in the embedded font: a canvas starting in Helvetica lists it unembedded
    c = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=font)
    c.setTitle(f"{card.township_name} 登记卡")
    c.setAuthor(card.township_name)
    c.setSubject("留守儿童关爱档案 乡镇登记卡")

    # frame
    c.setStrokeColor(colors.HexColor("#444444"))
    c.setLineWidth(1.2)
    c.roundRect(
        margin - 6 * mm,
        margin - 6 * mm,
        width - 2 * margin + 12 * mm,
        height - 2 * margin + 12 * mm,
        4 * mm,
    )

    y = height - margin - 8 * mm
    c.setFillColor(colors.black)
    c.setFont(font, 26)
    c.drawCentredString(width / 2, y, "乡镇登记卡")
    y -= 10 * mm
    c.setFont(font, 12)
    c.setFillColor(colors.HexColor("#555555"))
    c.drawCentredString(width / 2, y, "留守儿童关爱档案 · 学校加入乡镇时核对用")

    # the township, left; the QR code of fingerprint and site id, right
    y -= 22 * mm
    qr_size = 46 * mm
    widget = QrCodeWidget(qr_payload(card))
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(
        qr_size, qr_size, transform=[qr_size / (x1 - x0), 0, 0, qr_size / (y1 - y0), 0, 0]
    )
    drawing.add(widget)
    qr_top = y + 8 * mm
    renderPDF.draw(drawing, c, width - margin - qr_size, qr_top - qr_size)
    c.setFont(font, 9)
    c.setFillColor(colors.HexColor("#555555"))
    c.drawCentredString(width - margin - qr_size / 2, qr_top - qr_size - 3 * mm, "指纹和站点编号")

    c.setFillColor(colors.black)
    c.setFont(font, 14)
    c.drawString(margin, y, "乡镇（中心校）")
    room = width - 2 * margin - qr_size - 42 * mm
    c.setFont(font, _fitting(card.township_name, font, 22, room))
    c.drawString(margin + 38 * mm, y - 1, card.township_name)
    y -= 14 * mm
    c.setFont(font, 14)
    c.drawString(margin, y, "乡镇代码")
    c.setFont(font, _fitting(card.township_code, font, 20, room))
    c.drawString(margin + 38 * mm, y - 1, card.township_code)

    # the fingerprint, large
    y = qr_top - qr_size - 16 * mm
    c.setFont(font, 14)
    c.drawString(margin, y, "密钥指纹（加入时程序显示的指纹必须与此完全一致）")
    box_h = 24 * mm
    box_top = y - 4 * mm
    c.setFillColor(colors.HexColor("#f2f2f2"))
    c.setStrokeColor(colors.HexColor("#888888"))
    c.rect(margin, box_top - box_h, width - 2 * margin, box_h, fill=1, stroke=1)
    c.setFillColor(colors.black)
    c.setFont("Courier-Bold", 34)
    c.drawCentredString(width / 2, box_top - box_h / 2 - 12, card.fingerprint)

    # the steps for the school
    heading = ParagraphStyle("h", fontName=font, fontSize=15, leading=22, wordWrap="CJK")
    body = ParagraphStyle("b", fontName=font, fontSize=13, leading=21, wordWrap="CJK")
    text_width = width - 2 * margin
    paragraphs = [
        Paragraph("学校加入乡镇的步骤", heading),
        Paragraph("1. 把乡镇发来的登记文件（.json）拷到学校电脑上。", body),
        Paragraph("2. 在学校电脑上：同步 → 加入乡镇，选择登记文件，核对指纹与本卡一致。", body),
        Paragraph("3. 指纹一致才点“加入”。如果不一致，请不要加入，并马上联系乡镇。", body),
        Paragraph("4. 加入以后：同步 → 导出同步包，把U盘交给乡镇。", body),
    ]
    top = box_top - box_h - 12 * mm
    for p in paragraphs:
        _w, h = p.wrap(text_width, height)
        top -= h
        p.drawOn(c, margin, top)
        top -= 3 * mm

    c.setFont(font, 10)
    c.setFillColor(colors.HexColor("#555555"))
    printed = card.printed_on or dt.date.today()
    c.drawString(margin, margin + 6 * mm, f"站点编号：{card.site_id}")
    c.drawString(margin, margin, f"打印日期：{printed.isoformat()}")
    c.drawRightString(
        width - margin, margin, "本卡请当面交给学校，不要和登记文件放在同一个U盘或邮件里。"
    )
    c.showPage()
    c.save()
    return buffer.getvalue()


def _fitting(text: str, font: str, size: float, room: float) -> float:
    """The largest size up to ``size`` at which ``text`` fits in ``room`` points."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    wide = stringWidth(text, font, size)
    return size if wide <= room else max(8.0, size * room / wide)


def write_enrollment_card(card: EnrollmentCard, out: Path) -> Path:
    """Render the card and write it atomically (temp name + fsync + rename)."""
    data = render_pdf(card)
    return write_atomically(data, Path(out), what="登记卡", opened_in="PDF阅读器")
