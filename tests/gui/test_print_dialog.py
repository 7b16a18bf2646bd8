"""打印…: the print dialog chooses a printout and its children (the selection, one child, a
class, the children shown, everyone), counts them and their pages, and prints through the one
printing path (save dialog, worker with progress and cancel, the PDF opened)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from liushou_desktop.app import build_app
from liushou_desktop.domain.enums import AT_SCHOOL
from liushou_desktop.domain.grades import grade_label
from liushou_desktop.gui import i18n
from liushou_desktop.gui.dialogs.print_dialog import (
    CLASS,
    EVERYONE,
    ONE_CHILD,
    SELECTED,
    SHOWN,
    PrintDialog,
)
from liushou_desktop.gui.tasks import TaskRunner
from liushou_desktop.gui.views.children_page import TOWNSHIP_SCHOOL_ID, ChildrenPage
from liushou_desktop.services.archive import ArchiveService
from liushou_desktop.services.context import ServiceContext
from liushou_desktop.services.demo import create_demo_database
from liushou_desktop.services.printing import PrintService
from liushou_desktop.storage.db import Database
from tests.conftest import TODAY
from tests.gui.test_ledger_menu import app_state  # noqa: F401  # a fixture
from tests.gui.test_township_pages import ledger, ledger_page  # noqa: F401  # a fixture
from tests.unit.reports.test_archive_card import needs_pdftotext, pdf_text

N = 60  # demo children


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:
    i18n.install_translators(qapp)
    yield
    i18n.remove_translators()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("print-dialog") / "demo.sqlite"
    create_demo_database(path, n=N).db.close()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    path.write_bytes(demo_template.read_bytes())
    return path


@pytest.fixture
def demo(demo_db: Path) -> Iterator[ServiceContext]:
    ctx = ServiceContext(db=Database.open(demo_db), author="测试员")
    ctx.today = lambda: TODAY
    yield ctx
    ctx.db.close()


@pytest.fixture
def page(qtbot, runner: TaskRunner, demo: ServiceContext) -> ChildrenPage:
    service = ArchiveService(demo)
    p = ChildrenPage(runner)
    qtbot.addWidget(p)
    p.set_archive(service, service.schools()[0].id)
    qtbot.waitUntil(lambda: not p.loading and p.model.total_count() > 0, timeout=15000)
    return p


@pytest.fixture
def saved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, str]]:
    """file_dialogs.save_path answers out/<the suggested name>; (caption, suggestion) asked."""
    asked: list[tuple[str, str]] = []
    (tmp_path / "out").mkdir()

    def save_path(parent, caption, directory="", filter="", *, suffix):
        asked.append((caption, directory))
        return tmp_path / "out" / Path(directory).name

    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_path", save_path)
    return asked


def select_rows(page: ChildrenPage, rows: list[int]) -> list[str]:
    selection = page.table.selectionModel()
    selection.clear()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for r in rows:
        selection.select(page.model.index(r, 0), flags)
    return [page.model.child_id(r) for r in sorted(rows)]


def open_dialog(qtbot, page: ChildrenPage, whom: str | None = None) -> PrintDialog:
    dialog = page.open_print_dialog(whom)
    assert dialog is not None and dialog.isVisible()
    return dialog


def wait_ids(qtbot, dialog: PrintDialog, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: dialog.child_ids() == expected, timeout=15000)


def choose_class(qtbot, dialog: PrintDialog, grade: int, class_no: int) -> None:
    qtbot.waitUntil(lambda: dialog.grade_combo.count() > 0, timeout=15000)
    dialog.class_button.setChecked(True)
    dialog.grade_combo.setCurrentIndex(dialog.grade_combo.findData(grade))
    dialog.class_combo.setCurrentIndex(dialog.class_combo.findData(class_no))


def a_class(ctx: ServiceContext) -> tuple[int, int, list[str]]:
    """The demo's biggest class and its children at school, in print order."""
    printer = PrintService(ctx)
    classes = {
        (c.grade, c.class_no) for c in ArchiveService(ctx).classes(printer._own_school() or "")
    }
    biggest = max(
        sorted(classes), key=lambda k: len(printer.children_of(grade=k[0], class_no=k[1]))
    )
    return biggest[0], biggest[1], printer.children_of(grade=biggest[0], class_no=biggest[1])


def pdf_pages(path: Path) -> int:
    found = re.search(rb"/Count (\d+)", path.read_bytes())
    assert found is not None
    return int(found.group(1))


# -- whom: the children and pages ---------------------------------------------------------------
def test_the_selected_children_in_list_order(qtbot, page: ChildrenPage):
    ids = select_rows(page, [7, 2, 5])
    dialog = open_dialog(qtbot, page)
    assert dialog.whom() == SELECTED  # several rows were selected: that is the choice
    assert dialog.selected_button.isEnabled() and dialog.selected_hint.isHidden()
    assert "3" in dialog.selected_button.text()
    assert dialog.child_ids() == ids
    assert dialog.pages() == 3 and dialog.summary_label.text() == "共 3 名儿童，3 页"
    dialog.kind_buttons["contact"].setChecked(True)
    assert dialog.pages() == 1 and dialog.summary_label.text() == "共 3 名儿童，1 页"
    assert dialog.ok_button.isEnabled()


def test_the_selection_is_disabled_when_nothing_is_selected(qtbot, page: ChildrenPage):
    page.table.selectionModel().clear()
    dialog = open_dialog(qtbot, page, whom=SELECTED)  # asked for, but there is none
    assert not dialog.selected_button.isEnabled()
    assert dialog.selected_hint.isVisible() and "Ctrl" in dialog.selected_hint.text()
    assert dialog.whom() == EVERYONE


def type_chinese(edit: QLineEdit, text: str) -> None:
    """As an input method commits it (QTest types ASCII only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


# the offscreen platform cannot raise the completer's popup or let it grab the keyboard
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_one_child_found_by_pinyin_initials(qtbot, page: ChildrenPage, saved):
    rows = [r for r in page.model.rows() if r.status in AT_SCHOOL]
    child = rows[len(rows) // 2]
    initials = child.name_pinyin.split()[0]
    dialog = open_dialog(qtbot, page)
    qtbot.keyClicks(dialog.child_edit, initials)
    assert dialog.whom() == ONE_CHILD
    assert dialog.child_ids() == [] and not dialog.ok_button.isEnabled()
    assert "选" in dialog.summary_label.text()
    found = dialog.matches(initials)
    assert child.id in [r.id for r in found]
    assert all(initials in r.name_pinyin for r in found)
    at = [r.id for r in found].index(child.id)
    index = dialog.completer.completionModel().index(at, 0)
    assert child.name in index.data() and child.class_label in index.data()
    dialog.completer.activated[type(index)].emit(index)  # the user picks it in the popup
    assert dialog.child_ids() == [child.id]
    assert dialog.child_edit.text().startswith(child.name)
    assert dialog.pages() == 1 and dialog.summary_label.text() == "共 1 名儿童，1 页"
    # typing again forgets the pick; Enter takes the first match
    dialog.child_edit.clear()
    type_chinese(dialog.child_edit, child.name)
    assert dialog.child_ids() == []
    dialog.completer.popup().hide()
    qtbot.keyClick(dialog.child_edit, Qt.Key.Key_Return)
    dialog_pick = dialog.matches(child.name)[0].id
    assert dialog.child_ids() == [dialog_pick]
    assert dialog.isVisible() and saved == []  # Enter picked the child; it did not print
    with qtbot.waitSignal(page.cards_printed, timeout=60000) as signal:
        qtbot.keyClick(dialog.child_edit, Qt.Key.Key_Return)  # the next one prints
    path, _warnings = signal.args
    picked = page.model.get(dialog_pick)
    assert picked is not None and path.name == f"档案卡_{picked.name}_2026-11-22.pdf"
    assert pdf_pages(path) == 1


def test_a_class_and_everyone_as_printing_service_says(qtbot, page: ChildrenPage, demo):
    grade, class_no, ids = a_class(demo)
    assert len(ids) > 1
    dialog = open_dialog(qtbot, page)
    choose_class(qtbot, dialog, grade, class_no)
    assert dialog.whom() == CLASS
    wait_ids(qtbot, dialog, ids)
    assert dialog.summary_label.text() == f"共 {len(ids)} 名儿童，{len(ids)} 页"
    listed = [
        r.id
        for r in page.model.rows()
        if (r.grade, r.class_no) == (grade, class_no) and r.status in AT_SCHOOL
    ]
    assert sorted(listed) == sorted(ids)  # the list agrees
    dialog.kind_buttons["contact"].setChecked(True)
    assert dialog.pages() == -(-len(ids) // 8)
    dialog.everyone_button.setChecked(True)
    everyone = PrintService(demo).children_of()
    wait_ids(qtbot, dialog, everyone)
    assert dialog.pages() == -(-len(everyone) // 8)
    assert len(everyone) == len([r for r in page.model.rows() if r.status in AT_SCHOOL])


def test_the_children_shown(qtbot, page: ChildrenPage):
    page.search_box.setText("三")  # some names have it
    page.apply_filter_now()
    shown = page.shown_child_ids()
    assert 0 < len(shown) < page.model.total_count()
    dialog = open_dialog(qtbot, page, whom=SHOWN)
    assert f"（{len(shown)} 名）" in dialog.shown_button.text()
    assert dialog.child_ids() == shown


# -- printing -----------------------------------------------------------------------------------
@needs_pdftotext
def test_printing_a_class_writes_a_page_per_child(
    qtbot, page: ChildrenPage, demo, saved, tmp_path: Path
):
    grade, class_no, ids = a_class(demo)
    dialog = open_dialog(qtbot, page)
    choose_class(qtbot, dialog, grade, class_no)
    wait_ids(qtbot, dialog, ids)
    with qtbot.waitSignal(page.cards_printed, timeout=60000) as signal:
        dialog.ok_button.click()
    path, warnings = signal.args
    caption, suggestion = saved[-1]
    assert "档案卡" in caption
    assert Path(suggestion).name == f"档案卡_{grade_label(grade)}{class_no}班_2026-11-22.pdf"
    assert path == tmp_path / "out" / Path(suggestion).name
    assert pdf_pages(path) == len(ids) and warnings == []
    data = path.read_bytes()
    assert b"FontFile2" in data and b"+WenQuanYiMicroHei" in data
    first = ArchiveService(demo).get(ids[0]).child.name
    assert first in pdf_text(data, tmp_path)
    assert not shiboken6.isValid(dialog)  # closed and deleted


def test_contact_cards_of_everyone(qtbot, page: ChildrenPage, demo, saved):
    everyone = PrintService(demo).children_of()
    dialog = open_dialog(qtbot, page)
    dialog.kind_buttons["contact"].setChecked(True)
    dialog.everyone_button.setChecked(True)
    wait_ids(qtbot, dialog, everyone)
    with qtbot.waitSignal(page.cards_printed, timeout=60000) as signal:
        dialog.ok_button.click()
    path, _warnings = signal.args
    school = ArchiveService(demo).schools()[0].name
    assert path.name == f"联系卡_{school}_2026-11-22.pdf"
    assert pdf_pages(path) == -(-len(everyone) // 8)


def test_cancelling_the_save_dialog_keeps_the_dialog(qtbot, page: ChildrenPage, monkeypatch):
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_path", lambda *a, **k: None)
    select_rows(page, [0, 1])
    dialog = open_dialog(qtbot, page)
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.progress_dialog is None


def test_cancel_writes_nothing(
    qtbot, page: ChildrenPage, runner: TaskRunner, saved, demo, tmp_path: Path
):
    everyone = PrintService(demo).children_of()
    dialog = open_dialog(qtbot, page)
    dialog.everyone_button.setChecked(True)
    wait_ids(qtbot, dialog, everyone)
    release = threading.Event()
    runner.run(lambda _state: release.wait(30))  # the worker is busy: the printout waits
    printed: list[object] = []
    page.cards_printed.connect(lambda *args: printed.append(args))
    dialog.ok_button.click()
    progress = dialog.progress_dialog
    assert progress is not None and progress.isVisible()
    with qtbot.waitSignal(progress.cancelled, timeout=30000):
        progress.cancel_button.click()
        release.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=15000)
    assert saved and list((tmp_path / "out").iterdir()) == []
    assert printed == []


def test_the_last_choice_is_remembered(qtbot, page: ChildrenPage, demo, saved, tmp_path: Path):
    page.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    grade, class_no, ids = a_class(demo)
    dialog = open_dialog(qtbot, page)
    dialog.kind_buttons["visit"].setChecked(True)
    choose_class(qtbot, dialog, grade, class_no)
    wait_ids(qtbot, dialog, ids)
    with qtbot.waitSignal(page.cards_printed, timeout=60000):
        dialog.ok_button.click()
    page.table.selectionModel().clear()
    again = open_dialog(qtbot, page)
    assert again.kind().key == "visit" and again.whom() == CLASS
    wait_ids(qtbot, again, ids)
    assert again.grade_combo.currentData() == grade
    assert again.class_combo.currentData() == class_no
    assert again.suggested_path().parent == tmp_path / "out"  # the folder saved to last time
    again.reject()


# -- in the window --------------------------------------------------------------------------------
@pytest.mark.usefixtures("app_state")
def test_the_print_button_opens_the_dialog(qtbot, demo_db: Path, tmp_path: Path):
    _app, window = build_app(["--db", str(demo_db)], data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    page = window.children_page
    qtbot.waitUntil(lambda: page.model.total_count() > 0, timeout=15000)
    assert page.print_button.text() == "打印…"
    assert page.table.selectionMode() == page.table.SelectionMode.ExtendedSelection
    page.print_button.click()
    dialog = page.print_dialog
    assert dialog is not None and dialog.isVisible()
    assert [b.text() for b in dialog.kind_buttons.values()] == [
        "档案卡",
        "联系卡",
        "家访登记表（空白）",
    ]
    qtbot.waitUntil(lambda: dialog.summary_label.text().startswith("共 "), timeout=15000)
    dialog.reject()
    window.close()


# -- the township ---------------------------------------------------------------------------------
def test_the_township_prints_every_school_but_not_a_class(
    qtbot,
    runner: TaskRunner,
    ledger,  # noqa: F811  # the fixture
):
    page = ledger_page(qtbot, runner, ledger.town, TOWNSHIP_SCHOOL_ID)
    dialog = open_dialog(qtbot, page)
    assert not dialog.class_button.isEnabled() and dialog.class_hint.isVisible()
    assert dialog.everyone_button.text() == "各校全部在校儿童"
    everyone = PrintService(ledger.town).children_of()
    wait_ids(qtbot, dialog, everyone)
    schools = {r.school_id for r in page.model.rows() if r.id in set(everyone)}
    assert len(schools) == 2  # both schools' children
    row = page.model.get(everyone[-1])
    assert row is not None
    assert row.school_name in dialog.child_label(row)  # the school tells namesakes apart
    dialog.reject()
