"""The urgent banner for open mandatory reports (强制报告): red, on top, until every case is
closed. A small widget of its own so the main window can show it above every page."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from .text import arg

if TYPE_CHECKING:
    from ...services.care import IncidentInfo

BANNER_RED = "#b3261e"
_NAMES_SHOWN = 6  # more names than this end in "…"

_STYLE = f"""
QFrame#incidentBanner {{ background: {BANNER_RED}; border-radius: 6px; }}
QFrame#incidentBanner QLabel {{ color: #ffffff; }}
QLabel#incidentTitle {{ font-weight: bold; font-size: 12pt; }}
"""


class IncidentBanner(QFrame):
    """Hidden while no case is open. Each child's name is a link: ``open_child`` carries the
    child's id."""

    open_child = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentBanner")
        self.setStyleSheet(_STYLE)
        self.title = QLabel(self)
        self.title.setObjectName("incidentTitle")
        self.details = QLabel(self)
        self.details.setObjectName("incidentDetails")
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.details.linkActivated.connect(self._link)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(16)
        layout.addWidget(self.title)
        layout.addWidget(self.details, 1)
        self._incidents: list[IncidentInfo] = []
        self.hide()

    def set_incidents(self, incidents: Sequence[IncidentInfo]) -> None:
        """Show the open cases (closed ones are left out); hide when there are none."""
        self._incidents = [i for i in incidents if i.closed_on is None]
        if not self._incidents:
            self.hide()
            return
        self.title.setText(
            arg(self.tr("%1 open mandatory report (强制报告) cases"), len(self._incidents))
        )
        links = []
        for i in self._incidents[:_NAMES_SHOWN]:
            links.append(
                f'<a href="{html.escape(i.child_id)}" style="color:#ffffff">'
                f"{html.escape(i.child_name)}</a>（{html.escape(i.kind)}）"
            )
        names = "、".join(links) + ("…" if len(self._incidents) > _NAMES_SHOWN else "")
        hint = html.escape(self.tr("Report to the police at once and close each case when done."))
        self.details.setText(f"{names}<br>{hint}")
        self.show()

    def incidents(self) -> list[IncidentInfo]:
        return list(self._incidents)

    def child_names(self) -> list[str]:
        return [i.child_name for i in self._incidents]

    def _link(self, child_id: str) -> None:
        self.open_child.emit(child_id)


__all__ = ["IncidentBanner"]
