"""The import results: long messages wrap (no sideways scrolling), files for another unit last."""

from __future__ import annotations

from PySide6.QtCore import Qt

from liushou_desktop.gui import i18n
from liushou_desktop.gui.dialogs.sync_results_dialog import SyncImportResultsDialog
from liushou_desktop.services.sync import ImportResult

LONG = (
    "同步包的签名无效：文件在传输或复制过程中可能被改动或损坏，也可能不是乡镇或本校发出的。"
    "请重新从对方那里复制一份同步包，再导入一次；如果仍然不行，请联系乡镇中心校核对登记信息。"
)


def results() -> list[ImportResult]:
    return [
        ImportResult("/stick/for-another.lsync", "skipped", message="这个同步包是发给小河小学的"),
        ImportResult("/stick/a.lsync", "merged", message="合并了 12 项修改", sender="大山小学"),
        ImportResult(
            "/stick/damaged-bundle-from-dashan-primary-school-2026-03-08.lsync",
            "rejected",
            reason="bad_signature",
            message=LONG,
            sender="大山小学",
            conflicts=3,
            warnings=["提醒：" + LONG],
        ),
    ]


def test_long_messages_wrap_inside_a_small_screen(qtbot, qapp):
    i18n.install_translators(qapp)
    try:
        dialog = SyncImportResultsDialog(results())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.width() <= 1366 and dialog.height() <= 768
        table = dialog.table
        header = table.horizontalHeader()
        # every column fits: no sideways scrolling to reach 冲突 and 提醒
        assert header.length() <= table.viewport().width() + 1
        assert table.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        # the refused file's message wraps onto several lines and is whole in its tooltip
        refused = next(r for r in range(table.rowCount()) if dialog.cell(r, 1) == "被拒绝")
        line = table.fontMetrics().height()
        assert table.rowHeight(refused) > 2 * line
        assert table.item(refused, 3).text() == LONG
        assert table.item(refused, 3).toolTip() == LONG
        assert dialog.cell(refused, 4) == "3"
        assert header.sectionSize(3) > header.sectionSize(0)  # the message column has the room
    finally:
        i18n.remove_translators()


def test_files_for_another_unit_are_greyed_and_last(qtbot, qapp):
    i18n.install_translators(qapp)
    try:
        dialog = SyncImportResultsDialog(results())
        qtbot.addWidget(dialog)
        table = dialog.table
        last = table.rowCount() - 1
        assert dialog.cell(last, 0) == "for-another.lsync"
        assert dialog.cell(last, 1) == "已跳过（不是发给本单位的）"
        grey = table.item(last, 3).foreground().color().name()
        assert grey == table.item(last, 0).foreground().color().name() == "#9aa0a6"
        assert [dialog.cell(r, 0) for r in range(last)] == [
            "a.lsync",
            "damaged-bundle-from-dashan-primary-school-2026-03-08.lsync",
        ]  # the others keep the import's order
        assert "已跳过" in dialog.headline_label.text()
    finally:
        i18n.remove_translators()
