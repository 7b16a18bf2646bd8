"""What the pairing dialogs share: fields checked as the user types, reasons beside them, the
write on the worker thread, and the service's own reasons put back beside the fields.

A field's reason shows once that field was edited, or everywhere once the user tries to save;
the dialog stays open (and keeps what was typed) when the service refuses.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QWidget

from ...domain.errors import KnownError, ValidationFailed
from ..messages import show_known_error
from .fields import ERROR, PROBLEM_STYLE, Field, guarded, set_role

if TYPE_CHECKING:
    from ..tasks import TaskRunner, TaskState


class PairingFormDialog(QDialog):
    """Base of the helper, pairing, plan and appointment dialogs."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.fields: dict[str, Field] = {}
        self._touched: set[str] = set()
        self._show_all = False
        self._server_errors: dict[str, str] = {}
        self._errors: dict[str, str] = {}
        self._busy = False
        self.setStyleSheet(PROBLEM_STYLE)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        set_role(self.error_label, "error")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self)
        self.ok_button.setObjectName("primary")
        self.ok_button.setAutoDefault(False)
        self.ok_button.setDefault(True)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    # -- public ---------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._busy

    def errors(self) -> dict[str, str]:
        """What blocks saving now: field key → reason."""
        return dict(self._errors)

    def shown_errors(self) -> dict[str, str]:
        """The reasons shown in red now."""
        return {k: t for k, t in self._errors.items() if self._shown(k)}

    def message(self, key: str) -> str:
        return self.fields[key].box.message.text()

    def submit(self) -> None:
        """Save (the OK button): shows every reason first if something is missing."""
        if self._busy:
            return
        self._show_all = True
        self._revalidate()
        if self._errors:
            return
        work = self._work()
        if work is None:
            return
        self._set_busy(True)
        self._runner.run(
            work,
            on_done=guarded(self, self._succeeded),
            on_error=guarded(self, self._failed),
        )

    def reject(self) -> None:
        if self._busy:
            return  # the write is on its way; its result decides
        super().reject()

    # -- for subclasses -------------------------------------------------------------------------
    def _problems(self) -> dict[str, str]:
        """The reasons that block saving, from the form as it is now."""
        return {}

    def _work(self) -> Callable[[TaskState], Any] | None:
        """The service call to run on the worker thread."""
        raise NotImplementedError

    def _done(self, result: Any) -> None:
        """The write succeeded (on the UI thread)."""
        self.accept()

    def _after_revalidate(self) -> None:
        """Hook: update hints that depend on the form."""

    def _watch(self) -> None:
        """Connect every field; call once the fields exist."""
        for key, field in self.fields.items():
            field.on_change(partial(self._edited, key))

    def _edited(self, key: str) -> None:
        self._touched.add(key)
        self._server_errors = {}
        self._revalidate()

    def _shown(self, key: str) -> bool:
        return self._show_all or key in self._touched or key in self._server_errors

    def _revalidate(self) -> None:
        errors: dict[str, str] = {}
        for key, field in self.fields.items():
            problem = field.parse_error()
            if problem:
                errors[key] = problem
        for source in (self._problems(), self._server_errors):
            for key, text in source.items():
                errors.setdefault(key, text)
        self._errors = errors
        for key, field in self.fields.items():
            if key in errors and self._shown(key):
                field.box.set_problem(ERROR, errors[key])
            else:
                field.box.set_problem("", "")
        loose = [t for k, t in errors.items() if k not in self.fields and self._shown(k)]
        self.error_label.setText("；".join(loose))
        self.error_label.setVisible(bool(loose))
        self._after_revalidate()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    def _succeeded(self, result: Any) -> None:
        self._set_busy(False)
        self._done(result)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationFailed):
            self._server_errors = dict(exc.errors)
            self._revalidate()
            if set(exc.errors) <= set(self.fields):
                return  # each reason already stands beside its field
        if isinstance(exc, KnownError):
            show_known_error(self, exc)
