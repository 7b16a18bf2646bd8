"""The first-run page: 开始建档 (the first-run wizard, gui/dialogs/setup_wizard.py, makes a
school's or a township's database), 打开示范学校, or 打开已有数据库."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
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

    setup_requested = Signal()  # 开始建档: the wizard
    demo_requested = Signal()
    open_requested = Signal()  # 打开已有数据库…
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
                "The archive is kept on this computer and needs no internet. Set up your "
                "school's own archive step by step, or first look around in the demo school."
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
        column.addWidget(self._setup_card())
        column.addWidget(self._demo_card())
        column.addWidget(self._open_card())
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

    def _setup_card(self) -> QFrame:
        card = QFrame(self)
        card.setObjectName("card")
        heading = QLabel(self.tr("Set up a new archive"), card)
        heading.setObjectName("cardTitle")
        text = QLabel(
            self.tr(
                "A few steps: school or township (central school), name and code, the "
                "administrator's account; then, if you like, import the pupils' roster and "
                "join the township. Each of those can also be done later from the menus."
            ),
            card,
        )
        text.setObjectName("hint")
        text.setWordWrap(True)
        self.target_label = QLabel(card)
        self.target_label.setObjectName("hint")
        self.target_label.setWordWrap(True)
        self.target_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setup_button = QPushButton(self.tr("Start setting up…"), card)
        self.setup_button.setObjectName("primary")
        self.setup_button.setDefault(True)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addWidget(self.target_label)
        layout.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignRight)
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

    def _open_card(self) -> QFrame:
        card = QFrame(self)
        card.setObjectName("card")
        heading = QLabel(self.tr("Open an existing archive"), card)
        heading.setObjectName("cardTitle")
        text = QLabel(
            self.tr(
                "The archive was set up already, on this computer or copied from another one? "
                "Open its database file (.sqlite)."
            ),
            card,
        )
        text.setObjectName("hint")
        text.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open an existing database…"), card)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(20, 16, 20, 18)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        return card

    def _connect(self) -> None:
        self.setup_button.clicked.connect(self.setup_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.back_button.clicked.connect(self.back_requested)

    # -- behaviour ---------------------------------------------------------------------------
    def set_target_path(self, path: Path) -> None:
        self.target_label.setText(arg(self.tr("The archive will be saved in: %1"), path))

    def set_can_go_back(self, can: bool) -> None:
        self.back_button.setVisible(can)

    def set_busy(self, busy: bool, text: str = "") -> None:
        """While the worker creates or opens a database: a moving bar, and no double clicks."""
        self.busy.setVisible(busy)
        self.busy.set_text(text)
        for widget in (
            self.setup_button,
            self.demo_button,
            self.open_button,
            self.back_button,
        ):
            widget.setEnabled(not busy)
