"""The status dialog checks as you type with the service's own rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox, QWidget

from liushou_desktop.gui.dialogs import StatusDialog
from tests.conftest import TODAY, make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def type_chinese(widget: QWidget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def choose(combo: QComboBox, text: str) -> None:
    at = combo.findText(text)
    assert at >= 0, text
    combo.setCurrentIndex(at)


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a: seen.append(text) or None
    )
    return seen


@pytest.fixture
def open_dialog(
    qtbot, runner, service, school_id, warnings
) -> Iterator[Callable[..., StatusDialog]]:
    dialogs: list[StatusDialog] = []

    def make(status: str = "在册", reason: str = "") -> StatusDialog:
        child_id = service.create(make_archive(school_id)).child_id
        if status != "在册":
            service.change_status(child_id, status, TODAY, reason)
        dialog = StatusDialog(runner, service, child_id, status, TODAY, reason)
        dialogs.append(dialog)
        dialog.show()
        return dialog

    yield make
    for dialog in dialogs:
        qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
        dialog.close()
        dialog.deleteLater()


def message(dialog: StatusDialog, key: str) -> tuple[str, str]:
    box = dialog.fields[key].box
    return box.kind, box.message.text()


def test_offers_another_status_than_the_current_one(open_dialog):
    on_register = open_dialog()
    assert on_register.fields["status"].value() != "在册"
    left = open_dialog("转出", "转入县城小学")
    assert left.fields["status"].value() == "在册"  # coming back
    assert left.errors() == {} and left.ok_button.isEnabled()  # 在册 needs no reason


def test_the_current_status_is_refused_beside_the_field(open_dialog):
    dialog = open_dialog()
    choose(dialog.fields["status"].combo, "在册")
    kind, text = message(dialog, "status")
    assert kind == "error" and "现在已经是“在册”" in text
    assert not dialog.ok_button.isEnabled()
    choose(dialog.fields["status"].combo, "毕业")
    assert message(dialog, "status") == ("", "")


def test_the_reason_is_asked_for_calmly_then_firmly_and_the_button_follows(
    qtbot, open_dialog, service, warnings
):
    dialog = open_dialog()
    choose(dialog.fields["status"].combo, "不再留守")
    kind, text = message(dialog, "status_reason")
    assert kind == "hint" and "请填写原因" in text  # nothing typed yet: grey, not red
    assert dialog.fields["status_reason"].edit.property("problem") != "error"
    assert not dialog.ok_button.isEnabled()

    reason = dialog.fields["status_reason"].edit
    type_chinese(reason, "父亲")
    assert message(dialog, "status_reason") == ("", "")
    assert dialog.ok_button.isEnabled()
    reason.selectAll()
    qtbot.keyClick(reason, Qt.Key.Key_Backspace)
    assert message(dialog, "status_reason")[0] == "error"  # wiped: now it is red
    assert not dialog.ok_button.isEnabled()

    date = dialog.fields["status_date"].edit
    date.setText((TODAY + dt.timedelta(days=1)).isoformat())
    assert message(dialog, "status_date") == ("error", "日期不能晚于今天")
    date.setText(TODAY.isoformat())
    type_chinese(reason, "父亲返乡就业")
    assert dialog.errors() == {} and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert warnings == []
