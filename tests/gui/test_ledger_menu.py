"""文件 → 导出台账（Excel）…: asks what to export (the full ledger by default; the choices are
tested in test_ledger_export_dialog.py), then for a file name (through gui.file_dialogs), writes
the ledger on the worker thread and says so; enabled only with an archive open."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from liushou_desktop.app import build_app
from liushou_desktop.gui import i18n
from liushou_desktop.gui.main_window import MainWindow
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
    seen = SimpleNamespace(warnings=[], asked=[])
    monkeypatch.setattr(
        "liushou_desktop.gui.messages.QMessageBox.warning",
        lambda parent, title, text, *a: seen.warnings.append(text),
    )
    return seen


@pytest.fixture
def start_window(
    qtbot, tmp_path: Path, app_state: None, prompts: SimpleNamespace
) -> Iterator[Callable[[Path], MainWindow]]:
    windows: list[MainWindow] = []

    def start(db_path: Path) -> MainWindow:
        _app, window = build_app(["--db", str(db_path)], data_dir=tmp_path / "data")
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield start
    for window in windows:
        window.close()


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    create_demo_database(path, n=60).db.close()
    return path


def choose_save(monkeypatch: pytest.MonkeyPatch, path: Path, asked: list[tuple]) -> None:
    def save_file(*args: object, **kwargs: object) -> str:
        asked.append(args)
        return str(path)

    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_file", save_file)


def choose_export(qtbot, window: MainWindow) -> None:
    """The 导出台账 dialog opens; 导出… with its default (the full ledger)."""
    window.export_ledger_action.trigger()
    qtbot.waitUntil(lambda: window.ledger_export_dialog.isVisible(), timeout=5000)
    window.ledger_export_dialog.export_button.click()


def file_menu_texts(window: MainWindow) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [a.text() for a in menu.actions()]


def test_the_ledger_is_exported_from_the_file_menu(
    qtbot, start_window, demo_db, tmp_path, monkeypatch, prompts
):
    window = start_window(demo_db)
    qtbot.waitUntil(lambda: window.children_page.model.total_count() > 0, timeout=15000)
    assert window.export_ledger_action.isEnabled()
    assert "导出台账（Excel）(&L)…" in file_menu_texts(window)
    target = tmp_path / "out" / "我的台账"  # no suffix: .xlsx is added
    target.parent.mkdir()
    choose_save(monkeypatch, target, prompts.asked)
    choose_export(qtbot, window)
    written = target.with_name("我的台账.xlsx")
    qtbot.waitUntil(lambda: "已导出" in window.statusBar().currentMessage(), timeout=15000)
    assert written.exists() and not target.exists()
    assert prompts.asked and "xlsx" in str(prompts.asked[0][3])
    wb = load_workbook(written)
    assert wb.sheetnames == ["台账", "汇总", "统计", "记录"]
    children = sum(1 for line in wb["台账"].iter_rows(min_row=4, values_only=True) if line[2])
    assert str(children) in window.statusBar().currentMessage()
    assert prompts.warnings == []


def test_a_write_error_is_shown_in_chinese(
    qtbot, start_window, demo_db, tmp_path, monkeypatch, prompts
):
    window = start_window(demo_db)
    qtbot.waitUntil(lambda: window.children_page.model.total_count() > 0, timeout=15000)
    choose_save(monkeypatch, tmp_path / "missing" / "台账.xlsx", prompts.asked)
    choose_export(qtbot, window)
    qtbot.waitUntil(lambda: bool(prompts.warnings), timeout=15000)
    assert "不存在" in prompts.warnings[0]


def test_cancelling_the_file_dialog_writes_nothing(
    qtbot, start_window, demo_db, tmp_path, monkeypatch, prompts
):
    window = start_window(demo_db)
    qtbot.waitUntil(lambda: window.children_page.model.total_count() > 0, timeout=15000)
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_file", lambda *a, **k: "")
    choose_export(qtbot, window)
    assert window.ledger_export_dialog.isVisible()  # back to the choice
    window.ledger_export_dialog.reject()
    qtbot.wait(200)
    assert not list(tmp_path.glob("*.xlsx")) and prompts.warnings == []


def test_disabled_without_an_archive(qtbot, start_window, tmp_path):
    window = start_window(tmp_path / "none.sqlite")
    qtbot.waitUntil(lambda: window.current_page() is window.first_run_page, timeout=15000)
    assert not window.export_ledger_action.isEnabled()
