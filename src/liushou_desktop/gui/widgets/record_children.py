"""Choosing the children a record (or an incident, a dropout) is about.

Search as you type over the archive's rows with :func:`domain.listing.matches` (name, pinyin
initials, ID number, class); Enter or a click adds the child. For a guardians' meeting or a
group visit a whole class can be added at once. The chosen children stand in a row of
"chips"; double-click or Delete removes one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Status
from ...domain.listing import ChildFilter, ChildRow, matches
from .text import arg

_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
_MAX_RESULTS = 40


def child_caption(row: ChildRow) -> str:
    """张三 · 三年级(2)班 — how a child is named in pickers and lists."""
    return f"{row.name} · {row.class_label}"


class ChildPicker(QWidget):
    """Search box, results and the chosen children. ``single``: choosing replaces the choice.

    Rows come from :meth:`set_rows` (``ArchiveService.list_children``); only children on the
    register (在册) are offered, but chosen children of any status keep their name."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, single: bool = False) -> None:
        super().__init__(parent)
        self._single = single
        self._rows: dict[str, ChildRow] = {}
        self._chosen: list[str] = []

        self.search = QLineEdit(self)
        self.search.setObjectName("childSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Type a name, pinyin initials (zs) or class, then Enter")
        )
        self.results = QListWidget(self)
        self.results.setObjectName("childResults")
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        line = self.fontMetrics().height() + 8
        self.results.setFixedHeight(line * 5 + 6)
        self.results.hide()
        self.no_match = QLabel(self.tr("No child on the register matches"), self)
        self.no_match.setObjectName("hint")
        self.no_match.hide()

        self.chosen = QListWidget(self)
        self.chosen.setObjectName("chosenChildren")
        self.chosen.setFlow(QListView.Flow.LeftToRight)
        self.chosen.setWrapping(True)
        self.chosen.setResizeMode(QListView.ResizeMode.Adjust)
        self.chosen.setSpacing(3)
        self.chosen.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.chosen.setFixedHeight(line * (1 if single else 2) + 14)
        self.chosen.setToolTip(self.tr("Double-click a child (or press Delete) to remove"))
        self.chosen.setStyleSheet(
            "QListWidget#chosenChildren::item { background: #e8eef5; border-radius: 4px;"
            " padding: 2px 6px; }"
            "QListWidget#chosenChildren::item:selected { background: #c9daee; color: #1f2933; }"
        )
        self.empty_label = QLabel(self.tr("No child chosen yet"), self)
        self.empty_label.setObjectName("hint")

        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setAutoDefault(False)
        self.class_combo = QComboBox(self)
        self.class_combo.setObjectName("addClass")
        self.class_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.class_combo.setVisible(not single)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.class_combo)
        chosen_row = QHBoxLayout()
        chosen_row.setContentsMargins(0, 0, 0, 0)
        chosen_row.addWidget(self.chosen, 1)
        chosen_row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.results)
        layout.addWidget(self.no_match)
        layout.addWidget(self.empty_label)
        layout.addLayout(chosen_row)

        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._add_current)
        self.search.installEventFilter(self)
        self.results.itemClicked.connect(self._add_item)
        self.results.itemActivated.connect(self._add_item)
        self.chosen.itemDoubleClicked.connect(self._remove_item)
        self.chosen.installEventFilter(self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.class_combo.activated.connect(self._add_class)
        self._show_chosen()

    # -- public -----------------------------------------------------------------------------
    def set_rows(self, rows: Iterable[ChildRow]) -> None:
        """The children to search (every status; only 在册 are offered)."""
        self._rows = {r.id: r for r in rows}
        classes = sorted(
            {(r.grade, r.class_no, r.class_label) for r in self._offered()},
        )
        self.class_combo.clear()
        self.class_combo.addItem(self.tr("Add a whole class…"), None)
        for grade, class_no, label in classes:
            self.class_combo.addItem(label, (grade, class_no))
        self._show_chosen()
        self._search_changed(self.search.text())

    def rows(self) -> list[ChildRow]:
        return list(self._rows.values())

    def child_ids(self) -> list[str]:
        return list(self._chosen)

    def set_child_ids(self, ids: Sequence[str]) -> None:
        wanted = list(dict.fromkeys(ids))
        if self._single:
            wanted = wanted[:1]
        if wanted != self._chosen:
            self._chosen = wanted
            self._show_chosen()
            self.changed.emit()

    def add(self, child_id: str) -> None:
        if self._single:
            self.set_child_ids([child_id])
        elif child_id not in self._chosen:
            self.set_child_ids([*self._chosen, child_id])

    def remove(self, child_id: str) -> None:
        self.set_child_ids([c for c in self._chosen if c != child_id])

    def remove_selected(self) -> None:
        gone = {item.data(_ID_ROLE) for item in self.chosen.selectedItems()}
        if gone:
            self.set_child_ids([c for c in self._chosen if c not in gone])

    def caption(self, child_id: str) -> str:
        row = self._rows.get(child_id)
        return child_caption(row) if row is not None else self.tr("(unknown child)")

    def result_ids(self) -> list[str]:
        """The children the search box currently offers, in order."""
        return [self.results.item(i).data(_ID_ROLE) for i in range(self.results.count())]

    # -- behaviour --------------------------------------------------------------------------
    def _offered(self) -> list[ChildRow]:
        return [r for r in self._rows.values() if r.status == Status.ENROLLED]

    def _search_changed(self, text: str) -> None:
        self.results.clear()
        if not text.strip():
            self.results.hide()
            self.no_match.hide()
            return
        wanted = ChildFilter(text=text, status=Status.ENROLLED.value)
        found = sorted(
            (r for r in self._rows.values() if matches(r, wanted)),
            key=lambda r: (r.grade, r.class_no, r.name_pinyin),
        )
        for row in found[:_MAX_RESULTS]:
            caption = child_caption(row)
            if row.id in self._chosen:
                caption = arg(self.tr("%1 (chosen)"), caption)
            item = QListWidgetItem(caption)
            item.setData(_ID_ROLE, row.id)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
        self.results.setVisible(bool(found))
        self.no_match.setVisible(not found)

    def _add_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._add_item(item)

    def _add_item(self, item: QListWidgetItem) -> None:
        self.add(item.data(_ID_ROLE))
        self.search.clear()
        self.search.setFocus()

    def _remove_item(self, item: QListWidgetItem) -> None:
        self.remove(item.data(_ID_ROLE))

    def _add_class(self, index: int) -> None:
        key = self.class_combo.itemData(index)
        self.class_combo.setCurrentIndex(0)
        if key is None:
            return
        grade, class_no = key
        members = sorted(
            (r for r in self._offered() if (r.grade, r.class_no) == (grade, class_no)),
            key=lambda r: r.name_pinyin,
        )
        self.set_child_ids([*self._chosen, *(r.id for r in members)])

    def _show_chosen(self) -> None:
        self.chosen.clear()
        for child_id in self._chosen:
            item = QListWidgetItem(self.caption(child_id))
            item.setData(_ID_ROLE, child_id)
            self.chosen.addItem(item)
        self.empty_label.setVisible(not self._chosen)
        self.chosen.setVisible(bool(self._chosen))
        self.remove_button.setVisible(bool(self._chosen) and not self._single)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step_result(1 if key == Qt.Key.Key_Down else -1)
                return True
            if watched is self.chosen and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)

    def _step_result(self, step: int) -> None:
        count = self.results.count()
        if count:
            self.results.setCurrentRow(max(0, min(count - 1, self.results.currentRow() + step)))
