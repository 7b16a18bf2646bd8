"""文件 → 备份, driven as a user would: the automatic backup when the archive opens, 立即备份,
备份到U盘（加密） with a passphrase typed twice, and 从备份恢复 (the list, a file chosen by
hand, the passphrase of an encrypted backup, the preview) — after which the window shows the
archive as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from liushou_desktop.app import build_app
from liushou_desktop.domain.enums import Sex
from liushou_desktop.gui import i18n
from liushou_desktop.gui.dialogs.backup_passphrase_dialog import (
    FAIR,
    STRONG,
    TOO_SHORT,
    WEAK,
    BackupPassphraseDialog,
    strength,
)
from liushou_desktop.gui.dialogs.backup_restore_dialog import (
    BackupPreviewDialog,
    BackupRestoreDialog,
)
from liushou_desktop.gui.main_window import MainWindow
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.storage.db import Database
from tests.conftest import make_archive

PASSPHRASE = "我家门前有两棵枣树2026"


@pytest.fixture
def app_state(qapp: QApplication) -> Iterator[None]:
    """build_app installs translators and a theme on the shared QApplication: undo them."""
    style, sheet, palette, font = (
        qapp.style().name(),
        qapp.styleSheet(),
        qapp.palette(),
        qapp.font(),
    )
    locale = QLocale()
    yield
    i18n.remove_translators()
    QLocale.setDefault(locale)
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    seen = SimpleNamespace(info=[], warnings=[])
    monkeypatch.setattr(
        "liushou_desktop.gui.backup_actions.QMessageBox.information",
        lambda parent, title, text, *a: seen.info.append(text),
    )
    monkeypatch.setattr(
        "liushou_desktop.gui.messages.QMessageBox.warning",
        lambda parent, title, text, *a: seen.warnings.append(text),
    )
    return seen


@pytest.fixture
def school_db(ctx: ServiceContext, service: ArchiveService, school_id: str) -> Path:
    """大山小学 with two children (closed, for the window to open)."""
    for n, name in enumerate(["张三", "李四"], start=1):
        sex = Sex.MALE if n == 1 else Sex.FEMALE
        service.create(make_archive(school_id, name, sex=sex, serial=n))
    ctx.db.close()
    return ctx.db.path


@pytest.fixture
def start_window(
    qtbot, tmp_path: Path, app_state: None, boxes: SimpleNamespace
) -> Iterator[Callable[[Path], MainWindow]]:
    windows: list[MainWindow] = []

    def start(db_path: Path) -> MainWindow:
        _app, window = build_app(["--db", str(db_path)], data_dir=tmp_path / "data")
        qtbot.addWidget(window)
        windows.append(window)
        with qtbot.waitSignal(window.backup_actions.auto_done, timeout=15000):
            qtbot.waitUntil(lambda: window.children_page.model.total_count() > 0, timeout=15000)
        return window

    yield start
    for window in windows:
        window.close()


def names(window: MainWindow) -> list[str]:
    assert window.archive is not None
    return sorted(r.name for r in window.archive.service.list_children())


def add_child_elsewhere(db_path: Path, name: str, serial: int) -> None:
    """Another program (the CLI) adds a child while the window has the archive open."""
    ctx = ServiceContext(db=Database.open(db_path))
    try:
        service = ArchiveService(ctx)
        service.create(make_archive(service.schools()[0].id, name, serial=serial))
    finally:
        ctx.db.close()


def wait_for(qtbot, get: Callable[[], object], kind: type) -> object:
    qtbot.waitUntil(lambda: isinstance(get(), kind) and get().isVisible(), timeout=15000)
    return get()


def test_the_backup_submenu_and_the_automatic_backup(qtbot, start_window, school_db):
    window = start_window(school_db)
    actions = window.backup_actions
    file_menu = window.menuBar().actions()[0].menu()
    assert actions.menu.menuAction() in file_menu.actions()
    assert actions.menu.title() == "备份(&B)"
    entries = [a.text() for a in actions.menu.actions() if not a.isSeparator()]
    assert entries == [
        "立即备份(&B)",
        "备份到U盘（加密）(&U)…",
        "从备份恢复(&R)…",
        "打开备份文件夹(&F)",
    ]
    assert all(a.isEnabled() for a in actions.menu.actions())
    (auto,) = (school_db.parent / "backups").glob("school-*-auto.sqlite")  # made on opening
    assert auto.stat().st_size > 0


def test_back_up_now_then_restore_from_the_list(qtbot, start_window, school_db, boxes):
    window = start_window(school_db)
    actions = window.backup_actions
    with qtbot.waitSignal(actions.backed_up, timeout=15000) as made:
        actions.backup_now_action.trigger()
    path = made.args[0].path
    assert path.exists() and path.name.endswith("-manual.sqlite")
    assert any("已备份" in text and "2 名儿童" in text for text in boxes.info)

    add_child_elsewhere(school_db, "王五", 7)  # after the backup: undone by the restore
    actions.restore_action.trigger()
    dialog = wait_for(qtbot, lambda: actions.list_dialog, BackupRestoreDialog)
    assert isinstance(dialog, BackupRestoreDialog)
    kinds = [dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())]
    assert kinds == ["手动备份", "每日自动备份"]  # newest first
    assert dialog.table.item(0, 2).text() == "2"
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    preview = wait_for(qtbot, lambda: actions.preview_dialog, BackupPreviewDialog)
    assert isinstance(preview, BackupPreviewDialog)
    text = preview.figures_label.text()
    assert "大山小学" in text and ">2<" in text and ">3<" in text  # backup 2, now 3
    assert not preview.warning_label.isVisible()
    with (
        qtbot.waitSignal(window.archive_opened, timeout=20000),
        qtbot.waitSignal(actions.restored, timeout=20000),
    ):
        qtbot.mouseClick(preview.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.children_page.model.total_count() == 2, timeout=15000)
    assert names(window) == ["张三", "李四"]
    assert any("档案已恢复" in text and "恢复前的数据库已另存为" in text for text in boxes.info)
    assert list((school_db.parent / "backups").glob("*-before-restore.sqlite"))


def test_usb_backup_with_a_passphrase_and_restoring_it(
    qtbot, start_window, school_db, boxes, tmp_path, monkeypatch
):
    stick = tmp_path / "stick"
    stick.mkdir()
    window = start_window(school_db)
    actions = window.backup_actions
    monkeypatch.setattr(
        "liushou_desktop.gui.file_dialogs.existing_directory", lambda *a, **k: str(stick)
    )
    actions.usb_action.trigger()
    dialog = wait_for(qtbot, lambda: actions.passphrase_dialog, BackupPassphraseDialog)
    assert isinstance(dialog, BackupPassphraseDialog)
    qtbot.keyClicks(dialog.passphrase_edit, "1234")
    assert not dialog.ok_button.isEnabled() and "太短" in dialog.strength_label.text()
    dialog.passphrase_edit.setText(PASSPHRASE)
    dialog.repeat_edit.setText(PASSPHRASE + "x")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "不一样" in dialog.problem_label.text()
    dialog.repeat_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(actions.backed_up, timeout=30000) as made:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    lsbak = made.args[0].path
    assert lsbak.parent == stick and lsbak.suffix == ".lsbak"
    assert any("可以安全拔出U盘" in text for text in boxes.info)

    add_child_elsewhere(school_db, "王五", 7)
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.open_file", lambda *a, **k: str(lsbak))
    actions.restore_action.trigger()
    listing = wait_for(qtbot, lambda: actions.list_dialog, BackupRestoreDialog)
    assert isinstance(listing, BackupRestoreDialog)
    qtbot.mouseClick(listing.other_button, Qt.MouseButton.LeftButton)  # 选择其他文件…
    asking = wait_for(qtbot, lambda: actions.passphrase_dialog, BackupPassphraseDialog)
    assert isinstance(asking, BackupPassphraseDialog) and asking is not dialog
    asking.passphrase_edit.setText("不是这个口令哦哦哦")
    qtbot.mouseClick(asking.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("口令不对" in w for w in boxes.warnings), timeout=20000)
    assert actions.preview_dialog is None

    actions.restore_action.trigger()
    qtbot.waitUntil(lambda: actions.list_dialog is not listing, timeout=15000)
    listing = wait_for(qtbot, lambda: actions.list_dialog, BackupRestoreDialog)
    qtbot.mouseClick(listing.other_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: actions.passphrase_dialog is not asking, timeout=15000)
    asking = wait_for(qtbot, lambda: actions.passphrase_dialog, BackupPassphraseDialog)
    asking.passphrase_edit.setText(PASSPHRASE)
    qtbot.mouseClick(asking.ok_button, Qt.MouseButton.LeftButton)
    preview = wait_for(qtbot, lambda: actions.preview_dialog, BackupPreviewDialog)
    assert isinstance(preview, BackupPreviewDialog)
    assert "加密备份" in preview.figures_label.text()
    with qtbot.waitSignal(window.archive_opened, timeout=30000):
        qtbot.mouseClick(preview.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.children_page.model.total_count() == 2, timeout=15000)
    assert names(window) == ["张三", "李四"]


def test_passphrase_strength_and_the_entry_dialog(qtbot, app_state):
    i18n.install_translators(QApplication.instance())
    assert strength("1234567") == TOO_SHORT
    assert strength("aaaaaaaaaaaa") == WEAK
    assert strength("12345678") == WEAK
    assert strength("xiaoming2026") == FAIR
    assert strength("我家门前有两棵枣树") == STRONG
    assert strength("Correct-Horse-Battery-9") == STRONG
    dialog = BackupPassphraseDialog(new=False, file_name="x.lsbak")
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled() and not dialog.repeat_edit.isVisibleTo(dialog)
    dialog.passphrase_edit.setText("whatever it was")
    assert dialog.ok_button.isEnabled()
    dialog.show_box.setChecked(True)
    assert dialog.passphrase_edit.echoMode() == dialog.passphrase_edit.EchoMode.Normal
