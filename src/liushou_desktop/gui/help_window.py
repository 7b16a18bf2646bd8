"""帮助 → 使用说明 (F1): the guide in Chinese, ``resources/help/zh_CN.html``, in a window of its
own, opened at the section of the page or dialog where F1 was pressed.

F1 works everywhere, dialogs included. The window's 使用说明 action has an application-wide
shortcut, but Qt does not fire a shortcut whose widgets a modal dialog blocks (the window
behind a dialog opened with ``open()``), so :class:`HelpDesk` also adds the action to each
window of the program as it becomes active. The guide's window has no parent, so a
window-modal dialog does not block it; under an application-modal one (the lock, message
boxes) it is opened as that dialog's child.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from .i18n import resources_dir
from .widgets.text import arg

HELP_FILE = Path("help") / "zh_CN.html"

# The guide's section for a page or dialog, by class name (so nothing here imports the pages):
# the first class in the widget's MRO that is named here wins.
PAGE_ANCHORS = {
    "FirstRunPage": "start",
    "LoginDialog": "accounts",
    "FirstAdminDialog": "accounts",
    "LockPage": "accounts",
    "PasswordDialog": "accounts",
    "AccountsDialog": "accounts",
    "AccountEditDialog": "accounts",
    "AuditDialog": "accounts",
    "DashboardPage": "overdue",
    "DutyCalendarDialog": "overdue",
    "ChildrenPage": "find",
    "ChildEditor": "child",
    "StatusDialog": "child",
    "AssessmentDialog": "child",
    "HandoverDialog": "child",
    "RosterImportDialog": "start",
    "RosterHistoryDialog": "start",
    "RecordsPage": "record",
    "RecordDialog": "record",
    "RecordViewer": "record",
    "PairingPage": "pairing",
    "PairingDialog": "pairing",
    "HelperDialog": "pairing",
    "PrintDialog": "print",
    "LedgerExportDialog": "print",
    "DutyReportDialog": "print",
    "SyncJoinDialog": "sync",
    "SyncExportDialog": "sync",
    "SyncResultsDialog": "sync",
    "BackupPassphraseDialog": "backup",
    "BackupRestoreDialog": "backup",
    "BackupPreviewDialog": "backup",
    "IncidentsPage": "incidents",
    "IncidentDialog": "incidents",
    "TownshipStatsPage": "township",
    "TownshipConflictsPage": "township",
    "TownshipDuplicatesPage": "township",
    "AboutDialog": "about",
}


def help_file() -> Path:
    return resources_dir() / HELP_FILE


def anchor_for(widget: QObject | None) -> str:
    """The guide's section about ``widget`` (a page or a dialog); "" for the top."""
    if widget is None:
        return ""
    for cls in type(widget).__mro__:
        anchor = PAGE_ANCHORS.get(cls.__name__)
        if anchor:
            return anchor
    return ""


class HelpWindow(QWidget):
    """The guide: a text browser with 目录 (contents), 后退 (back) and a find box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setWindowTitle(self.tr("User guide — Left-behind Children Care Archive"))
        # closing the program's main window quits it, whether or not the guide is open
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.contents_button = QPushButton(self.tr("Contents"), self)
        self.contents_button.setToolTip(self.tr("Back to the list of topics"))
        self.back_button = QPushButton(self.tr("Back"), self)
        self.back_button.setToolTip(self.tr("Back to the place read before"))
        self.back_button.setEnabled(False)
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText(self.tr("Find in the guide (press Enter)"))
        self.find_edit.setClearButtonEnabled(True)
        self.contents_button.clicked.connect(lambda: self.show_section(""))
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.find_edit.returnPressed.connect(self.find_next)

        bar = QHBoxLayout()
        bar.addWidget(self.contents_button)
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.find_edit, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)
        self.resize(760, 680)

    def show_section(self, anchor: str = "") -> None:
        """Show the guide at ``anchor`` (a section's name; "" for the top)."""
        path = help_file()
        if not path.is_file():
            self.browser.setPlainText(
                arg(self.tr("The user guide was not found (%1). Reinstall the program."), path)
            )
            return
        url = QUrl.fromLocalFile(str(path))
        url.setFragment(anchor or "top")
        self.browser.setSource(url)  # the same file: it only scrolls (and 后退 goes back)

    def find_next(self) -> None:
        """Find the typed words after the cursor, from the top again at the end."""
        text = self.find_edit.text().strip()
        if not text:
            return
        if not self.browser.find(text):
            cursor = self.browser.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            self.browser.find(text)


class HelpDesk(QObject):
    """The 使用说明 action's work: F1 in every window of the program, and the guide's window."""

    def __init__(self, window: QMainWindow, action: QAction) -> None:
        super().__init__(window)
        self.window = window
        self.action = action
        self.help_window: HelpWindow | None = None  # the one without a parent
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(lambda: self.show_help())
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._window_focused)

    def _window_focused(self, focused: QWindow | None) -> None:
        """A window became active: F1 works in it too (see the module's text)."""
        if focused is None:
            return
        active = QApplication.activeWindow()
        if active is not None and active is not self.window and self.action not in active.actions():
            active.addAction(self.action)

    def current_anchor(self) -> str:
        """The section about what the user looks at: the active dialog, else the page."""
        active = QApplication.activeModalWidget() or QApplication.activeWindow()
        if active is not None and active is not self.window and not isinstance(active, HelpWindow):
            found = anchor_for(active)
            if found:
                return found
        page = getattr(self.window, "current_page", None)
        return anchor_for(page()) if callable(page) else ""

    def show_help(self, anchor: str | None = None) -> HelpWindow:
        """Open the guide at ``anchor`` (None: the section about what the user looks at)."""
        section = self.current_anchor() if anchor is None else anchor
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.windowModality() == Qt.WindowModality.ApplicationModal:
            # an application-modal dialog blocks every window but its own children
            shown = modal.findChild(HelpWindow, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if shown is None:
                shown = HelpWindow(modal)
                shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        else:
            if self.help_window is None:
                self.help_window = HelpWindow()
            shown = self.help_window
        shown.show_section(section)
        shown.show()
        if QGuiApplication.platformName() != "offscreen":  # (tests: it cannot raise windows)
            shown.raise_()
        shown.activateWindow()
        return shown

    def close(self) -> None:
        """The main window closes: so does the guide."""
        if self.help_window is not None:
            self.help_window.close()
            self.help_window.deleteLater()
            self.help_window = None
