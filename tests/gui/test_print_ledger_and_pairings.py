"""文件 → 打印台账（PDF）… and the pairing page's 打印结对名单…: a file name through
gui.file_dialogs, the PDF built on the worker with progress and Cancel, then shown."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from liushou_desktop.gui.dialogs.sync_progress_dialog import SyncProgressDialog
from liushou_desktop.gui.views.pairing_page import PairingPage
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.care import CareService, HelperDraft
from tests.conftest import TODAY, make_archive
from tests.gui import test_ledger_menu as ledger_menu
from tests.unit.reports.test_table_pdf import needs_pdftotext, page_count, pages_text

# the fixtures of the Excel ledger's menu test: a window over a demo database, prompts recorded
app_state = ledger_menu.app_state
prompts = ledger_menu.prompts
start_window = ledger_menu.start_window
demo_db = ledger_menu.demo_db
choose_save = ledger_menu.choose_save
file_menu_texts = ledger_menu.file_menu_texts

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@needs_pdftotext
def test_the_file_menu_prints_the_ledger(
    qtbot, start_window, demo_db, tmp_path, monkeypatch, prompts
):
    window = start_window(demo_db)
    qtbot.waitUntil(lambda: window.children_page.model.total_count() > 0, timeout=15000)
    texts = file_menu_texts(window)
    assert texts.index("打印台账（PDF）(&P)…") == texts.index("导出台账（Excel）(&L)…") + 1
    assert window.print_ledger_action.isEnabled()
    target = tmp_path / "out" / "台账"  # the suffix is added
    target.parent.mkdir()
    choose_save(monkeypatch, target, prompts.asked)
    window.print_ledger_action.trigger()
    written = target.with_name("台账.pdf")
    qtbot.waitUntil(written.exists, timeout=30000)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15000)
    assert prompts.asked[0][2].endswith("-台账.pdf") and "pdf" in str(prompts.asked[0][3])
    pages = pages_text(written)
    assert len(pages) == page_count(written.read_bytes()) > 1
    assert all("农村留守儿童基本情况台账" in p and "监护类型" in p for p in pages)
    model = window.children_page.model
    row = model.get(model.child_id(0))
    assert row is not None and row.name in "".join(pages)
    assert prompts.warnings == []


def test_cancel_while_the_ledger_is_built_writes_nothing(
    qtbot, start_window, demo_db, tmp_path, monkeypatch, prompts
):
    window = start_window(demo_db)
    qtbot.waitUntil(lambda: window.children_page.model.total_count() > 0, timeout=15000)
    target = tmp_path / "台账.pdf"
    choose_save(monkeypatch, target, prompts.asked)
    gate = threading.Event()
    window.runner.run(lambda _state: gate.wait(10))  # the worker is busy: the print waits
    window.print_ledger_action.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, SyncProgressDialog)]
    dialog = next(d for d in dialogs if d.isVisible())
    with qtbot.waitSignal(dialog.cancelled, timeout=15000):
        dialog.cancel_button.click()
        gate.set()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15000)
    assert not target.exists() and not list(tmp_path.glob("*.pdf"))
    assert prompts.warnings == []


@needs_pdftotext
def test_the_pairing_page_prints_the_pairing_list(
    qtbot, runner, ctx, school_id, tmp_path: Path, monkeypatch
):
    archive = ArchiveService(ctx)
    care = CareService(ctx)
    kids = [
        archive.create(make_archive(school_id, f"学生{i}", serial=i)).child_id for i in range(3)
    ]
    helper = care.add_helper(school_id, HelperDraft("教师", "李老师", "13900001111"))
    for kid in kids[:2]:
        care.pair(helper, kid, "代理家长", TODAY)
    page = PairingPage(runner, care, archive, school_id)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.reload()
    asked: list[str] = []

    def save_file(parent, caption, directory="", filter=""):
        asked.append(directory)
        return str(tmp_path / "名单")

    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_file", save_file)
    assert page.print_button.isEnabled()
    page.print_button.click()
    written = tmp_path / "名单.pdf"
    qtbot.waitUntil(written.exists, timeout=30000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=15000)
    assert [Path(a).name for a in asked] == ["结对帮扶名单.pdf"]
    text = "".join(pages_text(written))
    assert "学生0" in text and "学生1" in text and "学生2" not in text
    assert "李老师" in text and "13900001111" in text and "第1页/共1页" in text
