"""The year-end duty report per teacher (考核): pairings, records by kind, and for each duty
rule what was required, done and missed over the school year (``CareService.teacher_report``).

打印… prints the teacher's report as a PDF (``PrintService.teacher_report_pdf``), 打印全部教师…
every teacher's in one PDF, each on pages of their own; both on the worker with progress and
cancel, then opened in the system's viewer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Role
from ...domain.care import HelperKind
from ...domain.duties import current_term
from ...domain.errors import KnownError
from .. import file_dialogs
from ..messages import show_known_error
from ..printouts import build_pdf
from ..widgets.duty_tables import Col, RowTableModel, make_table
from .fields import PROBLEM_STYLE, arg, date_text, group, guarded, hint_label, set_role

if TYPE_CHECKING:
    from ...services.care import CareService, HelperInfo, TeacherReport
    from ..tasks import TaskRunner


@dataclass(frozen=True)
class ReportChoices:
    teachers: list[HelperInfo]
    school_years: list[str]  # newest first
    current_year: str | None


def _choices(care: CareService, school_id: str) -> ReportChoices:
    terms = care.terms(school_id)
    teachers = [h for h in care.helpers(school_id) if h.kind == HelperKind.TEACHER]
    teachers.sort(key=lambda h: (not h.active, h.name))
    term = current_term(terms, care.ctx.today())
    return ReportChoices(
        teachers=teachers,
        school_years=sorted({t.school_year for t in terms}, reverse=True),
        current_year=term.school_year if term is not None else None,
    )


class DutyReportDialog(QDialog):
    """Choose a teacher and a school year; the report is computed on the worker thread.
    ``loaded`` is emitted each time a report is shown."""

    loaded = Signal()
    printed = Signal(object, list)  # the PDF's path, the missing-glyph messages

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        school_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._care = care
        self._school_id = school_id
        self._generation = 0
        self.report: TeacherReport | None = None
        self.setWindowTitle(self.tr("Year-end duty report"))
        self.setMinimumSize(900, 640)
        self.setStyleSheet(PROBLEM_STYLE)
        self._build()
        self.teacher_combo.currentIndexChanged.connect(self.refresh)
        self.year_combo.currentIndexChanged.connect(self.refresh)
        self._load_choices()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.teacher_combo = QComboBox(self)
        self.teacher_combo.setMinimumContentsLength(8)
        self.teacher_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.year_combo = QComboBox(self)
        self.year_combo.setMinimumContentsLength(12)
        self.year_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Teacher")))
        choose.addWidget(self.teacher_combo)
        choose.addSpacing(16)
        choose.addWidget(QLabel(self.tr("School year")))
        choose.addWidget(self.year_combo)
        choose.addStretch(1)

        self.summary = QLabel(self)
        self.summary.setObjectName("cardTitle")
        self.summary.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        self.rules_model = RowTableModel(
            [
                Col(self.tr("Duty rule"), lambda d: d.label, width=16),
                Col(
                    self.tr("Required"),
                    lambda d: str(d.required),
                    lambda d: d.required,
                    "right",
                    width=4,
                ),
                Col(self.tr("Done"), lambda d: str(d.done), lambda d: d.done, "right", width=4),
                Col(self.tr("Still due"), lambda d: str(d.due), lambda d: d.due, "right", width=4),
                Col(
                    self.tr("Missed"),
                    lambda d: str(d.overdue),
                    lambda d: d.overdue,
                    "right",
                    alarm=lambda d: d.overdue > 0,
                    width=4,
                ),
            ],
            key=lambda d: d.key,
            parent=self,
        )
        self.rules_table = make_table(self.rules_model, self)
        self.kinds_model = RowTableModel(
            [
                Col(self.tr("Record"), lambda kv: kv[0], width=7),
                Col(self.tr("Number"), lambda kv: str(kv[1]), lambda kv: kv[1], "right"),
            ],
            key=lambda kv: kv[0],
            parent=self,
        )
        self.kinds_table = make_table(self.kinds_model, self)
        self.pairings_model = RowTableModel(
            [
                Col(self.tr("Child"), lambda p: p.child_name, width=5),
                Col(self.tr("Class"), lambda p: p.class_label, width=7),
                Col(self.tr("Role"), lambda p: p.role, width=6),
                Col(self.tr("From"), lambda p: date_text(p.start_date), width=6),
                Col(self.tr("Until"), lambda p: date_text(p.end_date) or self.tr("now")),
            ],
            key=lambda p: p.id,
            parent=self,
        )
        self.pairings_table = make_table(self.pairings_model, self)

        lower = QHBoxLayout()
        lower.addWidget(group(self.tr("Paired children"), self.pairings_table), 3)
        lower.addWidget(group(self.tr("Records written"), self.kinds_table), 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setToolTip(
            self.tr("This teacher's report as a PDF (A4), with lines for the signatures")
        )
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_report)
        self.print_all_button = QPushButton(self.tr("Print all teachers…"), self)
        self.print_all_button.setToolTip(
            self.tr(
                "The reports of every teacher of the school for the chosen school year in one "
                "PDF, each teacher on pages of their own"
            )
        )
        self.print_all_button.setEnabled(False)
        self.print_all_button.clicked.connect(self.print_all)
        for button in (self.print_button, self.print_all_button):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        # a teacher looks at their own report: every teacher's at once is the school's
        self.print_all_button.setVisible(self._own_helper() is None)

        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(
            group(
                self.tr("Duty rules over the school year"),
                self.rules_table,
                hint_label(
                    self.tr(
                        "Counted per child and period: records the teacher wrote for the "
                        "children paired with them while the pairing lasted. “Missed” are "
                        "records lacking in periods that have ended."
                    )
                ),
            ),
            3,
        )
        layout.addLayout(lower, 2)
        layout.addWidget(buttons)

    # -- choices -----------------------------------------------------------------------------
    def _load_choices(self) -> None:
        care, school_id = self._care, self._school_id
        self._say(self.tr("Loading…"))
        self._runner.run(
            lambda _state: _choices(care, school_id),
            on_done=guarded(self, self._choices_loaded),
            on_error=guarded(self, self._failed),
        )

    def _choices_loaded(self, choices: ReportChoices) -> None:
        for combo in (self.teacher_combo, self.year_combo):
            combo.blockSignals(True)
            combo.clear()
        for h in choices.teachers:
            label = h.name if h.active else arg(self.tr("%1 (left)"), h.name)
            self.teacher_combo.addItem(label, h.id)
        for year in choices.school_years:
            self.year_combo.addItem(arg(self.tr("%1 school year"), year), year)
        if choices.current_year is not None:
            self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(choices.current_year)))
        own = self._own_helper()
        if own:  # a teacher: their own report first
            self.teacher_combo.setCurrentIndex(max(0, self.teacher_combo.findData(own)))
        for combo in (self.teacher_combo, self.year_combo):
            combo.blockSignals(False)
        self.print_all_button.setEnabled(bool(choices.teachers and choices.school_years))
        if not choices.teachers:
            self._say(self.tr("No teacher is registered as a helper yet."))
        elif not choices.school_years:
            self._say(
                self.tr(
                    "The school calendar has no terms yet: set them in “School calendar and "
                    "duty rules”."
                )
            )
        else:
            self.refresh()

    def _own_helper(self) -> str | None:
        """A teacher's own 帮扶人 record ("" when the account is linked to none); None for
        the other roles."""
        actor = self._care.ctx.actor
        if actor is None or actor.role is not Role.TEACHER:
            return None
        return actor.helper_id or ""

    def select(self, helper_id: str, school_year: str | None = None) -> None:
        """Show the report of one teacher (and school year)."""
        self.teacher_combo.setCurrentIndex(self.teacher_combo.findData(helper_id))
        if school_year is not None:
            self.year_combo.setCurrentIndex(self.year_combo.findData(school_year))

    # -- the report --------------------------------------------------------------------------
    def refresh(self) -> None:
        helper_id = self.teacher_combo.currentData()
        year = self.year_combo.currentData()
        if helper_id is None or year is None:
            return
        self._generation += 1
        generation = self._generation
        care = self._care
        self._say(self.tr("Counting…"))
        self._runner.run(
            lambda _state: care.teacher_report(helper_id, year),
            on_done=guarded(self, lambda r: self._shown(generation, r)),
            on_error=guarded(self, lambda exc: self._report_failed(generation, exc)),
        )

    def _shown(self, generation: int, report: TeacherReport) -> None:
        if generation != self._generation:
            return
        self.report = report
        self.print_button.setEnabled(True)
        self.summary.setText(
            arg(
                self.tr("%1, %2 school year: %3 duties met, %4 missed"),
                report.helper_name,
                report.school_year,
                report.met,
                report.missed,
            )
        )
        records = sum(report.records_by_kind.values())
        self._say(
            arg(
                self.tr("%1 children paired, %2 records written. As of %3."),
                len(report.pairings),
                records,
                date_text(self._care.ctx.today()),
            )
        )
        self.rules_model.set_rows(report.rules)
        self.kinds_model.set_rows(report.records_by_kind.items())
        self.pairings_model.set_rows(report.pairings)
        self.loaded.emit()

    def _report_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.report = None
        self.print_button.setEnabled(False)
        self.summary.setText("")
        for model in (self.rules_model, self.kinds_model, self.pairings_model):
            model.set_rows([])
        if isinstance(exc, KnownError):
            self._say(exc.message, "error")

    def _failed(self, exc: BaseException) -> None:
        self._say("")
        show_known_error(self, exc)

    # -- printing ----------------------------------------------------------------------------
    def print_report(self) -> None:
        """打印…: the shown teacher's report as a PDF."""
        report = self.report
        if report is None:
            return
        self._print(
            [report.helper_id],
            report.school_year,
            f"考核表-{report.helper_name}-{report.school_year}.pdf",
            arg(self.tr("Making the duty report of %1…"), report.helper_name),
        )

    def print_all(self) -> None:
        """打印全部教师…: every teacher's report of the chosen school year in one PDF."""
        year = self.year_combo.currentData()
        if year is None:
            return
        self._print(
            None,
            year,
            f"考核表-全部教师-{year}.pdf",
            arg(self.tr("Making the duty reports of every teacher, %1 school year…"), year),
        )

    def _print(
        self, helper_ids: list[str] | None, school_year: str, default: str, message: str
    ) -> None:
        """Ask for a PDF file name, build the report(s) on the worker with progress and
        cancel, then open the PDF."""
        path = file_dialogs.save_path(
            self,
            self.tr("Save the duty report as"),
            default,
            self.tr("PDF files (*.pdf)"),
            suffix=".pdf",
        )
        if path is None:
            return
        from ...services.printing import PrintService

        ctx = self._care.ctx
        build_pdf(
            self,
            self._runner,
            path,
            lambda progress, cancelled: PrintService(ctx).teacher_reports_pdf(
                helper_ids, school_year, path, progress, cancelled
            ),
            title=self.tr("Print duty reports"),
            message=message,
            steps=self.tr("%1 of %2 teachers"),
            on_written=self.printed.emit,
        )

    def _say(self, text: str, role: str = "hint") -> None:
        self.message.setText(text)
        set_role(self.message, role)


__all__ = ["DutyReportDialog"]
