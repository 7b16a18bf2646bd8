"""The year-end duty report per teacher (考核) shows CareService.teacher_report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from liushou_desktop.gui.dialogs.duty_report_dialog import DutyReportDialog
from liushou_desktop.services.care import CareService, HelperDraft
from tests.gui.test_dashboard_page import care_school

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def care(ctx) -> CareService:
    return CareService(ctx)


@pytest.fixture
def open_dialog(
    qtbot, runner, care, school_id, monkeypatch
) -> Iterator[Callable[[], DutyReportDialog]]:
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: None)
    dialogs: list[DutyReportDialog] = []

    def make() -> DutyReportDialog:
        d = DutyReportDialog(runner, care, school_id)
        dialogs.append(d)
        d.show()
        qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
        return d

    yield make
    for d in dialogs:
        qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
        d.close()
        d.deleteLater()


def shown(model) -> list[tuple[str, ...]]:
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def test_the_report_of_the_chosen_teacher_and_year(qtbot, open_dialog, service, care, school_id):
    school = care_school(service, care, school_id)
    dialog = open_dialog()
    assert dialog.year_combo.currentData() == "2026-2027"  # the current term's school year
    assert [dialog.year_combo.itemData(n) for n in range(dialog.year_combo.count())] == [
        "2026-2027",
        "2025-2026",
    ]
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.select(school.wang)
    expected = care.teacher_report(school.wang, "2026-2027")
    assert dialog.report == expected
    assert shown(dialog.rules_model) == [
        (d.label, str(d.required), str(d.done), str(d.due), str(d.overdue)) for d in expected.rules
    ]
    assert shown(dialog.kinds_model) == [(k, str(n)) for k, n in expected.records_by_kind.items()]
    assert [r[0] for r in shown(dialog.pairings_model)] == ["王五", "赵六"]
    assert f" {expected.met} " in dialog.summary.text()
    assert f" {expected.missed} " in dialog.summary.text()
    assert expected.missed > 0  # 王五 has monthly visits overdue

    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.select(school.li, "2025-2026")
    assert dialog.report is not None and dialog.report.school_year == "2025-2026"
    assert dialog.pairings_model.rowCount() == 0  # paired in the autumn of 2026


def test_without_teachers_or_terms_it_says_what_to_do(qtbot, open_dialog, care, school_id):
    dialog = open_dialog()
    assert dialog.teacher_combo.count() == 0 and dialog.message.text() != ""
    assert dialog.rules_model.rowCount() == 0
    care.add_helper(school_id, HelperDraft("教师", "李老师", "13900001111"))
    dialog = open_dialog()
    assert dialog.teacher_combo.count() == 1 and dialog.year_combo.count() == 0
    assert dialog.message.text() != "" and dialog.report is None


def test_print_and_print_all_write_the_pdf(
    qtbot, open_dialog, service, care, school_id, tmp_path, monkeypatch
):
    school = care_school(service, care, school_id)
    asked: list[str] = []

    def save_file(parent, caption, directory="", filter=""):
        asked.append(directory)
        return str(tmp_path / directory.removesuffix(".pdf"))  # the suffix is added back

    monkeypatch.setattr("liushou_desktop.gui.file_dialogs.save_file", save_file)
    dialog = open_dialog()
    assert dialog.print_all_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.select(school.wang)
    assert dialog.print_button.isEnabled()
    with qtbot.waitSignal(dialog.printed, timeout=30000) as signal:
        dialog.print_button.click()
    path, warnings = signal.args
    assert Path(asked[-1]).name == "考核表-王老师-2026-2027.pdf" == path.name
    assert Path(asked[-1]).is_absolute()  # proposed in Documents, not where the app started
    assert warnings == [] and b"/Count 1" in path.read_bytes()
    with qtbot.waitSignal(dialog.printed, timeout=30000) as signal:
        dialog.print_all_button.click()
    path, _warnings = signal.args
    assert Path(asked[-1]).name == "考核表-全部教师-2026-2027.pdf"
    assert b"/Count 2" in path.read_bytes()  # 李老师 and 王老师, a page each
