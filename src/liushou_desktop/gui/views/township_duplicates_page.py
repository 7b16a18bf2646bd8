"""重复儿童: children who may be one child entered twice (the same ID number, or the same name,
birth date and guardian phone), usually in two schools. Each pair is shown side by side; the
township decides (``TownshipService.decide_duplicate``): two different children, one child
(B's archive is deleted with a note pointing at A; its history stays), or a transfer (A, the
old school's archive, is marked 转出; B stays)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import NotFound
from ..messages import show_known_error
from ..models.township_models import DuplicatesModel
from ..tasks import TaskRunner, TaskState
from ..widgets.list_table import style_list_table
from ..widgets.text import arg

if TYPE_CHECKING:
    from ...domain.listing import ChildRow
    from ...services.context import ServiceContext
    from ...services.township import DuplicatePair

_DIFF_BACK = QColor("#fff4cc")


def load_pairs(ctx: ServiceContext) -> list[DuplicatePair]:
    from ...services.township import TownshipService

    return TownshipService(ctx).duplicates()


def load_rows(ctx: ServiceContext, a_id: str, b_id: str) -> tuple[ChildRow | None, ...]:
    """(worker) Both children's list rows, for the side-by-side view."""
    from ...services.archive import ArchiveService

    service = ArchiveService(ctx)
    rows: list[ChildRow | None] = []
    for child_id in (a_id, b_id):
        try:
            rows.append(service.row(child_id))
        except NotFound:
            rows.append(None)
    return tuple(rows)


class TownshipDuplicatesPage(QWidget):
    decided = Signal()  # a pair was decided: the ledger reads its list again

    def __init__(self, runner: TaskRunner, ctx: ServiceContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._runner = runner
        self._ctx = ctx
        self._loading = False
        self._busy = False
        self._generation = 0
        self._detail_generation = 0
        self.model = DuplicatesModel(self)
        self._build()
        self._show_pair(None)
        self.reload()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Possible duplicate children"), self)
        title.setObjectName("cardTitle")
        self.count_label = QLabel(self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.refresh_button)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        style_list_table(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        unit = self.fontMetrics().horizontalAdvance("中")
        for column, chars in enumerate((14, 5, 10, 5)):
            self.table.setColumnWidth(column, unit * chars + 24)

        self.empty_label = QLabel(
            self.tr(
                "No possible duplicates: no two children share an ID number, or a name, birth "
                "date and guardian phone."
            ),
            self,
        )
        self.empty_label.setObjectName("hint")
        self.empty_label.setWordWrap(True)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self._detail_panel())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(splitter, 1)
        self.refresh_button.clicked.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    def _detail_panel(self) -> QWidget:
        panel = QWidget(self)
        self.detail_title = QLabel(panel)
        self.detail_title.setObjectName("cardTitle")
        self.detail_title.setWordWrap(True)
        self.compare_table = QTableWidget(0, 3, panel)
        self.compare_table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Child A"), self.tr("Child B")]
        )
        self.compare_table.verticalHeader().hide()
        self.compare_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.compare_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.different_button = QPushButton(self.tr("Different children"), panel)
        self.same_button = QPushButton(self.tr("Same child (merge)"), panel)
        self.transfer_button = QPushButton(self.tr("Transfer"), panel)
        self.different_button.setToolTip(
            self.tr("Two children who happen to match: both archives stay as they are.")
        )
        self.same_button.setToolTip(
            self.tr(
                "One child entered twice: B's archive is deleted with a note pointing at A; "
                "its history stays."
            )
        )
        self.transfer_button.setToolTip(
            self.tr("The child moved from A's school to B's: A is marked transferred out.")
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.different_button)
        buttons.addWidget(self.same_button)
        buttons.addWidget(self.transfer_button)
        hint = QLabel(
            self.tr(
                "Same child: B's archive is deleted (it can be restored) with a note pointing "
                "at A. Transfer: A — the old school's archive — is marked transferred out, B "
                "stays. Different children: nothing changes, and the pair is not shown again."
            ),
            panel,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.compare_table, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        self.different_button.clicked.connect(lambda: self.decide("different"))
        self.same_button.clicked.connect(lambda: self.decide("same"))
        self.transfer_button.clicked.connect(lambda: self.decide("transfer"))
        self.detail_panel = panel
        return panel

    # -- loading -----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        self._loading = True
        self._generation += 1
        generation = self._generation
        ctx = self._ctx

        def load(state: TaskState) -> list[DuplicatePair]:
            return load_pairs(ctx)

        self._runner.run(
            load,
            on_done=lambda pairs: self._loaded(generation, pairs),
            on_error=lambda exc: self._failed(generation, exc),
        )

    def _loaded(self, generation: int, pairs: list[DuplicatePair]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.model.set_pairs(pairs)
        self.count_label.setText(arg(self.tr("%1 pair(s) to decide"), len(pairs)))
        self.empty_label.setVisible(not pairs)
        if pairs:
            self.select(pairs[0].id)
        else:
            self._show_pair(None)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            show_known_error(self, exc)

    # -- the selected pair -------------------------------------------------------------------
    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def select(self, pair_id: str) -> None:
        row = self.model.row_of(pair_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))
            self._show_pair(self.model.pair(pair_id))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        pair_id = self.selected_id()
        self._show_pair(self.model.pair(pair_id) if pair_id else None)

    def _show_pair(self, pair: DuplicatePair | None) -> None:
        self.detail_panel.setVisible(pair is not None)
        self.compare_table.setRowCount(0)
        if pair is None:
            return
        self.detail_title.setText(
            arg(
                self.tr("%1 (%2) and %3 (%4): %5"),
                pair.a_name,
                pair.a_school,
                pair.b_name,
                pair.b_school,
                pair.reason,
            )
        )
        self._set_buttons_enabled(not self._busy)
        self._detail_generation += 1
        generation = self._detail_generation
        ctx = self._ctx
        self._runner.run(
            lambda state: load_rows(ctx, pair.a_id, pair.b_id),
            on_done=lambda rows: self._rows_loaded(generation, rows),
            on_error=lambda exc: show_known_error(self, exc),
        )

    def _rows_loaded(self, generation: int, rows: tuple[ChildRow | None, ...]) -> None:
        if generation != self._detail_generation:
            return
        a, b = rows

        def values(r: ChildRow | None) -> list[str]:
            if r is None:
                return [self.tr("(not found)")] + [""] * 10
            return [
                r.name,
                r.sex,
                r.birth_date.isoformat() if r.birth_date else "",
                r.id_number,
                r.school_name,
                r.class_label,
                r.status,
                f"{r.guardian_name}（{r.guardian_relation}）" if r.guardian_name else "",
                r.guardian_phone,
                r.father_name,
                r.mother_name,
            ]

        labels = [
            self.tr("Name"),
            self.tr("Sex"),
            self.tr("Birth date"),
            self.tr("ID number"),
            self.tr("School"),
            self.tr("Class"),
            self.tr("Status"),
            self.tr("Guardian"),
            self.tr("Guardian phone"),
            self.tr("Father"),
            self.tr("Mother"),
        ]
        left, right = values(a), values(b)
        bold = QFont(self.compare_table.font())
        bold.setBold(True)
        self.compare_table.setRowCount(len(labels))
        for row, (label, x, y) in enumerate(zip(labels, left, right, strict=True)):
            for column, text in enumerate((label, x, y)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column and x == y and x:
                    item.setBackground(QBrush(_DIFF_BACK))  # what makes them look alike
                    item.setFont(bold)
                self.compare_table.setItem(row, column, item)

    # -- deciding ----------------------------------------------------------------------------
    def decide(self, decision: str) -> None:
        """ "different", "same" or "transfer" for the selected pair."""
        pair_id = self.selected_id()
        pair = self.model.pair(pair_id) if pair_id else None
        if pair is None or self._busy:
            return
        if decision == "same" and not self._confirm(
            arg(
                self.tr(
                    "Treat them as one child? The archive of %1 at %2 (B) will be deleted with "
                    "a note pointing at the archive at %3 (A). It can be restored later."
                ),
                pair.b_name,
                pair.b_school,
                pair.a_school,
            )
        ):
            return
        if decision == "transfer" and not self._confirm(
            arg(
                self.tr(
                    "Record a transfer? The archive of %1 at %2 (A) will be marked transferred "
                    "out; the one at %3 (B) stays."
                ),
                pair.a_name,
                pair.a_school,
                pair.b_school,
            )
        ):
            return
        from ...services.township import TownshipService

        service = TownshipService(self._ctx)
        self._busy = True
        self._set_buttons_enabled(False)
        self._runner.run(
            lambda state: service.decide_duplicate(pair.a_id, pair.b_id, decision),
            on_done=lambda _none: self._decided(),
            on_error=self._decide_failed,
        )

    def _confirm(self, text: str) -> bool:
        Btn = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self, self.tr("Possible duplicate"), text, Btn.Yes | Btn.Cancel, Btn.Cancel
        )
        return answer == Btn.Yes

    def _set_buttons_enabled(self, enabled: bool) -> None:
        for button in (self.different_button, self.same_button, self.transfer_button):
            button.setEnabled(enabled)

    def _decided(self) -> None:
        self._busy = False
        self._set_buttons_enabled(True)
        self.decided.emit()
        self.reload()

    def _decide_failed(self, exc: BaseException) -> None:
        self._busy = False
        self._set_buttons_enabled(True)
        show_known_error(self, exc)
