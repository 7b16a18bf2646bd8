"""花名册导入记录: every roster import, newest first, and undoing one that still stands.

The undo itself (a confirmation that says what it does, the job on the worker thread, the
result in words) is shared with the import dialog's 撤销这次导入 button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..messages import show_known_error
from .fields import PROBLEM_STYLE, arg, guarded, hint_label

if TYPE_CHECKING:
    from ...services.roster import ImportInfo, RosterService, UndoReport
    from ..tasks import TaskRunner

_WIDTH, _HEIGHT = 900, 460
_GREY = "#5f6368"


# -- undoing an import (shared with the import dialog) -----------------------------------------


def confirm_undo(parent: QWidget, file_name: str, imported: int, updated: int) -> bool:
    """Ask before undoing, saying what undo does and what it leaves alone."""
    text = arg(
        QCoreApplication.translate(
            "RosterUndo",
            "Undo the import of %1?\n\n"
            "• The %2 child(ren) it added are marked 已删除 (deleted). Their archives stay in "
            "the database and the change shows in each archive's history.\n"
            "• The %3 child(ren) it updated get back the values they had before the import.\n"
            "• Left as they are: anything changed by hand since the import, and added children "
            "who already have an assessment, a pairing or a record.",
        ),
        file_name,
        imported,
        updated,
    )
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("RosterUndo", "Undo the import"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def undo_summary(done: UndoReport) -> str:
    """The result of an undo in words (each thing left alone on a line of its own)."""
    lines = [
        arg(
            QCoreApplication.translate(
                "RosterUndo",
                "Import undone: %1 child(ren) it added are now marked deleted, %2 child(ren) "
                "have their earlier values back.",
            ),
            done.removed,
            done.restored,
        )
    ]
    if done.kept:
        lines.append(QCoreApplication.translate("RosterUndo", "Left as they are:"))
        lines.extend(f"  • {line}" for line in done.kept)
    return "\n".join(lines)


def run_undo(
    parent: QWidget,
    runner: TaskRunner,
    service: RosterService,
    import_id: str,
    on_done: Callable[[UndoReport], None],
    on_failed: Callable[[], None] | None = None,
) -> None:
    """Undo on the worker thread; ``on_done`` with the result; an error in a message box,
    then ``on_failed``."""

    def failed(exc: BaseException) -> None:
        show_known_error(parent, exc)
        if on_failed is not None:
            on_failed()

    runner.run(
        lambda _state: service.undo(import_id),
        on_done=guarded(parent, on_done),
        on_error=guarded(parent, failed),
    )


# -- the history ---------------------------------------------------------------------------------
class RosterHistoryDialog(QDialog):
    """The list of imports; 撤销这次导入… for the selected one while it still stands."""

    changed = Signal(object)  # None: an import was undone (the children list must be re-read)

    COLUMNS = 8

    def __init__(
        self, runner: TaskRunner, service: RosterService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = service
        self._imports: list[ImportInfo] = []
        self.setWindowTitle(self.tr("Roster imports"))
        self.setStyleSheet(PROBLEM_STYLE)
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        if room is not None:
            self.resize(min(_WIDTH, room.width() - 40), min(_HEIGHT, room.height() - 60))
        else:
            self.resize(_WIDTH, _HEIGHT)

        intro = hint_label(
            self.tr(
                "Every roster imported into this archive, newest first. An import can be undone "
                "as a whole: the children it added are marked deleted and the children it "
                "updated get their earlier values back."
            )
        )
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Imported at"),
                self.tr("File"),
                self.tr("By"),
                self.tr("Added"),
                self.tr("Updated"),
                self.tr("Unchanged"),
                self.tr("Not imported"),
                self.tr("Undone"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty_label = hint_label(self.tr("No roster has been imported yet."))
        self.empty_label.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.undo_button = QPushButton(self.tr("&Undo this import…"))
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_selected)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.reload()

    # -- the list -----------------------------------------------------------------------------
    def reload(self) -> None:
        service = self._service
        self._runner.run(
            lambda _state: service.imports(),
            on_done=guarded(self, self._show),
            on_error=guarded(self, lambda exc: show_known_error(self, exc)),
        )

    @property
    def imports(self) -> list[ImportInfo]:
        return list(self._imports)

    def _show(self, imports: object) -> None:
        assert isinstance(imports, list)
        selected = self.selected()
        self._imports = imports
        self.table.setRowCount(len(imports))
        for r, info in enumerate(imports):
            undone = f"{info.undone_at:%Y-%m-%d %H:%M}" if info.undone_at else ""
            cells = [
                f"{info.at:%Y-%m-%d %H:%M}",
                info.file_name,
                info.author,
                str(info.imported),
                str(info.updated),
                str(info.unchanged),
                str(info.rejected),
                arg(self.tr("undone %1"), undone) if undone else "",
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if 3 <= c <= 6:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if undone:
                    item.setForeground(QBrush(QColor(_GREY)))
                self.table.setItem(r, c, item)
        self.table.setVisible(bool(imports))
        self.empty_label.setVisible(not imports)
        row = next((r for r, i in enumerate(imports) if selected and i.id == selected.id), -1)
        if row < 0:
            row = next((r for r, i in enumerate(imports) if i.undone_at is None), -1)
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> ImportInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self._imports):
            return None
        return self._imports[rows[0].row()]

    def select(self, import_id: str) -> None:
        for r, info in enumerate(self._imports):
            if info.id == import_id:
                self.table.selectRow(r)

    def _update_buttons(self) -> None:
        info = self.selected()
        self.undo_button.setEnabled(info is not None and info.undone_at is None)

    # -- undo ---------------------------------------------------------------------------------
    def undo_selected(self) -> None:
        info = self.selected()
        if info is None or info.undone_at is not None:
            return
        if not confirm_undo(self, info.file_name, info.imported, info.updated):
            return
        self.undo_button.setEnabled(False)
        self.status_label.setText(self.tr("Undoing the import…"))
        run_undo(self, self._runner, self._service, info.id, self._undone, self._undo_failed)

    def _undo_failed(self) -> None:
        self.status_label.clear()
        self.reload()

    def _undone(self, done: UndoReport) -> None:
        self.status_label.setText(undo_summary(done))
        self.changed.emit(None)
        self.reload()
