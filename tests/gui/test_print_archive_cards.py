"""The children page prints the archive cards of the children shown (打印… → the print
dialog, tests/gui/test_print_dialog.py) and of one child (the row's context menu)."""

from __future__ import annotations

from pathlib import Path

from liushou_desktop.gui.tasks import TaskRunner
from liushou_desktop.gui.views.children_page import ChildrenPage
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.context import ServiceContext
from tests.conftest import make_archive


def page_with(qtbot, runner: TaskRunner, ctx: ServiceContext, school_id: str) -> ChildrenPage:
    page = ChildrenPage(runner)
    qtbot.addWidget(page)
    page.set_archive(ArchiveService(ctx), school_id)
    qtbot.waitUntil(lambda: not page.loading and page.model.total_count() > 0, timeout=15000)
    return page


def test_the_cards_of_the_children_shown_are_printed(
    qtbot, runner, ctx, school_id, tmp_path: Path, monkeypatch
):
    archive = ArchiveService(ctx)
    archive.create(make_archive(school_id, "张三", serial=1))
    archive.create(make_archive(school_id, "王𠮷", serial=2))
    page = page_with(qtbot, runner, ctx, school_id)
    out = tmp_path / "cards"  # the suffix is added
    asked: list[str] = []

    def save_file(parent, caption, directory="", filter=""):
        asked.append(directory)
        return str(out)

    warned: list[str] = []
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_file", save_file)
    monkeypatch.setattr(
        "liushou_desktop.gui.views.children_page.QMessageBox.warning",
        lambda parent, title, text: warned.append(text),
    )
    assert not page.print_button.isHidden()
    page.print_button.click()
    dialog = page.print_dialog
    assert dialog is not None
    dialog.shown_button.setChecked(True)
    assert dialog.child_ids() == page.shown_child_ids()
    with qtbot.waitSignal(page.cards_printed, timeout=30000) as signal:
        dialog.ok_button.click()
    path, warnings = signal.args
    assert path == tmp_path / "cards.pdf"
    assert b"/Count 2" in path.read_bytes()
    assert [Path(a).name for a in asked] == ["档案卡_2人_2026-11-22.pdf"]
    assert len(warnings) == 1 and "王𠮷" in warnings[0]
    assert warned and "王𠮷" in warned[0]


def test_cancelling_the_file_dialog_prints_nothing(
    qtbot, runner, ctx, school_id, tmp_path: Path, monkeypatch
):
    ArchiveService(ctx).create(make_archive(school_id, "张三"))
    page = page_with(qtbot, runner, ctx, school_id)
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_file", lambda *a, **k: "")
    page.print_children("cards", [page.model.child_id(0)])
    qtbot.wait(100)
    assert list(tmp_path.glob("*.pdf")) == []
    assert not runner.busy
