"""帮助: the user guide (F1 from every page and from dialogs), 关于, and a tooltip on every action."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from liushou_desktop import __version__
from liushou_desktop.gui import help_window, i18n
from liushou_desktop.gui.dialogs import about_dialog
from liushou_desktop.gui.dialogs.about_dialog import AboutDialog, components, font_component
from liushou_desktop.gui.help_window import PAGE_ANCHORS, HelpWindow, anchor_for, help_file
from liushou_desktop.gui.main_window import MainWindow
from tests.gui.test_main_window import (  # noqa: F401  (fixtures)
    app_state,
    prompts,
    school_db,
    start_window,
    wait_listed,
)

dialog_size_warning = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def plain(text: str) -> str:
    """A menu entry as the guide names it: no "(&X)", "&" or "…"."""
    return re.sub(r"\(&.\)", "", text).replace("&", "").replace("…", "").strip()


def walk(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        found.append(action)
        if action.menu() is not None:
            found.extend(walk(action.menu()))
    return found


def menu_actions(window: MainWindow) -> list[QAction]:
    found: list[QAction] = []
    for top in window.menuBar().actions():
        if top.isVisible() and top.menu() is not None:
            found.extend(walk(top.menu()))
    return found


def says_what_it_does(action: QAction) -> bool:
    """A tooltip of its own: Qt's default is the text without "&" and "…"."""
    tip = action.toolTip().strip()
    default = QAction(action.text()).toolTip()
    return bool(tip) and tip not in (default, action.text(), plain(action.text()))


@pytest.fixture
def window(qtbot: QtBot, start_window, school_db) -> MainWindow:  # noqa: F811
    opened = start_window(school_db)
    wait_listed(qtbot, opened, 4)
    return opened


# -- tooltips ---------------------------------------------------------------------------------
@dialog_size_warning
def test_every_action_in_the_menus_and_the_toolbar_says_what_it_does(window: MainWindow):
    actions = menu_actions(window)
    assert len(actions) > 25  # logged in as the administrator: every menu is there
    missing = [a.text() for a in actions if not says_what_it_does(a)]
    missing += [a.text() for a in window.toolbar.actions() if not says_what_it_does(a)]
    assert not missing, missing
    assert all(a.statusTip() for a in actions)
    # in Chinese, like the rest
    assert window.about_action.toolTip() == "版本、数据保存在哪里、许可证"


def test_the_townships_sync_entries_say_what_they_do_too(window: MainWindow):
    sync = window.sync_actions
    for action in (
        sync.write_enrollment_action,
        sync.print_card_action,
        sync.export_all_action,
        sync.join_action,
        sync.export_action,
    ):
        assert says_what_it_does(action), action.text()


def test_the_menus_show_the_tooltips(window: MainWindow):
    for top in window.menuBar().actions():
        assert top.menu().toolTipsVisible(), top.text()


# -- the guide ---------------------------------------------------------------------------------
class _Marks(HTMLParser):
    """The guide's anchors and its <span class="menu"> / <span class="tab"> texts."""

    def __init__(self) -> None:
        super().__init__()
        self.anchors: set[str] = set()
        self.links: set[str] = set()
        self.marked: list[tuple[str, str]] = []
        self._open: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("name"):
            self.anchors.add(found["name"] or "")
        if tag == "a" and (found.get("href") or "").startswith("#"):
            self.links.add((found["href"] or "")[1:])
        if tag == "span" and found.get("class") in ("menu", "tab"):
            self._open, self._text = found["class"], ""

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._open:
            self.marked.append((self._open, " ".join(self._text.split())))
            self._open = None


def guide_marks() -> _Marks:
    marks = _Marks()
    marks.feed(help_file().read_text(encoding="utf-8"))
    return marks


def test_the_guide_is_a_resource_with_a_section_for_every_page():
    assert help_file() == help_window.resources_dir() / "help" / "zh_CN.html"
    marks = guide_marks()
    assert set(PAGE_ANCHORS.values()) <= marks.anchors
    assert marks.links <= marks.anchors  # the contents' links all lead somewhere
    text = help_file().read_text(encoding="utf-8")
    for words in [
        "拼音首字母",
        "写记录",
        "工作台",
        "打印",
        "导出同步包",
        "登录",
        "锁定",
        "忘记密码",
        "备份",
    ]:
        assert words in text


def test_the_guide_names_the_menus_and_tabs_as_the_window_shows_them(window: MainWindow):
    entries: dict[tuple[str, ...], QAction] = {}

    def collect(menu: QMenu, path: tuple[str, ...]) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            here = (*path, plain(action.text()))
            entries[here] = action
            if action.menu() is not None:
                collect(action.menu(), here)

    for top in window.menuBar().actions():
        collect(top.menu(), (plain(top.text()),))
    tabs = window.workspace.tabs
    tab_names = {tabs.tabText(i) for i in range(tabs.count())}
    # and the township's tabs (tests/gui/test_township_app.py opens a township)
    tab_names |= {"台账", "统计", "冲突处理", "重复儿童"}
    marks = guide_marks()
    assert marks.marked
    for kind, text in marks.marked:
        if kind == "tab":
            assert text in tab_names, text
        else:
            path = tuple(part.strip() for part in text.split("→"))
            assert path in entries, f"the guide names {text!r}, the menus do not have it"


def test_the_guide_opens_from_the_help_menu(qtbot: QtBot, window: MainWindow):
    assert window.help_action in window.menuBar().actions()[-1].menu().actions()
    window.help_action.trigger()
    shown = window.help.help_window
    assert shown is not None and shown.isVisible()
    qtbot.addWidget(shown)
    assert shown.browser.source().fileName() == "zh_CN.html"
    assert "使用说明" in shown.windowTitle()
    assert "找一名儿童" in shown.browser.toPlainText()  # Chinese, as written


def test_f1_opens_the_guide_at_the_section_of_each_page(qtbot: QtBot, window: MainWindow):
    tabs = window.workspace.tabs
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    seen: dict[str, str] = {}
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        page = tabs.widget(index)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.keyClick(window, Qt.Key.Key_F1)
        shown = window.help.help_window
        assert shown is not None and shown.isVisible()
        seen[tabs.tabText(index)] = shown.browser.source().fragment()
        assert seen[tabs.tabText(index)] == anchor_for(page)
    qtbot.addWidget(window.help.help_window)
    assert seen == {
        "工作台": "overdue",
        "儿童档案": "find",
        "帮扶结对": "pairing",
        "记录": "record",
        "强制报告与安全": "incidents",
    }


@dialog_size_warning
def test_f1_works_in_a_dialog_the_window_opened(qtbot: QtBot, window: MainWindow):
    window.write_record_action.trigger()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    assert type(dialog).__name__ == "RecordDialog"
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert window.help_action in dialog.actions()  # added when it became active
    qtbot.keyClick(dialog, Qt.Key.Key_F1)
    shown = window.help.help_window
    assert shown is not None and shown.isVisible()
    qtbot.addWidget(shown)
    assert shown.browser.source().fragment() == "record"
    assert not shown.isModal()  # the guide and the dialog are used side by side
    dialog.reject()


def test_under_an_application_modal_dialog_the_guide_opens_as_its_child(
    qtbot: QtBot, window: MainWindow
):
    from PySide6.QtWidgets import QDialog

    class LoginDialog(QDialog):  # the lock's dialog is application-modal
        pass

    lock = LoginDialog(window)
    lock.setWindowModality(Qt.WindowModality.ApplicationModal)
    lock.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is lock)
    shown = window.help.show_help()
    assert shown.parent() is lock
    assert shown.browser.source().fragment() == "accounts"
    assert window.help.show_help() is shown  # one guide per dialog
    lock.close()


def test_the_guide_finds_words_and_goes_back(qtbot: QtBot):
    guide = HelpWindow()
    qtbot.addWidget(guide)
    guide.show_section("backup")
    guide.show_section("sync")
    assert guide.back_button.isEnabled()
    guide.back_button.click()
    assert guide.browser.source().fragment() == "backup"
    guide.find_edit.setText("拼音首字母")
    guide.find_next()
    assert guide.browser.textCursor().selectedText() == "拼音首字母"
    guide.contents_button.click()
    assert guide.browser.source().fragment() == "top"


def test_a_missing_guide_says_so_in_chinese(qtbot: QtBot, monkeypatch, tmp_path: Path):
    monkeypatch.setattr(help_window, "resources_dir", lambda: tmp_path)
    guide = HelpWindow()
    qtbot.addWidget(guide)
    guide.show_section("find")
    assert str(tmp_path) in guide.browser.toPlainText()


# -- 关于 ------------------------------------------------------------------------------------------
def test_about_lists_the_libraries_and_the_font_with_their_licences():
    found = {c.name: c for c in components()}
    assert found["liushou-desktop"].version == __version__
    assert found["liushou-desktop"].licence == "Apache-2.0"
    assert found["Qt for Python (PySide6)"].licence.startswith("LGPL-3.0")
    assert found["Qt for Python (PySide6)"].version == metadata.version("PySide6-Essentials")
    assert found["SQLAlchemy"].licence == "MIT"
    assert found["SQLModel"].licence == "MIT"
    assert found["openpyxl"].licence == "MIT"
    assert "BSD" in found["ReportLab"].licence
    assert "Apache-2.0" in found["cryptography"].licence
    assert found["pyrage (age)"].licence == "MIT"  # its metadata does not say: ours does
    font = next(c for c in components() if "WenQuanYi" in c.name)
    assert "文泉驿微米黑" in font.name
    assert font.licence.startswith("Apache-2.0")
    assert font.version == "0.2.0-beta"


def test_without_metadata_the_licences_written_in_the_program_are_shown(monkeypatch):
    def missing(name: str) -> object:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "metadata", missing)
    found = {c.name: c for c in components()}
    assert found["SQLAlchemy"].licence == "MIT"
    assert found["Qt for Python (PySide6)"].licence == "LGPL-3.0-only"
    assert found["liushou-desktop"].licence == "Apache-2.0"
    assert found["Qt for Python (PySide6)"].version  # PySide6 is imported: its __version__


def test_the_fonts_licence_file_unreadable_still_names_the_font(tmp_path: Path):
    font = font_component(tmp_path / "none.txt")
    assert font.licence == "Apache-2.0" and "WenQuanYi" in font.name


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The screens as users see them: with the Chinese catalogs installed."""
    before = QLocale()
    i18n.install_translators(qapp)
    yield
    i18n.remove_translators()
    QLocale.setDefault(before)


@pytest.fixture
def opened_urls(monkeypatch) -> list[QUrl]:
    seen: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        seen.append(url)
        return True

    monkeypatch.setattr(about_dialog.QDesktopServices, "openUrl", open_url)
    return seen


def test_about_shows_the_paths_and_opens_the_data_folder(
    qtbot: QtBot, tmp_path: Path, opened_urls: list[QUrl], chinese: None
):
    data = tmp_path / "数据"
    dialog = AboutDialog(
        db_path=tmp_path / "school.sqlite",
        data_dir=data,
        log_path=data / "logs" / "liushou.log",
        backups_dir=tmp_path / "backups",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [label.text() for label in dialog.findChildren(about_dialog.QLabel)]
    assert f"版本 {__version__}" in texts
    for path in (tmp_path / "school.sqlite", data, tmp_path / "backups", data / "logs"):
        assert any(str(path) in t for t in texts), path
    names = [dialog.licences.item(r, 0).text() for r in range(dialog.licences.rowCount())]
    assert "SQLAlchemy" in names and "ReportLab" in names
    assert dialog.open_folder_button.text() == "打开数据文件夹"
    qtbot.mouseClick(dialog.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened_urls == [QUrl.fromLocalFile(str(data))]
    assert data.is_dir()  # made, so the file manager has something to show


def test_when_the_folder_cannot_be_opened_its_path_is_shown(
    qtbot: QtBot, tmp_path: Path, monkeypatch
):
    monkeypatch.setattr(about_dialog.QDesktopServices, "openUrl", lambda url: False)
    told: list[str] = []
    monkeypatch.setattr(
        about_dialog.QMessageBox, "information", lambda parent, title, text: told.append(text)
    )
    dialog = AboutDialog(db_path=tmp_path / "x.sqlite", data_dir=tmp_path, log_path=tmp_path / "l")
    qtbot.addWidget(dialog)
    assert dialog.open_data_folder() is False
    assert told and str(tmp_path) in told[0]


@dialog_size_warning
def test_about_from_the_help_menu_names_the_open_database_and_the_data_folder(
    qtbot: QtBot,
    window: MainWindow,
    school_db: Path,  # noqa: F811
    tmp_path: Path,
):
    window.about_action.trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert str(school_db) in dialog.db_label.text()
    assert dialog.data_dir == tmp_path / "data"  # start_window's data folder
    dialog.reject()
