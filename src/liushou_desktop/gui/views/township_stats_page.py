"""统计: the township's figures per school (on the register, archive / pairing / visit rates,
overdue duties, the last bundle), the township's totals, counts by risk level and type and by
guardian kind; schools silent for N days are marked. Exports the quarterly report of dynamic
changes (按季度上报动态变化) and opens 统一设置 (terms, duty rules and helpers the township sets for
its schools)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .. import file_dialogs
from ..messages import show_known_error
from ..models.township_models import BreakdownModel, FigureColumn, FiguresModel
from ..tasks import TaskRunner
from ..widgets.list_table import style_list_table
from ..widgets.text import arg

if TYPE_CHECKING:
    from ...services.context import ServiceContext
    from ...services.township import SchoolFigures

DEFAULT_SILENT_DAYS = 30


def load_figures(ctx: ServiceContext) -> tuple[list[SchoolFigures], dict[str, Any]]:
    """(worker) The figures of every school and the township's totals."""
    from ...services.township import TownshipService

    service = TownshipService(ctx)
    figures = service.school_figures()
    return figures, service.totals(figures)


class TownshipStatsPage(QWidget):
    loaded = Signal()  # the figures were (re)read
    report_written = Signal(str)  # the quarterly report's path
    policy_applied = Signal()  # 统一设置 wrote a setting for some schools

    def __init__(self, runner: TaskRunner, ctx: ServiceContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._runner = runner
        self._ctx = ctx
        self._loading = False
        self._stale = False
        self._generation = 0
        self.figures_model = FiguresModel(self)
        self.breakdown_model = BreakdownModel(self)
        self._build()
        self.reload()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Figures by school"), self)
        title.setObjectName("cardTitle")
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.silent_spin = QSpinBox(self)
        self.silent_spin.setRange(1, 365)
        self.silent_spin.setValue(DEFAULT_SILENT_DAYS)
        self.silent_spin.setSuffix(self.tr(" days"))
        silent_caption = QLabel(self.tr("Mark schools without a bundle for"), self)
        silent_caption.setBuddy(self.silent_spin)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.export_button = QPushButton(self.tr("Export the quarterly change report…"), self)
        self.export_button.setObjectName("primary")
        self.policy_button = QPushButton(self.tr("Settings for the schools…"), self)
        self.policy_button.setEnabled(False)  # until the figures say there are schools

        controls = QHBoxLayout()
        controls.addWidget(silent_caption)
        controls.addWidget(self.silent_spin)
        controls.addStretch(1)
        controls.addWidget(self.refresh_button)
        controls.addWidget(self.policy_button)
        controls.addWidget(self.export_button)

        self.figures_table = self._table(self.figures_model)
        header = self.figures_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        unit = self.fontMetrics().horizontalAdvance("中")
        self.figures_table.setColumnWidth(FigureColumn.SCHOOL, unit * 15 + 24)
        for column in list(FigureColumn)[1:]:
            self.figures_table.setColumnWidth(column, unit * 6 + 24)
        self.breakdown_table = self._table(self.breakdown_model)
        self.breakdown_model.modelReset.connect(self._size_breakdown)

        hint = QLabel(
            self.tr(
                "Archive rate: children on the register whose archive has a guardian's phone "
                "and a risk assessment. Paired: with an active pairing today. Visited: with a "
                "home visit this term (or in the last 120 days where no term is set)."
            ),
            self,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        upper = QWidget(self)
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.figures_table, 1)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("Children by risk level, risk type and guardian"), lower)
        caption.setObjectName("cardTitle")
        lower_layout.addWidget(caption)
        lower_layout.addWidget(self.breakdown_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addLayout(controls)
        layout.addWidget(self.summary_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(hint)

        self.silent_spin.valueChanged.connect(self._silent_days_changed)
        self.refresh_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(self.export_quarter_report)
        self.policy_button.clicked.connect(self.open_policy_dialog)

    def _table(self, model: FiguresModel | BreakdownModel) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        style_list_table(table)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _size_breakdown(self) -> None:
        unit = self.fontMetrics().horizontalAdvance("中")
        self.breakdown_table.setColumnWidth(0, unit * 15 + 24)
        for column in range(1, self.breakdown_model.columnCount()):
            self.breakdown_table.setColumnWidth(column, unit * 6 + 24)

    # -- loading -----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    def mark_stale(self) -> None:
        """The ledger changed: read the figures again the next time the page is shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: Any) -> None:  # Qt's name
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        self._loading = True
        self._generation += 1
        generation = self._generation
        self.refresh_button.setEnabled(False)
        self.summary_label.setText(self.tr("Counting…"))
        ctx = self._ctx
        self._runner.run(
            lambda state: load_figures(ctx),
            on_done=lambda result: self._loaded(generation, result),
            on_error=lambda exc: self._failed(generation, exc),
        )

    def _loaded(self, generation: int, result: tuple[list[SchoolFigures], dict[str, Any]]) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.refresh_button.setEnabled(True)
        figures, totals = result
        self.figures_model.set_figures(figures, totals)
        self.breakdown_model.set_figures(figures, totals)
        self._update_summary()
        self._update_policy_button(bool(figures))
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.refresh_button.setEnabled(True)
        self.summary_label.setText(self.tr("The figures could not be read."))
        show_known_error(self, exc)

    def _silent_days_changed(self, days: int) -> None:
        self.figures_model.set_silent_days(days)
        self._update_summary()

    def _update_summary(self) -> None:
        model = self.figures_model
        schools = [i for i in model.ids() if model.figures(i) is not None]
        if not schools:
            self.summary_label.setText(
                self.tr(
                    "No school's data yet: the figures appear once the schools' sync bundles "
                    "have been imported."
                )
            )
            return
        total = sum(f.children for i in schools if (f := model.figures(i)) is not None)
        text = arg(self.tr("%1 schools, %2 children on the register."), len(schools), total)
        silent = [f.name for i in model.silent_schools() if (f := model.figures(i)) is not None]
        if silent:
            text += " " + arg(
                self.tr("%1 school(s) without a sync bundle for %2 days or more: %3"),
                len(silent),
                model.silent_days(),
                "、".join(silent),
            )
        self.summary_label.setText(text)

    # -- 统一设置 ------------------------------------------------------------------------------
    def _update_policy_button(self, has_schools: bool) -> None:
        self.policy_button.setEnabled(has_schools)
        self.policy_button.setToolTip(
            self.tr("Set a term, duty rules or a helper from outside for several schools at once.")
            if has_schools
            else self.tr(
                "No school has sent a sync bundle yet: the schools can be set up once their "
                "first bundles have been imported."
            )
        )

    def open_policy_dialog(self) -> QWidget:
        """统一设置 for the schools; the figures are read again after each applied setting."""
        from ..dialogs.township_policy_dialog import TownshipPolicyDialog

        dialog = TownshipPolicyDialog(self._runner, self._ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.applied.connect(self._policy_applied)
        dialog.open()
        return dialog

    def _policy_applied(self, _result: object) -> None:
        self.mark_stale()
        self.policy_applied.emit()

    # -- the quarterly report ----------------------------------------------------------------
    def export_quarter_report(self) -> None:
        from ..dialogs.township_report_dialog import QuarterDialog

        dialog = QuarterDialog(self._ctx.today(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(self._quarter_chosen)
        dialog.open()

    def _quarter_chosen(self, year: int, quarter: int) -> None:
        suggestion = Path.home() / arg(self.tr("Dynamic changes %1 Q%2.xlsx"), year, quarter)
        path = file_dialogs.save_path(
            self,
            self.tr("Save the quarterly change report as"),
            str(suggestion),
            self.tr("Excel workbooks (*.xlsx)"),
            suffix=".xlsx",
        )
        if path is None:
            return
        self.write_report(path, year, quarter)

    def write_report(self, path: Path, year: int, quarter: int) -> None:
        """Write the report for every school on the worker thread, then say where it is."""
        from ...services.township import TownshipService

        ctx = self._ctx
        self.export_button.setEnabled(False)
        self._runner.run(
            lambda state: TownshipService(ctx).export_quarter_report(path, year, quarter),
            on_done=lambda schools: self._report_written(path, schools),
            on_error=self._report_failed,
        )

    def _report_written(self, path: Path, schools: int) -> None:
        self.export_button.setEnabled(True)
        self.report_written.emit(str(path))
        QMessageBox.information(
            self,
            self.tr("Report saved"),
            arg(
                self.tr("The quarterly change report for %1 schools was saved as %2."),
                schools,
                path,
            ),
        )

    def _report_failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        show_known_error(self, exc)


__all__ = ["DEFAULT_SILENT_DAYS", "TownshipStatsPage"]
