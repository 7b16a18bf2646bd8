"""A child's contact card on screen: what a teacher sees of a child who is not theirs.

A teacher (教师) sees their own class and the children paired with them in full; of every other
child only what a contact card shows (``domain.access.limited_row``): name, class, the guardian
and the parents with their phones, and who looks after the child at school. Opening such a child
from a list shows this small read-only card instead of refusing over an empty archive.

The names and phones come from the list's row at once; the class teacher and the helpers
(帮扶人) are read on the worker (``PrintService.contact_card_data``, allowed for everyone, as
printing a contact card is). 打印联系卡… prints the card as the children page does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import KnownError
from .fields import PROBLEM_STYLE, arg, guarded, hint_label

if TYPE_CHECKING:
    from ...domain.listing import ChildRow
    from ...reports.contact_cards import ContactCard
    from ...services.context import ServiceContext
    from ..tasks import TaskRunner


def _person(name: str, phone: str, note: str = "") -> str:
    """张三（祖母）  138…: a name, its note and phone; "—" when nothing is known."""
    who = f"{name}（{note}）" if name and note else (name or note)
    text = "　".join(part for part in (who, phone) if part)
    return text or "—"


class ContactCardDialog(QDialog):
    """The contact card of one child, read-only. ``on_print`` (when given) prints it."""

    def __init__(
        self,
        runner: TaskRunner,
        ctx: ServiceContext,
        row: ChildRow,
        parent: QWidget | None = None,
        *,
        on_print: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._row = row
        self.card: ContactCard | None = None
        self.setWindowTitle(arg(self.tr("Contact card — %1"), row.name))
        self.setStyleSheet(PROBLEM_STYLE)

        self.name_label = QLabel(row.name, self)
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.name_label.setFont(font)
        self.class_label = QLabel(" · ".join(p for p in (row.class_label, row.sex) if p), self)
        self.class_label.setObjectName("hint")

        selectable = Qt.TextInteractionFlag.TextSelectableByMouse
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, label, text in (
            (
                "guardian",
                self.tr("Guardian"),
                _person(row.guardian_name, row.guardian_phone, row.guardian_relation),
            ),
            ("father", self.tr("Father"), _person(row.father_name, row.father_phone)),
            ("mother", self.tr("Mother"), _person(row.mother_name, row.mother_phone)),
            ("teacher", self.tr("Class teacher"), self.tr("Loading…")),
            ("helpers", self.tr("Helpers"), self.tr("Loading…")),
        ):
            value = QLabel(text, self)
            value.setTextInteractionFlags(selectable)  # a phone number can be copied
            value.setWordWrap(True)
            value.setObjectName(f"contact_{key}")
            self.values[key] = value
            form.addRow(label, value)

        self.scope_label = hint_label(
            self.tr(
                "Only the contact card is shown: the full archive of this child is seen by "
                "the class teacher, the helpers paired with the child and the administrators."
            ),
            self,
        )

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        self.print_button = QPushButton(self.tr("Print the contact card…"), self)
        self.print_button.setAutoDefault(False)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setVisible(on_print is not None)
        self._on_print = on_print
        self.print_button.clicked.connect(self._print)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.name_label)
        layout.addWidget(self.class_label)
        layout.addLayout(form)
        layout.addWidget(self.scope_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 30)
        self._load(ctx)

    def text(self, key: str) -> str:
        """What the card says for "guardian", "father", "mother", "teacher" or "helpers"."""
        return self.values[key].text()

    @property
    def loaded(self) -> bool:
        return self.card is not None

    def _load(self, ctx: ServiceContext) -> None:
        child_id = self._row.id

        def read(_state: object) -> ContactCard:
            from ...services.printing import PrintService

            return PrintService(ctx).contact_card_data([child_id])[0]

        self._runner.run(
            read, on_done=guarded(self, self._loaded), on_error=guarded(self, self._failed)
        )

    def _loaded(self, card: ContactCard) -> None:
        self.card = card
        self.values["teacher"].setText(_person(card.teacher.name, card.teacher.phone))
        helpers = [_person(h.name, h.phone, h.note) for h in card.helpers]
        self.values["helpers"].setText("\n".join(helpers) if helpers else "—")

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, KnownError):
            raise exc  # a bug: the crash hook
        for key in ("teacher", "helpers"):
            self.values[key].setText("—")

    def _print(self) -> None:
        on_print = self._on_print
        self.accept()
        if on_print is not None:
            on_print()


__all__ = ["ContactCardDialog"]
