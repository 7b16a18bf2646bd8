"""冲突处理: changes that met during merging. Each conflict shows both sides side by side (who
made it, where, when, and the values); the township decides: 采用甲方, 采用乙方 or 两者都保留,
or, for a 同时修改 conflict, 合并… (field by field, ``dialogs/township_merge_dialog.py``), with an
optional note (``SyncService.decide``). Decided conflicts stay listed, greyed, with the decision
and its note; the decision travels to the schools with their next bundle."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..messages import show_known_error
from ..models.township_models import (
    ConflictColumn,
    ConflictsModel,
    differing_fields,
    entity_label,
    field_label,
)
from ..tasks import TaskRunner, TaskState
from ..widgets.list_table import style_list_table
from ..widgets.text import arg

if TYPE_CHECKING:
    from ...services.context import ServiceContext
    from ...services.sync import ConflictInfo, ConflictSide

_DIFF_BACK = QColor("#fff4cc")
_TAG_STYLE = (
    "QLabel { color: #1b5e20; background: #e6f4ea; border: 1px solid #a8d5b5;"
    " border-radius: 8px; padding: 1px 8px; font-weight: bold; }"
)


def load_conflicts(ctx: ServiceContext) -> list[ConflictInfo]:
    """(worker) Every conflict except possible duplicates (those have their own tab)."""
    from ...services.merge import KIND_DUPLICATE
    from ...services.sync import SyncService

    return [c for c in SyncService(ctx).conflicts() if c.kind != KIND_DUPLICATE]


def current_side(info: ConflictInfo) -> str | None:
    """Which side ("a" or "b") the archive holds now, for an undecided 同时修改 conflict.

    The merge keeps the change with the greater stamp (the stamps' strings sort in stamp order),
    equal stamps going to the greater site; a side does not say its site, so a tie (two sites
    stamping the same millisecond and counter) names no side. Other kinds touch different parts
    of the archive (or hold a change back), so neither side simply "wins" there.
    """
    from ...services.merge import KIND_CONCURRENT

    if info.decision or info.kind != KIND_CONCURRENT or not info.a.hlc or not info.b.hlc:
        return None
    a = (info.a.hlc, str(getattr(info.a, "site", "")))
    b = (info.b.hlc, str(getattr(info.b, "site", "")))
    if a == b:
        return None
    return "a" if a > b else "b"


def can_merge(info: ConflictInfo) -> bool:
    """Only a 同时修改 conflict on a known field group can be merged field by field."""
    from ...services.changes import GROUPS
    from ...services.merge import KIND_CONCURRENT

    return info.kind == KIND_CONCURRENT and info.field_group in GROUPS.get(info.entity, {})


class TownshipConflictsPage(QWidget):
    changed = Signal(object)  # Changes of a decision: the ledger refreshes those children
    open_count_changed = Signal(int)

    def __init__(self, runner: TaskRunner, ctx: ServiceContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._runner = runner
        self._ctx = ctx
        self._loading = False
        self._busy = False
        self._generation = 0
        self.model = ConflictsModel(self)
        self._build()
        self._show_detail(None)
        self.reload()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Conflicts"), self)
        title.setObjectName("cardTitle")
        self.count_label = QLabel(self)
        self.open_only_box = QCheckBox(self.tr("Only undecided"), self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.open_only_box)
        top.addWidget(self.refresh_button)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        style_list_table(self.table)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        unit = self.fontMetrics().horizontalAdvance("中")
        for column, chars in (
            (ConflictColumn.STATE, 7),
            (ConflictColumn.KIND, 6),
            (ConflictColumn.SCHOOL, 8),
            (ConflictColumn.CHILD, 5),
            (ConflictColumn.SUBJECT, 14),
            (ConflictColumn.SIDE_A, 12),
        ):
            self.table.setColumnWidth(column, unit * chars + 24)

        self.empty_label = QLabel(
            self.tr(
                "No conflicts. A conflict arises when the township and a school (or two "
                "schools) change the same part of a child's archive before exchanging bundles."
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

        self.open_only_box.toggled.connect(lambda _on: self.reload())
        self.refresh_button.clicked.connect(self.reload)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    def _detail_panel(self) -> QWidget:
        panel = QWidget(self)
        self.detail_title = QLabel(panel)
        self.detail_title.setObjectName("cardTitle")
        self.detail_title.setWordWrap(True)
        self.side_labels: list[QLabel] = []
        self.current_tags: list[QLabel] = []  # 现在生效, beside the side the archive holds
        sides = QGridLayout()
        sides.setHorizontalSpacing(16)
        for column, caption in enumerate([self.tr("Side A"), self.tr("Side B")], start=1):
            head = QLabel(caption, panel)
            head.setObjectName("cardTitle")
            tag = QLabel(self.tr("In effect now"), panel)
            tag.setStyleSheet(_TAG_STYLE)
            tag.setToolTip(
                self.tr(
                    "The archive holds this side's values now: of two changes made without "
                    "seeing each other, the later one is in effect until the township decides."
                )
            )
            tag.hide()
            head_row = QHBoxLayout()
            head_row.setSpacing(8)
            head_row.addWidget(head)
            head_row.addWidget(tag)
            head_row.addStretch(1)
            info = QLabel(panel)
            info.setWordWrap(True)
            info.setTextFormat(Qt.TextFormat.PlainText)
            sides.addLayout(head_row, 0, column)
            sides.addWidget(info, 1, column)
            self.current_tags.append(tag)
            sides.setColumnStretch(column, 1)
            self.side_labels.append(info)
        sides.setColumnMinimumWidth(0, self.fontMetrics().horizontalAdvance("中") * 8)

        self.values_table = QTableWidget(0, 3, panel)
        self.values_table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Side A"), self.tr("Side B")]
        )
        self.values_table.verticalHeader().hide()
        self.values_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.values_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        values_header = self.values_table.horizontalHeader()
        values_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        values_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        values_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.decision_label = QLabel(panel)
        self.decision_label.setWordWrap(True)
        self.note_edit = QLineEdit(panel)
        self.note_edit.setPlaceholderText(self.tr("Note on the decision (optional)"))
        self.take_a_button = QPushButton(self.tr("Take side A"), panel)
        self.take_b_button = QPushButton(self.tr("Take side B"), panel)
        self.keep_both_button = QPushButton(self.tr("Keep both"), panel)
        self.keep_both_button.setToolTip(
            self.tr(
                "Keep both: change nothing. The values in effect now (marked “In effect now”) "
                "stay in the archive, the other side's change stays in the child's history, and "
                "the conflict is marked as looked at."
            )
        )
        self.merge_button = QPushButton(self.tr("Merge…"), panel)
        self.merge_button.setToolTip(
            self.tr(
                "Put the two sides together item by item: for each item they changed "
                "differently, choose whose value to keep."
            )
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.note_edit, 1)
        buttons.addWidget(self.take_a_button)
        buttons.addWidget(self.take_b_button)
        buttons.addWidget(self.keep_both_button)
        buttons.addWidget(self.merge_button)
        hint = QLabel(
            self.tr(
                "Taking a side writes its values into the archive; every change stays in the "
                "child's history, and the decision reaches the school with its next bundle."
            ),
            panel,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.detail_title)
        layout.addLayout(sides)
        layout.addWidget(self.values_table, 1)
        layout.addWidget(self.decision_label)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        self.take_a_button.clicked.connect(lambda: self.decide("a"))
        self.take_b_button.clicked.connect(lambda: self.decide("b"))
        self.keep_both_button.clicked.connect(lambda: self.decide("both"))
        self.merge_button.clicked.connect(self.open_merge)
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

        def load(state: TaskState) -> list[ConflictInfo]:
            return load_conflicts(ctx)

        self._runner.run(
            load,
            on_done=lambda rows: self._loaded(generation, rows),
            on_error=lambda exc: self._failed(generation, exc),
        )

    def _loaded(self, generation: int, conflicts: list[ConflictInfo]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        selected = self.selected_id()
        all_open = sum(1 for c in conflicts if not c.decision)
        shown = (
            [c for c in conflicts if not c.decision]
            if self.open_only_box.isChecked()
            else conflicts
        )
        self.model.set_conflicts(shown)
        self.count_label.setText(
            arg(self.tr("%1 undecided, %2 decided"), all_open, len(conflicts) - all_open)
        )
        self.empty_label.setVisible(not conflicts)
        self.open_count_changed.emit(all_open)
        target = selected if selected and self.model.row_of(selected) >= 0 else None
        if target is None and self.model.rowCount():
            target = self.model.row_id(0)
        if target is not None:
            self.select(target)
        else:
            self._show_detail(None)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            show_known_error(self, exc)

    # -- the selected conflict ---------------------------------------------------------------
    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def select(self, conflict_id: str) -> None:
        row = self.model.row_of(conflict_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))
            self._show_detail(self.model.conflict(conflict_id))

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        conflict_id = self.selected_id()
        self._show_detail(self.model.conflict(conflict_id) if conflict_id else None)

    def _show_detail(self, info: ConflictInfo | None) -> None:
        self.detail_panel.setVisible(info is not None)
        if info is None:
            return
        self.detail_title.setText(
            arg(
                self.tr("%1 — %2, %3: %4"),
                info.kind,
                info.child_name or self.tr("(no child)"),
                info.school or self.tr("(no school)"),
                entity_label(info.entity),
            )
        )
        for label, side in zip(self.side_labels, (info.a, info.b), strict=True):
            label.setText(self._side_text(side))
        current = current_side(info)
        for tag, which in zip(self.current_tags, ("a", "b"), strict=True):
            tag.setVisible(current == which)
        now = self.tr(" (in effect now)")
        self.values_table.setHorizontalHeaderLabels(
            [
                self.tr("Field"),
                self.tr("Side A") + (now if current == "a" else ""),
                self.tr("Side B") + (now if current == "b" else ""),
            ]
        )
        names = list(dict.fromkeys([*info.a.values, *info.b.values]))
        differing = set(differing_fields(info))
        self.values_table.setRowCount(len(names))
        bold = QFont(self.values_table.font())
        bold.setBold(True)
        for row, name in enumerate(names):
            cells = [
                field_label(name),
                self._value_text(info.a.values.get(name)),
                self._value_text(info.b.values.get(name)),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if name in differing:
                    item.setBackground(QBrush(_DIFF_BACK))
                    item.setFont(bold)
                self.values_table.setItem(row, column, item)
        self.note_edit.clear()
        decided = bool(info.decision)
        if decided:
            when = str(info.decided_on) if info.decided_on else ""
            text = arg(self.tr("Decided: %1 (by %2, %3)"), info.decision, info.decided_by, when)
            if info.note:
                text += "\n" + arg(self.tr("Note: %1"), info.note)
            self.decision_label.setText(text)
        else:
            self.decision_label.setText(
                self.tr("Not decided yet. Fields where the sides differ are highlighted.")
            )
        self.decision_label.setObjectName("hint" if decided else "")
        self.decision_label.style().unpolish(self.decision_label)  # the colour follows the name
        self.decision_label.style().polish(self.decision_label)
        self._update_buttons(info)

    def _update_buttons(self, info: ConflictInfo | None) -> None:
        open_ = info is not None and not info.decision and not self._busy
        for widget in (
            self.note_edit,
            self.take_a_button,
            self.take_b_button,
            self.keep_both_button,
        ):
            widget.setEnabled(open_)
        self.merge_button.setEnabled(open_ and info is not None and can_merge(info))

    def _value_text(self, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        if isinstance(value, list | tuple):
            return "、".join(str(v) for v in value) or "—"
        return str(value)

    def _side_text(self, side: ConflictSide) -> str:
        when = side.when
        return arg(
            self.tr("%1\nby %2\n%3"),
            side.unit,
            side.author or "—",
            when.strftime("%Y-%m-%d %H:%M") if when else "—",
        )

    # -- deciding ----------------------------------------------------------------------------
    def decide(self, choice: str) -> None:
        """Decide the selected conflict: "a", "b" or "both", with the note typed."""
        conflict_id = self.selected_id()
        if conflict_id is None or self._busy:
            return
        from ...services.sync import SyncService

        sync = SyncService(self._ctx)
        note = self.note_edit.text()
        self._set_busy(True)
        self._runner.run(
            lambda state: sync.decide(conflict_id, choice, note),
            on_done=self._decided,
            on_error=self._decide_failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        conflict_id = self.selected_id()
        self._update_buttons(self.model.conflict(conflict_id) if conflict_id else None)

    def open_merge(self) -> None:
        """合并…: the dialog that puts the selected 同时修改 conflict together field by field."""
        conflict_id = self.selected_id()
        info = self.model.conflict(conflict_id) if conflict_id else None
        if info is None or self._busy or info.decision or not can_merge(info):
            return
        from ..dialogs.township_merge_dialog import MergeDialog

        dialog = MergeDialog(self._runner, self._ctx, info, self.note_edit.text(), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(self._decided)
        dialog.open()

    def _decided(self, changes: object) -> None:
        self._set_busy(False)
        self.changed.emit(changes)
        self.reload()

    def _decide_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_known_error(self, exc)
        self.reload()
