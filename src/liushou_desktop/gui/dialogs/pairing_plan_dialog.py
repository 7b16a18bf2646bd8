"""A pairing's help plan (帮扶计划) and its term reviews of staged results (阶段性效果).

The plan is four texts saved together (``CareService.save_plan``); reviews are added one by
one (``add_review``: term, date, 进步/持平/退步, notes) and never edited, so the record of
progress and regress (进步退步情况) stays as it was written. The chips in the header show the
result of each term at a glance.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
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

from ...domain.access import Op
from ...domain.care import Progress
from ...domain.duties import Term, current_term
from ...domain.errors import KnownError, ValidationFailed
from ..messages import show_known_error
from ..models.pairing_models import PROGRESS_ARROWS, progress_by_term
from ..session import permitted
from ..widgets.pairing_progress import CHIP_COLOURS, ProgressChips
from ..widgets.screen import fit_to_screen
from .fields import (
    ERROR,
    PROBLEM_STYLE,
    ChoiceField,
    DateField,
    Field,
    FormGrid,
    NoteField,
    arg,
    guarded,
    hint_label,
)

if TYPE_CHECKING:
    from ...services.care import CareService, PairingInfo, ReviewInfo
    from ..tasks import TaskRunner

PLAN_KEYS = ("study_situation", "help_times", "content", "goals")


def suggested_term(terms: Sequence[Term], today: dt.date) -> str:
    """The term a review written today is about: the current one, or the last one ended."""
    term = current_term(terms, today)
    return term.name if term is not None else ""


class PlanDialog(QDialog):
    """Edit the plan and add reviews of one pairing. ``changed`` fires after each write."""

    changed = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        pairing: PairingInfo,
        terms: Sequence[Term] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._care = care
        self._pairing = pairing
        self._reviews: list[ReviewInfo] = []
        self._saved_plan = {k: getattr(pairing, k) for k in PLAN_KEYS}
        self._busy = False
        self._review_touched: set[str] = set()
        self._review_show_all = False
        self._review_errors: dict[str, str] = {}
        self._close_after_save = False
        self.loaded = False
        self.setWindowTitle(arg(self.tr("Help plan: %1"), pairing.child_name))
        self.setStyleSheet(PROBLEM_STYLE)
        self.setSizeGripEnabled(True)
        fit_to_screen(self, 900, 720)

        self._build_header()
        plan_box = self._build_plan()
        reviews_box = self._build_reviews(terms)
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        columns.addWidget(plan_box, 1)
        columns.addWidget(reviews_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.header)
        layout.addLayout(columns, 1)
        layout.addWidget(self.close_buttons)

        for key, field in self.plan_fields.items():
            field.set_value(self._saved_plan[key])
            field.on_change(self._plan_edited)
        for key, field in self.review_fields.items():
            field.on_change(partial(self._review_edited, key))
        self._plan_edited()
        self._revalidate_review()
        self._show_permissions()
        self._load_reviews()

    def _show_permissions(self) -> None:
        """The plan is the administrator's (Op.MANAGE_CARE), reviews are written by whoever
        writes records; a reader's account (督导/只读) sees both and changes nothing."""
        ctx = self._care.ctx
        self.plan_editable = permitted(ctx, Op.MANAGE_CARE)
        self.reviews_editable = permitted(ctx, Op.WRITE_RECORD)
        if not self.plan_editable:
            for field in self.plan_fields.values():
                editor = getattr(field, "edit", None)
                if editor is not None:
                    editor.setReadOnly(True)
            self.save_plan_button.hide()
        self.new_review_box.setVisible(self.reviews_editable)

    # -- building -------------------------------------------------------------------------------
    def _build_header(self) -> None:
        p = self._pairing
        title = QLabel(f"{p.child_name}  ·  {p.class_label}")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        since = arg(self.tr("%1, %2, since %3"), p.helper_name, p.role, p.start_date.isoformat())
        if p.end_date is not None:
            since += arg(self.tr("; ended %1 (%2)"), p.end_date.isoformat(), p.end_reason)
        subtitle = QLabel(since)
        subtitle.setObjectName("hint")
        self.chips = ProgressChips()
        self.chips_label = QLabel()
        self.chips_label.setObjectName("hint")
        legend = "  ".join(f"{PROGRESS_ARROWS[v.value]} {v.value}" for v in Progress)
        self.legend = QLabel(legend)
        self.legend.setObjectName("hint")
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(title)
        names.addWidget(subtitle)
        progress = QVBoxLayout()
        progress.setSpacing(2)
        chips_row = QHBoxLayout()
        chips_row.addWidget(QLabel(self.tr("Progress by term:")))
        chips_row.addWidget(self.chips)
        chips_row.addWidget(self.chips_label)
        progress.addLayout(chips_row)
        progress.addWidget(self.legend, 0, Qt.AlignmentFlag.AlignRight)
        self.header = QHBoxLayout()
        self.header.addLayout(names, 1)
        self.header.addLayout(progress)

    def _build_plan(self) -> QGroupBox:
        self.plan_fields: dict[str, Field] = {
            "study_situation": NoteField(4, self.tr("e.g. 数学基础弱，作业常拖欠")),
            "help_times": NoteField(2, self.tr("e.g. 每周二、四放学后")),
            "content": NoteField(4, self.tr("e.g. 辅导数学作业，每周谈心一次")),
            "goals": NoteField(3, self.tr("e.g. 期末数学及格，按时完成作业")),
        }
        grid = FormGrid(columns=1)
        grid.add(self.tr("Study situation"), self.plan_fields["study_situation"].box)
        grid.add(self.tr("Help times"), self.plan_fields["help_times"].box)
        grid.add(self.tr("Content"), self.plan_fields["content"].box)
        grid.add(self.tr("Goals"), self.plan_fields["goals"].box)
        self.plan_state = QLabel()
        self.plan_state.setObjectName("hint")
        self.save_plan_button = QPushButton(self.tr("Save plan"))
        self.save_plan_button.setObjectName("primary")
        self.save_plan_button.setAutoDefault(False)
        self.save_plan_button.clicked.connect(self.save_plan)
        row = QHBoxLayout()
        row.addWidget(self.plan_state, 1)
        row.addWidget(self.save_plan_button)
        box = QGroupBox(self.tr("Help plan"))
        layout = QVBoxLayout(box)
        layout.addWidget(grid)
        layout.addStretch(1)
        layout.addLayout(row)
        return box

    def _build_reviews(self, terms: Sequence[Term]) -> QGroupBox:
        self.review_table = QTableWidget(0, 4)
        self.review_table.setHorizontalHeaderLabels(
            [self.tr("Term"), self.tr("Date"), self.tr("Result"), self.tr("Notes")]
        )
        self.review_table.verticalHeader().hide()
        self.review_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.review_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.review_table.setWordWrap(True)
        self.review_table.setShowGrid(False)
        header = self.review_table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.reviews_empty = hint_label(self.tr("No review yet."))

        today = self._care.ctx.today()
        self.review_fields: dict[str, Field] = {
            "term": ChoiceField([t.name for t in reversed(terms)], editable=True,
                                placeholder=self.tr("e.g. 2026年秋季学期")),
            "reviewed_on": DateField(),
            "progress": ChoiceField([p.value for p in Progress], required=True).limit(120),
            "notes": NoteField(3, self.tr("What changed this term: study, behaviour, mood")),
        }  # fmt: skip
        self.review_fields["term"].set_value(suggested_term(terms, today))
        self.review_fields["reviewed_on"].set_value(today)
        form = FormGrid(columns=1)
        form.add(self.tr("Term"), self.review_fields["term"].box)
        form.add(self.tr("Date"), self.review_fields["reviewed_on"].box)
        form.add(self.tr("Result"), self.review_fields["progress"].box)
        form.add(self.tr("Notes"), self.review_fields["notes"].box)
        self.add_review_button = QPushButton(self.tr("Add review"))
        self.add_review_button.setAutoDefault(False)
        self.add_review_button.clicked.connect(self.add_review)

        self.new_review_box = new_box = QGroupBox(self.tr("New review"))
        new_layout = QVBoxLayout(new_box)
        new_layout.addWidget(form)
        new_layout.addWidget(self.add_review_button, 0, Qt.AlignmentFlag.AlignRight)

        box = QGroupBox(self.tr("Term reviews (staged results)"))
        layout = QVBoxLayout(box)
        layout.addWidget(self.review_table, 1)
        layout.addWidget(self.reviews_empty)
        layout.addWidget(new_box)
        return box

    # -- public ---------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    def plan(self) -> dict[str, str]:
        return {k: str(f.value()) for k, f in self.plan_fields.items()}

    def plan_dirty(self) -> bool:
        if not getattr(self, "plan_editable", True):
            return False
        return any(self.plan()[k].strip() != (self._saved_plan[k] or "").strip() for k in PLAN_KEYS)

    def reviews(self) -> list[ReviewInfo]:
        return list(self._reviews)

    def review_errors(self) -> dict[str, str]:
        return dict(self._review_errors)

    def save_plan(self) -> None:
        if self._busy:
            return
        care, pairing_id, plan = self._care, self._pairing.id, self.plan()
        self._set_busy(True)
        self._runner.run(
            lambda _state: care.save_plan(
                pairing_id,
                plan["study_situation"],
                plan["help_times"],
                plan["content"],
                plan["goals"],
            ),
            on_done=guarded(self, lambda _changes: self._plan_saved(plan)),
            on_error=guarded(self, self._failed),
        )

    def add_review(self) -> None:
        if self._busy:
            return
        self._review_show_all = True
        self._revalidate_review()
        on = self.review_fields["reviewed_on"].value()
        if self._review_errors or not isinstance(on, dt.date):
            return
        care, pairing_id = self._care, self._pairing.id
        term = str(self.review_fields["term"].value())
        progress = str(self.review_fields["progress"].value())
        notes = str(self.review_fields["notes"].value())

        def add_and_list(_state: object) -> list[ReviewInfo]:
            care.add_review(pairing_id, term, on, progress, notes)
            return care.reviews(pairing_id)

        self._set_busy(True)
        self._runner.run(
            add_and_list,
            on_done=guarded(self, self._review_added),
            on_error=guarded(self, self._review_failed),
        )

    def reject(self) -> None:
        if self._busy:
            return
        if self.plan_dirty():
            answer = QMessageBox.question(
                self,
                self.tr("Help plan"),
                self.tr("The plan has changes that are not saved. Save them?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Save:
                self._close_after_save = True
                self.save_plan()
                return
        super().reject()

    # -- behaviour ------------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_plan_button.setEnabled(not busy and self.plan_dirty())
        self.add_review_button.setEnabled(not busy)

    def _load_reviews(self) -> None:
        care, pairing_id = self._care, self._pairing.id
        self._runner.run(
            lambda _state: care.reviews(pairing_id),
            on_done=guarded(self, self._show_reviews),
            on_error=guarded(self, lambda exc: show_known_error(self, exc)),
        )

    def _show_reviews(self, reviews: list[ReviewInfo]) -> None:
        self._reviews = list(reviews)
        self.loaded = True
        table = self.review_table
        table.setRowCount(len(reviews))
        for n, r in enumerate(reviews):
            fill, text = CHIP_COLOURS.get(r.progress, ("#ffffff", "#1f2933"))
            result = QTableWidgetItem(f"{PROGRESS_ARROWS.get(r.progress, '')} {r.progress}")
            result.setBackground(QBrush(QColor(fill)))
            result.setForeground(QBrush(QColor(text)))
            cells = [
                QTableWidgetItem(r.term),
                QTableWidgetItem(r.reviewed_on.isoformat()),
                result,
                QTableWidgetItem(r.notes),
            ]
            for column, item in enumerate(cells):
                table.setItem(n, column, item)
        table.resizeRowsToContents()
        self.reviews_empty.setVisible(not reviews)
        items = progress_by_term(reviews)
        self.chips.set_items(items)
        self.chips_label.setText("" if items else self.tr("no review yet"))

    def _plan_edited(self) -> None:
        dirty = self.plan_dirty()
        self.save_plan_button.setEnabled(dirty and not self._busy)
        self.plan_state.setText(self.tr("Not saved yet") if dirty else "")

    def _plan_saved(self, plan: dict[str, str]) -> None:
        self._set_busy(False)
        self._saved_plan = {k: v.strip() for k, v in plan.items()}
        self._plan_edited()
        self.plan_state.setText(self.tr("Plan saved"))
        self.changed.emit()
        if self._close_after_save:
            self._close_after_save = False
            super().reject()

    def _review_edited(self, key: str) -> None:
        self._review_touched.add(key)
        self._revalidate_review()

    def _revalidate_review(self) -> None:
        errors: dict[str, str] = {}
        date_field = self.review_fields["reviewed_on"]
        on = date_field.value()
        problem = date_field.parse_error()
        if problem:
            errors["reviewed_on"] = problem
        elif on is None:
            errors["reviewed_on"] = self.tr("Please enter the date")
        elif isinstance(on, dt.date) and on > self._care.ctx.today():
            errors["reviewed_on"] = self.tr("The date cannot be after today")
        if not str(self.review_fields["term"].value()).strip():
            errors["term"] = self.tr("Please enter the term")
        if not self.review_fields["progress"].value():
            errors["progress"] = self.tr("Choose 进步, 持平 or 退步")
        self._review_errors = errors
        for key, field in self.review_fields.items():
            shown = key in errors and (self._review_show_all or key in self._review_touched)
            field.box.set_problem(ERROR if shown else "", errors.get(key, "") if shown else "")

    def _review_added(self, reviews: list[ReviewInfo]) -> None:
        self._set_busy(False)
        self._show_reviews(reviews)
        self.review_fields["notes"].set_value("")
        self.review_fields["progress"].set_value("")
        self._review_show_all = False
        self._review_touched.clear()
        self._revalidate_review()
        self.changed.emit()

    def _review_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationFailed):
            for key, text in exc.errors.items():
                if key in self.review_fields:
                    self.review_fields[key].box.set_problem(ERROR, text)
        if isinstance(exc, KnownError):
            show_known_error(self, exc)

    def _failed(self, exc: BaseException) -> None:
        self._close_after_save = False
        self._set_busy(False)
        if isinstance(exc, KnownError):
            show_known_error(self, exc)
