"""The change-history view: newest first, 建档 entries apart, filter by item."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from liushou_desktop.gui.dialogs import HistoryView
from liushou_desktop.gui.dialogs.history_view import OLD
from tests.conftest import make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def history(qtbot, service, school_id):
    archive = make_archive(school_id)
    child_id = service.create(archive).child_id
    archive.child.id = child_id
    archive.guardian.discipline = "放任型"
    archive.father.phone = "13800009999"
    service.save(archive)
    view = HistoryView()
    qtbot.addWidget(view)
    view.set_entries(service.history(child_id))
    return view


def test_newest_first_with_author_and_local_time(history):
    rows = history.visible_rows()
    assert rows[0][2:] in {
        ("监护人", "管教方式", "", "放任型"),
        ("父亲", "联系电话", "13800001111", "13800009999"),
    }
    assert {r[1] for r in rows} == {"测试员"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", r[0]) for r in rows)
    first_created = next(
        i for i in range(len(rows)) if history.proxy.index(i, 0).data(Qt.ItemDataRole.UserRole)
    )
    assert first_created == 2  # the two edits, then what was filled in at 建档


def test_created_entries_are_marked_and_can_be_hidden(history):
    total = history.proxy.rowCount()
    created = [r for r in range(total) if history.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole)]
    assert len(created) > 10
    index = history.proxy.index(created[0], OLD)
    assert index.data() == "(new archive)"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert f"{total}" in history.count_label.text()

    history.show_created.setChecked(False)
    assert history.proxy.rowCount() == 2
    assert "2" in history.count_label.text() and f"{total}" in history.count_label.text()


def test_filter_by_item(history):
    history.filter_edit.setText("管教")
    assert [r[3] for r in history.visible_rows()] == ["管教方式"]
    history.filter_edit.clear()
    assert len(history.visible_rows()) == history.model.rowCount()
