"""Dropouts through the page's buttons: register, persuasion visits (劝返), close the case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget

from liushou_desktop.gui.dialogs.dropout_dialog import (
    DropoutAttemptDialog,
    DropoutCloseDialog,
    DropoutRegisterDialog,
)
from liushou_desktop.gui.dialogs.record_form import CareForm
from liushou_desktop.gui.models.record_incidents import DropoutColumn, DropoutsModel
from liushou_desktop.gui.views.incident_dropouts import DropoutsPage
from liushou_desktop.services.care import CareService
from tests.conftest import TODAY, make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

D = dt.date


def type_text(qtbot, widget: QWidget, text: str) -> None:
    if isinstance(widget, QComboBox):
        widget = widget.lineEdit()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


@pytest.fixture(autouse=True)
def no_questions(monkeypatch) -> None:
    """Closing a form with unsaved text asks; in these tests the answer is "discard"."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)


@pytest.fixture
def care(ctx) -> CareService:
    return CareService(ctx)


@pytest.fixture
def kid(service, school_id) -> str:
    return service.create(make_archive(school_id, "王五")).child_id


@pytest.fixture
def page(qtbot, runner, care, service, school_id, kid) -> Iterator[DropoutsPage]:
    p = DropoutsPage(runner, care, service, school_id)
    qtbot.addWidget(p)
    p.resize(1100, 700)
    p.show()
    qtbot.waitUntil(lambda: not p.loading, timeout=5000)
    yield p
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def open_form(qtbot, page: DropoutsPage, button, kind: type[CareForm]) -> CareForm:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    form = page.findChild(kind)
    assert form is not None
    qtbot.waitUntil(lambda: form.save_button.isEnabled(), timeout=5000)
    return form


def save(qtbot, page: DropoutsPage, form: CareForm) -> None:
    with qtbot.waitSignal(page.changed, timeout=5000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)


def test_register_persuade_and_close_a_dropout(qtbot, page, care, school_id, kid):
    assert page.count_label.text() == "No dropouts registered."
    assert not page.attempt_button.isEnabled() and not page.close_button.isEnabled()

    form = open_form(qtbot, page, page.register_button, DropoutRegisterDialog)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.message("child_id") == "Choose the child"
    assert form.message("reason") == "Write why the child left school"
    type_text(qtbot, form.picker.search, "ww")
    qtbot.keyClick(form.picker.search, Qt.Key.Key_Return)
    type_text(qtbot, form.input_widget("reason"), "随父母外出打工")
    save(qtbot, page, form)
    (d,) = care.dropouts(school_id)
    assert (d.child_id, d.registered_on, d.reason) == (kid, TODAY, "随父母外出打工")
    assert page.model.rowCount() == 1 and page.selected() is not None  # the new case is chosen
    assert page.attempt_button.isEnabled()
    assert page.count_label.text() == "1 cases, 1 still being persuaded"

    form = open_form(qtbot, page, page.attempt_button, DropoutAttemptDialog)
    type_text(qtbot, form.input_widget("by"), "班主任、村干部")
    type_text(qtbot, form.input_widget("result"), "家长同意下周返校")
    save(qtbot, page, form)
    assert page.attempts.rowCount() == 1
    assert page.attempts.item(0, 2).text() == "家长同意下周返校"
    last = page.model.index(0, DropoutColumn.LAST_ATTEMPT).data()
    assert last == f"{TODAY.isoformat()} 班主任、村干部：家长同意下周返校"

    form = open_form(qtbot, page, page.close_button, DropoutCloseDialog)
    type_text(qtbot, form.input_widget("outcome"), "劝返未果")
    assert form.message("report") == "Persuasion failed: write the report for the authorities"
    type_text(qtbot, form.input_widget("report"), "三次上门劝返，家长坚持带孩子外出，已报乡镇")
    save(qtbot, page, form)
    (d,) = care.dropouts(school_id)
    assert (d.outcome, d.closed_on) == ("劝返未果", TODAY)
    assert d.report.startswith("三次上门劝返")
    assert page.model.index(0, DropoutColumn.STATE).data() == "Closed"
    assert not page.attempt_button.isEnabled()
    assert "Written report" in page.outcome_label.text()


def test_a_close_date_before_registration_is_refused(qtbot, runner, care, school_id, kid):
    did = care.register_dropout(kid, D(2026, 11, 1), "厌学")
    (d,) = care.dropouts(school_id)
    form = DropoutCloseDialog(runner, care, d)
    qtbot.addWidget(form)
    form.show()
    edit = form.input_widget("closed_on")
    edit.clear()
    type_text(qtbot, edit, "2026-10-01")
    assert form.message("closed_on") == "The case cannot close before it was registered"
    assert did == d.id


def test_dropouts_model_passes_the_model_tester(qtmodeltester, care, school_id, kid):
    did = care.register_dropout(kid, D(2026, 10, 1), "厌学")
    care.add_dropout_attempt(did, D(2026, 10, 3), "班主任", "已返校")
    model = DropoutsModel()
    model.set_rows(care.dropouts(school_id))
    qtmodeltester.check(model)
    assert model.index(0, DropoutColumn.ATTEMPTS).data() == "1"
