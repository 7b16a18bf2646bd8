"""校历与工作要求: terms with errors beside the fields, presets, rules on and off, a custom rule
and the pairing limit — each saved through CareService on the worker thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QMessageBox

from liushou_desktop.gui import i18n
from liushou_desktop.gui.dialogs.duty_calendar_dialog import (
    DutyCalendarDialog,
    suggested_term_name,
)
from liushou_desktop.services.care import CareService

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

D = dt.date


@pytest.fixture
def care(ctx) -> CareService:
    return CareService(ctx)


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a: seen.append(text) or None
    )
    return seen


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    """The screens as users see them: with the Chinese catalogs installed."""
    before = QLocale()
    i18n.install_translators(qapp)
    yield
    i18n.remove_translators()
    QLocale.setDefault(before)


@pytest.fixture
def dialog(qtbot, runner, care, school_id, warnings, chinese) -> Iterator[DutyCalendarDialog]:
    d = DutyCalendarDialog(runner, care, school_id)
    d.show()
    qtbot.waitUntil(lambda: d.data is not None, timeout=5000)
    yield d
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    d.close()
    d.deleteLater()


def settle(qtbot, runner) -> None:
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def type_dates(qtbot, dialog: DutyCalendarDialog, start: str, end: str) -> None:
    for key, text in (("start_date", start), ("end_date", end)):
        edit = dialog.term_fields[key].edit
        edit.clear()
        qtbot.keyClicks(edit, text)


def message(dialog: DutyCalendarDialog, fields: str, key: str) -> str:
    box = getattr(dialog, fields)[key].box
    return box.message.text() if box.message.isVisible() else ""


def test_suggested_term_names():
    assert suggested_term_name(D(2026, 9, 1)) == "2026年秋季学期"
    assert suggested_term_name(D(2027, 2, 20)) == "2027年春季学期"


def test_adding_terms_with_the_reasons_beside_the_fields(qtbot, runner, dialog, care, school_id):
    type_dates(qtbot, dialog, "2026-09-01", "2027-01-20")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(dialog.add_term_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert [t.name for t in care.terms(school_id)] == ["2026年秋季学期"]  # named for the user
    assert dialog.terms_model.rowCount() == 1
    assert dialog.terms_model.index(0, 4).data() == "当前学期"
    assert dialog.term_fields["start_date"].value() is None  # the form is ready for the next

    type_dates(qtbot, dialog, "2026-12-01", "2027-02-01")  # overlaps
    qtbot.mouseClick(dialog.add_term_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert "重叠" in message(dialog, "term_fields", "start_date")

    type_dates(qtbot, dialog, "2027-03-01", "2027-02-20")  # ends before it starts
    qtbot.mouseClick(dialog.add_term_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert message(dialog, "term_fields", "end_date") == "学期结束日期应晚于开始日期"
    assert message(dialog, "term_fields", "start_date") == ""  # cleared on typing

    type_dates(qtbot, dialog, "2027-02-30", "")
    qtbot.mouseClick(dialog.add_term_button, Qt.MouseButton.LeftButton)
    assert message(dialog, "term_fields", "start_date") != ""  # no such day
    assert message(dialog, "term_fields", "end_date") == "请填写日期"
    assert len(care.terms(school_id)) == 1


def test_presets_add_their_rules_once(qtbot, runner, dialog, care, school_id):
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(dialog.preset_buttons["四个一次"], Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert dialog.rules_model.rowCount() == 4
    assert "4" in dialog.status_label.text()
    assert dialog.tabs.currentIndex() == 1
    qtbot.mouseClick(dialog.preset_buttons["四个一次"], Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert dialog.rules_model.rowCount() == 4 and "已经" in dialog.status_label.text()
    qtbot.mouseClick(dialog.preset_buttons["三个二"], Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert len(care.rules(school_id)) == 8


def test_a_rule_is_switched_off_and_on_with_its_check_box(qtbot, runner, dialog, care, school_id):
    care.add_rule(school_id, "每学期家访一次", frozenset({"家访"}), 1, "每学期")
    dialog.reload()
    qtbot.waitUntil(lambda: dialog.rules_model.rowCount() == 1, timeout=5000)
    dialog.tabs.setCurrentIndex(1)
    index = dialog.rules_model.index(0, 0)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    dialog.rules_table.setCurrentIndex(index)
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.keyClick(dialog.rules_table, Qt.Key.Key_Space)
    settle(qtbot, runner)
    assert care.rules(school_id) == []  # off: no longer counted
    assert dialog.rules_model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.keyClick(dialog.rules_table, Qt.Key.Key_Space)
    settle(qtbot, runner)
    assert len(care.rules(school_id)) == 1


def test_a_custom_rule_for_some_children(qtbot, runner, dialog, care, school_id):
    dialog.tabs.setCurrentIndex(2)
    qtbot.mouseClick(dialog.add_rule_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert message(dialog, "rule_fields", "name") != ""
    assert message(dialog, "rule_fields", "kinds") == "请至少选择一种记录类型"
    assert message(dialog, "rule_fields", "period") == "请选择周期"
    assert care.rules(school_id) == []

    qtbot.keyClicks(dialog.rule_fields["name"].edit, "monthly visit")
    assert message(dialog, "rule_fields", "name") == ""
    dialog.kinds_field.checks["家访"].setChecked(True)
    dialog.kinds_field.checks["联系监护人"].setChecked(True)
    dialog.count_field.spin.setValue(2)
    period = dialog.rule_fields["period"].combo
    period.setCurrentIndex(period.findText("每月"))
    dialog.levels_field.checks["一级"].setChecked(True)
    dialog.levels_field.checks["二级"].setChecked(True)
    category = dialog.rule_fields["category"].combo
    category.setCurrentIndex(category.findText("留守"))
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(dialog.add_rule_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    ((rule, active),) = care.rules(school_id, active_only=False)
    assert active and rule.name == "monthly visit"
    assert (rule.kinds, rule.count, rule.period.value) == (
        frozenset({"家访", "联系监护人"}),
        2,
        "每月",
    )
    assert (rule.risk_levels, rule.category) == (frozenset({1, 2}), "留守")
    assert dialog.tabs.currentIndex() == 1
    assert dialog.rules_model.index(0, 4).data() == "一级、二级儿童；类别：留守"
    assert dialog.kinds_field.value() == []  # cleared for the next rule


def test_the_pairing_limit(qtbot, runner, dialog, care, school_id):
    dialog.tabs.setCurrentIndex(1)
    assert dialog.limit_field.value() == 3
    dialog.limit_field.spin.setValue(5)
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(dialog.save_limit_button, Qt.MouseButton.LeftButton)
    settle(qtbot, runner)
    assert care.pairing_limit(school_id) == 5
    assert "5" in dialog.status_label.text()
