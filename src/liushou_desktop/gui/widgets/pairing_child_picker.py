"""Choosing one or several children of the school: search as you type by name, pinyin
initials or class (``domain.listing.matches``), the children that need it most listed first.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.listing import ChildRow
from ..models.pairing_models import ChildPickModel, PickColumn
from .text import arg


class ChildPicker(QWidget):
    """A search box over a list of children. ``multi``: each row has a check mark and any
    number can be chosen (click a row or press Space); otherwise the selected row is the
    choice. ``selection_changed`` fires whenever the choice changes."""

    selection_changed = Signal()

    def __init__(self, *, multi: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.multi = multi
        self.model = ChildPickModel(self, multi=multi)
        self._single: str | None = None

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Search by name, pinyin initials or class"))
        self.search_box.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        unit = self.fontMetrics().horizontalAdvance("中")
        self.table.setColumnWidth(PickColumn.NAME, unit * 6 + (44 if multi else 24))
        self.table.setColumnWidth(PickColumn.CLASS, unit * 7 + 24)
        self.table.setColumnWidth(PickColumn.RISK, unit * 3 + 20)

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self.search_box.textChanged.connect(self._search)
        # Enter means "to the list" / "choose this row" here, never the dialog's OK button
        self.search_box.installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.clicked.connect(self._clicked)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._restore_single)
        if multi:
            toggle = QShortcut(QKeySequence(Qt.Key.Key_Space), self.table)
            toggle.setContext(Qt.ShortcutContext.WidgetShortcut)
            toggle.activated.connect(self._toggle_current)
        self._update_count()

    # -- public --------------------------------------------------------------------------------
    def set_children(
        self,
        rows: Iterable[ChildRow],
        first: Iterable[str] = (),
        first_note: str = "",
        notes: dict[str, str] | None = None,
    ) -> None:
        """The children to choose from; ``first`` ones are listed first, marked ``first_note``."""
        self.model.set_children(rows, first, first_note, notes)
        self._update_count()

    def set_disabled(self, disabled: dict[str, str]) -> None:
        self.model.set_disabled(disabled)
        if self._single in disabled:
            self._single = None
            self.table.selectionModel().clearSelection()
        self._update_count()
        self.selection_changed.emit()

    def selected_ids(self) -> list[str]:
        if self.multi:
            return self.model.checked()
        return [self._single] if self._single is not None else []

    def select(self, child_ids: Iterable[str]) -> None:
        ids = [i for i in child_ids if not self.model.is_disabled(i)]
        if self.multi:
            for child_id in ids:
                self.model.set_checked(child_id, True)
            self._update_count()
            self.selection_changed.emit()
        elif ids:
            self._single = ids[0] if self.model.get(ids[0]) is not None else None
            self._restore_single()
            self._update_count()
            self.selection_changed.emit()

    def index_of(self, child_id: str) -> QModelIndex:
        """The index of a child's name cell (for tests and keyboard helpers)."""
        at = self.model.row_of(child_id)
        return self.model.index(at, PickColumn.NAME) if at >= 0 else QModelIndex()

    # -- behaviour ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if watched is self.search_box:
                self._focus_list()
                return True
            if watched is self.table:
                self._toggle_current()
                return True
        return super().eventFilter(watched, event)

    def _search(self, text: str) -> None:
        self.model.set_text(text)
        self._update_count()

    def _focus_list(self) -> None:
        if self.model.rowCount() == 0:
            return
        self.table.setFocus()
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))
        if self.model.rowCount() == 1:
            self._choose(self.model.id_at(0))

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._choose(self.model.id_at(index.row()))

    def _toggle_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._choose(self.model.id_at(index.row()))

    def _choose(self, child_id: str) -> None:
        if self.model.is_disabled(child_id):
            return
        if self.multi:
            self.model.toggle(child_id)
        else:
            self._single = child_id
        self._update_count()
        self.selection_changed.emit()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.multi or not current.isValid():
            return
        child_id = self.model.id_at(current.row())
        if child_id != self._single and not self.model.is_disabled(child_id):
            self._single = child_id
            self._update_count()
            self.selection_changed.emit()

    def _restore_single(self) -> None:
        """After a search the chosen child keeps its highlight when still listed."""
        if self.multi or self._single is None:
            return
        at = self.model.row_of(self._single)
        if at < 0:
            return
        index = self.model.index(at, 0)
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        selection.blockSignals(False)
        self.table.viewport().update()
        self.table.scrollTo(index)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        if self.multi:
            text = arg(
                self.tr("%1 chosen · %2 of %3 shown"), len(self.model.checked()), shown, total
            )
        elif self._single is not None and (row := self.model.get(self._single)) is not None:
            text = arg(self.tr("Chosen: %1"), f"{row.name} {row.class_label}")
        else:
            text = arg(self.tr("%1 of %2 shown"), shown, total)
        self.count_label.setText(text)
