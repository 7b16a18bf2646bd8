"""The township's enrollment card: one PDF page with the Chinese font embedded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from liushou_desktop.domain.errors import KnownError
from liushou_desktop.reports.enrollment_card import (
    FONT_FILE,
    EnrollmentCard,
    qr_payload,
    render_pdf,
    resources_dir,
    write_enrollment_card,
)

CARD = EnrollmentCard(
    township_name="城关镇中心校",
    township_code="T01",
    fingerprint="ABCD-EFGH-2345-JKLM",
    site_id="0190abcd-1234-7abc-8def-0123456789ab",
    printed_on=dt.date(2026, 11, 22),
)


def test_the_font_and_its_licence_are_vendored():
    fonts = resources_dir() / "fonts"
    assert (fonts / FONT_FILE).is_file()
    assert "WenQuanYi" in (fonts / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")


def test_the_qr_code_carries_site_and_fingerprint():
    assert qr_payload(CARD) == f"LIUSHOU-ENROLL:1:{CARD.site_id}:{CARD.fingerprint}"


def test_one_page_with_the_chinese_font_embedded():
    data = render_pdf(CARD)
    assert data.startswith(b"%PDF")
    assert b"/Count 1" in data
    assert b"WenQuanYiMicroHei" in data  # a subset of the font, so glyphs and not boxes
    assert b"FontFile2" in data  # embedded TrueType


def test_a_long_township_name_still_renders():
    render_pdf(
        EnrollmentCard(
            "某某县某某镇九年一贯制中心学校乡镇教育管理办公室", "T99", "AAAA-BBBB-CCCC-DDDD", "x"
        )
    )


def test_written_atomically(tmp_path: Path):
    out = tmp_path / "card.pdf"
    assert write_enrollment_card(CARD, out) == out
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.parent.iterdir()] == ["card.pdf"]
    with pytest.raises(KnownError, match="找不到文件夹"):  # folders are never made unasked
        write_enrollment_card(CARD, tmp_path / "sub" / "card.pdf")


def test_an_unwritable_place_is_a_known_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(KnownError) as err:
        write_enrollment_card(CARD, blocker / "card.pdf")  # its parent is a file
    assert "找不到文件夹" in err.value.message
    assert list(tmp_path.iterdir()) == [blocker]
