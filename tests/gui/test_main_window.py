"""The main window built by app.build_app against a real database file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from liushou_desktop import __version__
from liushou_desktop.app import build_app
from liushou_desktop.domain.archive import Assessment
from liushou_desktop.domain.enums import AT_SCHOOL_FILTER, Sex
from liushou_desktop.domain.idcard import make_id_number
from liushou_desktop.domain.listing import UNASSESSED
from liushou_desktop.gui import i18n
from liushou_desktop.gui.dialogs import StatusDialog
from liushou_desktop.gui.main_window import MainWindow
from liushou_desktop.gui.models.children_model import Column
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.changes import Changes
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.storage.db import Database
from tests.conftest import TODAY, make_archive


@pytest.fixture
def app_state(qapp: QApplication) -> Iterator[None]:
    """build_app installs translators, a theme and a locale on the one shared QApplication:
    put them back so later tests see the application as they expect."""
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
    """Message boxes are recorded instead of shown (they would block the test)."""
    seen = SimpleNamespace(warnings=[])
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
        window.close()  # stops the worker thread and closes the database


@pytest.fixture
def school_db(ctx: ServiceContext, service: ArchiveService, school_id: str) -> Path:
    """大山小学 with four children; 李四 is assessed 一级."""
    for n, (name, sex, grade, class_no) in enumerate(
        [
            ("张三", Sex.MALE, 4, 2),
            ("李四", Sex.FEMALE, 3, 1),
            ("王小明", Sex.MALE, 5, 1),
            ("赵丽", Sex.FEMALE, 4, 2),
        ],
        start=1,
    ):
        result = service.create(
            make_archive(school_id, name, sex=sex, grade=grade, class_no=class_no, serial=n)
        )
        if name == "李四":
            service.add_assessment(
                result.child_id,
                Assessment(
                    assessed_on=TODAY - dt.timedelta(days=3),
                    risk_type=1,
                    risk_level=1,
                    guardian_assessment="差",
                    assessor="测试员",
                ),
            )
    return ctx.db.path


def type_chinese(widget: QWidget, text: str) -> None:
    """Type as a Chinese input method does: it commits whole words (QTest keys are ASCII)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def wait_listed(qtbot, window: MainWindow, count: int) -> None:
    page = window.children_page
    qtbot.waitUntil(lambda: page.model.total_count() == count and not page.loading, timeout=15000)
    # the duties dashboard opens first; the list is one tab of the workspace
    assert window.stack.currentWidget() is window.workspace


def visible_names(window: MainWindow) -> list[str]:
    model = window.children_page.model
    return [model.child_row(r).name for r in range(model.rowCount())]


def test_opens_the_database_and_lists_the_children(qtbot, start_window, school_db):
    window = start_window(school_db)
    assert window.isVisible()
    wait_listed(qtbot, window, 4)
    assert "大山小学" in window.windowTitle()
    assert visible_names(window)[0] == "李四"  # 一级 first
    page = window.children_page
    assert "4" in page.count_label.text()
    assert window.add_child_action.isEnabled()


def test_typing_in_the_search_box_filters_as_you_type(qtbot, start_window, school_db):
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    page = window.children_page
    counts: list[tuple[int, int]] = []
    page.counts_changed.connect(lambda total, shown: counts.append((total, shown)))

    qtbot.keyClicks(page.search_box, "zs")
    qtbot.waitUntil(lambda: page.model.visible_count() == 1)
    assert visible_names(window) == ["张三"]
    assert counts[-1] == (4, 1)
    assert "1" in page.count_label.text()

    page.search_box.clear()
    type_chinese(page.search_box, "四年级")
    qtbot.waitUntil(lambda: page.model.visible_count() == 2)
    assert sorted(visible_names(window)) == ["张三", "赵丽"]


def test_filter_combos_and_clear(qtbot, start_window, school_db):
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    page = window.children_page
    page.grade_combo.set_value(4)
    assert sorted(visible_names(window)) == ["张三", "赵丽"]
    assert [page.class_combo.itemData(i) for i in range(page.class_combo.count())] == [None, 2]
    page.risk_level_combo.set_value(1)
    assert visible_names(window) == []
    page.clear_filters()
    assert page.model.visible_count() == 4
    assert page.status_combo.value() == AT_SCHOOL_FILTER


def test_sorting_by_clicking_a_header(qtbot, start_window, school_db):
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    header = window.children_page.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.NAME) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first = visible_names(window)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert visible_names(window) == list(reversed(first))
    assert set(first) == {"张三", "李四", "王小明", "赵丽"}


def test_refreshes_only_the_changed_row(qtbot, start_window, school_db):
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    page = window.children_page
    row = visible_names(window).index("王小明")
    child_id = page.model.child_id(row)
    reset = []
    page.model.modelReset.connect(lambda: reset.append(True))

    # Another window (here: another connection) changes the guardian's phone.
    other = ArchiveService(ServiceContext(db=Database.open(school_db)))
    archive = other.get(child_id)
    archive.guardian.phone = "13600001111"
    changes = other.save(archive).changes
    other.ctx.db.close()

    with qtbot.waitSignal(page.rows_updated, timeout=10000):
        page.apply_changes(changes)
    assert page.model.data(page.model.index(row, Column.GUARDIAN_PHONE)) == "13600001111"
    assert reset == []  # only that row changed, no reload
    assert page.selected_child_id() == child_id


def test_a_removed_child_disappears_on_refresh(qtbot, start_window, school_db):
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    page = window.children_page
    with qtbot.waitSignal(page.rows_updated, timeout=10000):
        page.apply_changes(Changes(children={"no-such-child"}))
    assert page.model.total_count() == 4


def test_first_run_page_when_there_is_no_database(qtbot, start_window, tmp_path):
    db_path = tmp_path / "new" / "school.sqlite"
    window = start_window(db_path)
    page = window.first_run_page
    qtbot.waitUntil(lambda: window.current_page() is page)
    assert not window.toolbar.isVisible()
    assert str(db_path) in page.target_label.text()


# Starting a school or a township, and the codes refused beside their fields: the first-run
# wizard's tests (test_setup_wizard.py).


def test_an_unreadable_file_is_refused_with_a_clear_message(qtbot, start_window, tmp_path, prompts):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("这不是数据库" * 50, encoding="utf-8")
    window = start_window(bad)
    qtbot.waitUntil(lambda: bool(prompts.warnings), timeout=15000)
    assert "不是留守儿童档案数据库" in prompts.warnings[0]
    qtbot.waitUntil(lambda: window.current_page() is window.first_run_page)


def test_opening_another_database_keeps_the_current_one_on_error(
    qtbot, start_window, school_db, tmp_path, prompts
):
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    window.open_database(tmp_path / "missing.sqlite")
    qtbot.waitUntil(lambda: bool(prompts.warnings), timeout=15000)
    assert "找不到数据库文件" in prompts.warnings[0]
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace)
    assert window.archive is not None and window.archive.path == school_db
    assert window.children_page.model.total_count() == 4


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_about_shows_the_version_and_the_database(qtbot, start_window, school_db):
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    window.about_action.trigger()  # more in tests/gui/test_help.py
    texts = [label.text() for label in window.about_dialog.findChildren(QLabel)]
    assert any(__version__ in t for t in texts)
    assert any(str(school_db) in t for t in texts)
    window.about_dialog.reject()


def test_the_ui_is_in_chinese(qtbot, start_window, school_db):
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "档案(&R)", "工作(&W)", "同步(&S)", "账号(&C)", "帮助(&H)"]
    model = window.children_page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers[:4] == ["姓名", "性别", "年龄", "班级"]


# The dialogs set size limits on their windows; the offscreen platform warns about that.
dialog_size_warning = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@dialog_size_warning
def test_double_click_opens_the_child_editor(qtbot, start_window, school_db):
    editor_module = pytest.importorskip("liushou_desktop.gui.dialogs.child_editor")
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    page = window.children_page
    row = visible_names(window).index("张三")
    rect = page.table.visualRect(page.model.index(row, Column.NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = page.findChild(editor_module.ChildEditor)
    assert editor is not None and editor.isVisible()
    assert editor.child_id == page.model.child_id(row)
    qtbot.waitUntil(lambda: editor.loaded, timeout=15000)
    editor.reject()


@dialog_size_warning
def test_enter_opens_the_selected_child_and_add_child_opens_an_empty_editor(
    qtbot, start_window, school_db
):
    editor_module = pytest.importorskip("liushou_desktop.gui.dialogs.child_editor")
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    page = window.children_page
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = page.findChild(editor_module.ChildEditor)
    assert editor is not None and editor.child_id == page.model.child_id(0)
    qtbot.waitUntil(lambda: editor.loaded, timeout=15000)
    editor.reject()
    qtbot.waitUntil(lambda: page.findChild(editor_module.ChildEditor) is None)

    window.add_child_action.trigger()
    new_editor = page.findChild(editor_module.ChildEditor)
    assert new_editor is not None and new_editor.child_id is None
    new_editor.reject()


@dialog_size_warning
def test_handover_opens_its_dialog(qtbot, start_window, school_db):
    dialog_module = pytest.importorskip("liushou_desktop.gui.dialogs.handover_dialog")
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    window.handover_action.trigger()
    dialog = window.findChild(dialog_module.HandoverDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15000)
    dialog.reject()


def test_not_assessed_is_a_choice_of_both_risk_filters(qtbot, start_window, school_db):
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    page = window.children_page
    for combo in (page.risk_level_combo, page.risk_type_combo):
        at = combo.findText("未评估")
        assert at > 0 and combo.itemData(at) == UNASSESSED
        combo.setCurrentIndex(at)  # as a click in the list does
        assert sorted(visible_names(window)) == ["张三", "王小明", "赵丽"]
        page.clear_filters()
        assert page.model.visible_count() == 4
    page.risk_level_combo.setCurrentIndex(page.risk_level_combo.findText("一级"))
    assert visible_names(window) == ["李四"]


def _open_editor(qtbot, window: MainWindow, name: str | None):
    from liushou_desktop.gui.dialogs.child_editor import ChildEditor

    page = window.children_page
    if name is None:
        window.add_child_action.trigger()
    else:
        page.table.setFocus()
        page.table.selectRow(visible_names(window).index(name))
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = page.findChild(ChildEditor)
    assert editor is not None
    qtbot.waitUntil(lambda: editor.loaded and not editor.busy, timeout=15000)
    return editor


@dialog_size_warning
def test_the_status_bar_says_added_for_a_new_child_and_updated_for_an_edit(
    qtbot, start_window, school_db
):
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    page = window.children_page
    editor = _open_editor(qtbot, window, None)
    type_chinese(editor.input_widget("name"), "王小雨")
    qtbot.keyClicks(
        editor.input_widget("id_number"),
        make_id_number("522401", dt.date(2015, 5, 20), 9, Sex.FEMALE),
    )
    type_chinese(editor.input_widget("guardian.name"), "王奶奶")
    with qtbot.waitSignal(page.rows_updated, timeout=15000) as added:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert added.args == [0, 1, 0]
    assert window.statusBar().currentMessage() == "已新增 1 名儿童的档案"
    assert page.selected_child_id() == editor.child_id  # the new child is selected

    editor.input_widget("student_no").setText("2021009")
    with qtbot.waitSignal(page.rows_updated, timeout=15000) as updated:
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert updated.args == [1, 0, 0]
    assert window.statusBar().currentMessage() == "已更新 1 名儿童的档案"
    editor.reject()


@dialog_size_warning
def test_a_child_who_leaves_the_filtered_list_is_not_replaced_by_another_in_the_selection(
    qtbot, start_window, school_db
):
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    page = window.children_page
    assert page.status_combo.value() == AT_SCHOOL_FILTER
    editor = _open_editor(qtbot, window, "王小明")
    child_id = editor.child_id
    assert page.selected_child_id() == child_id

    qtbot.mouseClick(editor.status_button, Qt.MouseButton.LeftButton)
    dialog = editor.findChild(StatusDialog)
    dialog.fields["status"].combo.setCurrentIndex(dialog.fields["status"].combo.findText("转出"))
    type_chinese(dialog.fields["status_reason"].edit, "转入县城小学")
    with qtbot.waitSignal(page.rows_updated, timeout=15000) as updated:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert updated.args == [1, 0, 1]
    assert "王小明" not in visible_names(window)
    assert page.selected_child_id() is None  # not the child who slid into the row
    assert not page.table.selectionModel().hasSelection()
    assert window.statusBar().currentMessage() == (
        "已更新 1 名儿童的档案；其中 1 名不符合当前筛选条件，列表中未显示"
    )
    qtbot.waitUntil(lambda: not editor.busy, timeout=15000)
    editor.reject()


@dialog_size_warning
def test_after_the_handover_the_list_reloads_and_the_status_bar_says_so(
    qtbot, start_window, school_db, monkeypatch
):
    from liushou_desktop.gui.dialogs.handover_dialog import HandoverDialog, QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    window = start_window(school_db)
    wait_listed(qtbot, window, 4)
    page = window.children_page
    window.handover_action.trigger()
    dialog = window.findChild(HandoverDialog)
    qtbot.waitUntil(lambda: dialog.plan is not None and not dialog.busy, timeout=15000)
    with qtbot.waitSignal(page.loaded, timeout=15000):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == "学年交接已完成：4 名学生升级或毕业"
    assert {page.model.child_row(r).class_label for r in range(page.model.rowCount())} == {
        "五年级(2)班",
        "四年级(1)班",
        "六年级(1)班",
    }
