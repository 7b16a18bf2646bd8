"""The shared behaviour of the care-work forms (records, incidents, dropouts).

A :class:`CareForm` holds named :class:`~.fields.Field` objects, checks them as the user types
(``problems``), and saves on the worker thread (``job``). A reason is shown beside its field
once that field was edited or the user tried to save; reasons the service gives back in a
:class:`ValidationFailed` are shown the same way. Nothing typed is lost when saving fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import KnownError, ValidationFailed
from ..messages import show_known_error
from ..widgets.record_children import ChildPicker
from .fields import ERROR, PROBLEM_STYLE, Field, guarded, set_role

if TYPE_CHECKING:
    from ...domain.listing import ChildRow
    from ...services.archive import ArchiveService
    from ..tasks import TaskRunner


def date_problem(field: Field, today: dt.date, *, required: bool, future: bool = False) -> str:
    """Why a date field's text cannot be saved ("" when it can)."""
    parse = field.parse_error()
    if parse:
        return parse
    value = field.value()
    if value is None:
        return QCoreApplication.translate("CareForm", "Please enter the date") if required else ""
    if not future and isinstance(value, dt.date) and value > today:
        return QCoreApplication.translate("CareForm", "The date cannot be after today")
    return ""


def writable_children(archive: ArchiveService, school_id: str) -> list[ChildRow]:
    """The children a record, report or dropout may be written about (on the worker): every
    child, or a teacher's own (their class and pairings; the service refuses the others)."""
    rows = archive.list_children(school_id)
    own = archive.own_children()
    return rows if own is None else [r for r in rows if r.id in own]


class ChildrenField(Field):
    """The children a record (or one child an incident) is about, as a list of ids."""

    def __init__(self, *, single: bool = False) -> None:
        self.picker = ChildPicker(single=single)
        super().__init__(self.picker)
        self.box.editor = self.picker.search

    def value(self) -> list[str]:
        return self.picker.child_ids()

    def set_value(self, value: object) -> None:
        self.picker.set_child_ids([str(v) for v in value] if isinstance(value, list) else [])

    def on_change(self, listener: Callable[[], None]) -> None:
        self.picker.changed.connect(listener)


class CareForm(QDialog):
    """Base of the small care-work dialogs. Subclasses fill ``fields``, build their layout with
    ``save_button`` and ``error_label``, and implement :meth:`problems` and :meth:`job`.

    ``saved`` carries the id of what was written (record, incident, dropout …)."""

    saved = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.fields: dict[str, Field] = {}
        self._touched: set[str] = set()
        self._tried = False
        self._busy = False
        self._server_errors: dict[str, str] = {}
        self._errors: dict[str, str] = {}
        self._populating = False  # set_value calls while filling the form are no edits
        # A field whose reason comes from another field's value: shown once that one is edited
        # (e.g. "to whom was it reported" after a report date was typed).
        self.depends: dict[str, tuple[str, ...]] = {}
        self._saved = False
        self._read_only = False
        self.setStyleSheet(PROBLEM_STYLE)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("primary")
        self.save_button.setAutoDefault(False)
        self.save_button.setMinimumWidth(96)
        self.save_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setMinimumWidth(96)
        self.cancel_button.clicked.connect(self.reject)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        set_role(self.error_label, "error")
        self.error_label.hide()

    # -- for subclasses -------------------------------------------------------------------------
    def bind(self, name: str, field: Field) -> QWidget:
        """Register a field under the name the service uses for it; returns its box."""
        self.fields[name] = field
        field.widget.setObjectName(name)
        field.on_change(lambda: self.field_changed(name))
        return field.box

    def button_row(self) -> QVBoxLayout:
        """The reasons that belong to no field, then Save and Cancel on the right."""
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.cancel_button)
        column = QVBoxLayout()
        column.addWidget(self.error_label)
        column.addLayout(row)
        return column

    def problems(self) -> dict[str, str]:
        """Field name → why it cannot be saved as it is (checked as the user types)."""
        return {}

    def job(self) -> Callable[[], Any]:
        """The work to run on the worker thread; its result goes to :meth:`on_saved`."""
        raise NotImplementedError

    def on_saved(self, result: Any) -> None:
        """The job succeeded: by default emit ``saved`` with the result and close."""
        self.saved.emit(str(result))
        self.accept()

    # -- public ---------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, reason: str) -> None:
        """Show what is there without any way to change it (a reader's account): the inputs
        are locked, 保存 is gone, Cancel becomes Close and nothing is asked on closing;
        ``reason`` says why, above the buttons."""
        self._read_only = True
        for field in self.fields.values():
            for widget in [*field.widget.findChildren(QWidget), field.widget]:
                if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
                    widget.setReadOnly(True)
                elif isinstance(widget, (QAbstractButton, QComboBox)):
                    widget.setEnabled(False)
        self.save_button.hide()
        self.cancel_button.setText(self.tr("Close"))
        self.error_label.setText(reason)
        set_role(self.error_label, "hint")
        self.error_label.setVisible(bool(reason))

    def errors(self) -> dict[str, str]:
        """What blocks saving now (shown or not yet)."""
        return dict(self._errors)

    def message(self, name: str) -> str:
        """The message shown beside a field ("" when none)."""
        return self.fields[name].box.message.text()

    def input_widget(self, name: str) -> QWidget:
        field = self.fields[name]
        return getattr(field, "edit", None) or getattr(field, "combo", None) or field.widget

    def submit(self) -> None:
        if self._busy or self._read_only:
            return
        self._tried = True
        self._server_errors = {}
        self.revalidate()
        if self._errors:
            return
        work = self.job()
        self.set_busy(True)
        self._runner.run(
            lambda _state: work(),
            on_done=guarded(self, self._done),
            on_error=guarded(self, self.failed),
        )

    # -- internals ------------------------------------------------------------------------------
    def field_changed(self, name: str) -> None:
        if self._populating:
            self.revalidate()
            return
        self._touched.add(name)
        self._server_errors.pop(name, None)
        self.revalidate()

    def revalidate(self) -> None:
        errors = self.problems()
        for key, text in self._server_errors.items():
            errors.setdefault(key, text)
        self._errors = errors
        shown = {k: v for k, v in errors.items() if self._shown(k)}
        shown.update(self._server_errors)
        for key, field in self.fields.items():
            field.box.set_problem(ERROR if key in shown else "", shown.get(key, ""))
        self.show_unbound({k: v for k, v in shown.items() if k not in self.fields})

    def _shown(self, key: str) -> bool:
        if self._tried or key in self._touched:
            return True
        return any(other in self._touched for other in self.depends.get(key, ()))

    def show_unbound(self, errors: dict[str, str]) -> None:
        """Reasons that belong to no field of this form (shown above the buttons)."""
        if self._read_only:
            return  # the line says why nothing can be changed
        self.error_label.setText("；".join(errors.values()))
        self.error_label.setVisible(bool(errors))

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy and not self._read_only)

    def is_dirty(self) -> bool:
        """Whether the user has typed anything not yet saved."""
        return bool(self._touched) and not self._saved and not self._read_only

    def _done(self, result: Any) -> None:
        self.set_busy(False)
        self._saved = True
        self.on_saved(result)

    def failed(self, exc: BaseException) -> None:
        self.set_busy(False)
        if isinstance(exc, ValidationFailed):
            self._server_errors = dict(exc.errors)
            self.revalidate()
            if all(key in self.fields for key in exc.errors):
                return  # every reason stands beside its field
        if isinstance(exc, KnownError):
            show_known_error(self, exc)

    def reject(self) -> None:
        if self._busy:
            return
        if self.is_dirty():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Close without saving? What you wrote here will be lost."),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
