"""导入花名册: choose an Excel or CSV roster, check how its columns map to the archive, see
what importing would do and which rows have problems (sheet, row number as Excel shows it,
reason), import it in one transaction, and undo it right there if it was wrong.

    文件 → 导入花名册…   choose_roster(): the file is read on the worker, then the dialog
    page 1 列对应        each sheet (header row, data rows, or why it is skipped) and each
                         column: 文件中的列名 | 示例 | 导入为 (editable; remembered on import)
    page 2 检查结果      RosterService.preview(): counts, problem rows, warnings; 保存问题清单…;
                         导入 runs RosterService.run() with progress and Cancel; the same page
                         then shows what the import did, with 撤销这次导入…

文件 → 下载花名册导入模板… is save_template().
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import file_dialogs
from ..messages import show_known_error
from .fields import ERROR, PROBLEM_STYLE, WARNING, arg, guarded, hint_label, set_role
from .roster_history_dialog import confirm_undo, run_undo, undo_summary

if TYPE_CHECKING:
    from ...services.context import ServiceContext
    from ...services.roster import ImportReport, RosterFile, RosterService, UndoReport
    from ..tasks import TaskRunner
    from .print_dialog import Settings

# The dialog's size, kept inside the screen (the schools' 1366x768 laptops included).
_WIDTH, _HEIGHT = 980, 640
_GREY = "#5f6368"
_FOLDER_KEY = "roster/folder"
TEMPLATE_NAME = "花名册导入模板.xlsx"


def _table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setHighlightSections(False)
    header.setMinimumSectionSize(56)
    return table


def _item(text: str, *, grey: bool = False, number: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    if number:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if grey:
        item.setForeground(QBrush(QColor(_GREY)))
    return item


def _fit_columns(table: QTableWidget, stretch: int, cap: int = 260) -> None:
    """Every column as wide as its text (at most ``cap``), ``stretch`` takes the rest."""
    header = table.horizontalHeader()
    for c in range(table.columnCount()):
        if c == stretch:
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
        table.resizeColumnToContents(c)
        header.resizeSection(c, min(header.sectionSize(c) + 12, cap))


# Up to this many rows, long messages wrap and the rows grow to fit (again when the columns are
# resized); beyond, each row keeps one line (the whole message is the cell's tooltip).
_WRAP_ROWS = 500


def _fit_rows(table: QTableWidget) -> None:
    if table.rowCount() <= _WRAP_ROWS:
        table.resizeRowsToContents()


def _wrap_rows(table: QTableWidget) -> None:
    table.setWordWrap(True)
    table.horizontalHeader().sectionResized.connect(lambda *_a: _fit_rows(table))


class RosterImportDialog(QDialog):
    """The two pages of an import; ``changed`` tells the window what to refresh."""

    changed = Signal(object)  # services.changes.Changes after an import; None after an undo

    MAPPING, RESULTS = 0, 1

    def __init__(
        self,
        runner: TaskRunner,
        service: RosterService,
        roster: RosterFile,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = service
        self.roster = roster
        self.report: ImportReport | None = None  # the last preview, then the import's
        self.imported = False  # the import ran (the results page shows what it did)
        self.undone = False
        self._combos: dict[str, QComboBox] = {}
        self.setWindowTitle(arg(self.tr("Import a roster — %1"), roster.path.name))
        self.setStyleSheet(PROBLEM_STYLE)
        self._fit_screen(parent)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_mapping_page())
        self.pages.addWidget(self._build_results_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self._fill_mapping()
        self.pages.setCurrentIndex(self.MAPPING)

    def _fit_screen(self, parent: QWidget | None) -> None:
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(_WIDTH, _HEIGHT)
            return
        room = screen.availableGeometry()
        self.resize(min(_WIDTH, room.width() - 40), min(_HEIGHT, room.height() - 60))

    # -- page 1: 列对应 ----------------------------------------------------------------------
    def _build_mapping_page(self) -> QWidget:
        page = QWidget()
        title = QLabel(self.tr("Step 1 of 2: columns"))
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        self.sheets_label = QLabel(self.tr("What was found in the file:"))
        self.sheets_table = _table(
            [self.tr("Sheet"), self.tr("Header"), self.tr("Data rows"), self.tr("Note")]
        )
        self.sheets_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.sheets_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.columns_hint = hint_label(
            self.tr(
                "Check what each column of the file is imported as. Columns set to "
                "“Do not import” are not read. Your choices are remembered for the next file "
                "with the same column names."
            )
        )
        self.columns_table = _table(
            [self.tr("Column in the file"), self.tr("Examples"), self.tr("Import as")]
        )
        self.columns_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.columns_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mapping_note = QLabel()
        self.mapping_note.setWordWrap(True)
        set_role(self.mapping_note, WARNING)
        self.mapping_note.hide()
        self.check_status = QLabel()
        set_role(self.check_status, "hint")
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.check_button = QPushButton(self.tr("Next: &check the rows ›"))
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        self.auto_button = QPushButton(self.tr("&Reset to the column names"))
        self.auto_button.setAutoDefault(False)
        self.auto_button.setToolTip(
            self.tr(
                "Forget the choices remembered for these columns and map each column by its "
                "name again."
            )
        )
        self.auto_button.clicked.connect(self.reset_mapping)
        buttons = QHBoxLayout()
        buttons.addWidget(self.auto_button)
        buttons.addWidget(self.check_status, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.check_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.sheets_label)
        layout.addWidget(self.sheets_table)
        layout.addSpacing(6)
        layout.addWidget(self.columns_hint)
        layout.addWidget(self.columns_table, 1)
        layout.addWidget(self.mapping_note)
        layout.addLayout(buttons)
        return page

    def _fill_mapping(self) -> None:
        roster = self.roster
        table = self.sheets_table
        table.setRowCount(len(roster.sheets))
        for r, sheet in enumerate(roster.sheets):
            if sheet.header is None:
                cells = [sheet.name, "—", "—", sheet.note or self.tr("Not imported")]
                for c, text in enumerate(cells):
                    table.setItem(r, c, _item(text, grey=True))
                continue
            first = sheet.header.first_row + 1
            last = first + sheet.header.depth - 1
            rows = (
                arg(self.tr("row %1"), first)
                if last == first
                else arg(self.tr("rows %1–%2"), first, last)
            )
            note = ""
            if sheet.grade_hint is not None:
                note = arg(self.tr("Grade taken from the sheet's name (%1)"), sheet.name)
            table.setItem(r, 0, _item(sheet.name))
            table.setItem(r, 1, _item(rows))
            table.setItem(r, 2, _item(str(sheet.data_rows), number=True))
            table.setItem(r, 3, _item(note, grey=True))
        _fit_columns(table, stretch=3)
        # As many rows as there are sheets, up to five; then it scrolls.
        shown = min(max(len(roster.sheets), 1), 5)
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(r) for r in range(shown))
        table.setFixedHeight(height + 2)

        labels = roster.labels
        columns = self.columns_table
        columns.setRowCount(len(labels))
        self._combos = {}
        for r, label in enumerate(labels):
            sheets = [s.name for s in roster.sheets if any(c.label == label for c in s.columns)]
            samples = next(
                (c.samples for s in roster.sheets for c in s.columns if c.label == label), []
            )
            name_item = _item(label)
            if len(roster.sheets) > 1:
                name_item.setToolTip(arg(self.tr("%1 (sheets: %2)"), label, "、".join(sheets)))
            columns.setItem(r, 0, name_item)
            columns.setItem(r, 1, _item("、".join(samples), grey=True))
            combo = QComboBox()
            combo.addItem(self.tr("Do not import"), None)
            combo.insertSeparator(1)
            for key, text in _field_choices():
                combo.addItem(text, key)
            combo.setCurrentIndex(max(combo.findData(roster.mapping.get(label)), 0))
            combo.currentIndexChanged.connect(lambda _i, lb=label: self._mapping_changed(lb))
            columns.setCellWidget(r, 2, combo)
            self._combos[label] = combo
            self._shade(label)
        header = columns.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        columns.resizeColumnToContents(0)
        header.resizeSection(0, min(max(header.sectionSize(0) + 16, 140), 320))
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        widest = max((c.sizeHint().width() for c in self._combos.values()), default=140)
        header.resizeSection(2, max(widest + 16, 160))
        columns.verticalHeader().setDefaultSectionSize(
            max((c.sizeHint().height() for c in self._combos.values()), default=24) + 4
        )

    def reset_mapping(self) -> None:
        """恢复按列名识别: forget the remembered choices for this file's columns and map them
        by their names again."""
        labels = self.roster.labels
        try:
            self._service.forget_mapping(labels)
            self.roster = self._service.open(self.roster.path)
        except Exception as exc:  # a file changed or gone meanwhile: say so, keep the dialog
            show_known_error(self, exc)
            return
        self._fill_mapping()

    def combo(self, label: str) -> QComboBox:
        """The 导入为 choice of a column (by its label in the file)."""
        return self._combos[label]

    def set_field(self, label: str, key: str | None) -> None:
        """Choose what a column is imported as (``None``: not imported), as the user would."""
        combo = self._combos[label]
        combo.setCurrentIndex(combo.findData(key) if key is not None else 0)

    def _shade(self, label: str) -> None:
        row = self.roster.labels.index(label)
        item = self.columns_table.item(row, 0)
        if item is not None:
            grey = self.roster.mapping.get(label) is None
            item.setForeground(QBrush(QColor(_GREY)) if grey else QBrush())

    def _mapping_changed(self, label: str) -> None:
        key = self._combos[label].currentData()
        roster = self.roster
        roster.mapping[label] = key
        self._shade(label)
        notes: list[str] = []
        if key is not None:
            # One field, one column: on a sheet that has this column, another column that was
            # imported as the same field is no longer imported.
            for sheet in roster.sheets:
                labels = {c.label for c in sheet.columns}
                if label not in labels:
                    continue
                for other in labels - {label}:
                    if roster.mapping.get(other) == key:
                        roster.mapping[other] = None
                        combo = self._combos[other]
                        combo.blockSignals(True)
                        combo.setCurrentIndex(0)
                        combo.blockSignals(False)
                        self._shade(other)
                        notes.append(
                            arg(
                                self.tr(
                                    "“%1” was also imported as “%2”; it is now not imported "
                                    "(each item comes from one column)."
                                ),
                                other,
                                self._combos[label].currentText(),
                            )
                        )
        self.mapping_note.setText("\n".join(dict.fromkeys(notes)))
        self.mapping_note.setVisible(bool(notes))

    # -- checking ------------------------------------------------------------------------------
    def check(self) -> None:
        """Run the preview on the worker (nothing is written), then show page 2."""
        service, roster = self._service, self.roster
        self._set_busy(True, self.tr("Checking the rows…"))
        self._runner.run(
            lambda _state: service.preview(roster),
            on_done=guarded(self, self._checked),
            on_error=guarded(self, self._check_failed),
            on_finished=guarded(self, lambda: self._set_busy(False)),
        )

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.columns_table.setEnabled(not busy)
        self.check_button.setEnabled(not busy)
        self.check_status.setText(text if busy else "")

    def _check_failed(self, exc: BaseException) -> None:
        show_known_error(self, exc)

    def _checked(self, report: object) -> None:
        from ...services.roster import ImportReport

        assert isinstance(report, ImportReport)
        self.report = report
        self._show_report(report)
        self.pages.setCurrentIndex(self.RESULTS)

    # -- page 2: 检查结果, then what the import did -----------------------------------------
    def _build_results_page(self) -> QWidget:
        page = QWidget()
        self.results_title = QLabel()
        font = self.results_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.results_title.setFont(font)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = self.summary_label.font()
        bold.setBold(True)
        self.summary_label.setFont(bold)
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        set_role(self.problems_label, ERROR)
        self.skipped_label = hint_label("")
        self.problems_hint = hint_label(
            self.tr(
                "Each problem row is named by its sheet and its row number, as Excel shows it "
                "on the left. Save the problem list, correct those rows in the file and import "
                "it again: children imported already are matched (by ID number) and not added "
                "twice."
            )
        )
        self.tabs = QTabWidget()
        self.problem_table = _table(
            [self.tr("Sheet"), self.tr("Row"), self.tr("Reason"), self.tr("What is wrong")]
        )
        _wrap_rows(self.problem_table)
        self.warning_table = _table([self.tr("Sheet"), self.tr("Row"), self.tr("Note")])
        _wrap_rows(self.warning_table)
        self.update_table = _table(
            [self.tr("Sheet"), self.tr("Row"), self.tr("Child"), self.tr("What changes")]
        )
        _wrap_rows(self.update_table)
        self.tabs.addTab(self.problem_table, "")
        self.tabs.addTab(self.warning_table, "")
        self.tabs.addTab(self.update_table, "")
        self.all_good_label = QLabel()
        self.all_good_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.all_good_label.setWordWrap(True)
        set_role(self.all_good_label, "hint")
        self.findings = QStackedWidget()
        self.findings.addWidget(self.tabs)
        self.findings.addWidget(self.all_good_label)
        self.results_status = QLabel()
        self.results_status.setWordWrap(True)
        self.results_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.results_status.hide()

        self.back_button = QPushButton(self.tr("‹ &Back"))
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back)
        self.save_problems_button = QPushButton(self.tr("&Save the problem list…"))
        self.save_problems_button.setAutoDefault(False)
        self.save_problems_button.clicked.connect(self.save_problems)
        self.undo_button = QPushButton(self.tr("&Undo this import…"))
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        self.results_cancel_button = QPushButton(self.tr("Cancel"))
        self.results_cancel_button.setAutoDefault(False)
        self.results_cancel_button.clicked.connect(self.reject)
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.save_problems_button)
        buttons.addWidget(self.undo_button)
        buttons.addStretch(1)
        buttons.addWidget(self.results_cancel_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.results_title)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.skipped_label)
        layout.addWidget(self.problems_hint)
        layout.addWidget(self.findings, 1)
        layout.addWidget(self.results_status)
        layout.addLayout(buttons)
        return page

    def _show_report(self, report: ImportReport) -> None:
        from ...services.roster import REASONS

        if self.imported:
            self.results_title.setText(self.tr("Imported"))
            summary = arg(
                self.tr("Added %1, updated %2, unchanged %3."),
                report.imported,
                report.updated,
                report.unchanged,
            )
            problems = arg(
                self.tr("%1 row(s) were not imported; they are listed below."),
                len(report.rejected),
            )
        else:
            self.results_title.setText(self.tr("Step 2 of 2: check the rows"))
            summary = arg(
                self.tr("Will add %1, update %2; unchanged %3."),
                report.imported,
                report.updated,
                report.unchanged,
            )
            problems = arg(
                self.tr("%1 row(s) have problems and will not be imported."),
                len(report.rejected),
            )
        self.summary_label.setText(summary)
        self.problems_label.setText(problems)
        self.problems_label.setVisible(bool(report.rejected))
        self.problems_hint.setVisible(bool(report.rejected))
        self.skipped_label.setText(
            arg(
                self.tr("%1 blank row(s), total (合计) row(s) or signature line(s) were skipped."),
                report.skipped,
            )
        )
        self.skipped_label.setVisible(report.skipped > 0)

        table = self.problem_table
        table.setRowCount(len(report.rejected))
        for r, rejected in enumerate(report.rejected):
            table.setItem(r, 0, _item(rejected.sheet))
            table.setItem(r, 1, _item(str(rejected.row), number=True))
            table.setItem(r, 2, _item(REASONS.get(rejected.reason, rejected.reason)))
            table.setItem(r, 3, _item(rejected.message))
        _fit_columns(table, stretch=3, cap=200)
        _fit_rows(table)
        table = self.warning_table
        table.setRowCount(len(report.warnings))
        for r, note in enumerate(report.warnings):
            table.setItem(r, 0, _item(note.sheet))
            table.setItem(r, 1, _item(str(note.row), number=True))
            table.setItem(r, 2, _item(note.message))
        _fit_columns(table, stretch=2, cap=200)
        _fit_rows(table)
        table = self.update_table
        table.setRowCount(len(report.updates))
        for r, update in enumerate(report.updates):
            table.setItem(r, 0, _item(update.sheet))
            table.setItem(r, 1, _item(str(update.row), number=True))
            table.setItem(r, 2, _item(update.name))
            table.setItem(r, 3, _item("；".join(update.changes)))
        _fit_columns(table, stretch=3, cap=200)
        _fit_rows(table)
        self.tabs.setTabText(0, arg(self.tr("Problem rows (%1)"), len(report.rejected)))
        self.tabs.setTabText(1, arg(self.tr("Worth a look (%1)"), len(report.warnings)))
        self.tabs.setTabText(2, arg(self.tr("Children updated (%1)"), len(report.updates)))
        self.tabs.setCurrentIndex(
            0 if report.rejected else 1 if report.warnings else 2 if report.updates else 0
        )
        self.all_good_label.setText(
            self.tr("No problems found: every row was imported.")
            if self.imported
            else self.tr("No problems found: every row can be imported.")
        )
        self.findings.setCurrentIndex(
            0 if report.rejected or report.warnings or report.updates else 1
        )
        self.save_problems_button.setEnabled(bool(report.rejected))

        if self.imported:
            for button in (self.back_button, self.results_cancel_button, self.import_button):
                button.hide()
            self.close_button.show()
            self.close_button.setDefault(True)
            self.undo_button.setVisible(report.import_id is not None)
            self.undo_button.setEnabled(report.import_id is not None and not self.undone)
            self.save_problems_button.setVisible(bool(report.rejected))
            if report.import_id is None:
                self._say(self.tr("Nothing in the archive changed, so there is nothing to undo."))
            else:
                self._say(
                    self.tr(
                        "If this import was wrong, undo it here, or later under "
                        "File → Roster import history."
                    )
                )
            return
        work = report.imported + report.updated
        self.import_button.setEnabled(work > 0)
        self.import_button.setText(
            arg(self.tr("&Import %1 child(ren)"), work) if work else self.tr("&Import")
        )
        if work == 0:
            self._say(
                self.tr(
                    "There is nothing to import: no row adds a child or changes an archive. "
                    "Go back to check the columns, or correct the file."
                ),
                WARNING,
            )
        else:
            self._say("")

    def _say(self, text: str, role: str = "") -> None:
        self.results_status.setText(text)
        set_role(self.results_status, role)
        self.results_status.setVisible(bool(text))

    def back(self) -> None:
        self.pages.setCurrentIndex(self.MAPPING)

    # -- saving the problem rows -------------------------------------------------------------
    def save_problems(self) -> None:
        report = self.report
        if report is None or not report.rejected:
            return
        suggestion = self.roster.path.with_name(
            arg(self.tr("%1-problem rows.xlsx"), self.roster.path.stem)
        )
        path = file_dialogs.save_path(
            self,
            self.tr("Save the problem list as"),
            str(suggestion),
            self.tr("Excel workbooks (*.xlsx)"),
            suffix=".xlsx",
        )
        if path is None:
            return
        service = self._service
        self._runner.run(
            lambda _state: service.write_problems(report, path),
            on_done=guarded(
                self,
                lambda _r: self._say(
                    arg(
                        self.tr(
                            "The problem list was saved to %1. Correct the rows in the roster "
                            "file, then import it again."
                        ),
                        path,
                    )
                ),
            ),
            on_error=guarded(self, lambda exc: show_known_error(self, exc)),
        )

    # -- importing ---------------------------------------------------------------------------
    def start_import(self) -> None:
        """Import on the worker with a progress window and Cancel (cancelling writes nothing)."""
        from .sync_progress_dialog import CancelFn, ProgressFn, SyncProgressDialog

        service, roster = self._service, self.roster

        def job(progress: ProgressFn, cancelled: CancelFn) -> object:
            return service.run(roster, progress, cancelled)

        self.import_button.setEnabled(False)
        self.back_button.setEnabled(False)
        progress = SyncProgressDialog(
            self._runner,
            self.tr("Importing the roster"),
            arg(self.tr("Importing %1 into the archive…"), roster.path.name),
            self,
            steps=self.tr("%1 of %2 children"),
        )
        progress.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        progress.succeeded.connect(guarded(self, self._imported))
        progress.failed.connect(guarded(self, self._import_failed))
        progress.cancelled.connect(guarded(self, lambda _n: self._import_failed(None)))
        self.progress_dialog = progress
        progress.start(job)

    def _imported(self, report: object) -> None:
        from ...services.roster import ImportReport

        assert isinstance(report, ImportReport)
        self.report = report
        self.imported = True
        self._show_report(report)
        if report.changes:
            self.changed.emit(report.changes)

    def _import_failed(self, exc: object) -> None:
        from ...services.roster import ImportCancelled

        self.back_button.setEnabled(True)
        self.import_button.setEnabled(True)
        if exc is None or isinstance(exc, ImportCancelled):
            self._say(
                self.tr("Cancelled: the roster was not imported; nothing in the archive changed."),
                WARNING,
            )
            return
        assert isinstance(exc, BaseException)
        show_known_error(self, exc)

    # -- undo --------------------------------------------------------------------------------
    def undo(self) -> None:
        report = self.report
        if report is None or report.import_id is None or self.undone:
            return
        if not confirm_undo(self, self.roster.path.name, report.imported, report.updated):
            return
        self.undo_button.setEnabled(False)
        self._say(self.tr("Undoing the import…"))
        run_undo(
            self,
            self._runner,
            self._service,
            report.import_id,
            self._undone,
            on_failed=lambda: self.undo_button.setEnabled(True),
        )

    def _undone(self, done: UndoReport) -> None:
        self.undone = True
        self.results_title.setText(self.tr("Import undone"))
        self._say(undo_summary(done))
        self.changed.emit(None)


def _field_choices() -> list[tuple[str, str]]:
    from ...services.roster import FIELD_CHOICES

    return list(FIELD_CHOICES)


# -- the 文件 menu's entries ------------------------------------------------------------------
def _folder(settings: Settings | None) -> str:
    value = settings.value(_FOLDER_KEY, "") if settings is not None else ""
    return value if isinstance(value, str) else ""


def _status(window: QWidget, text: str, ms: int = 5000) -> None:
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, ms)


def choose_roster(
    window: QWidget,
    runner: TaskRunner,
    ctx: ServiceContext,
    settings: Settings | None = None,
    on_changed: Callable[[Any], None] | None = None,
    path: Path | None = None,
) -> None:
    """文件 → 导入花名册…: choose the file, read it on the worker, then show the dialog
    (``path``: a file chosen already, by the first-run wizard)."""
    if path is None:
        chosen = file_dialogs.open_file(
            window,
            QCoreApplication.translate("RosterImport", "Choose the roster to import"),
            _folder(settings),
            QCoreApplication.translate(
                "RosterImport", "Rosters (*.xlsx *.xls *.csv);;All files (*)"
            ),
        )
        if not chosen:
            return
        path = Path(chosen)
    if settings is not None:
        settings.setValue(_FOLDER_KEY, str(path.parent))
    from ...services.roster import RosterFile, RosterService

    service = RosterService(ctx)

    def opened(roster: object) -> None:
        assert isinstance(roster, RosterFile)
        _status(window, "")
        dialog = RosterImportDialog(runner, service, roster, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if on_changed is not None:
            dialog.changed.connect(on_changed)
        dialog.open()

    def failed(exc: BaseException) -> None:
        _status(window, "")
        show_known_error(window, exc)

    _status(
        window, arg(QCoreApplication.translate("RosterImport", "Reading %1…"), path.name), 30000
    )
    runner.run(
        lambda _state: service.open(path),
        on_done=guarded(window, opened),
        on_error=guarded(window, failed),
    )


def save_template(
    window: QWidget, runner: TaskRunner, ctx: ServiceContext, settings: Settings | None = None
) -> None:
    """文件 → 下载花名册导入模板…: save the template (.xlsx) and say where it is."""
    folder = _folder(settings)
    suggestion = (Path(folder) if folder else Path.home()) / TEMPLATE_NAME
    path = file_dialogs.save_path(
        window,
        QCoreApplication.translate("RosterImport", "Save the roster import template as"),
        str(suggestion),
        QCoreApplication.translate("RosterImport", "Excel workbooks (*.xlsx)"),
        suffix=".xlsx",
    )
    if path is None:
        return
    if settings is not None:
        settings.setValue(_FOLDER_KEY, str(path.parent))
    from ...services.roster import RosterService

    service = RosterService(ctx)

    def written(_result: object) -> None:
        _status(
            window,
            arg(
                QCoreApplication.translate("RosterImport", "Roster import template saved to %1"),
                path,
            ),
            8000,
        )
        QMessageBox.information(
            window,
            QCoreApplication.translate("RosterImport", "Template saved"),
            arg(
                QCoreApplication.translate(
                    "RosterImport",
                    "The roster import template was saved to %1.\n\n"
                    "Fill in one row per child on its 花名册 sheet (row 2 is an example: delete "
                    "it), then import it with File → Import a roster…",
                ),
                path,
            ),
        )

    runner.run(
        lambda _state: service.write_template(path),
        on_done=guarded(window, written),
        on_error=guarded(window, lambda exc: show_known_error(window, exc)),
    )


def open_history(
    window: QWidget,
    runner: TaskRunner,
    ctx: ServiceContext,
    on_changed: Callable[[Any], None] | None = None,
) -> None:
    """文件 → 花名册导入记录…"""
    from ...services.roster import RosterService
    from .roster_history_dialog import RosterHistoryDialog

    dialog = RosterHistoryDialog(runner, RosterService(ctx), window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_changed is not None:
        dialog.changed.connect(on_changed)
    dialog.open()
