"""The application's look: Fusion with a calm light palette and a little style sheet.

No font family is forced: Qt picks the system's UI font (Microsoft YaHei UI on Chinese
Windows, the fontconfig default such as WenQuanYi Micro Hei on Linux); only the size is
raised a little for old screens and tired eyes.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2f6fae"  # a quiet blue for the primary buttons and the selection
TEXT = "#1f2933"
MUTED = "#5f6b7a"
LINE = "#d9dde3"
WINDOW = "#f4f5f7"
ERROR = "#b3261e"

_MIN_POINT_SIZE = 10

STYLE_SHEET = f"""
QMainWindow, QStackedWidget > QWidget {{ background: {WINDOW}; }}
QToolBar {{
    background: #ffffff; border: none; border-bottom: 1px solid {LINE};
    padding: 4px 8px; spacing: 6px;
}}
QToolBar QToolButton {{ padding: 5px 12px; border-radius: 4px; color: {TEXT}; }}
QToolBar QToolButton:hover {{ background: #e8eef5; }}
QToolBar QToolButton:pressed {{ background: #d6e2ef; }}
QStatusBar {{ background: #ffffff; border-top: 1px solid {LINE}; color: {MUTED}; }}
QStatusBar QLabel {{ color: {MUTED}; }}
QTableView {{
    background: #ffffff; alternate-background-color: #f7f9fb;
    border: 1px solid {LINE}; border-radius: 4px; gridline-color: #eceff3;
    selection-background-color: #d3e3f4; selection-color: {TEXT};
}}
QHeaderView::section {{
    background: #eef1f5; color: {TEXT}; padding: 6px 8px; border: none;
    border-right: 1px solid #e0e4e9; border-bottom: 1px solid {LINE};
}}
QLineEdit {{
    background: #ffffff; border: 1px solid #c5ccd6; border-radius: 4px; padding: 5px 8px;
}}
QLineEdit:focus {{ border-color: {ACCENT}; }}
QPushButton {{
    background: #ffffff; border: 1px solid #c5ccd6; border-radius: 4px; padding: 6px 14px;
}}
QPushButton:hover {{ background: #f0f4f8; }}
QPushButton:disabled {{ color: #9aa5b1; }}
QPushButton#primary {{
    background: {ACCENT}; border-color: {ACCENT}; color: #ffffff; font-weight: bold;
}}
QPushButton#primary:hover {{ background: #285f96; }}
QPushButton#primary:disabled {{ background: #9bb7d4; border-color: #9bb7d4; }}
QFrame#card {{ background: #ffffff; border: 1px solid {LINE}; border-radius: 8px; }}
QLabel#pageTitle {{ font-size: 20pt; color: {TEXT}; }}
QLabel#cardTitle {{ font-size: 13pt; font-weight: bold; color: {TEXT}; }}
QLabel#hint, QLabel#busyText {{ color: {MUTED}; }}
QLabel#fieldError {{ color: {ERROR}; }}
QLabel#countLabel {{ color: {MUTED}; }}
QLabel#emptyTitle {{ font-size: 14pt; color: {TEXT}; }}
QProgressBar {{ border: none; background: #e3e8ee; border-radius: 3px; }}
QProgressBar::chunk {{ background: {ACCENT}; border-radius: 3px; }}
"""


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f7f9fb",
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: "#ffffff",
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: "#8a94a3",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9aa5b1"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#9aa5b1"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#9aa5b1"))
    app.setPalette(palette)
    font = app.font()
    if 0 < font.pointSize() < _MIN_POINT_SIZE:
        font.setPointSize(_MIN_POINT_SIZE)
        app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
