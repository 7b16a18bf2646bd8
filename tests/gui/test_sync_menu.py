"""The 同步 menu, driven as a user would: a school joins its township (after comparing the
fingerprint), exports a bundle to a "USB stick", the township imports it and writes bundles
for every school, the school imports its bundle and its list shows the township's change."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from liushou_desktop.app import build_app
from liushou_desktop.domain.enums import Sex
from liushou_desktop.gui import i18n
from liushou_desktop.gui.dialogs.sync_export_dialog import SyncExportDialog
from liushou_desktop.gui.dialogs.sync_join_dialog import SyncJoinDialog
from liushou_desktop.gui.dialogs.sync_results_dialog import (
    SyncExportAllResultsDialog,
    SyncImportResultsDialog,
)
from liushou_desktop.gui.main_window import MainWindow
from liushou_desktop.gui.sync_actions import SyncActions
from liushou_desktop.gui.tasks import TaskRunner
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.sync import SyncService, init_township
from tests.conftest import TODAY, make_archive


# -- fixtures ---------------------------------------------------------------------------------
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
    """Message boxes are recorded instead of shown."""
    seen = SimpleNamespace(info=[], warnings=[])
    monkeypatch.setattr(
        "liushou_desktop.gui.sync_actions.QMessageBox.information",
        lambda parent, title, text, *a: seen.info.append(text),
    )
    monkeypatch.setattr(
        "liushou_desktop.gui.sync_actions.QMessageBox.warning",
        lambda parent, title, text, *a: seen.warnings.append(text),
    )
    monkeypatch.setattr(
        "liushou_desktop.gui.messages.QMessageBox.warning",
        lambda parent, title, text, *a: seen.warnings.append(text),
    )
    return seen


@pytest.fixture
def township(tmp_path: Path) -> Iterator[ServiceContext]:
    """城关镇 (T01) with its enrollment file at tmp_path/town/township.json."""
    folder = tmp_path / "town"
    ctx = init_township(folder / "township.sqlite", "城关镇", "T01", author="乡镇专干")
    ctx.today = lambda: TODAY
    SyncService(ctx).write_enrollment(folder / "township.json")
    yield ctx
    ctx.db.close()


@pytest.fixture
def school_db(ctx: ServiceContext, service: ArchiveService, school_id: str) -> Path:
    """大山小学 with two children."""
    for n, name in enumerate(["张三", "李四"], start=1):
        sex = Sex.MALE if n == 1 else Sex.FEMALE
        service.create(make_archive(school_id, name, sex=sex, serial=n))
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
        qtbot.waitUntil(
            lambda: (
                window.children_page.model.total_count() > 0
                and window.sync_actions.status is not None
            ),
            timeout=15000,
        )
        return window

    yield start
    for window in windows:
        window.close()


@pytest.fixture
def chinese(qapp: QApplication, app_state: None) -> None:
    i18n.install_translators(qapp)


@pytest.fixture
def township_actions(
    qtbot, runner: TaskRunner, township: ServiceContext, boxes: SimpleNamespace, chinese: None
) -> SyncActions:
    """The township's sync menu on a bare window (the township's pages are not needed)."""
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = SyncActions(window, runner)
    window.menuBar().addMenu(actions.menu)
    actions.set_archive(township, "township")
    actions.set_enabled(True)
    qtbot.waitUntil(lambda: actions.status is not None)
    return actions


# -- helpers ----------------------------------------------------------------------------------
def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.open_file", lambda *a, **k: str(path))


def choose_files(monkeypatch: pytest.MonkeyPatch, paths: list[Path]) -> None:
    monkeypatch.setattr(
        "liushou_desktop.gui.file_dialogs.open_files", lambda *a, **k: [str(p) for p in paths]
    )


def choose_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(
        "liushou_desktop.gui.file_dialogs.existing_directory", lambda *a, **k: str(folder)
    )


def choose_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_file", lambda *a, **k: str(path))


def join_through_the_dialog(qtbot, window: MainWindow, monkeypatch, enrollment: Path) -> None:
    actions = window.sync_actions
    choose_file(monkeypatch, enrollment)
    actions.join_action.trigger()
    qtbot.waitUntil(lambda: isinstance(actions.join_dialog, SyncJoinDialog))
    dialog = actions.join_dialog
    assert isinstance(dialog, SyncJoinDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert not dialog.join_button.isEnabled()  # not before the user says they compared
    dialog.same_box.setChecked(True)
    with qtbot.waitSignal(actions.joined, timeout=10000):
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)


def export_through_the_dialog(qtbot, actions: SyncActions, stick: Path, *, full: bool = False):
    actions.export_action.trigger()
    dialog = actions.export_dialog
    assert isinstance(dialog, SyncExportDialog)
    dialog.folder_edit.setText(str(stick))
    dialog.full_box.setChecked(full)
    with qtbot.waitSignal(actions.exported, timeout=15000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


# -- tests ------------------------------------------------------------------------------------
def test_the_sync_menu_sits_between_work_and_help(qtbot, start_window, school_db):
    window = start_window(school_db)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("同步(&S)") == titles.index("工作(&W)") + 1
    assert titles.index("帮助(&H)") == titles.index("同步(&S)") + 2  # 账号 between them
    entries = [a.text() for a in window.sync_actions.menu.actions() if not a.isSeparator()]
    assert entries == [
        "加入乡镇(&J)…",
        "导出同步包(&E)…",
        "导入同步包(&I)…",
        "导入文件夹里的全部同步包(&F)…",
    ]
    assert window.sync_actions.menu.menuAction().isEnabled()
    assert window.sync_actions.join_action.isEnabled()


def test_a_school_joins_after_checking_the_fingerprint(
    qtbot, start_window, school_db, township, boxes, monkeypatch, tmp_path
):
    window = start_window(school_db)
    enrollment = tmp_path / "town" / "township.json"
    actions = window.sync_actions
    choose_file(monkeypatch, enrollment)
    actions.join_action.trigger()
    qtbot.waitUntil(lambda: isinstance(actions.join_dialog, SyncJoinDialog))
    dialog = actions.join_dialog
    assert isinstance(dialog, SyncJoinDialog)
    assert dialog.fingerprint_label.text() == SyncService(township).fingerprint()
    assert dialog.name_label.text() == "城关镇"
    assert dialog.code_label.text() == "T01"
    dialog.same_box.setChecked(True)
    with qtbot.waitSignal(actions.joined, timeout=10000) as blocker:
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].name == "城关镇"
    assert any("已加入城关镇" in text for text in boxes.info)

    qtbot.waitUntil(lambda: not actions.join_action.isEnabled())
    assert actions.join_action.text() == "已加入乡镇：城关镇（T01）"
    assert SyncService(ServiceContext(db=window.archive.context.db)).township().code == "T01"


def test_cancelling_the_fingerprint_check_does_not_join(
    qtbot, start_window, school_db, township, monkeypatch, tmp_path
):
    window = start_window(school_db)
    actions = window.sync_actions
    choose_file(monkeypatch, tmp_path / "town" / "township.json")
    actions.join_action.trigger()
    qtbot.waitUntil(lambda: isinstance(actions.join_dialog, SyncJoinDialog))
    actions.join_dialog.reject()
    done = threading.Event()
    window.runner.run(lambda state: done.set())  # every job queued before it has run
    qtbot.waitUntil(done.is_set)
    assert SyncService(window.archive.context).township() is None
    assert actions.join_action.isEnabled()


def test_a_bad_enrollment_file_is_refused_with_a_chinese_message(
    qtbot, start_window, school_db, boxes, monkeypatch, tmp_path
):
    window = start_window(school_db)
    bad = tmp_path / "not-enrollment.json"
    bad.write_text("this is not json", encoding="utf-8")
    choose_file(monkeypatch, bad)
    window.sync_actions.join_action.trigger()
    qtbot.waitUntil(lambda: bool(boxes.warnings))
    assert "不是有效的登记文件" in boxes.warnings[0]
    assert window.sync_actions.join_dialog is None


def test_exporting_before_joining_is_not_offered(qtbot, start_window, school_db, tmp_path):
    window = start_window(school_db)
    actions = window.sync_actions
    qtbot.waitUntil(lambda: actions.status is not None, timeout=15000)
    assert actions.status is not None and actions.status.township is None
    assert not actions.export_action.isEnabled()
    assert "加入乡镇" in actions.export_action.toolTip()  # says what to do first
    assert actions.menu.toolTipsVisible()
    actions.export_action.trigger()  # e.g. a shortcut: nothing happens
    assert actions.export_dialog is None


def test_the_export_dialog_wants_an_existing_folder(qtbot, tmp_path):
    dialog = SyncExportDialog(tmp_path / "no-such-stick", "城关镇")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.problem_label.isVisible()
    dialog.folder_edit.setText(str(tmp_path))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == SyncExportDialog.DialogCode.Accepted
    assert dialog.folder() == tmp_path


def test_a_full_round_trip_through_the_menus(
    qtbot, start_window, school_db, township, township_actions, boxes, monkeypatch, tmp_path
):
    window = start_window(school_db)
    join_through_the_dialog(qtbot, window, monkeypatch, tmp_path / "town" / "township.json")
    qtbot.waitUntil(lambda: not window.sync_actions.join_action.isEnabled())

    # the school exports to the stick
    stick = tmp_path / "stick"
    stick.mkdir()
    result = export_through_the_dialog(qtbot, window.sync_actions, stick)
    assert result.path.parent == stick and result.path.exists()
    assert result.ops > 0
    text = boxes.info[-1]
    assert text.startswith(f"已写入 {result.path}（{result.ops} 项修改）")
    assert text.endswith("可以安全拔出U盘。")
    assert window.sync_actions.last_folder() == str(stick)

    # the township imports it: the result dialog says merged
    choose_files(monkeypatch, [result.path])
    with qtbot.waitSignal(township_actions.imported, timeout=15000) as blocker:
        township_actions.import_action.trigger()
    (imported,) = blocker.args[0]
    assert imported.status == "merged"
    dialog = township_actions.results_dialog
    assert isinstance(dialog, SyncImportResultsDialog)
    assert dialog.headline_label.text().startswith("导入 1 个同步包：1 个已合并")
    assert dialog.cell(0, 0) == result.path.name
    assert dialog.cell(0, 1) == "已合并"
    assert dialog.cell(0, 2) == "大山小学"
    assert dialog.cell(0, 3).startswith("已合并")

    # the same file again: a duplicate
    with qtbot.waitSignal(township_actions.imported, timeout=15000):
        township_actions.import_action.trigger()
    assert township_actions.results_dialog.cell(0, 1) == "重复"

    # the township corrects a guardian's phone and writes bundles for every school
    town_archive = ArchiveService(township)
    child = next(r for r in town_archive.list_children() if r.name == "张三")
    archive = town_archive.get(child.id)
    archive.guardian.phone = "13600009999"
    town_archive.save(archive)
    back = tmp_path / "back"
    back.mkdir()
    choose_folder(monkeypatch, back)
    with qtbot.waitSignal(township_actions.exported, timeout=15000) as blocker:
        township_actions.export_all_action.trigger()
    (for_school,) = blocker.args[0]
    assert for_school.path.exists() and for_school.recipient == "大山小学"
    dialog = township_actions.results_dialog
    assert isinstance(dialog, SyncExportAllResultsDialog)
    assert dialog.cell(0, 0) == "大山小学"
    assert "可以安全拔出U盘" in dialog.headline_label.text()

    # the school imports its bundle (the whole folder); the list refreshes the changed row
    page = window.children_page
    choose_folder(monkeypatch, back)
    with qtbot.waitSignal(page.rows_updated, timeout=15000) as updated:
        window.sync_actions.import_folder_action.trigger()
    assert updated.args[0] >= 1  # rows updated
    assert window.sync_actions.results_dialog.cell(0, 1) == "已合并"
    school_archive = ArchiveService(window.archive.context)
    assert school_archive.get(child.id).guardian.phone == "13600009999"

    # the township's bundle acknowledged what it holds: nothing new to send, unless the user
    # asks for everything
    again = export_through_the_dialog(qtbot, window.sync_actions, stick)
    assert again.ops == 0 and not again.full
    everything = export_through_the_dialog(qtbot, window.sync_actions, stick, full=True)
    assert everything.full and everything.ops > result.ops  # with the township's correction


def test_a_refused_bundle_gets_its_reason(qtbot, township_actions, boxes, monkeypatch, tmp_path):
    junk = tmp_path / "junk.lsync"
    junk.write_bytes(b"not a bundle at all")
    choose_files(monkeypatch, [junk])
    with qtbot.waitSignal(township_actions.imported, timeout=15000):
        township_actions.import_action.trigger()
    dialog = township_actions.results_dialog
    assert isinstance(dialog, SyncImportResultsDialog)
    assert dialog.cell(0, 1) == "被拒绝"
    assert dialog.cell(0, 3)  # the reason, in Chinese
    assert "1 个被拒绝" in dialog.headline_label.text()


def test_an_empty_folder_says_so(qtbot, township_actions, boxes, monkeypatch, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    choose_folder(monkeypatch, empty)
    with qtbot.waitSignal(township_actions.imported, timeout=15000, raising=False):
        township_actions.import_folder_action.trigger()
    qtbot.waitUntil(lambda: bool(boxes.info))
    assert "没有找到同步包" in boxes.info[-1]


def test_cancel_stops_the_import_before_it_writes(
    qtbot, runner, township_actions, boxes, monkeypatch, tmp_path
):
    bundle = tmp_path / "x.lsync"
    bundle.write_bytes(b"whatever")
    gate = threading.Event()
    runner.run(lambda state: gate.wait(10))  # the worker is busy: the import waits its turn
    choose_files(monkeypatch, [bundle])
    township_actions.import_action.trigger()
    progress = township_actions.progress_dialog
    assert progress is not None and progress.isVisible()
    qtbot.mouseClick(progress.cancel_button, Qt.MouseButton.LeftButton)
    assert not progress.cancel_button.isEnabled()
    with qtbot.waitSignal(township_actions.cancelled, timeout=10000) as blocker:
        gate.set()
    assert blocker.args[0] == boxes.info[-1] == "已取消，没有导入任何内容。"


def test_the_township_menu_writes_the_enrollment_file_and_the_card(
    qtbot, township_actions, township, boxes, monkeypatch, tmp_path
):
    entries = [a.text() for a in township_actions.menu.actions() if not a.isSeparator()]
    assert entries == [
        "导出登记文件(&E)…",
        "打印登记卡(&P)…",
        "导入同步包(&I)…",
        "导入文件夹里的全部同步包(&F)…",
        "为全部学校导出(&A)…",
    ]
    fingerprint = SyncService(township).fingerprint()
    assert township_actions.status.fingerprint == fingerprint

    (tmp_path / "stick").mkdir()  # a save dialog only returns an existing folder
    out = tmp_path / "stick" / "T01-登记文件"  # the .json is added
    choose_save(monkeypatch, out)
    with qtbot.waitSignal(township_actions.enrollment_written, timeout=10000) as blocker:
        township_actions.write_enrollment_action.trigger()
    written = blocker.args[0]
    assert written == out.with_name("T01-登记文件.json") and written.exists()
    assert fingerprint in boxes.info[-1]

    card = tmp_path / "card.pdf"
    choose_save(monkeypatch, card)
    with qtbot.waitSignal(township_actions.card_written, timeout=15000):
        township_actions.print_card_action.trigger()
    data = card.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"WenQuanYiMicroHei" in data
    assert not list(card.parent.glob(".*.partial"))


def test_export_for_all_schools_without_schools_says_so(
    qtbot, township_actions, boxes, monkeypatch, tmp_path
):
    choose_folder(monkeypatch, tmp_path)
    township_actions.export_all_action.trigger()
    qtbot.waitUntil(lambda: bool(boxes.warnings), timeout=10000)
    assert "还没有学校登记" in boxes.warnings[0]


def test_the_demo_school_cannot_join(qtbot, runner, ctx, boxes, monkeypatch, tmp_path):
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = SyncActions(window, runner)
    actions.set_archive(ctx, "school", demo=True)
    actions.set_enabled(True)
    qtbot.waitUntil(lambda: actions.status is not None)
    opened = []
    monkeypatch.setattr(
        "liushou_desktop.gui.file_dialogs.open_file",
        lambda *a, **k: opened.append(True) or "",
    )
    actions.join_action.trigger()
    assert boxes.info and not opened


def test_a_clock_behind_the_township_is_shown(qtbot, runner, ctx, monkeypatch):
    from liushou_desktop.services.changes import write_meta
    from liushou_desktop.services.sync import META_TOWNSHIP_TIME

    with ctx.db.session() as s:  # the township's time, a week ahead of this PC
        import time

        write_meta(s, META_TOWNSHIP_TIME, str(int(time.time() * 1000) + 7 * 86400 * 1000))
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = SyncActions(window, runner)
    actions.set_archive(ctx, "school")
    actions.set_enabled(True)
    qtbot.waitUntil(lambda: actions.status is not None)
    assert actions.clock_label.isVisibleTo(window)
    assert "日期" in actions.clock_label.toolTip()
