"""学年交接: every class moves up one grade, the top grade graduates, new class teachers are set.

The preview and the handover both come from ``ArchiveService`` on the worker thread; the
handover is one transaction, recorded in every child's change history, and refused when it was
already done this school year. It moves every child still at the school (在册 and 不再留守);
outside June–September the preview warns that this is not the usual time, without blocking.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
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

from ...domain.archive import phone_problem
from ...domain.grades import class_label
from ..messages import show_known_error
from .fields import (
    ERROR,
    ERROR_COLOR,
    PROBLEM_STYLE,
    WARNING_COLOR,
    arg,
    group,
    guarded,
    hint_label,
    set_role,
)

if TYPE_CHECKING:
    from ...services.archive import ArchiveService, ClassInfo, HandoverPlan
    from ..tasks import TaskRunner

_BAD_CELL = QColor("#fde0e0")
NAME, PHONE = 1, 2


@dataclass(frozen=True)
class _Preview:
    plan: HandoverPlan
    classes: list[ClassInfo]


class HandoverDialog(QDialog):
    """Preview the school-year handover, set the new class teachers, apply it.

    ``applied`` carries the :class:`~liushou_desktop.services.changes.Changes`; the dialog
    then closes."""

    applied = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        service: ArchiveService,
        school_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = service
        self._school_id = school_id
        self._plan: HandoverPlan | None = None
        self._current: dict[tuple[int, int], tuple[str, str]] = {}
        self._teacher_keys: list[tuple[int, int]] = []
        self._problems: dict[tuple[int, int], str] = {}
        self._busy = False
        self._applying = False
        self._filling = False
        self.setWindowTitle(self.tr("School-year handover"))
        self.setStyleSheet(PROBLEM_STYLE)
        self.resize(760, 680)
        self._build()
        self._load()

    # -- public -----------------------------------------------------------------------------
    @property
    def plan(self) -> HandoverPlan | None:
        """The previewed plan, once loaded."""
        return self._plan

    @property
    def busy(self) -> bool:
        return self._busy

    def teachers(self) -> dict[tuple[int, int], tuple[str, str]]:
        """The class teachers to write: (new grade, class) → (name, phone), only those that
        differ from what is recorded now."""
        out: dict[tuple[int, int], tuple[str, str]] = {}
        for row, key in enumerate(self._teacher_keys):
            name = self._cell(row, NAME)
            phone = self._cell(row, PHONE)
            if (name, phone) != self._current.get(key, ("", "")):
                out[key] = (name, phone)
        return out

    # -- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.title_label = QLabel(self.tr("School-year handover"))
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        intro = hint_label(
            self.tr(
                "Every class moves up one grade and the top grade graduates. This includes "
                "children who are no longer left behind (不再留守): they are still at the "
                "school. Children who have left (转出, 毕业, 辍学) are left as they are. Each "
                "child's archive is kept and the change goes into its change history."
            )
        )
        self.season_banner = QLabel()
        self.season_banner.setWordWrap(True)
        self.season_banner.setStyleSheet(
            f"background: #fff3cd; color: {WARNING_COLOR}; border: 1px solid #e0a800;"
            " border-radius: 4px; padding: 8px;"
        )
        self.season_banner.hide()
        self.done_banner = QLabel()
        self.done_banner.setWordWrap(True)
        self.done_banner.setStyleSheet(
            f"background: #fde0e0; color: {ERROR_COLOR}; border: 1px solid {ERROR_COLOR};"
            " border-radius: 4px; padding: 8px; font-weight: bold;"
        )
        self.done_banner.hide()

        self.moves_table = QTableWidget(0, 3)
        self.moves_table.setHorizontalHeaderLabels(
            [self.tr("Class now"), self.tr("After the handover"), self.tr("Children")]
        )
        self._plain_table(self.moves_table)
        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)

        self.teachers_table = QTableWidget(0, 3)
        self.teachers_table.setHorizontalHeaderLabels(
            [self.tr("New class"), self.tr("Class teacher"), self.tr("Phone")]
        )
        self.teachers_table.verticalHeader().hide()
        self.teachers_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.teachers_table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.teachers_table.itemChanged.connect(self._teacher_edited)
        self.teacher_message = QLabel()
        self.teacher_message.setWordWrap(True)
        teachers_box = QWidget()
        tb = QVBoxLayout(teachers_box)
        tb.setContentsMargins(0, 0, 0, 0)
        tb.addWidget(
            hint_label(
                self.tr(
                    "Filled in with each class's teacher now, who moves up with the class. "
                    "Change it where another teacher takes over; leave it empty if not known yet."
                )
            )
        )
        tb.addWidget(self.teachers_table, 1)
        tb.addWidget(self.teacher_message)

        self.apply_button = QPushButton(self.tr("Apply handover…"))
        self.apply_button.setAutoDefault(False)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self._confirm_and_apply)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.state_label = QLabel(self.tr("Loading…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.close_button)

        moves_box = QWidget()
        mb = QVBoxLayout(moves_box)
        mb.setContentsMargins(0, 0, 0, 0)
        mb.addWidget(self.moves_table, 1)
        mb.addWidget(self.totals_label)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(intro)
        layout.addWidget(self.done_banner)
        layout.addWidget(self.season_banner)
        layout.addWidget(group(self.tr("Classes"), moves_box), 3)
        layout.addWidget(group(self.tr("New class teachers"), teachers_box), 2)
        layout.addLayout(buttons)

    @staticmethod
    def _plain_table(table: QTableWidget) -> None:
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    # -- loading ------------------------------------------------------------------------------
    def _load(self) -> None:
        service, school_id = self._service, self._school_id
        self._busy = True
        self._runner.run(
            lambda _state: _Preview(
                service.handover_preview(school_id), service.classes(school_id)
            ),
            on_done=guarded(self, self._show_preview),
            on_error=guarded(self, self._load_failed),
        )

    def _load_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.state_label.setText("")
        show_known_error(self, exc)

    def _show_preview(self, preview: _Preview) -> None:
        self._busy = False
        plan = self._plan = preview.plan
        self.title_label.setText(arg(self.tr("School-year handover for %1"), plan.school_year))
        if plan.already_done:
            self.done_banner.setText(
                arg(
                    self.tr(
                        "The handover for the school year %1 has already been done. Doing it "
                        "again would move every child up another grade, so it is not possible."
                    ),
                    plan.school_year,
                )
            )
            self.done_banner.show()
        else:
            self.done_banner.hide()
        if plan.off_season and not plan.already_done:
            self.season_banner.setText(self._off_season_text(plan))
            self.season_banner.show()
        else:
            self.season_banner.hide()
        self._fill_moves(plan)
        self._fill_teachers(plan, preview.classes)
        self.state_label.setText("")
        self._update_apply()

    def _off_season_text(self, plan: HandoverPlan) -> str:
        return arg(
            self.tr(
                "Note: the handover is normally done in the summer holidays (June to "
                "September). Done now, it starts the school year %1: every class moves up a "
                "grade today. Go ahead only if the new school year really begins now."
            ),
            plan.school_year,
        )

    def _fill_moves(self, plan: HandoverPlan) -> None:
        table = self.moves_table
        table.setRowCount(len(plan.moves) + 1)
        graduate = self.tr("Graduates")
        for row, move in enumerate(plan.moves):
            after = (
                class_label(move.new_grade, move.class_no)
                if move.new_grade is not None
                else graduate
            )
            cells = [class_label(move.grade, move.class_no), after, str(move.children)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if move.new_grade is None:
                    item.setForeground(QBrush(QColor("#1a5fb4")))
                table.setItem(row, col, item)
        total_row = len(plan.moves)
        bold = QFont(table.font())
        bold.setBold(True)
        for col, text in enumerate([self.tr("Total"), "", str(plan.promoted + plan.graduating)]):
            item = QTableWidgetItem(text)
            item.setFont(bold)
            if col == 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            table.setItem(total_row, col, item)
        if plan.moves:
            self.totals_label.setText(
                arg(
                    self.tr("%1 children move up a grade, %2 graduate."),
                    plan.promoted,
                    plan.graduating,
                )
            )
        else:
            self.totals_label.setText(self.tr("No child is at the school: nothing to hand over."))

    def _fill_teachers(self, plan: HandoverPlan, classes: list[ClassInfo]) -> None:
        known = {(c.grade, c.class_no): (c.teacher_name, c.teacher_phone) for c in classes}
        self._current = known
        moves = sorted(
            (m for m in plan.moves if m.new_grade is not None),
            key=lambda m: (m.new_grade or 0, m.class_no),
        )
        self._teacher_keys = [(m.new_grade or 0, m.class_no) for m in moves]
        self._filling = True
        try:
            table = self.teachers_table
            table.setRowCount(len(moves))
            for row, m in enumerate(moves):
                assert m.new_grade is not None
                label = QTableWidgetItem(class_label(m.new_grade, m.class_no))
                label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(row, 0, label)
                name, phone = known.get((m.grade, m.class_no), ("", ""))
                table.setItem(row, NAME, QTableWidgetItem(name))
                table.setItem(row, PHONE, QTableWidgetItem(phone))
        finally:
            self._filling = False
        self._check_teachers()

    # -- behaviour ----------------------------------------------------------------------------
    def _cell(self, row: int, col: int) -> str:
        item = self.teachers_table.item(row, col)
        return item.text().strip() if item is not None else ""

    def _teacher_edited(self, _item: QTableWidgetItem) -> None:
        if not self._filling:
            self._check_teachers()
            self._update_apply()

    def _check_teachers(self) -> None:
        self._problems = {}
        self._filling = True
        try:
            for row, key in enumerate(self._teacher_keys):
                item = self.teachers_table.item(row, PHONE)
                if item is None:
                    continue
                problem = phone_problem(item.text().strip())
                if problem:
                    self._problems[key] = problem
                    item.setBackground(QBrush(_BAD_CELL))
                    item.setToolTip(problem)
                else:
                    item.setBackground(QBrush())
                    item.setToolTip("")
        finally:
            self._filling = False
        lines = [f"{class_label(g, c)}：{text}" for (g, c), text in sorted(self._problems.items())]
        self.teacher_message.setText("\n".join(lines))
        set_role(self.teacher_message, ERROR if lines else "")

    def _update_apply(self) -> None:
        plan = self._plan
        self.apply_button.setEnabled(
            plan is not None
            and not plan.already_done
            and bool(plan.moves)
            and not self._problems
            and not self._busy
        )

    def _confirm_and_apply(self) -> None:
        plan = self._plan
        if plan is None or plan.already_done or self._busy or self._problems:
            return
        Btn = QMessageBox.StandardButton
        text = arg(
            self.tr(
                "%1 children will move up a grade and %2 children will graduate, for the "
                "school year %3. This is recorded in the change history."
            ),
            plan.promoted,
            plan.graduating,
            plan.school_year,
        )
        if plan.off_season:
            text += "\n\n" + self._off_season_text(plan)
        answer = QMessageBox.question(
            self, self.tr("School-year handover"), text, Btn.Yes | Btn.No, Btn.No
        )
        if answer != Btn.Yes:
            return
        teachers = self.teachers()
        service = self._service
        self._busy = self._applying = True
        self._update_apply()
        self.teachers_table.setEnabled(False)
        self.state_label.setText(self.tr("Handing over…"))
        self._runner.run(
            lambda _state: service.apply_handover(plan, teachers),
            on_done=guarded(self, self._applied),
            on_error=guarded(self, self._apply_failed),
        )

    def _applied(self, changes: object) -> None:
        self._busy = self._applying = False
        self.state_label.setText("")
        self.applied.emit(changes)
        self.accept()

    def _apply_failed(self, exc: BaseException) -> None:
        self._busy = self._applying = False
        self.teachers_table.setEnabled(True)
        self.state_label.setText("")
        show_known_error(self, exc)
        self._load()  # show what is true now (e.g. done meanwhile from another window)

    def reject(self) -> None:
        if self._applying:
            return  # the handover is being written
        super().reject()
