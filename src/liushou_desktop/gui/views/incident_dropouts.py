"""Dropouts (辍学登记): the register of children who stopped coming, each case's persuasion
visits (劝返) and how it ended (复学, or a written report when persuasion failed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Op
from ..dialogs.fields import guarded
from ..messages import show_known_error
from ..models.record_incidents import DropoutColumn, DropoutsModel
from ..session import permitted
from ..widgets.record_table import list_table
from ..widgets.text import arg

if TYPE_CHECKING:
    from ...services.archive import ArchiveService
    from ...services.care import CareService, DropoutInfo
    from ..dialogs.record_form import CareForm
    from ..tasks import TaskRunner

_WIDTHS: dict[int, float] = {
    DropoutColumn.STATE: 4,
    DropoutColumn.REGISTERED_ON: 6,
    DropoutColumn.CHILD: 5,
    DropoutColumn.REASON: 10,
    DropoutColumn.ATTEMPTS: 4,
    DropoutColumn.LAST_ATTEMPT: 20,
    DropoutColumn.OUTCOME: 8,
    DropoutColumn.CLOSED_ON: 6,
}


class DropoutsPage(QWidget):
    """``changed`` after any write (registration, persuasion visit, closing)."""

    changed = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        archive: ArchiveService,
        school_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._care = care
        self._archive = archive
        self._school_id = school_id
        self._generation = 0
        self._loading = False
        self._select_after_load: str | None = None
        self.model = DropoutsModel(self)
        self._build()
        self.reload()

    def _build(self) -> None:
        self.register_button = QPushButton(self.tr("Register a dropout…"), self)
        self.register_button.setObjectName("primary")
        self.register_button.clicked.connect(lambda: self.register_dropout())
        self.attempt_button = QPushButton(self.tr("Persuasion visit…"), self)
        self.attempt_button.clicked.connect(self.add_attempt)
        self.close_button = QPushButton(self.tr("Close the case…"), self)
        self.close_button.clicked.connect(self.close_case)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")

        self.table = list_table(
            self, "dropoutsTable", self.model, _WIDTHS, DropoutColumn.LAST_ATTEMPT
        )
        self.table.selectionModel().currentRowChanged.connect(self._show_selected)
        self.model.modelReset.connect(self._show_selected)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)

        self.attempts = QTableWidget(0, 3, self)
        self.attempts.setObjectName("attemptsTable")
        self.attempts.setHorizontalHeaderLabels([self.tr("Date"), self.tr("By"), self.tr("Result")])
        self.attempts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attempts.verticalHeader().hide()
        self.attempts.setAlternatingRowColors(True)
        self.attempts.setShowGrid(False)
        unit = self.fontMetrics().horizontalAdvance("中")
        self.attempts.setColumnWidth(0, unit * 6 + 20)
        self.attempts.setColumnWidth(1, unit * 8 + 20)
        self.attempts.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.outcome_label = QLabel(self)
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_box = QGroupBox(self.tr("Persuasion visits"), self)
        detail_layout = QVBoxLayout(self.detail_box)
        detail_layout.addWidget(self.attempts, 1)
        detail_layout.addWidget(self.outcome_label)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(self.count_label, 1)
        top.addWidget(self.attempt_button)
        top.addWidget(self.close_button)
        top.addWidget(self.register_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._show_selected()

    # -- loading ----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        self._loading = True
        care, school_id = self._care, self._school_id
        self._runner.run(
            lambda _state: care.dropouts(school_id),
            on_done=guarded(self, lambda rows: self._loaded(generation, rows)),
            on_error=guarded(self, lambda exc: self._failed(generation, exc)),
        )

    def _loaded(self, generation: int, rows: list[DropoutInfo]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.model.set_rows(rows)
        open_count = self.model.open_count()
        self.count_label.setText(
            arg(self.tr("%1 cases, %2 still being persuaded"), len(rows), open_count)
            if rows
            else self.tr("No dropouts registered.")
        )
        if self._select_after_load is not None:
            self.select(self._select_after_load)
            self._select_after_load = None
        elif rows and self.selected() is None:
            self.table.setCurrentIndex(self.model.index(0, 0))  # open cases come first

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            show_known_error(self, exc)

    # -- the selected case ------------------------------------------------------------------
    def selected(self) -> DropoutInfo | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def select(self, dropout_id: str) -> None:
        at = self.model.row_of(dropout_id)
        if at >= 0:
            self.table.setCurrentIndex(self.model.index(at, 0))

    def _show_selected(self) -> None:
        d = self.selected()
        self.attempt_button.setEnabled(d is not None and d.closed_on is None)
        self.close_button.setEnabled(d is not None and d.closed_on is None)
        self.attempts.setRowCount(0)
        if d is None:
            self.detail_box.setTitle(self.tr("Persuasion visits"))
            self.outcome_label.setText(self.tr("Choose a case above to see its visits."))
            return
        self.detail_box.setTitle(arg(self.tr("Persuasion visits: %1"), d.child_name))
        for on, by, result in d.attempts:
            row = self.attempts.rowCount()
            self.attempts.insertRow(row)
            for column, text in enumerate((on.isoformat(), by, result)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.attempts.setItem(row, column, item)
        if d.closed_on is not None:
            text = arg(self.tr("Closed on %1: %2"), d.closed_on.isoformat(), d.outcome)
            if d.report:
                text += "\n" + arg(self.tr("Written report: %1"), d.report)
        elif not d.attempts:
            text = self.tr("No persuasion visit recorded yet.")
        else:
            text = ""
        self.outcome_label.setText(text)
        self.outcome_label.setVisible(bool(text))

    # -- actions ----------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and permitted(self._care.ctx, Op.WRITE_RECORD):
            d = self.model.item(index.row())
            if d.closed_on is None:
                self.add_attempt()

    def register_dropout(self, child_id: str | None = None) -> None:
        from ..dialogs.dropout_dialog import DropoutRegisterDialog

        dialog = DropoutRegisterDialog(
            self._runner, self._care, self._archive, self._school_id, child_id, self
        )
        self._open(dialog)

    def add_attempt(self) -> None:
        from ..dialogs.dropout_dialog import DropoutAttemptDialog

        d = self.selected()
        if d is not None:
            self._open(DropoutAttemptDialog(self._runner, self._care, d, self), d.id)

    def close_case(self) -> None:
        from ..dialogs.dropout_dialog import DropoutCloseDialog

        d = self.selected()
        if d is not None:
            self._open(DropoutCloseDialog(self._runner, self._care, d, self), d.id)

    def _open(self, dialog: CareForm, keep: str | None = None) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda new_id: self._saved(keep or new_id))
        dialog.open()

    def _saved(self, dropout_id: str) -> None:
        self._select_after_load = dropout_id
        self.reload()
        self.changed.emit()
