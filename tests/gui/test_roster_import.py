"""文件 → 导入花名册… / 下载花名册导入模板… / 花名册导入记录…, driven as a teacher would: choose a
file, check the columns, see the problem rows (sheet and row number), import, undo."""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from liushou_desktop.app import build_app
from liushou_desktop.domain.enums import Sex
from liushou_desktop.domain.idcard import make_id_number
from liushou_desktop.gui import i18n
from liushou_desktop.gui.dialogs.roster_history_dialog import RosterHistoryDialog
from liushou_desktop.gui.dialogs.roster_import_dialog import RosterImportDialog
from liushou_desktop.gui.main_window import MainWindow
from liushou_desktop.services.demo import create_demo_database
from liushou_desktop.services.sync import init_township

# copies of ../shared/fixtures/rosters (the schools' real shapes), kept with the tests
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rosters"
MERGED = FIXTURES / "merged_header_roster.xlsx"
PER_GRADE = FIXTURES / "sheet_per_grade_roster.xlsx"
WANG = make_id_number("522401", dt.date(2016, 3, 8), 41, Sex.MALE)
LI = make_id_number("522401", dt.date(2017, 5, 1), 42, Sex.FEMALE)
ZHAO = make_id_number("522401", dt.date(2015, 9, 9), 43, Sex.FEMALE)


def write_roster(path: Path, *, wang_phone: str = "139-1234-5678", problems: bool = True) -> Path:
    """A roster with a title row; with ``problems``: an ID number Excel stored as a number
    (row 5), a row without a name (6), the same child twice (7); then a 合计 row, a blank row
    and a signature line."""
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["红山小学留守儿童花名册"])
    ws.append(["姓名", "性别", "身份证号", "年级", "班级", "监护人姓名", "监护人电话", "备注"])
    ws.append(["王小明", "男", WANG, "四年级", "2班", "王大山", wang_phone, "寄宿"])
    ws.append(["李小红", "女", LI, "三年级", "1班", "李爷爷", "13912345679", ""])
    if problems:
        ws.append(["赵晓燕", "女", float(ZHAO), "五年级", "3班", "赵奶奶", "13912345670", ""])
        ws.append([None, "男", None, "二年级", "1班", "某某", "13912345671", ""])
        ws.append(["王小明", "男", WANG, "四年级", "2班", "王大山", "13912345678", ""])
    ws.append(["合计", None, None, None, None, None, None, "3人"])
    ws.append([])
    ws.append(["填表人：张老师", None, None, "审核人（签名）："])
    wb.save(path)
    return path


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
    """Message boxes are recorded instead of shown; questions are answered ``answer``."""
    seen = SimpleNamespace(
        warnings=[], info=[], questions=[], answer=QMessageBox.StandardButton.Yes
    )
    monkeypatch.setattr(
        "liushou_desktop.gui.messages.QMessageBox.warning",
        lambda parent, title, text, *a: seen.warnings.append(text),
    )
    monkeypatch.setattr(
        "liushou_desktop.gui.dialogs.roster_import_dialog.QMessageBox.information",
        lambda parent, title, text, *a: seen.info.append(text),
    )

    def question(parent: object, title: str, text: str, *a: object) -> QMessageBox.StandardButton:
        seen.questions.append(text)
        return seen.answer

    monkeypatch.setattr(
        "liushou_desktop.gui.dialogs.roster_history_dialog.QMessageBox.question", question
    )
    return seen


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    create_demo_database(path, n=40).db.close()
    return path


@pytest.fixture
def window(
    qtbot, tmp_path: Path, app_state: None, boxes: SimpleNamespace, demo_db: Path
) -> Iterator[MainWindow]:
    _app, win = build_app(["--db", str(demo_db)], data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.children_page.model.total_count() > 0, timeout=15000)
    yield win
    win.close()


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[tuple]:
    asked: list[tuple] = []

    def open_file(*args: object, **kwargs: object) -> str:
        asked.append(args)
        return str(path)

    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.open_file", open_file)
    return asked


def choose_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[tuple]:
    asked: list[tuple] = []

    def save_file(*args: object, **kwargs: object) -> str:
        asked.append(args)
        return str(path)

    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_file", save_file)
    return asked


def open_roster(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path
) -> RosterImportDialog:
    before = set(window.findChildren(RosterImportDialog))
    choose_file(monkeypatch, path)
    window.import_roster_action.trigger()
    found: list[RosterImportDialog] = []

    def shown() -> bool:
        found[:] = [d for d in window.findChildren(RosterImportDialog) if d not in before]
        return bool(found) and found[0].isVisible()

    qtbot.waitUntil(shown, timeout=15000)
    return found[0]


def check(qtbot, dialog: RosterImportDialog) -> None:
    dialog.check_button.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == dialog.RESULTS, timeout=15000)


def import_now(qtbot, dialog: RosterImportDialog) -> None:
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.imported, timeout=15000)


def rows_by_id(window: MainWindow) -> dict[str, object]:
    return {r.id_number: r for r in window.children_page.model.rows() if r.id_number}


def table_rows(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


# -- the menu ---------------------------------------------------------------------------------
def test_the_file_menu_offers_import_template_and_history(window: MainWindow):
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    for action in (
        window.import_roster_action,
        window.roster_template_action,
        window.roster_history_action,
    ):
        assert action.text() in texts
        assert action.isEnabled() and action.isVisible()
    assert "导入花名册(&I)…" in texts
    assert "下载花名册导入模板(&T)…" in texts
    assert "花名册导入记录(&H)…" in texts


def test_the_township_has_no_roster_entries(qtbot, tmp_path, app_state, boxes):
    path = tmp_path / "town" / "township.sqlite"
    init_township(path, "城关镇", "T01", author="乡镇专干").db.close()
    _app, win = build_app(["--db", str(path)], data_dir=tmp_path / "data")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.archive is not None, timeout=15000)
    for action in (win.import_roster_action, win.roster_template_action, win.roster_history_action):
        assert not action.isVisible()
    win.close()


# -- importing ------------------------------------------------------------------------------
def test_the_two_fixture_rosters_import_and_the_children_appear(qtbot, window, monkeypatch, boxes):
    before = window.children_page.model.total_count()
    dialog = open_roster(qtbot, window, monkeypatch, MERGED)
    # page 1: the sheet, its two header rows and the columns with their samples
    sheets = table_rows(dialog.sheets_table)
    assert sheets[0][:3] == ["留守儿童花名册", "第 3–4 行", "40"]
    assert dialog.combo("姓名").currentData() == "name"
    assert dialog.combo("监护人/联系电话").currentData() == "guardian_phone"
    assert dialog.combo("序号").currentData() is None
    assert dialog.combo("序号").currentText() == "不导入"
    columns = table_rows(dialog.columns_table)
    assert any(row[0] == "姓名" and "邹秀英" in row[1] for row in columns)
    check(qtbot, dialog)
    assert dialog.summary_label.text() == "将新增 40 名，更新 0 名，无变化 0 名。"
    assert dialog.problem_table.rowCount() == 0
    assert not dialog.save_problems_button.isEnabled()
    assert dialog.import_button.text() == "导入 40 名(&I)"
    import_now(qtbot, dialog)
    assert dialog.summary_label.text() == "已新增 40 名，更新 0 名，无变化 0 名。"
    assert dialog.undo_button.isVisible() and dialog.undo_button.isEnabled()
    qtbot.waitUntil(lambda: window.children_page.model.total_count() == before + 40, timeout=15000)
    zou = rows_by_id(window)["421127201808158341"]
    assert (zou.name, zou.grade, zou.class_no) == ("邹秀英", 2, 3)
    assert (zou.guardian_name, zou.guardian_phone) == ("龚雨泽", "13998496060")
    assert "新增 40 名" in window.statusBar().currentMessage()
    dialog.close_button.click()

    dialog = open_roster(qtbot, window, monkeypatch, PER_GRADE)
    sheets = table_rows(dialog.sheets_table)
    assert [s[0] for s in sheets] == ["填表说明", "三年级", "四年级"]
    assert sheets[0][3] == "说明、示例或选项，不导入"
    assert "三年级" in sheets[1][3]
    check(qtbot, dialog)
    import_now(qtbot, dialog)
    assert dialog.report is not None and dialog.report.imported == 30
    qtbot.waitUntil(lambda: window.children_page.model.total_count() == before + 70, timeout=15000)
    assert "450923201603112107" in rows_by_id(window)
    assert rows_by_id(window)["450923201603112107"].name == "钱子墨"  # the stray space dropped
    assert boxes.warnings == []


def test_a_column_set_to_not_import_is_remembered_next_time(qtbot, window, monkeypatch):
    dialog = open_roster(qtbot, window, monkeypatch, MERGED)
    dialog.set_field("家庭住址", None)
    assert dialog.roster.mapping["家庭住址"] is None
    check(qtbot, dialog)
    import_now(qtbot, dialog)
    qtbot.waitUntil(lambda: "421127201808158341" in rows_by_id(window), timeout=15000)
    dialog.close_button.click()

    dialog = open_roster(qtbot, window, monkeypatch, MERGED)
    assert dialog.combo("家庭住址").currentData() is None
    assert dialog.combo("姓名").currentData() == "name"
    check(qtbot, dialog)  # the same file again: everyone is there already
    assert dialog.report is not None
    assert (dialog.report.imported, dialog.report.unchanged) == (0, 40)
    assert not dialog.import_button.isEnabled()
    assert "没有需要导入的内容" in dialog.results_status.text()
    dialog.close()


def test_one_field_comes_from_one_column(qtbot, window, monkeypatch):
    dialog = open_roster(qtbot, window, monkeypatch, MERGED)
    dialog.set_field("监护人/关系", "guardian_name")
    assert dialog.roster.mapping["监护人/关系"] == "guardian_name"
    assert dialog.roster.mapping["监护人/姓名"] is None
    assert dialog.combo("监护人/姓名").currentText() == "不导入"
    assert not dialog.mapping_note.isHidden()
    assert "监护人/姓名" in dialog.mapping_note.text()
    dialog.set_field("监护人/关系", "guardian_relation")
    assert dialog.mapping_note.isHidden()
    dialog.close()


def test_problem_rows_show_sheet_row_and_reason_and_the_list_saves(
    qtbot, window, monkeypatch, tmp_path, boxes
):
    roster = write_roster(tmp_path / "有问题的花名册.xlsx")
    dialog = open_roster(qtbot, window, monkeypatch, roster)
    check(qtbot, dialog)
    assert dialog.summary_label.text() == "将新增 2 名，更新 0 名，无变化 0 名。"
    assert dialog.problems_label.text() == "3 行有问题，不会导入。"
    assert "3 行是空白行、合计行或签名行" in dialog.skipped_label.text()
    problems = table_rows(dialog.problem_table)
    assert [row[:3] for row in problems] == [
        ["花名册", "5", "身份证号丢失位数"],
        ["花名册", "6", "没有姓名"],
        ["花名册", "7", "重复"],
    ]
    assert "文本" in problems[0][3]
    assert "第 3 行" in problems[2][3]
    assert dialog.tabs.tabText(0) == "有问题的行（3）"

    target = tmp_path / "问题清单"  # no suffix: .xlsx is added
    asked = choose_save(monkeypatch, target)
    dialog.save_problems_button.click()
    saved = target.with_name("问题清单.xlsx")
    qtbot.waitUntil(saved.exists, timeout=15000)
    assert "xlsx" in str(asked[0][3])
    assert asked[0][2].endswith("有问题的花名册-问题清单.xlsx")  # next to the roster
    qtbot.waitUntil(lambda: "问题清单已保存到" in dialog.results_status.text(), timeout=15000)
    cells = [
        [c for c in row if c is not None]
        for row in load_workbook(saved).active.iter_rows(values_only=True)
    ]
    assert any(row[:3] == ["花名册", 5, "身份证号丢失位数"] for row in cells if len(row) >= 3)

    import_now(qtbot, dialog)
    assert dialog.problems_label.text() == "3 行没有导入，见下表。"
    assert dialog.problem_table.rowCount() == 3
    qtbot.waitUntil(lambda: WANG in rows_by_id(window) and LI in rows_by_id(window), timeout=15000)
    assert ZHAO not in rows_by_id(window)
    assert rows_by_id(window)[WANG].guardian_phone == "13912345678"  # dashes dropped
    assert boxes.warnings == []


def test_undo_right_after_the_import(qtbot, window, monkeypatch, tmp_path, boxes):
    dialog = open_roster(qtbot, window, monkeypatch, write_roster(tmp_path / "r.xlsx"))
    check(qtbot, dialog)
    import_now(qtbot, dialog)
    qtbot.waitUntil(lambda: WANG in rows_by_id(window), timeout=15000)

    boxes.answer = QMessageBox.StandardButton.No
    dialog.undo_button.click()
    assert len(boxes.questions) == 1 and "已删除" in boxes.questions[0]
    assert not dialog.undone

    boxes.answer = QMessageBox.StandardButton.Yes
    dialog.undo_button.click()
    qtbot.waitUntil(lambda: dialog.undone, timeout=15000)
    assert "已撤销" in dialog.results_status.text()
    assert not dialog.undo_button.isEnabled()

    def gone() -> bool:
        row = rows_by_id(window).get(WANG)
        return row is None or row.status == "已删除"

    qtbot.waitUntil(gone, timeout=15000)


def test_undo_from_the_history_restores_the_earlier_values(
    qtbot, window, monkeypatch, tmp_path, boxes
):
    dialog = open_roster(qtbot, window, monkeypatch, write_roster(tmp_path / "第一次.xlsx"))
    check(qtbot, dialog)
    import_now(qtbot, dialog)
    dialog.close_button.click()
    changed = write_roster(tmp_path / "第二次.xlsx", wang_phone="13700000000", problems=False)
    dialog = open_roster(qtbot, window, monkeypatch, changed)
    check(qtbot, dialog)
    assert dialog.report is not None
    assert (dialog.report.imported, dialog.report.updated, dialog.report.unchanged) == (0, 1, 1)
    import_now(qtbot, dialog)
    dialog.close_button.click()
    qtbot.waitUntil(lambda: rows_by_id(window)[WANG].guardian_phone == "13700000000", timeout=15000)

    window.roster_history_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(RosterHistoryDialog) is not None, timeout=15000)
    history = window.findChild(RosterHistoryDialog)
    qtbot.waitUntil(lambda: history.table.rowCount() == 2, timeout=15000)
    rows = table_rows(history.table)
    assert [r[1] for r in rows] == ["第二次.xlsx", "第一次.xlsx"]  # newest first
    assert rows[0][3:7] == ["0", "1", "1", "0"]
    assert history.selected() is not None and history.selected().file_name == "第二次.xlsx"
    assert history.undo_button.isEnabled()
    history.undo_button.click()
    assert "第二次.xlsx" in boxes.questions[-1]
    qtbot.waitUntil(lambda: "已撤销" in history.status_label.text(), timeout=15000)
    assert "1 名儿童恢复了导入前的信息" in history.status_label.text()
    qtbot.waitUntil(lambda: table_rows(history.table)[0][7].startswith("已于"), timeout=15000)
    history.select(history.imports[0].id)
    assert not history.undo_button.isEnabled()  # undone already
    history.select(history.imports[1].id)
    assert history.undo_button.isEnabled()
    qtbot.waitUntil(lambda: rows_by_id(window)[WANG].guardian_phone == "13912345678", timeout=15000)
    assert rows_by_id(window)[WANG].status != "已删除"  # added by the first import: kept
    history.close()


def test_cancelling_the_import_writes_nothing(qtbot, window, monkeypatch, tmp_path, boxes):
    dialog = open_roster(qtbot, window, monkeypatch, write_roster(tmp_path / "r.xlsx"))
    check(qtbot, dialog)
    # Hold the worker so the cancel is pressed before the import starts.
    gate = threading.Event()
    window.runner.run(lambda state: gate.wait(10))
    dialog.import_button.click()
    dialog.progress_dialog.request_cancel()
    gate.set()
    qtbot.waitUntil(lambda: "已取消" in dialog.results_status.text(), timeout=15000)
    assert not dialog.imported
    assert dialog.import_button.isEnabled()
    window.children_page.reload()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=15000)
    assert WANG not in rows_by_id(window)
    assert boxes.warnings == []
    dialog.close()


def test_an_unreadable_file_says_so_in_chinese_and_changes_nothing(
    qtbot, window, monkeypatch, tmp_path, boxes
):
    bad = tmp_path / "花名册.xlsx"
    bad.write_bytes(os.urandom(4096))
    before = window.children_page.model.total_count()
    choose_file(monkeypatch, bad)
    window.import_roster_action.trigger()
    qtbot.waitUntil(lambda: bool(boxes.warnings), timeout=15000)
    assert "花名册.xlsx" in boxes.warnings[0] or "文件" in boxes.warnings[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in boxes.warnings[0])
    assert window.findChild(RosterImportDialog) is None
    assert window.children_page.model.total_count() == before


def test_the_template_is_saved_where_asked(qtbot, window, monkeypatch, tmp_path, boxes):
    target = tmp_path / "模板" / "我的模板"
    target.parent.mkdir()
    asked = choose_save(monkeypatch, target)
    window.roster_template_action.trigger()
    saved = target.with_name("我的模板.xlsx")
    qtbot.waitUntil(lambda: bool(boxes.info), timeout=15000)
    assert asked[0][2].endswith("花名册导入模板.xlsx")
    assert str(saved) in boxes.info[0]
    wb = load_workbook(saved)
    assert "花名册" in wb.sheetnames
    assert wb["花名册"]["A1"].value == "姓名"
    assert boxes.warnings == []


def test_cancelling_the_file_dialog_does_nothing(qtbot, window, monkeypatch, boxes):
    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.open_file", lambda *a, **k: "")
    window.import_roster_action.trigger()
    assert window.findChild(RosterImportDialog) is None
    assert boxes.warnings == []
