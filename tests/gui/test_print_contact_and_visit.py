"""The children page's print dialog prints contact cards and blank home-visit forms; the
records page prints the form of a selected 家访 record."""

from __future__ import annotations

from pathlib import Path

from liushou_desktop.gui.views.record_page import RecordsPage
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.care import CareService, RecordDraft
from tests.conftest import TODAY, make_archive
from tests.gui.test_print_archive_cards import page_with


def test_the_print_dialog_offers_contact_cards_and_visit_forms(
    qtbot, runner, ctx, school_id, tmp_path: Path, monkeypatch
):
    archive = ArchiveService(ctx)
    for i in range(9):
        archive.create(make_archive(school_id, f"学生{i}", serial=i))
    page = page_with(qtbot, runner, ctx, school_id)
    asked: list[str] = []

    def save_file(parent, caption, directory="", filter=""):
        asked.append(directory)
        return str(tmp_path / Path(directory).name)

    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_file", save_file)
    dialog = page.open_print_dialog("shown")
    assert dialog is not None and list(dialog.kind_buttons) == ["cards", "contact", "visit"]
    dialog.kind_buttons["contact"].setChecked(True)
    assert dialog.pages() == 2
    with qtbot.waitSignal(page.cards_printed, timeout=30000) as signal:
        dialog.ok_button.click()
    path, warnings = signal.args
    assert Path(asked[-1]).name == "联系卡_9人_2026-11-22.pdf" and warnings == []
    assert b"/Count 2" in path.read_bytes()
    dialog = page.open_print_dialog("shown")
    assert dialog is not None and dialog.kind().key == "contact"  # the last choice
    dialog.kind_buttons["visit"].setChecked(True)
    with qtbot.waitSignal(page.cards_printed, timeout=30000) as signal:
        dialog.ok_button.click()
    path, _warnings = signal.args
    assert Path(asked[-1]).name == "家访登记表_9人_2026-11-22.pdf"
    assert b"/Count 9" in path.read_bytes()


def test_the_records_page_prints_a_visit_form(
    qtbot, runner, ctx, school_id, tmp_path: Path, monkeypatch
):
    archive = ArchiveService(ctx)
    child = archive.create(make_archive(school_id, "张三")).child_id
    care = CareService(ctx)
    care.add_record(
        school_id, RecordDraft(kind="谈心", occurred_on=TODAY, child_ids=[child], summary="谈话")
    )
    visit = care.add_record(
        school_id,
        RecordDraft(kind="家访", occurred_on=TODAY, child_ids=[child], summary="登门看望"),
    )
    page = RecordsPage(runner, care, archive, school_id)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() == 2, timeout=15000)
    monkeypatch.setattr(
        "liushou_desktop.gui.file_dialogs.save_file", lambda *a, **k: str(tmp_path / "form")
    )
    assert not page.print_form_button.isEnabled()
    page.select(visit)
    assert page.print_form_button.isEnabled()
    with qtbot.waitSignal(page.form_printed, timeout=30000) as signal:
        page.print_form_button.click()
    path, _warnings = signal.args
    assert path == tmp_path / "form.pdf"
    assert b"/Count 1" in path.read_bytes()
    others = [r for r in range(page.model.rowCount()) if page.model.record(r).id != visit]
    page.select(page.model.record(others[0]).id)
    assert not page.print_form_button.isEnabled()
