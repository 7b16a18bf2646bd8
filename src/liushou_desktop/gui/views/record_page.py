"""The records page: every visit, talk, call … of the school, newest first, with filters.

Double-click opens a record read-only (with its photos and scans) and offers "Correct…";
"Write a record" opens :class:`~..dialogs.record_dialog.RecordDialog`. "Export to Excel…"
writes the records the list shows (``LedgerService.export_records``) as an .xlsx workbook.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.care import RecordKind
from ...domain.listing import ChildFilter, ChildRow, matches
from .. import file_dialogs
from ..dialogs.fields import DateField, guarded
from ..messages import show_known_error
from ..models.record_model import RecordColumn, RecordFilter, RecordsModel
from ..printouts import build_pdf
from ..widgets.filter_combo import FilterCombo
from ..widgets.text import arg

if TYPE_CHECKING:
    from ...services.archive import ArchiveService
    from ...services.care import CareService, HelperInfo, RecordInfo
    from ..tasks import TaskRunner

# Column widths in CJK characters.
_WIDTHS: dict[RecordColumn, float] = {
    RecordColumn.DATE: 6,
    RecordColumn.KIND: 5,
    RecordColumn.MODE: 3.5,
    RecordColumn.CHILDREN: 9,
    RecordColumn.HELPER: 5,
    RecordColumn.AUTHOR: 5,
    RecordColumn.SUMMARY: 22,
    RecordColumn.FILES: 3,
    RecordColumn.VERSION: 4,
}


@dataclass(frozen=True)
class _Loaded:
    records: list[RecordInfo]
    rows: list[ChildRow]
    helpers: list[HelperInfo]


def _load(care: CareService, archive: ArchiveService, school_id: str, superseded: bool) -> _Loaded:
    return _Loaded(
        care.records(school_id, include_superseded=superseded),
        archive.list_children(school_id),
        care.helpers(school_id),
    )


class RecordsPage(QWidget):
    """The school's records. ``changed`` is emitted after a record was written or corrected."""

    changed = Signal()
    loaded = Signal(int)  # number of records read
    form_printed = Signal(object, list)  # the PDF's path, the missing-glyph messages
    exported = Signal(object)  # the workbook's path

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        archive: ArchiveService,
        school_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._care = care
        self._archive = archive
        self._school_id = school_id
        self._generation = 0
        self._loading = False
        self._rows: list[ChildRow] = []
        self._child_names: dict[str, str] = {}
        self._helper_names: dict[str, str] = {}
        self._select_after_load: str | None = None
        self.model = RecordsModel(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.apply_filter_now)
        self._build()
        self.reload()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.write_button = QPushButton(self.tr("Write a record"), self)
        self.write_button.setObjectName("primary")
        self.write_button.clicked.connect(lambda: self.write_record())
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("recordSearch")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(self.tr("Child: name, pinyin initials or class"))
        self.search_box.setMinimumWidth(240)
        self.kind_combo = FilterCombo(self.tr("All kinds"), self)
        self.kind_combo.set_choices([(k.value, k.value) for k in RecordKind])
        self.since_field = DateField(self.tr("from"))
        self.until_field = DateField(self.tr("to"))
        self.superseded_check = QCheckBox(self.tr("Show corrected versions"), self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")

        self.table = QTableView(self)
        self.table.setObjectName("recordsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        unit = self.fontMetrics().horizontalAdvance("中")
        for column, chars in _WIDTHS.items():
            self.table.setColumnWidth(column, int(unit * chars) + 20)
        header.setSectionResizeMode(RecordColumn.SUMMARY, QHeaderView.ResizeMode.Stretch)

        self.empty_label = QLabel(self.tr("No records yet. Click “Write a record” to add one."))
        self.empty_label.setObjectName("emptyTitle")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QStackedWidget(self)
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty_label)

        top = QHBoxLayout()
        top.addWidget(self.write_button)
        top.addSpacing(12)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.kind_combo)
        top.addWidget(QLabel(self.tr("Date")))
        top.addWidget(self.since_field.box)
        top.addWidget(QLabel("–"))
        top.addWidget(self.until_field.box)
        bottom_row = QHBoxLayout()
        bottom_row.addWidget(self.superseded_check)
        bottom_row.addStretch(1)
        bottom_row.addWidget(self.count_label)
        self.print_form_button = QPushButton(self.tr("Print home-visit form…"), self)
        self.print_form_button.setToolTip(
            self.tr("The home-visit record form (家访登记表) of the selected 家访 record, as a PDF")
        )
        self.print_form_button.setEnabled(False)
        self.print_form_button.clicked.connect(self.print_selected_visit_form)
        bottom_row.addWidget(self.print_form_button)
        self.export_button = QPushButton(self.tr("Export to Excel…"), self)
        self.export_button.setToolTip(
            self.tr("The records the list shows, as an Excel workbook (.xlsx) ready to print")
        )
        self.export_button.clicked.connect(self.export_shown)
        bottom_row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(bottom_row)
        layout.addWidget(self.body, 1)

        self.search_box.textChanged.connect(self._timer.start)
        self.kind_combo.currentIndexChanged.connect(self.apply_filter_now)
        self.since_field.on_change(self._timer.start)
        self.until_field.on_change(self._timer.start)
        self.superseded_check.toggled.connect(self.reload)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_print_button)
        self.model.modelReset.connect(self._update_print_button)

    # -- loading ----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        """Read the records again on the worker thread."""
        self._generation += 1
        generation = self._generation
        self._loading = True
        self._update_count()
        care, archive, school_id = self._care, self._archive, self._school_id
        superseded = self.superseded_check.isChecked()
        self._runner.run(
            lambda _state: _load(care, archive, school_id, superseded),
            on_done=guarded(self, lambda result: self._loaded(generation, result)),
            on_error=guarded(self, lambda exc: self._failed(generation, exc)),
        )

    def _loaded(self, generation: int, result: _Loaded) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._rows = result.rows
        self._child_names = {r.id: r.name for r in result.rows}
        self._helper_names = {h.id: h.name for h in result.helpers}
        self.model.set_rows(result.records, self._child_names, self._helper_names)
        self.apply_filter_now()
        self.body.setCurrentIndex(0 if result.records else 1)
        if self._select_after_load is not None:
            self.select(self._select_after_load)
            self._select_after_load = None
        self.loaded.emit(len(result.records))

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            self._update_count()
            show_known_error(self, exc)

    # -- filtering --------------------------------------------------------------------------
    def current_filter(self) -> RecordFilter:
        text = self.search_box.text()
        child_ids: frozenset[str] | None = None
        if text.strip():
            wanted = ChildFilter(text=text)
            child_ids = frozenset(r.id for r in self._rows if matches(r, wanted))
        since, until = self.since_field.value(), self.until_field.value()
        return RecordFilter(
            kind=self.kind_combo.value(),
            child_ids=child_ids,
            since=since,
            until=until,
        )

    def apply_filter_now(self) -> None:
        self._timer.stop()
        for field in (self.since_field, self.until_field):
            problem = field.parse_error()
            field.box.set_problem("error" if problem else "", problem or "")
        self.model.set_filter(self.current_filter())
        self._update_count()

    def _update_count(self) -> None:
        if self._loading and self.model.total_count() == 0:
            self.count_label.setText(self.tr("Loading…"))
            return
        self.count_label.setText(
            arg(
                self.tr("%1 records, %2 shown"),
                self.model.total_count(),
                self.model.visible_count(),
            )
        )

    # -- opening and writing ----------------------------------------------------------------
    def select(self, record_id: str) -> None:
        at = self.model.row_of(record_id)
        if at >= 0:
            index = self.model.index(at, 0)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_record(self.model.record(index.row()).id)

    def open_record(self, record_id: str) -> None:
        """Show one record read-only (it must be among the loaded ones)."""
        from ..dialogs.record_viewer import RecordViewer

        record = self.model.get(record_id)
        if record is None:
            return
        viewer = RecordViewer(
            self._runner, self._care, record, self._child_names, self._helper_names, self
        )
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.correct_requested.connect(self.correct_record)
        viewer.open()

    def write_record(self, child_ids: list[str] | None = None, kind: str | None = None) -> None:
        self._open_dialog(child_ids, kind, None)

    def correct_record(self, record: RecordInfo) -> None:
        self._open_dialog(None, None, record)

    def _open_dialog(
        self, child_ids: list[str] | None, kind: str | None, correcting: RecordInfo | None
    ) -> None:
        from ..dialogs.record_dialog import RecordDialog

        dialog = RecordDialog(
            self._runner,
            self._care,
            self._archive,
            self._school_id,
            child_ids=child_ids,
            kind=kind,
            correcting=correcting,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        dialog.open()

    def _saved(self, record_id: str) -> None:
        self._select_after_load = record_id
        self.reload()
        self.changed.emit()

    # -- printing ---------------------------------------------------------------------------
    def selected_record(self) -> RecordInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _update_print_button(self, *_args: object) -> None:
        record = self.selected_record()
        self.print_form_button.setEnabled(
            record is not None and record.kind == RecordKind.HOME_VISIT
        )

    def print_selected_visit_form(self) -> None:
        """打印家访登记表: the selected 家访 record's form, filled in, as a PDF."""
        record = self.selected_record()
        if record is None or record.kind != RecordKind.HOME_VISIT:
            return
        names = [self._child_names.get(c, "") for c in record.child_ids]
        who = names[0] if len(names) == 1 else f"{len(names)}人"
        default = f"家访登记表-{who}-{record.occurred_on.isoformat()}.pdf"
        path = file_dialogs.save_path(
            self,
            self.tr("Save the home-visit form as"),
            default,
            self.tr("PDF files (*.pdf)"),
            suffix=".pdf",
        )
        if path is None:
            return
        from ...services.printing import PrintService

        ctx = self._care.ctx
        record_id = record.id
        build_pdf(
            self,
            self._runner,
            path,
            lambda progress, cancelled: PrintService(ctx).visit_form_for_record(
                record_id, path, progress, cancelled
            ),
            title=self.tr("Print home-visit form"),
            message=self.tr("Making the home-visit form…"),
            steps=self.tr("%1 of %2 forms"),
            on_written=self.form_printed.emit,
        )

    # -- exporting --------------------------------------------------------------------------
    def shown_records(self) -> list[RecordInfo]:
        """The records the list shows, in its order."""
        return [self.model.record(r) for r in range(self.model.rowCount())]

    def export_shown(self) -> None:
        """导出Excel…: the records the list shows, as an .xlsx workbook."""
        records = self.shown_records()
        title = self.tr("Export records to Excel")
        if not records:
            QMessageBox.information(
                self, title, self.tr("No records are shown. Change the filters first.")
            )
            return
        today = self._care.ctx.today()
        path = file_dialogs.save_path(
            self,
            self.tr("Save the records as"),
            f"记录-{today.isoformat()}.xlsx",
            self.tr("Excel workbooks (*.xlsx)"),
            suffix=".xlsx",
        )
        if path is None:
            return
        from ...services.ledger import LedgerService
        from ...services.sync import Cancelled
        from ..dialogs.sync_progress_dialog import CancelFn, ProgressFn, SyncProgressDialog

        ctx = self._care.ctx
        school_id = self._school_id
        shown = self.model.record_filter()
        text = self.search_box.text().strip() if shown.child_ids is not None else ""
        superseded = self.superseded_check.isChecked()

        def job(progress: ProgressFn, cancelled: CancelFn) -> object:
            progress(0, 1)
            if cancelled():
                raise Cancelled()
            return LedgerService(ctx).export_records(
                path,
                records,
                school_id,
                kind=shown.kind,
                since=shown.since,
                until=shown.until,
                child_text=text,
                superseded=superseded,
            )

        dialog = SyncProgressDialog(
            self._runner, title, arg(self.tr("Writing %1 records…"), len(records)), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.succeeded.connect(self._exported)
        dialog.failed.connect(lambda exc: show_known_error(self, exc))
        dialog.start(job)

    def _exported(self, result: object) -> None:
        assert isinstance(result, dict)
        path = Path(result["path"])
        self.exported.emit(path)
        if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
            return  # tests: no spreadsheet program
        title = self.tr("Records exported")
        answer = QMessageBox.question(
            self,
            title,
            arg(
                self.tr("%1 records were saved to %2. Open the file now?"), result["records"], path
            ),
        )
        if answer == QMessageBox.StandardButton.Yes and not QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(path))
        ):
            QMessageBox.information(
                self,
                title,
                arg(
                    self.tr("No program to open Excel files was found. Open %1 with Excel or WPS."),
                    path,
                ),
            )
