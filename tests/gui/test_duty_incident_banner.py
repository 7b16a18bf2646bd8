"""The urgent banner for open 强制报告 cases, a widget the main window can show on every page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QWidget

from liushou_desktop.gui.widgets.duty_incident_banner import IncidentBanner
from liushou_desktop.services.care import IncidentInfo

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def incident(n: int, name: str, closed: dt.date | None = None) -> IncidentInfo:
    return IncidentInfo(
        f"i{n}", f"c{n}", name, "失踪", dt.date(2026, 11, 20), "放学未归", None, "", "", "",
        closed,
    )  # fmt: skip


def test_shows_open_cases_hides_when_none(qtbot):
    page = QWidget()  # the banner sits on a page (or above every page)
    qtbot.addWidget(page)
    banner = IncidentBanner(page)
    page.show()
    assert not banner.isVisible()
    banner.set_incidents([incident(1, "张三"), incident(2, "李四", dt.date(2026, 11, 21))])
    assert banner.isVisible() and banner.child_names() == ["张三"]  # the closed one left out
    assert "1" in banner.title.text()
    assert 'href="c1"' in banner.details.text() and "李四" not in banner.details.text()
    with qtbot.waitSignal(banner.open_child, timeout=1000) as clicked:
        banner.details.linkActivated.emit("c1")
    assert clicked.args == ["c1"]
    banner.set_incidents([])
    assert not banner.isVisible()


def test_many_cases_are_counted_and_the_names_cut_short(qtbot):
    banner = IncidentBanner()
    qtbot.addWidget(banner)
    names = ["张一", "张二", "张三", "张四", "张五", "张六", "张七", "张八"]
    banner.set_incidents([incident(n, name) for n, name in enumerate(names)])
    assert "8" in banner.title.text()
    assert "张六" in banner.details.text() and "张七" not in banner.details.text()
    assert "…" in banner.details.text()
