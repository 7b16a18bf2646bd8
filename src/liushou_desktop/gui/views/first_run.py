"""The first-run page: start the school's own archive, start a township (乡镇中心校) database
that merges the schools' bundles, or open the demo school."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..widgets.busy import BusyIndicator
from ..widgets.text import arg

_CONTENT_WIDTH = 700


class FirstRunPage(QWidget):
    """Shown when there is no database yet (and from 文件 → 新建学校…)."""

    start_requested = Signal(str, str, int)  # school name, code, top grade
    demo_requested = Signal()
    township_requested = Signal(str, str)  # township name, code
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build()
        self._connect()
        self.set_busy(False)
        self.set_can_go_back(False)

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel(self.tr("Welcome to the Left-behind Children Care Archive"), self)
        title.setObjectName("pageTitle")
        intro = QLabel(
            self.tr(
                "The archive is kept on this computer and needs no internet. Start your "
                "school's own archive, or first look around in the demo school."
            ),
            self,
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)

        content = QWidget(self)
        content.setMaximumWidth(_CONTENT_WIDTH)
        column = QVBoxLayout(content)
        column.setSpacing(14)
        column.addWidget(title)
        column.addWidget(intro)
        column.addWidget(self._school_card())
        column.addWidget(self._demo_card())
        column.addWidget(self._township_card())
        self.busy = BusyIndicator(self)
        column.addWidget(self.busy)
        self.back_button = QPushButton(self.tr("Back to the list"), self)
        column.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addStretch(1)

        centre = QWidget(self)
        centre_layout = QHBoxLayout(centre)
        centre_layout.setContentsMargins(24, 32, 24, 24)
        centre_layout.addStretch(1)
        centre_layout.addWidget(content, 100)
        centre_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(centre)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _school_card(self) -> QFrame:
        card = QFrame(self)
        card.setObjectName("card")
        heading = QLabel(self.tr("Start your school's archive"), card)
        heading.setObjectName("cardTitle")

        self.name_edit = QLineEdit(card)
        self.name_edit.setPlaceholderText(self.tr("e.g. Dashan Village Primary School"))
        self.code_edit = QLineEdit(card)
        self.code_edit.setPlaceholderText(self.tr("e.g. 522401001"))
        self.type_combo = QComboBox(card)
        self.type_combo.addItem(self.tr("Primary school (up to grade 6)"), 6)
        self.type_combo.addItem(self.tr("Nine-year school (up to grade 9)"), 9)
        self.type_combo.addItem(self.tr("Complete secondary school (up to senior 3)"), 12)

        self.name_error = self._error_label(card)
        self.code_error = self._error_label(card)
        self.type_error = self._error_label(card)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        rows = [
            (self.tr("School name"), self.name_edit, self.name_error),
            (self.tr("School code"), self.code_edit, self.code_error),
            (self.tr("School type"), self.type_combo, self.type_error),
        ]
        for n, (label, field, error) in enumerate(rows):
            caption = QLabel(label, card)
            caption.setBuddy(field)
            grid.addWidget(caption, n, 0)
            grid.addWidget(field, n, 1)
            if error is not None:
                grid.addWidget(error, n, 2)
        grid.setColumnMinimumWidth(1, 260)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)

        self.target_label = QLabel(card)
        self.target_label.setObjectName("hint")
        self.target_label.setWordWrap(True)
        self.target_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.start_button = QPushButton(self.tr("Start the archive"), card)
        self.start_button.setObjectName("primary")
        self.start_button.setDefault(True)

        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addLayout(grid)
        layout.addWidget(self.target_label)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignRight)
        return card

    def _demo_card(self) -> QFrame:
        card = QFrame(self)
        card.setObjectName("card")
        heading = QLabel(self.tr("Look around first"), card)
        heading.setObjectName("cardTitle")
        text = QLabel(
            self.tr(
                "The demo school holds about 300 invented children. Change anything you like: "
                "it is kept in its own file and never mixes with your school's archive."
            ),
            card,
        )
        text.setObjectName("hint")
        text.setWordWrap(True)
        self.demo_button = QPushButton(self.tr("Open the demo school"), card)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignRight)
        return card

    def _township_card(self) -> QFrame:
        card = QFrame(self)
        card.setObjectName("card")
        heading = QLabel(self.tr("Set up a township (central school) database"), card)
        heading.setObjectName("cardTitle")
        text = QLabel(
            self.tr(
                "For the township office only: it merges the sync bundles that the schools bring "
                "into one ledger, with figures per school, conflicts and transfers. A school "
                "starts its own archive above."
            ),
            card,
        )
        text.setObjectName("hint")
        text.setWordWrap(True)
        self.township_name_edit = QLineEdit(card)
        self.township_name_edit.setPlaceholderText(self.tr("e.g. Chengguan Town Central School"))
        self.township_code_edit = QLineEdit(card)
        self.township_code_edit.setPlaceholderText(self.tr("e.g. T01"))
        self.township_name_error = self._error_label(card)
        self.township_code_error = self._error_label(card)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        rows = [
            (self.tr("Township name"), self.township_name_edit, self.township_name_error),
            (self.tr("Township code"), self.township_code_edit, self.township_code_error),
        ]
        for n, (label, field, error) in enumerate(rows):
            caption = QLabel(label, card)
            caption.setBuddy(field)
            grid.addWidget(caption, n, 0)
            grid.addWidget(field, n, 1)
            if error is not None:
                grid.addWidget(error, n, 2)
        grid.setColumnMinimumWidth(1, 260)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        self.township_button = QPushButton(self.tr("Set up the township database"), card)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addLayout(grid)
        layout.addWidget(self.township_button, 0, Qt.AlignmentFlag.AlignRight)
        return card

    @staticmethod
    def _error_label(parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setObjectName("fieldError")
        label.setWordWrap(True)
        return label

    def _connect(self) -> None:
        self.start_button.clicked.connect(self._start_clicked)
        self.name_edit.returnPressed.connect(self._start_clicked)
        self.code_edit.returnPressed.connect(self._start_clicked)
        self.demo_button.clicked.connect(self.demo_requested)
        self.township_button.clicked.connect(self._township_clicked)
        self.township_name_edit.returnPressed.connect(self._township_clicked)
        self.township_code_edit.returnPressed.connect(self._township_clicked)
        self.township_name_edit.textEdited.connect(lambda _t: self.township_name_error.clear())
        self.township_code_edit.textEdited.connect(lambda _t: self.township_code_error.clear())
        self.back_button.clicked.connect(self.back_requested)
        self.name_edit.textEdited.connect(lambda _text: self.name_error.clear())
        self.code_edit.textEdited.connect(lambda _text: self.code_error.clear())
        self.type_combo.currentIndexChanged.connect(lambda _i: self.type_error.clear())

    # -- behaviour ---------------------------------------------------------------------------
    def _start_clicked(self) -> None:
        if self.busy.isVisible():
            return
        self.clear_problems()
        self.start_requested.emit(
            self.name_edit.text().strip(),
            self.code_edit.text().strip(),
            int(self.type_combo.currentData()),
        )

    def _township_clicked(self) -> None:
        if self.busy.isVisible():
            return
        self.clear_problems()
        self.township_requested.emit(
            self.township_name_edit.text().strip(),
            self.township_code_edit.text().strip(),
        )

    def set_target_path(self, path: Path) -> None:
        self.target_label.setText(arg(self.tr("The archive will be saved in: %1"), path))

    def set_can_go_back(self, can: bool) -> None:
        self.back_button.setVisible(can)

    def set_busy(self, busy: bool, text: str = "") -> None:
        """While the worker creates or opens a database: a moving bar, and no double clicks."""
        self.busy.setVisible(busy)
        self.busy.set_text(text)
        for widget in (
            self.name_edit,
            self.code_edit,
            self.type_combo,
            self.start_button,
            self.demo_button,
            self.back_button,
            self.township_name_edit,
            self.township_code_edit,
            self.township_button,
        ):
            widget.setEnabled(not busy)

    def show_problems(self, errors: dict[str, str]) -> bool:
        """Put each reason beside its field; False when none of them belongs to this form."""
        labels = {
            "name": self.name_error,
            "code": self.code_error,
            "top_grade": self.type_error,
        }
        shown = False
        for key, text in errors.items():
            label = labels.get(key)
            if label is not None:
                label.setText(text)
                shown = True
        focus = {"name": self.name_edit, "code": self.code_edit, "top_grade": self.type_combo}
        for key in ("name", "code", "top_grade"):
            if key in errors:
                focus[key].setFocus()
                break
        return shown

    def show_township_problems(self, errors: dict[str, str]) -> bool:
        """The township form's reasons beside its fields; False when none belongs to it."""
        labels = {"name": self.township_name_error, "code": self.township_code_error}
        edits = {"name": self.township_name_edit, "code": self.township_code_edit}
        shown = False
        for key, text in errors.items():
            if key in labels:
                labels[key].setText(text)
                shown = True
        for key in ("name", "code"):
            if key in errors:
                edits[key].setFocus()
                break
        return shown

    def clear_problems(self) -> None:
        for label in (
            self.name_error,
            self.code_error,
            self.type_error,
            self.township_name_error,
            self.township_code_error,
        ):
            label.clear()

    def township_problems(self) -> dict[str, str]:
        """The township form's reasons currently shown."""
        shown = {"name": self.township_name_error.text(), "code": self.township_code_error.text()}
        return {k: v for k, v in shown.items() if v}

    def problems(self) -> dict[str, str]:
        """The reasons currently shown (for tests and accessibility)."""
        shown = {
            "name": self.name_error.text(),
            "code": self.code_error.text(),
            "top_grade": self.type_error.text(),
        }
        return {k: v for k, v in shown.items() if v}
