"""转学: the township moves a child to another school (``SyncService.transfer``). Both schools
learn of it from their next bundle; the new school receives the whole archive."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..messages import show_known_error
from .fields import arg, guarded, hint_label

if TYPE_CHECKING:
    from ...domain.listing import ChildRow
    from ...services.archive import ArchiveService, SchoolInfo
    from ..tasks import TaskRunner


class TransferDialog(QDialog):
    """Choose the school the child moves to; ``transferred`` carries the ``Changes``."""

    transferred = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        service: ArchiveService,
        child: ChildRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._service = service
        self._child = child
        self._busy = True
        self.done_message = ""  # what the user was told after the transfer
        self._school_names: dict[str, str] = {}
        self.setWindowTitle(self.tr("Transfer to another school"))
        self.setMinimumWidth(460)

        title = QLabel(arg(self.tr("Transfer %1 (%2)"), child.name, child.class_label), self)
        title.setObjectName("cardTitle")
        self.school_combo = QComboBox(self)
        self.school_combo.setMinimumWidth(260)
        form = QFormLayout()
        form.addRow(self.tr("Now at:"), QLabel(child.school_name, self))
        form.addRow(self.tr("Move to:"), self.school_combo)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("fieldError")
        self.problem_label.setWordWrap(True)
        hint = hint_label(
            self.tr(
                "The archive and its whole history move to the new school. Both schools learn "
                "of the transfer from the next sync bundle they receive; the old school keeps "
                "the archive, read-only."
            ),
            self,
        )
        self.buttons = QDialogButtonBox(self)
        self.ok_button = QPushButton(self.tr("Transfer"), self)
        self.ok_button.setObjectName("primary")
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._transfer)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self._set_busy(True)
        runner.run(
            lambda _state: service.schools(),
            on_done=guarded(self, self._schools_loaded),
            on_error=guarded(self, self._failed),
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok_button.setEnabled(not busy and self.school_combo.count() > 0)
        self.school_combo.setEnabled(not busy)

    def _schools_loaded(self, schools: list[SchoolInfo]) -> None:
        others = [s for s in schools if s.id != self._child.school_id]
        for school in others:
            self._school_names[school.id] = school.name
            self.school_combo.addItem(f"{school.name}（{school.code}）", school.id)
        if not others:
            self.problem_label.setText(
                self.tr(
                    "There is no other school in the ledger yet: a school appears once its "
                    "first sync bundle has been merged."
                )
            )
        self._set_busy(False)

    def target_school_id(self) -> str | None:
        value = self.school_combo.currentData()
        return str(value) if value else None

    def choose(self, school_id: str) -> None:
        """Select the target school (for tests and keyboard users alike)."""
        at = self.school_combo.findData(school_id)
        if at >= 0:
            self.school_combo.setCurrentIndex(at)

    def _transfer(self) -> None:
        target = self.target_school_id()
        if self._busy or target is None:
            return
        from ...services.sync import SyncService

        sync = SyncService(self._service.ctx)
        child_id = self._child.id
        self._set_busy(True)
        self._runner.run(
            lambda _state: sync.transfer(child_id, target),
            on_done=guarded(self, self._done),
            on_error=guarded(self, self._failed),
        )

    def _done(self, changes: object) -> None:
        self._set_busy(False)
        self.done_message = arg(
            self.tr(
                "%1 was transferred from %2 to %3. Export sync bundles for both schools "
                "(Sync → Export for all schools): the transfer takes effect at each school "
                "once it imports its bundle."
            ),
            self._child.name,
            self._child.school_name,
            self._school_names.get(self.target_school_id() or "", self.school_combo.currentText()),
        )
        self.transferred.emit(changes)
        self.accept()
        # Told once the dialog is gone, on its parent (the ledger), without blocking.
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Transfer recorded"),
            self.done_message,
            QMessageBox.StandardButton.Ok,
            self.parentWidget(),
        )
        box.setObjectName("transferDoneBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_known_error(self, exc)
