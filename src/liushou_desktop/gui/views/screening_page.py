"""Holiday safety screening (寒暑假排查): before each winter and summer holiday, every child on
the register is checked for the risks the seeds name (drowning, traffic, falls, poisoning, a
guardian at home, a working phone). One row per child, one check box per item; each tick is
saved at once (``CareService.save_screening``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.care import SCREENING_ITEMS
from ..dialogs.fields import guarded, hint_label
from ..messages import show_known_error
from ..models.record_incidents import (
    CHECKED_ON_COLUMN,
    CLASS_COLUMN,
    FIRST_ITEM_COLUMN,
    NAME_COLUMN,
    NOTES_COLUMN,
    STATE_COLUMN,
    ScreeningModel,
)
from ..widgets.filter_combo import FilterCombo
from ..widgets.record_table import list_table
from ..widgets.text import arg

if TYPE_CHECKING:
    from ...services.archive import ArchiveService
    from ...services.care import CareService, ScreeningInfo
    from ..tasks import TaskRunner


def holiday_choices(today: dt.date) -> list[str]:
    """The coming (or current) holiday first, then the one before: "2027年寒假", "2026年暑假".

    These are data (the stored name of the screening round), written as schools write them."""
    y = today.year
    if today.month <= 1:
        return [f"{y}年寒假", f"{y - 1}年暑假"]
    if today.month <= 7:
        return [f"{y}年暑假", f"{y}年寒假"]
    return [f"{y + 1}年寒假", f"{y}年暑假"]


_WIDTHS: dict[int, float] = {
    NAME_COLUMN: 5,
    CLASS_COLUMN: 7,
    **{FIRST_ITEM_COLUMN + n: len(item) + 0.5 for n, item in enumerate(SCREENING_ITEMS)},
    STATE_COLUMN: 4,
    CHECKED_ON_COLUMN: 6,
}


class ScreeningPage(QWidget):
    """``changed`` after each saved tick."""

    changed = Signal()
    loaded = Signal(str)  # the holiday whose list was (re)loaded

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        archive: ArchiveService | None,
        school_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._care = care
        self._school_id = school_id
        self._generation = 0
        self._loading = False
        self._holiday = ""
        self._order: list[str] = []
        self._infos: dict[str, ScreeningInfo] = {}
        self.model = ScreeningModel(self)
        self.model.edited.connect(self._edited)
        self._build()
        self.set_holiday(holiday_choices(care.ctx.today())[0])

    def _build(self) -> None:
        self.holiday_combo = QComboBox(self)
        self.holiday_combo.setObjectName("holiday")
        self.holiday_combo.setEditable(True)
        self.holiday_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.holiday_combo.addItems(holiday_choices(self._care.ctx.today()))
        self.holiday_combo.setMinimumContentsLength(10)
        line = self.holiday_combo.lineEdit()
        assert line is not None  # an editable combo has one
        line.setPlaceholderText(self.tr("e.g. 2027年寒假"))
        line.returnPressed.connect(self._holiday_entered)
        self.holiday_combo.activated.connect(self._holiday_entered)
        self.class_combo = FilterCombo(self.tr("All classes"), self)
        self.class_combo.currentIndexChanged.connect(self._refilter)
        self.incomplete_check = QCheckBox(self.tr("Only children not completed"), self)
        self.incomplete_check.toggled.connect(self._refilter)
        self.tick_button = QPushButton(self.tr("Tick every item for the selected children"))
        self.tick_button.clicked.connect(self.tick_selected)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        font = self.count_label.font()
        font.setBold(True)
        self.count_label.setFont(font)

        self.table = list_table(
            self, "screeningTable", self.model, _WIDTHS, NOTES_COLUMN, editable=True
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Holiday")))
        top.addWidget(self.holiday_combo)
        top.addSpacing(12)
        top.addWidget(self.class_combo)
        top.addWidget(self.incomplete_check)
        top.addStretch(1)
        top.addWidget(self.count_label)
        bottom = QHBoxLayout()
        bottom.addWidget(
            hint_label(
                self.tr(
                    "Tick each item once it was checked with the family; each tick is saved at "
                    "once. Double-click Notes to write one."
                )
            ),
            1,
        )
        bottom.addWidget(self.tick_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._selection_changed()

    # -- public -----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    def holiday(self) -> str:
        return self._holiday

    def set_holiday(self, name: str) -> None:
        """Show the checklist of the holiday called ``name`` (e.g. "2027年寒假")."""
        name = name.strip()
        if self.holiday_combo.currentText() != name:
            self.holiday_combo.setEditText(name)
        if not name:
            return
        self._holiday = name
        self.reload()

    def reload(self) -> None:
        if not self._holiday:
            return
        self._generation += 1
        generation = self._generation
        self._loading = True
        care, school_id, holiday = self._care, self._school_id, self._holiday
        self._runner.run(
            lambda _state: care.screenings(school_id, holiday),
            on_done=guarded(self, lambda rows: self._loaded(generation, holiday, rows)),
            on_error=guarded(self, lambda exc: self._failed(generation, exc)),
        )

    def completed(self) -> tuple[int, int]:
        """(children completed, children on the register) for the holiday shown."""
        return sum(1 for s in self._infos.values() if s.complete), len(self._infos)

    def tick_selected(self) -> None:
        """Tick every item for the selected rows (each child is saved)."""
        everything = dict.fromkeys(SCREENING_ITEMS, True)
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        for child_id in [self.model.item(r).child_id for r in rows]:
            self.model.set_items(child_id, everything)

    # -- loading ----------------------------------------------------------------------------
    def _holiday_entered(self) -> None:
        name = self.holiday_combo.currentText().strip()
        if name and name != self._holiday:
            self.set_holiday(name)

    def _loaded(self, generation: int, holiday: str, rows: list[ScreeningInfo]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._order = [r.child_id for r in rows]
        self._infos = {r.child_id: r for r in rows}
        labels = list(dict.fromkeys(r.class_label for r in rows))
        self.class_combo.blockSignals(True)
        self.class_combo.set_choices([(label, label) for label in labels])
        self.class_combo.blockSignals(False)
        self._refilter()
        self.loaded.emit(holiday)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            show_known_error(self, exc)

    def _refilter(self) -> None:
        wanted = self.class_combo.value()
        only_open = self.incomplete_check.isChecked()
        rows = [
            self._infos[c]
            for c in self._order
            if (wanted is None or self._infos[c].class_label == wanted)
            and not (only_open and self._infos[c].complete)
        ]
        self.model.set_rows(rows)
        self._update_count()

    def _update_count(self) -> None:
        done, total = self.completed()
        self.count_label.setText(
            arg(self.tr("%1 of %2 children completed"), done, total)
            if total
            else self.tr("No children on the register")
        )

    def _selection_changed(self) -> None:
        self.tick_button.setEnabled(self.table.selectionModel().hasSelection())

    # -- saving -----------------------------------------------------------------------------
    def _edited(self, child_id: str) -> None:
        info = self.model.get(child_id)
        if info is None or not self._holiday:
            return
        self._infos[child_id] = info
        self._update_count()
        self.model.set_saving(child_id, True)
        care, holiday = self._care, self._holiday
        items, notes, today = dict(info.items), info.notes, care.ctx.today()
        generation = self._generation
        self._runner.run(
            lambda _state: care.save_screening(child_id, holiday, items, notes, today),
            on_done=guarded(self, lambda _changes: self._saved(generation, child_id, today)),
            on_error=guarded(self, lambda exc: self._save_failed(child_id, exc)),
        )

    def _saved(self, generation: int, child_id: str, on: dt.date) -> None:
        self.model.set_saving(child_id, False)
        if generation != self._generation:
            return
        info = self._infos.get(child_id)
        if info is not None:
            fresh = dataclasses.replace(info, checked_on=on)
            self._infos[child_id] = fresh
            current = self.model.get(child_id)
            if current is not None:
                self.model.replace(dataclasses.replace(current, checked_on=on))
        self.changed.emit()

    def _save_failed(self, child_id: str, exc: BaseException) -> None:
        self.model.set_saving(child_id, False)
        show_known_error(self, exc)
        self.reload()  # show what is really saved


__all__ = ["ScreeningPage", "holiday_choices"]
