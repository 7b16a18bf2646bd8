"""The records page: newest first, filters, corrected versions, the read-only view and its
"Correct…" button; the table model checked with qtmodeltester."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from liushou_desktop.gui.dialogs.record_dialog import RecordDialog, forget_helpers
from liushou_desktop.gui.dialogs.record_viewer import RecordViewer
from liushou_desktop.gui.models.record_model import RecordColumn, RecordFilter, RecordsModel
from liushou_desktop.gui.views.record_page import RecordsPage
from liushou_desktop.gui.widgets.record_attachments import AttachmentPreview
from liushou_desktop.services.care import CareService, HelperDraft, RecordDraft
from tests.conftest import make_archive

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

D = dt.date


def png_bytes() -> bytes:
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#47a"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.fixture
def care(ctx) -> CareService:
    return CareService(ctx)


@pytest.fixture
def data(care, service, school_id):
    kids = [
        service.create(make_archive(school_id, name, serial=i, grade=2 + i, class_no=1)).child_id
        for i, name in enumerate(["张三", "李四", "王五"])
    ]
    teacher = care.add_helper(school_id, HelperDraft("教师", "李老师", "13900001111"))
    visit = care.add_record(
        school_id,
        RecordDraft(
            "家访",
            D(2026, 11, 20),
            [kids[0]],
            "登门家访",
            mode="登门",
            helper_id=teacher,
            details={"visitors": "李老师", "met": "祖母", "problems": ["缺少关爱"]},
            attachments=[("合影.png", png_bytes()), ("登记表.pdf", b"%PDF-1.4")],
        ),
    )
    talk = care.add_record(school_id, RecordDraft("谈心", D(2026, 10, 9), [kids[1]], "谈学习"))
    meeting = care.add_record(
        school_id, RecordDraft("监护人座谈会", D(2026, 9, 20), kids, "座谈会")
    )
    return kids, teacher, {"visit": visit, "talk": talk, "meeting": meeting}


@pytest.fixture
def page(qtbot, runner, care, service, school_id, data, monkeypatch) -> Iterator[RecordsPage]:
    forget_helpers()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    p = RecordsPage(runner, care, service, school_id)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    qtbot.waitUntil(lambda: not p.loading, timeout=5000)
    yield p
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)


def shown_ids(page: RecordsPage) -> list[str]:
    return [page.model.record(r).id for r in range(page.model.rowCount())]


def cell(page: RecordsPage, row: int, column: RecordColumn) -> str:
    return page.model.index(row, column).data()


def test_newest_first_with_names_and_counts(page, data):
    _kids, _teacher, ids = data
    assert shown_ids(page) == [ids["visit"], ids["talk"], ids["meeting"]]
    assert cell(page, 0, RecordColumn.DATE) == "2026-11-20"
    assert cell(page, 0, RecordColumn.KIND) == "家访"
    assert cell(page, 0, RecordColumn.MODE) == "登门"
    assert cell(page, 0, RecordColumn.CHILDREN) == "张三"
    assert cell(page, 0, RecordColumn.HELPER) == "李老师"
    assert cell(page, 0, RecordColumn.AUTHOR) == "测试员"
    assert cell(page, 0, RecordColumn.FILES) == "2"
    assert set(cell(page, 2, RecordColumn.CHILDREN).split("、")) == {"张三", "李四", "王五"}
    assert page.count_label.text() == "3 records, 3 shown"


def test_filters_by_kind_child_and_dates(qtbot, page, data):
    _kids, _teacher, ids = data
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("谈心"))
    assert shown_ids(page) == [ids["talk"]]
    page.kind_combo.setCurrentIndex(0)

    qtbot.keyClicks(page.search_box, "ls")  # 李四
    qtbot.waitUntil(lambda: len(shown_ids(page)) == 2)
    assert shown_ids(page) == [ids["talk"], ids["meeting"]]
    page.search_box.clear()

    qtbot.keyClicks(page.since_field.edit, "2026-10-01")
    qtbot.keyClicks(page.until_field.edit, "2026-10-31")
    qtbot.waitUntil(lambda: shown_ids(page) == [ids["talk"]])
    assert page.count_label.text() == "3 records, 1 shown"
    page.until_field.edit.clear()
    qtbot.keyClicks(page.until_field.edit, "oops")
    qtbot.waitUntil(lambda: page.until_field.box.kind == "error")
    assert shown_ids(page) == [ids["visit"], ids["talk"]]  # a date that is no date: no limit


def test_corrected_versions_are_marked_when_asked_for(qtbot, page, care, data):
    kids, _teacher, ids = data
    new = care.correct_record(ids["talk"], RecordDraft("谈心", D(2026, 10, 10), [kids[1]], "改"))
    page.reload()
    qtbot.waitUntil(lambda: not page.loading)
    assert ids["talk"] not in shown_ids(page) and new in shown_ids(page)
    assert cell(page, shown_ids(page).index(new), RecordColumn.VERSION) == "Correction"
    page.superseded_check.setChecked(True)
    qtbot.waitUntil(lambda: ids["talk"] in shown_ids(page))
    assert cell(page, shown_ids(page).index(ids["talk"]), RecordColumn.VERSION) == "Corrected"


def _open_viewer(qtbot, page: RecordsPage, row: int) -> RecordViewer:
    rect = page.table.visualRect(page.model.index(row, RecordColumn.SUMMARY))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    viewer = page.findChild(RecordViewer)
    assert viewer is not None
    return viewer


def test_double_click_shows_the_record_with_thumbnails_and_a_larger_preview(qtbot, page):
    viewer = _open_viewer(qtbot, page, 0)
    qtbot.waitUntil(lambda: len(viewer.strip.attachments()) == 2, timeout=5000)
    assert viewer.text_of("Who was met") == "祖母"
    assert viewer.text_of("Problems found") == "缺少关爱"
    assert viewer.text_of("Helper") == "李老师"
    assert viewer.text_of("Diet") == ""  # empty fields are not shown
    image, scan = viewer.strip.attachments()
    assert image.is_image and not scan.is_image
    assert not viewer.strip.add_button.isVisibleTo(viewer)

    item = viewer.strip.list.item(0)
    viewer.strip.list.itemActivated.emit(item)
    preview = viewer.strip.findChild(AttachmentPreview)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.image_label.pixmap().width() == 300, timeout=5000)
    preview.accept()
    viewer.accept()


def test_correct_from_the_viewer_opens_a_prefilled_dialog_and_reloads(qtbot, page, care, data):
    kids, _teacher, ids = data
    viewer = _open_viewer(qtbot, page, 1)
    assert viewer.record.id == ids["talk"]
    qtbot.mouseClick(viewer.correct_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(RecordDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    assert dialog.kind_button("谈心").isChecked()
    event = QInputMethodEvent()
    event.setCommitString("（补充）")
    QApplication.sendEvent(dialog.input_widget("summary"), event)
    with qtbot.waitSignal(page.changed, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.loading and ids["talk"] not in shown_ids(page))
    (current,) = [r for r in care.records(child_id=kids[1]) if r.kind == "谈心"]
    assert current.corrects == ids["talk"] and "（补充）" in current.summary
    assert page.table.currentIndex().row() == shown_ids(page).index(current.id)


def test_a_corrected_version_cannot_be_corrected_again(qtbot, page, care, data):
    kids, _teacher, ids = data
    care.correct_record(ids["talk"], RecordDraft("谈心", D(2026, 10, 10), [kids[1]], "改"))
    page.superseded_check.setChecked(True)
    qtbot.waitUntil(lambda: len(shown_ids(page)) == 4)
    viewer = _open_viewer(qtbot, page, shown_ids(page).index(ids["talk"]))
    assert not viewer.correct_button.isEnabled()
    viewer.accept()


def test_write_a_record_button_opens_the_dialog(qtbot, page):
    qtbot.mouseClick(page.write_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(RecordDialog)
    assert isinstance(dialog, QDialog) and dialog.windowTitle() == "Write a record"
    qtbot.waitUntil(lambda: dialog.loaded, timeout=5000)
    dialog.reject()


def test_records_model_passes_the_model_tester(qtmodeltester, care, school_id, data):
    kids, teacher, _ids = data
    model = RecordsModel()
    model.set_rows(care.records(school_id), {k: "x" for k in kids}, {teacher: "李老师"})
    qtmodeltester.check(model)
    model.set_filter(RecordFilter(kind="家访"))
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_export_to_excel_writes_the_records_shown(qtbot, page, data, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    monkeypatch.setattr(
        "liushou_desktop.gui.file_dialogs.save_file", lambda *a, **k: str(tmp_path / "记录")
    )
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("谈心"))
    assert page.model.rowCount() == 1
    with qtbot.waitSignal(page.exported, timeout=30000) as signal:
        page.export_button.click()
    [path] = signal.args
    assert path == tmp_path / "记录.xlsx"
    ws = load_workbook(path)["记录"]
    assert "类型：谈心" in ws["A1"].value and "共 1 条" in ws["A1"].value
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert [(r[2], r[4], r[7]) for r in rows] == [("谈心", "李四", "谈学习")]
    page.kind_combo.setCurrentIndex(0)  # every kind: three records, newest first
    with qtbot.waitSignal(page.exported, timeout=30000) as signal:
        page.export_button.click()
    ws = load_workbook(signal.args[0])["记录"]
    assert [r[2] for r in ws.iter_rows(min_row=3, values_only=True)] == [
        "家访",
        "谈心",
        "监护人座谈会",
    ]
    assert ws.cell(3, 5).value == "张三" and ws.cell(3, 6).value == "李老师"
