"""审计日志 (the administrator's): who did what and when — logins, archives opened, prints,
exports, imports, bundles, account changes and refused actions — newest first, filtered by
dates, person, action and result, and exported as an Excel workbook.

The trail is read on the worker thread (``services.accounts.AuditService.entries``; a filter
change reads it again, a moment after the last keystroke). Nothing here can change it: the
table refuses updates and deletes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.access import ACTIONS
from .. import file_dialogs
from ..widgets.duty_tables import Col, RowTableModel, make_table
from .fields import PROBLEM_STYLE, arg, guarded, hint_label, set_role
from .login_dialog import error_label, show_error

if TYPE_CHECKING:
    from ...services.accounts import AuditEntry, AuditService
    from ..tasks import TaskRunner

_WIDTH, _HEIGHT = 1100, 620
LIMIT = 5000  # the newest entries shown at most (a narrower filter shows older ones)
DEFAULT_DAYS = 30
_DEBOUNCE_MS = 300


class AuditModel(RowTableModel):
    """The entries (ids plus a row cache of ``AuditEntry``); refused and failed ones in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([], key=lambda e: e.id, parent=parent)
        outcomes = {
            "ok": self.tr("done"),
            "refused": self.tr("refused"),
            "failed": self.tr("failed"),
        }
        self.columns = [
            Col(self.tr("Time"), lambda e: f"{e.at:%Y-%m-%d %H:%M:%S}", width=11),
            Col(self.tr("By"), lambda e: e.who, width=10),
            Col(self.tr("Role"), lambda e: e.role, width=5),
            Col(self.tr("Action"), lambda e: e.action_label, width=6),
            Col(
                self.tr("Result"),
                lambda e: outcomes.get(e.outcome, e.outcome),
                alarm=lambda e: e.outcome != "ok",
                width=3,
            ),
            Col(self.tr("Children"), children_text, width=12),
            Col(self.tr("Details"), lambda e: e.detail),
        ]


def children_text(entry: AuditEntry) -> str:
    """The children an entry names (an id where the child is gone)."""
    return "、".join(
        name or child_id for name, child_id in zip(entry.child_names, entry.child_ids, strict=True)
    )


class AuditDialog(QDialog):
    """Browse, filter and export the audit trail."""

    def __init__(
        self,
        runner: TaskRunner,
        service: AuditService,
        *,
        folder: str = "",
        limit: int = LIMIT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = service
        self._folder = folder
        self._limit = limit
        self._generation = 0
        self._loading = False
        self._more = False  # the filter matched more than the limit
        self.setWindowTitle(self.tr("Audit trail"))
        self.setStyleSheet(PROBLEM_STYLE)
        self.setSizeGripEnabled(True)
        self.resize(_WIDTH, _HEIGHT)

        intro = hint_label(
            self.tr(
                "Every login, opened archive, print, export, import, sync bundle, account change "
                "and refused action, newest first. Nobody can change or delete these entries."
            ),
            self,
        )
        today = service.ctx.today()
        self.since_edit = self._date_edit(today - dt.timedelta(days=DEFAULT_DAYS))
        self.until_edit = self._date_edit(today)
        self.who_edit = QLineEdit(self)
        self.who_edit.setPlaceholderText(self.tr("Name or account"))
        self.who_edit.setClearButtonEnabled(True)
        self.who_edit.setMaximumWidth(180)
        self.action_combo = QComboBox(self)
        self.action_combo.addItem(self.tr("All actions"), "")
        for code, label in ACTIONS.items():
            self.action_combo.addItem(label, code)
        self.outcome_combo = QComboBox(self)
        self.outcome_combo.addItem(self.tr("All results"), "")
        self.outcome_combo.addItem(self.tr("done"), "ok")
        self.outcome_combo.addItem(self.tr("refused"), "refused")
        self.outcome_combo.addItem(self.tr("failed"), "failed")
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.setAutoDefault(False)
        filters = QHBoxLayout()
        for text, widget in (
            (self.tr("From"), self.since_edit),
            (self.tr("to"), self.until_edit),
            (self.tr("By"), self.who_edit),
            (self.tr("Action"), self.action_combo),
            (self.tr("Result"), self.outcome_combo),
        ):
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addWidget(self.clear_button)
        filters.addStretch(1)

        self.model = AuditModel(self)
        self.table = make_table(self.model, self)
        self.count_label = QLabel(self)
        set_role(self.count_label, "hint")
        self.message_label = error_label(self)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = QPushButton(self.tr("Export to a spreadsheet…"), self)
        self.export_button.setAutoDefault(False)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(bottom)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self.who_edit.textChanged.connect(lambda _t: self._debounce.start())
        for combo in (self.action_combo, self.outcome_combo):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(lambda _d: self.reload())
        self.clear_button.clicked.connect(self.clear_filters)
        self.export_button.clicked.connect(self.export)
        self.reload()

    def _date_edit(self, value: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(value.year, value.month, value.day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    # -- the filter ----------------------------------------------------------------------------
    def filters(self) -> dict[str, object]:
        """The arguments of ``AuditService.entries`` the filter row stands for."""
        return {
            "since": self.since_edit.date().toPython(),
            "until": self.until_edit.date().toPython(),
            "who": self.who_edit.text().strip(),
            "action": str(self.action_combo.currentData() or ""),
            "outcome": str(self.outcome_combo.currentData() or ""),
        }

    def set_action(self, code: str) -> None:
        self.action_combo.setCurrentIndex(max(0, self.action_combo.findData(code)))

    def set_outcome(self, code: str) -> None:
        self.outcome_combo.setCurrentIndex(max(0, self.outcome_combo.findData(code)))

    def clear_filters(self) -> None:
        today = self._service.ctx.today()
        for widget in (self.since_edit, self.until_edit, self.action_combo, self.outcome_combo):
            widget.blockSignals(True)
        self.since_edit.setDate(_qdate(today - dt.timedelta(days=DEFAULT_DAYS)))
        self.until_edit.setDate(_qdate(today))
        self.action_combo.setCurrentIndex(0)
        self.outcome_combo.setCurrentIndex(0)
        for widget in (self.since_edit, self.until_edit, self.action_combo, self.outcome_combo):
            widget.blockSignals(False)
        self.who_edit.blockSignals(True)
        self.who_edit.clear()
        self.who_edit.blockSignals(False)
        self.reload()

    @property
    def loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        """Read the entries the filter asks for (the latest request wins)."""
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        self._loading = True
        service, wanted, limit = self._service, self.filters(), self._limit

        def work(_state: object) -> list[AuditEntry]:
            return service.entries(limit=limit + 1, **wanted)  # type: ignore[arg-type]

        def done(entries: object) -> None:
            if generation == self._generation:
                assert isinstance(entries, list)
                self._show(entries)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._loading = False
                show_error(self.message_label, getattr(exc, "message", str(exc)))

        self._runner.run(work, on_done=guarded(self, done), on_error=guarded(self, failed))

    def _show(self, entries: list[AuditEntry]) -> None:
        self._more = len(entries) > self._limit
        self.model.set_rows(entries[: self._limit])
        shown = self.model.rowCount()
        if self._more:
            text = arg(
                self.tr("The newest %1 entries (narrow the filter to see older ones)"), shown
            )
        else:
            text = arg(self.tr("%1 entries"), shown)
        self.count_label.setText(text)
        self.export_button.setEnabled(shown > 0)
        show_error(self.message_label, "")
        self._loading = False

    def entries(self) -> list[AuditEntry]:
        """The entries shown, in the order shown."""
        return self.model.rows()

    # -- export --------------------------------------------------------------------------------
    def export(self) -> None:
        """导出: the entries shown (in their order) as an .xlsx, on the worker."""
        entries = self.entries()
        if not entries:
            return
        today = self._service.ctx.today()
        suggestion = arg(self.tr("audit-trail-%1"), today.isoformat()) + ".xlsx"
        path = file_dialogs.save_path(
            self,
            self.tr("Save the audit trail as"),
            str(Path(self._folder) / suggestion) if self._folder else suggestion,
            arg(self.tr("Spreadsheets (%1)"), "*.xlsx"),
            suffix=".xlsx",
        )
        if path is None:
            return
        service = self._service
        self.export_button.setEnabled(False)
        self.status_label.setText(self.tr("Writing the workbook…"))

        def done(result: object) -> None:
            self.export_button.setEnabled(True)
            count = result.get("entries", len(entries)) if isinstance(result, dict) else 0
            self.status_label.setText(arg(self.tr("%1 entries saved to %2"), count, path))

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.status_label.clear()
            show_error(self.message_label, getattr(exc, "message", str(exc)))

        self._runner.run(
            lambda _state: service.export(path, entries),
            on_done=guarded(self, done),
            on_error=guarded(self, failed),
        )


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


__all__ = ["LIMIT", "AuditDialog", "AuditModel", "children_text"]
