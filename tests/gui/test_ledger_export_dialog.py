"""文件 → 导出台账（Excel）…: the dialog offers 完整台账 (the default), 不含身份证号和电话（外发用）
and 只导出统计数字（不含儿童信息）; each asks for a file named after it and writes what it says."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from liushou_desktop.app import build_app
from liushou_desktop.gui import i18n
from liushou_desktop.gui.dialogs.ledger_export_dialog import (
    FULL,
    LEAN,
    STATISTICS,
    LedgerExportDialog,
)
from liushou_desktop.gui.main_window import MainWindow
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.demo import create_demo_database


@pytest.fixture
def app_state(qapp: QApplication) -> Iterator[None]:
    style, sheet, palette, font = (
        qapp.style().name(),
        qapp.styleSheet(),
        qapp.palette(),
        qapp.font(),
    )
    locale = QLocale()
    yield
    i18n.remove_translators()
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
    QLocale.setDefault(locale)


@pytest.fixture
def prompts(monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    seen = SimpleNamespace(warnings=[], asked=[], answer="")
    monkeypatch.setattr(
        "liushou_desktop.gui.messages.QMessageBox.warning",
        lambda parent, title, text, *a: seen.warnings.append(text),
    )

    def save_file(*args: object, **kwargs: object) -> str:
        seen.asked.append(args)
        return seen.answer

    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_file", save_file)
    return seen


@pytest.fixture
def window(
    qtbot, tmp_path: Path, app_state: None, prompts: SimpleNamespace
) -> Iterator[MainWindow]:
    path = tmp_path / "demo.sqlite"
    create_demo_database(path, n=60).db.close()
    _app, win = build_app(["--db", str(path)], data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.children_page.model.total_count() > 0, timeout=15000)
    yield win
    win.close()


def open_dialog(qtbot, window: MainWindow) -> LedgerExportDialog:
    window.export_ledger_action.trigger()
    qtbot.waitUntil(lambda: window.ledger_export_dialog.isVisible(), timeout=5000)
    return window.ledger_export_dialog


def export(qtbot, window: MainWindow, prompts, kind: str, target: Path) -> str:
    dialog = open_dialog(qtbot, window)
    dialog.set_kind(kind)
    assert dialog.kind() == kind
    prompts.answer = str(target)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: "已导出" in window.statusBar().currentMessage(), timeout=15000)
    return window.statusBar().currentMessage()


def test_the_choices_in_chinese_with_the_full_ledger_first(qtbot, window):
    dialog = open_dialog(qtbot, window)
    assert dialog.windowTitle() == "导出台账"
    assert dialog.full_button.text() == "完整台账（本校自用）"
    assert dialog.lean_button.text() == "不含身份证号和电话（外发用）"
    assert dialog.statistics_button.text() == "只导出统计数字（不含儿童信息）"
    assert dialog.full_button.isChecked() and dialog.kind() == FULL
    assert dialog.export_button.text() == "导出…"
    dialog.lean_button.click()
    assert dialog.kind() == LEAN
    dialog.statistics_button.click()
    assert dialog.kind() == STATISTICS and not dialog.lean_button.isChecked()
    dialog.reject()


def test_the_lean_ledger(qtbot, window, tmp_path, prompts):
    target = tmp_path / "外发" / "台账"  # no suffix: .xlsx is added
    target.parent.mkdir()
    message = export(qtbot, window, prompts, LEAN, target)
    written = target.with_name("台账.xlsx")
    assert written.exists()
    assert "不含身份证号和电话" in message and str(written) in message
    assert "台账（不含身份证号和电话）" in str(prompts.asked[0][2])  # the suggested name
    wb = load_workbook(written)
    ws = wb["台账"]
    assert "（不含身份证号和电话）" in ws["A1"].value
    headers = {c.value for c in ws[3]}
    assert "身份证号" not in headers and "联系电话" not in headers
    ctx = window.archive.context
    rows = ArchiveService(ctx).list_children()
    with zipfile.ZipFile(written) as z:
        text = "".join(z.read(n).decode() for n in z.namelist())
    numbers = {r.id_number for r in rows} | {r.guardian_phone for r in rows}
    numbers.discard("")
    assert numbers and not [n for n in numbers if n in text]
    assert prompts.warnings == []


def test_the_statistics_only(qtbot, window, tmp_path, prompts):
    target = tmp_path / "统计.xlsx"
    message = export(qtbot, window, prompts, STATISTICS, target)
    assert target.exists() and "统计数字" in message and "不含儿童信息" in message
    assert "留守儿童统计" in str(prompts.asked[0][2])
    assert "统计表" in str(prompts.asked[0][1])
    wb = load_workbook(target)
    assert wb.sheetnames == ["汇总", "统计"]
    names = {r.name for r in ArchiveService(window.archive.context).list_children()}
    with zipfile.ZipFile(target) as z:
        text = "".join(z.read(n).decode() for n in z.namelist())
    assert not [n for n in names if n in text]


def test_cancelling_the_file_dialog_goes_back_to_the_choice(qtbot, window, tmp_path, prompts):
    dialog = open_dialog(qtbot, window)
    dialog.lean_button.click()
    prompts.answer = ""  # the file dialog is cancelled
    dialog.export_button.click()
    assert dialog.isVisible() and dialog.kind() == LEAN and dialog.path() is None
    dialog.reject()
    qtbot.wait(200)
    assert not list(tmp_path.rglob("*.xlsx")) and prompts.warnings == []
