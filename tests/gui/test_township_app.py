"""Township mode in the whole app: the backend creating a township database,
opening one with or without schools, and the township's tabs in place of the care pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from liushou_desktop.app import Backend, Settings
from liushou_desktop.domain.errors import KnownError, ValidationFailed
from liushou_desktop.gui.models.children_model import Column
from liushou_desktop.gui.views.children_page import TOWNSHIP_SCHOOL_ID
from liushou_desktop.gui.views.township_stats_page import TownshipStatsPage
from liushou_desktop.services.sync import init_township
from tests.gui.test_main_window import app_state, prompts, start_window  # noqa: F401
from tests.gui.test_township_pages import ledger  # noqa: F401


def test_the_backend_creates_and_opens_a_township_without_schools(tmp_path: Path):
    backend = Backend(Settings())
    with pytest.raises(ValidationFailed):  # a new township's code follows the rules
        backend.create_township(tmp_path / "t.sqlite", "城关镇", "T01")
    assert not (tmp_path / "t.sqlite").exists()
    opened = backend.create_township(tmp_path / "t.sqlite", "城关镇", "522401100")
    try:
        assert opened.mode == "township"
        assert opened.school.id == TOWNSHIP_SCHOOL_ID
        assert (opened.school.name, opened.school.code) == ("城关镇", "522401100")
        assert not opened.has_accounts  # its administrator is asked for first
    finally:
        opened.context.db.close()
    again = backend.open(tmp_path / "t.sqlite")
    try:
        assert again.mode == "township" and again.school.name == "城关镇"
    finally:
        again.context.db.close()


def test_a_school_database_without_a_school_is_still_refused(tmp_path: Path):
    from liushou_desktop.services.setup import create_database

    create_database(tmp_path / "s.sqlite").close()
    with pytest.raises(KnownError, match="里还没有学校"):
        Backend(Settings()).open(tmp_path / "s.sqlite")


def test_school_mode_is_recorded_on_open(ctx, tmp_path: Path):
    path = ctx.db.path
    ctx.db.close()
    opened = Backend(Settings()).open(Path(path))
    try:
        assert opened.mode == "school" and opened.school.name == "大山小学"
    finally:
        opened.context.db.close()


def test_a_merged_township_shows_its_tabs(qtbot, start_window, ledger):  # noqa: F811
    path = Path(ledger.town.db.path)
    ledger.town.db.close()
    window = start_window(path)
    page = window.children_page
    qtbot.waitUntil(lambda: window.archive is not None and not page.loading, timeout=15000)
    qtbot.waitUntil(lambda: page.model.total_count() == 6, timeout=15000)
    assert window.archive is not None and window.archive.mode == "township"
    workspace = window.workspace
    assert workspace.township
    titles = [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())]
    assert len(titles) == 4
    assert workspace.tabs.currentWidget() is page  # the ledger comes first
    assert not page.table.isColumnHidden(Column.SCHOOL)
    # the care pages are not there, nor their actions
    assert workspace.dashboard is None and workspace.pairing is None
    assert not window.add_child_action.isVisible()
    assert not window.write_record_action.isVisible()
    qtbot.waitUntil(lambda: "1" in workspace.tabs.tabText(2), timeout=15000)  # one conflict
    workspace.tabs.setCurrentIndex(1)
    stats = workspace.township_stats
    assert isinstance(stats, TownshipStatsPage)
    qtbot.waitUntil(lambda: not stats.loading, timeout=15000)
    assert stats.figures_model.rowCount() == 3  # two schools and the township
    workspace.tabs.setCurrentIndex(2)
    assert workspace.township_conflicts is not None
    workspace.tabs.setCurrentIndex(3)
    assert workspace.township_duplicates is not None


def test_an_empty_township_opens(qtbot, start_window, tmp_path: Path):  # noqa: F811
    ctx = init_township(tmp_path / "empty.sqlite", "城关镇", "T01")
    ctx.db.close()
    window = start_window(tmp_path / "empty.sqlite")
    qtbot.waitUntil(lambda: window.archive is not None, timeout=15000)
    page = window.children_page
    qtbot.waitUntil(lambda: not page.loading, timeout=15000)
    assert page.township and page.model.total_count() == 0
    assert page.body.currentIndex() == 1 and page.empty_add_button.isHidden()
    window.workspace.tabs.setCurrentIndex(1)
    stats = window.workspace.township_stats
    assert stats is not None
    qtbot.waitUntil(lambda: not stats.loading, timeout=15000)
    assert stats.figures_model.rowCount() == 0
    assert stats.summary_label.text()  # says there is no school's data yet


# Setting up a township from the first run: the wizard's tests (test_setup_wizard.py).
