"""合并两方: the township decides a 同时修改 conflict by putting the field group together from both
sides, field by field (``SyncService.decide(id, "merge", note, values)``). Each field where the
sides differ offers side 甲's and side 乙's value (the side that wins now is chosen at first);
fields the sides agree on are shown once, read-only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.archive import FIELD_LABELS
from ..messages import show_known_error
from .fields import PROBLEM_STYLE, arg, guarded, hint_label, set_role

if TYPE_CHECKING:
    from ...services.context import ServiceContext
    from ...services.sync import ConflictInfo, ConflictSide
    from ..tasks import TaskRunner

SIDES = ("a", "b")


def winning_side(info: ConflictInfo) -> str:
    """The side whose change wins now: the greater stamp (fixed-width text, so it sorts)."""
    return "b" if info.b.hlc > info.a.hlc else "a"


def group_fields(info: ConflictInfo) -> list[str]:
    """The fields of the conflict's group that either side holds, in the group's order."""
    from ...services.changes import GROUPS

    names = GROUPS.get(info.entity, {}).get(info.field_group, ())
    return [n for n in names if n in info.a.values or n in info.b.values]


class MergeDialog(QDialog):
    """Choose, per differing field, which side's value to keep; ``merged`` carries the
    ``Changes`` of the decision."""

    merged = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        ctx: ServiceContext,
        info: ConflictInfo,
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._ctx = ctx
        self._info = info
        self._busy = False
        self.fields = group_fields(info)
        self.differing = [n for n in self.fields if info.a.values.get(n) != info.b.values.get(n)]
        self.groups: dict[str, QButtonGroup] = {}
        self.radios: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        self.setWindowTitle(self.tr("Merge both sides"))
        self.setMinimumWidth(560)
        self.setStyleSheet(PROBLEM_STYLE)

        title = QLabel(
            arg(
                self.tr("Merge the changes to %1 (%2)"),
                info.child_name or self.tr("(no child)"),
                info.school or self.tr("(no school)"),
            ),
            self,
        )
        title.setObjectName("cardTitle")
        title.setWordWrap(True)
        intro = hint_label(
            self.tr(
                "For each item the two sides changed differently, choose the value to keep. "
                "The side whose change shows now is chosen at first."
            ),
            self,
        )

        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        head_field = QLabel(self.tr("Field"), grid_host)
        head_field.setObjectName("cardTitle")
        grid.addWidget(head_field, 0, 0)
        for column, (caption, side) in enumerate(
            ((self.tr("Side A"), info.a), (self.tr("Side B"), info.b)), start=1
        ):
            head = QLabel(caption, grid_host)
            head.setObjectName("cardTitle")
            grid.addWidget(head, 0, column)
            grid.addWidget(hint_label(self._side_text(side), grid_host), 1, column)
        bold = QFont(self.font())
        bold.setBold(True)
        winner = winning_side(info)
        for row, name in enumerate(self.fields, start=2):
            label = QLabel(FIELD_LABELS.get(name, name), grid_host)
            grid.addWidget(label, row, 0)
            if name in self.differing:
                label.setFont(bold)
                group = QButtonGroup(grid_host)
                pair: list[QRadioButton] = []
                for column, side_key in enumerate(SIDES, start=1):
                    text = self._value_text(self._side(side_key).values.get(name))
                    radio = QRadioButton(text, grid_host)
                    radio.setToolTip(text)
                    radio.setObjectName(f"{name}_{side_key}")
                    group.addButton(radio, column)
                    grid.addWidget(radio, row, column)
                    pair.append(radio)
                pair[SIDES.index(winner)].setChecked(True)
                self.groups[name] = group
                self.radios[name] = (pair[0], pair[1])
            else:
                same = QLabel(self._value_text(info.a.values.get(name)), grid_host)
                same.setTextFormat(Qt.TextFormat.PlainText)
                same.setWordWrap(True)
                same.setToolTip(self.tr("The same on both sides"))
                set_role(same, "hint")
                grid.addWidget(same, row, 1, 1, 2)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(grid_host)

        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(self.tr("Note on the decision (optional)"))
        self.note_edit.setText(note)
        after = hint_label(
            self.tr(
                "The merged values are written into the archive as a new change; every change "
                "stays in the child's history, and the decision reaches the school with its "
                "next bundle."
            ),
            self,
        )
        self.buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self.tr("Merge"), self)
        self.ok_button.setObjectName("primary")
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.merge)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note_edit)
        layout.addWidget(after)
        layout.addWidget(self.buttons)
        self._set_busy(False)

    # -- choices -----------------------------------------------------------------------------
    def _side(self, key: str) -> ConflictSide:
        return self._info.a if key == "a" else self._info.b

    def chosen_side(self, name: str) -> str:
        """ "a" or "b" for a differing field; "a" for one the sides agree on."""
        pair = self.radios.get(name)
        return "b" if pair is not None and pair[1].isChecked() else "a"

    def choose(self, name: str, side: str) -> None:
        """Choose side "a" or "b" for a differing field (for tests and keyboard users alike)."""
        pair = self.radios.get(name)
        if pair is not None:
            pair[SIDES.index(side)].setChecked(True)

    def values(self) -> dict[str, Any]:
        """Every field of the group with the value chosen for it."""
        return {n: self._side(self.chosen_side(n)).values.get(n) for n in self.fields}

    # -- applying ----------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok_button.setEnabled(not busy and bool(self.fields))
        self.note_edit.setEnabled(not busy)
        for a, b in self.radios.values():
            a.setEnabled(not busy)
            b.setEnabled(not busy)

    def merge(self) -> None:
        if self._busy or not self.fields:
            return
        from ...services.sync import SyncService

        sync = SyncService(self._ctx)
        conflict_id = self._info.id
        note = self.note_edit.text().strip()
        values = self.values()
        self._set_busy(True)
        self._runner.run(
            lambda _state: sync.decide(conflict_id, "merge", note, values=values),
            on_done=guarded(self, self._done),
            on_error=guarded(self, self._failed),
        )

    def _done(self, changes: object) -> None:
        self._set_busy(False)
        self.merged.emit(changes)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_known_error(self, exc)

    # -- text --------------------------------------------------------------------------------
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
            self.tr("%1, by %2, %3"),
            side.unit,
            side.author or "—",
            when.strftime("%Y-%m-%d %H:%M") if when else "—",
        )
