"""Dialogs the main window opens: the child's archive editor and the school-year handover.

``ChildEditor`` and ``HandoverDialog`` are the public entry points; the assessment and status
dialogs and the history view are parts of the editor, exported for reuse and tests.
"""

from .assessment_dialog import AssessmentDialog
from .child_editor import ChildEditor
from .handover_dialog import HandoverDialog
from .history_view import HistoryView
from .status_dialog import StatusDialog

__all__ = ["AssessmentDialog", "ChildEditor", "HandoverDialog", "HistoryView", "StatusDialog"]
