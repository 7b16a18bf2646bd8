"""The child's timeline: dated entries of every kind, newest first, read from the service."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from liushou_desktop.gui.widgets.timeline_view import ENTRY_ROLE, TimelineView, kind_colour
from liushou_desktop.services.care import CareService, HelperDraft, RecordDraft, TimelineEntry
from tests.conftest import make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

D = dt.date


def test_empty_then_entries_in_order(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    assert view.stack.currentWidget() is view.empty_label
    entries = [
        TimelineEntry(D(2026, 11, 1), "强制报告", "失踪", "放学未归，已报派出所", "i1"),
        TimelineEntry(D(2026, 10, 9), "记录", "谈心", "谈学习" * 40, "r1"),
        TimelineEntry(D(2026, 9, 1), "结对", "李老师：代理家长", "", "p1"),
    ]
    view.set_entries(entries)
    assert view.stack.currentWidget() is view.list
    assert [view.list.item(i).data(ENTRY_ROLE) for i in range(3)] == entries
    assert view.entries() == entries
    # a long detail wraps: its row is taller than a row without one
    heights = [view.list.visualItemRect(view.list.item(i)).height() for i in range(3)]
    assert heights[1] > heights[2]
    assert kind_colour("强制报告").name() == "#c62828"
    assert kind_colour("未知").isValid()
    view.grab()  # paints every entry without error


def test_double_click_says_which_entry(qtbot):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    entry = TimelineEntry(D(2026, 10, 9), "记录", "谈心", "谈学习", "r1")
    view.set_entries([entry])
    rect = view.list.visualItemRect(view.list.item(0))
    with qtbot.waitSignal(view.entry_activated) as blocker:
        qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [entry]


def test_load_reads_the_childs_timeline(qtbot, runner, ctx, service, school_id):
    care = CareService(ctx)
    child = service.create(make_archive(school_id)).child_id
    teacher = care.add_helper(school_id, HelperDraft("教师", "李老师", "13900001111"))
    care.pair(teacher, child, "代理家长", D(2026, 9, 1))
    care.add_record(school_id, RecordDraft("谈心", D(2026, 10, 9), [child], "谈学习"))
    care.report_incident(child, "失踪", D(2026, 11, 1), "放学未归")
    view = TimelineView()
    qtbot.addWidget(view)
    view.load(runner, care, child)
    assert view.stack.currentWidget() is view.loading_label
    qtbot.waitUntil(lambda: view.list.count() == 3, timeout=5000)
    assert [e.kind for e in view.entries()] == ["强制报告", "记录", "结对"]
