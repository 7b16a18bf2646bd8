"""建档向导 — the first-run wizard: a school's or a township's database, made in four steps.

1. 学校 or 乡镇（中心校）.
2. Name and code: the county's six-digit code (GB/T 2260) and a three-digit number of its
   own, each checked beside its field (``domain.codes``); a school's top grade; where the file
   goes.
3. The administrator's account (:class:`~.login_dialog.AdminFields`, the same fields as
   创建管理员账号).
4. Optional, 跳过 allowed: a school picks a roster to import and/or the township's enrollment
   file (its fingerprint compared in :class:`~.sync_join_dialog.SyncJoinDialog`); a township
   picks where to write its enrollment file for the schools. Each says which menu entry does
   it later.

Nothing is written before 完成: then one job on the worker makes the database, its
administrator (``AccountService.create_first_admin``), joins the township or writes the
enrollment file, and the window opens logged in as that administrator
(:attr:`SetupWizard.created`). If making the database or the account fails, or Cancel is
pressed meanwhile, the files are removed again: no half-made database is left. A failed join
or enrollment file leaves the (complete) database and says which menu entry does it later.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...domain import codes
from ...domain.access import Actor, admin_role
from ...domain.errors import KnownError, ValidationFailed
from .. import file_dialogs
from ..messages import show_known_error
from ..widgets.busy import BusyIndicator
from .fields import PROBLEM_STYLE, arg, guarded, hint_label
from .login_dialog import AdminFields, error_label, show_error

if TYPE_CHECKING:
    from ..main_window import OpenedArchive
    from ..tasks import Task, TaskRunner, TaskState

SCHOOL = "school"
TOWNSHIP = "township"
KIND_PAGE, IDENTITY_PAGE, ADMIN_PAGE, LATER_PAGE = range(4)
_MIN_SIZE = (700, 600)
_DB_SUFFIX = ".sqlite"


class SetupBackend(Protocol):
    """What makes the databases (``app.Backend``); runs on the worker thread."""

    def create_school(self, path: Path, name: str, code: str, top_grade: int) -> OpenedArchive: ...

    def create_township(self, path: Path, name: str, code: str) -> OpenedArchive: ...


# -- the menu entries that do each step later ------------------------------------------------------
# (context, source) of the menus' own texts: the hints name them exactly as the menus show them.
_MENU_TEXTS: dict[str, tuple[tuple[str, str], ...]] = {
    "roster": (("MainWindow", "&File"), ("MainWindow", "&Import a roster…")),
    "template": (("MainWindow", "&File"), ("MainWindow", "Download the roster import &template…")),
    "join": (("SyncActions", "&Sync"), ("SyncActions", "&Join a township…")),
    "export": (("SyncActions", "&Sync"), ("SyncActions", "&Export sync bundle…")),
    "enrollment": (("SyncActions", "&Sync"), ("SyncActions", "Export &enrollment file…")),
    "card": (("SyncActions", "&Sync"), ("SyncActions", "&Print enrollment card…")),
    "accounts": (("Session", "A&ccount"), ("Session", "&Accounts…")),
}


_DEMO_BUTTON = ("FirstRunPage", "Open the demo school")  # the first-run page's button


def plain_menu_text(text: str) -> str:
    """A menu text as read on screen: without its accelerator ("导入花名册(&I)…" → "导入花名册…")."""
    if "(&" in text:
        start = text.index("(&")
        end = text.find(")", start)
        if end != -1:
            text = text[:start] + text[end + 1 :]
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_path(entry: str) -> str:
    """“文件 → 导入花名册…”: the menu and its entry, as the window's menus name them."""
    translate = QCoreApplication.translate
    parts = [plain_menu_text(translate(ctx, src)) for ctx, src in _MENU_TEXTS[entry]]
    return "“" + " → ".join(parts) + "”"


# -- what is made, on the worker -------------------------------------------------------------------
@dataclass(frozen=True)
class Enrollment:
    """The township's enrollment file, read and its fingerprint compared by the user."""

    path: Path
    name: str
    code: str
    fingerprint: str


@dataclass(frozen=True)
class SetupPlan:
    """Everything the wizard asked for."""

    kind: str  # SCHOOL or TOWNSHIP
    path: Path
    name: str
    code: str
    top_grade: int
    username: str
    display_name: str
    password: str = field(repr=False)
    roster: Path | None = None  # a school: imported once the window shows
    join: Enrollment | None = None  # a school: the township to join
    enrollment_out: Path | None = None  # a township: where to write its enrollment file


@dataclass
class SetupResult:
    """The database made and opened, who its administrator is, and what came of the extras."""

    opened: OpenedArchive
    actor: Actor
    kind: str
    roster: Path | None = None
    joined: str = ""  # the township joined ("" none)
    enrollment_path: Path | None = None
    enrollment_fingerprint: str = ""
    problems: list[str] = field(default_factory=list)  # extras that failed, with what to do


def read_enrollment(path: Path) -> Enrollment:
    """The township's enrollment file (worker thread); refused when it is not a township's."""
    from ...services.sync import read_enrollment_file
    from ...sync.envelope import fingerprint

    doc = read_enrollment_file(path)
    if doc["role"] != TOWNSHIP:
        raise KnownError(
            "这个登记文件不是乡镇的（是某所学校的）。请向乡镇（中心校）要乡镇的登记文件。"
        )
    return Enrollment(
        path, str(doc["name"]), str(doc["code"]), fingerprint(doc["sign_pub"], doc["age_recipient"])
    )


def _first_missing(folder: Path) -> Path | None:
    """The outermost folder of ``folder`` that does not exist yet (None: it exists)."""
    missing = None
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing = candidate
    return missing


def _remove_database(path: Path, made_folder: Path | None) -> None:
    """Take away what a failed or cancelled setup wrote: the file, its journals, and the
    folders made for it when they are empty again."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if made_folder is None:
        return
    folder = path.parent
    while True:
        try:
            folder.rmdir()
        except OSError:
            return
        if folder == made_folder:
            return
        folder = folder.parent


def make_archive(backend: SetupBackend, plan: SetupPlan, state: TaskState) -> SetupResult:
    """The wizard's 完成, on the worker: the database and its administrator (both, or neither),
    then the extras."""
    from ...services.accounts import AccountService

    if plan.path.exists():  # never ours to remove
        raise KnownError(f"文件已存在：{plan.path}。请换一个文件名，或直接打开它。")
    made_folder = _first_missing(plan.path.parent)
    opened: OpenedArchive | None = None
    try:
        if plan.kind == TOWNSHIP:
            opened = backend.create_township(plan.path, plan.name, plan.code)
        else:
            opened = backend.create_school(plan.path, plan.name, plan.code, plan.top_grade)
        state.check()
        actor = AccountService(opened.context).create_first_admin(
            plan.username, plan.display_name, plan.password
        )
        opened.has_accounts = True
        opened.context.act_as(actor)
        state.check()
    except BaseException:
        if opened is not None:
            opened.context.db.close()
        _remove_database(plan.path, made_folder)
        raise
    result = SetupResult(opened, actor, plan.kind, roster=plan.roster)
    if plan.join is not None:
        _join(opened, plan.join, result)
    if plan.enrollment_out is not None:
        _write_enrollment(opened, plan.enrollment_out, result)
    return result


def _join(opened: OpenedArchive, enrollment: Enrollment, result: SetupResult) -> None:
    from ...services.sync import SyncService

    later = menu_path("join")
    try:
        again = read_enrollment(enrollment.path)
        if again.fingerprint != enrollment.fingerprint:
            raise KnownError("登记文件在核对之后被改动过（指纹与刚才显示的不同）。")
        peer = SyncService(opened.context).join(enrollment.path)
    except KnownError as exc:
        result.problems.append(f"没有加入乡镇：{exc.message} 可以以后用{later}再加入。")
        return
    result.joined = peer.name


def _write_enrollment(opened: OpenedArchive, out: Path, result: SetupResult) -> None:
    from ...services.sync import SyncService

    later = menu_path("enrollment")
    try:
        result.enrollment_fingerprint = SyncService(opened.context).write_enrollment(out)
    except KnownError as exc:
        result.problems.append(f"登记文件没有写成：{exc.message} 可以以后用{later}再导出。")
        return
    result.enrollment_path = out


# -- the pages -------------------------------------------------------------------------------------
def _later_label(text: str, parent: QWidget) -> QLabel:
    label = hint_label(text, parent)
    label.setObjectName("laterHint")
    return label


def _group(title: str, parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("card")
    heading = QLabel(title, frame)
    heading.setObjectName("cardTitle")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 10, 14, 12)
    layout.setSpacing(6)
    layout.addWidget(heading)
    return frame, layout


class KindPage(QWizardPage):
    """Step 1: a school's archive, or a township's database."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("What are you setting up?"))
        self.setSubTitle(self.tr("Step 1 of 4. Choose what this computer will keep."))
        self.school_radio = QRadioButton(self.tr("A school"), self)
        self.school_radio.setChecked(True)
        school_text = hint_label(
            self.tr(
                "The school's own archive of its left-behind children: their files, pairings, "
                "visits and records, the ledger. Choose this at a school."
            ),
            self,
        )
        self.township_radio = QRadioButton(self.tr("A township (central school)"), self)
        township_text = hint_label(
            self.tr(
                "For the township office only: it merges the sync bundles the schools bring "
                "into one ledger, with figures per school. Children are not entered here: "
                "they come with the schools' bundles."
            ),
            self,
        )
        self.group = QButtonGroup(self)
        self.group.addButton(self.school_radio)
        self.group.addButton(self.township_radio)
        demo_button = QCoreApplication.translate(*_DEMO_BUTTON)  # as the button says it
        demo = hint_label(
            arg(
                self.tr("Only looking around? Cancel this and choose “%1” instead."),
                plain_menu_text(demo_button),
            ),
            self,
        )
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        for radio, text in ((self.school_radio, school_text), (self.township_radio, township_text)):
            bold = radio.font()
            bold.setBold(True)
            radio.setFont(bold)
            layout.addWidget(radio, 0, Qt.AlignmentFlag.AlignLeft)
            text.setContentsMargins(24, 0, 0, 10)
            layout.addWidget(text)
        layout.addStretch(1)
        layout.addWidget(demo)

    def kind(self) -> str:
        return TOWNSHIP if self.township_radio.isChecked() else SCHOOL


class IdentityPage(QWizardPage):
    """Step 2: name, the county code and the own number (each checked beside its field), a
    school's top grade, where the file goes."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(60)
        self.county_edit = QLineEdit(self)
        self.county_edit.setMaxLength(codes.COUNTY_DIGITS)
        self.county_edit.setPlaceholderText(self.tr("e.g. 522401"))
        self.province_label = hint_label("", self)
        self.number_edit = QLineEdit(self)
        self.number_edit.setMaxLength(codes.OWN_DIGITS)
        for edit in (self.county_edit, self.number_edit):
            edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.code_label = QLabel(self)
        bold = self.code_label.font()
        bold.setBold(True)
        self.code_label.setFont(bold)
        self.type_combo = QComboBox(self)
        self.type_combo.addItem(self.tr("Primary school (up to grade 6)"), 6)
        self.type_combo.addItem(self.tr("Nine-year school (up to grade 9)"), 9)
        self.type_combo.addItem(self.tr("Complete secondary school (up to senior 3)"), 12)
        self.name_error = error_label(self)
        self.county_error = error_label(self)
        self.number_error = error_label(self)
        self.code_error = error_label(self)
        self.type_error = error_label(self)
        self.county_hint = hint_label(
            self.tr(
                "The six-digit code of your county (district, county-level city) in GB/T 2260; "
                "the ID numbers of people registered in the county usually begin with it."
            ),
            self,
        )
        self.number_hint = hint_label("", self)
        self.path_label = hint_label("", self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_button = QPushButton(self.tr("Change…"), self)
        self.path_button.setAutoDefault(False)
        self.path_error = error_label(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_caption = QLabel(self)
        form.addRow(self.name_caption, self._column(self.name_edit, self.name_error))
        county_row = QHBoxLayout()
        county_row.addWidget(self.county_edit, 1)
        county_row.addWidget(self.province_label, 1)
        form.addRow(
            self.tr("County code"),
            self._column(county_row, self.county_error, self.county_hint),
        )
        self.number_caption = QLabel(self)
        number_row = QHBoxLayout()
        number_row.addWidget(self.number_edit, 1)
        number_row.addStretch(1)
        form.addRow(
            self.number_caption, self._column(number_row, self.number_error, self.number_hint)
        )
        self.code_caption = QLabel(self)
        form.addRow(self.code_caption, self._column(self.code_label, self.code_error))
        self.type_caption = QLabel(self.tr("School type"), self)
        form.addRow(self.type_caption, self._column(self.type_combo, self.type_error))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_label, 1)
        path_row.addWidget(self.path_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Saved in"), self._column(path_row, self.path_error))
        self.form = form
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

        self.name_edit.textChanged.connect(lambda _t: self._wizard.update_target())
        self.county_edit.textChanged.connect(lambda _t: self._code_changed())
        self.number_edit.textChanged.connect(lambda _t: self._code_changed())
        self.path_button.clicked.connect(self._wizard.choose_target)
        for edit, error in (
            (self.name_edit, self.name_error),
            (self.county_edit, self.county_error),
            (self.number_edit, self.number_error),
        ):
            edit.textChanged.connect(lambda _t, e=error: show_error(e, ""))
            edit.textChanged.connect(lambda _t: show_error(self.code_error, ""))
        self.type_combo.currentIndexChanged.connect(lambda _i: show_error(self.type_error, ""))

    @staticmethod
    def _column(top: QWidget | QHBoxLayout, *below: QWidget) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(2)
        if isinstance(top, QWidget):
            column.addWidget(top)
        else:
            column.addLayout(top)
        for widget in below:
            column.addWidget(widget)
        return column

    def initializePage(self) -> None:  # Qt's name
        township = self._wizard.kind() == TOWNSHIP
        if township:
            self.setTitle(self.tr("The township's name and code"))
            self.name_caption.setText(self.tr("Township name"))
            self.name_edit.setPlaceholderText(self.tr("e.g. Chengguan Town Central School"))
            self.number_caption.setText(self.tr("Township number"))
            self.number_edit.setPlaceholderText(self.tr("e.g. 100"))
            self.number_hint.setText(
                self.tr(
                    "Three digits: the township's number in the statistical division codes "
                    "(towns usually 1xx, townships 2xx); the county's education or statistics "
                    "bureau knows it."
                )
            )
            self.code_caption.setText(self.tr("Township code"))
        else:
            self.setTitle(self.tr("The school's name and code"))
            self.name_caption.setText(self.tr("School name"))
            self.name_edit.setPlaceholderText(self.tr("e.g. Dashan Village Primary School"))
            self.number_caption.setText(self.tr("School number"))
            self.number_edit.setPlaceholderText(self.tr("e.g. 001"))
            self.number_hint.setText(
                self.tr(
                    "Three digits that tell the schools of the county apart (e.g. 001). The "
                    "township recognises the school by its code: agree on it with the central "
                    "school, and never give two schools the same number."
                )
            )
            self.code_caption.setText(self.tr("School code"))
        self.setSubTitle(
            self.tr(
                "Step 2 of 4. The code is the county code followed by a number of its own; "
                "the reports and the township use it."
            )
        )
        for widget in (self.type_caption, self.type_combo):
            widget.setVisible(not township)
        show_error(self.type_error, "")
        self._code_changed()
        self._wizard.update_target()
        self.name_edit.setFocus()

    def code(self) -> str:
        return codes.clean_digits(self.county_edit.text()) + codes.clean_digits(
            self.number_edit.text()
        )

    def top_grade(self) -> int:
        return int(self.type_combo.currentData())

    def _code_changed(self) -> None:
        county = codes.clean_digits(self.county_edit.text())
        province = codes.province_of(county) if len(county) >= 2 else ""
        self.province_label.setText(province)
        number = codes.clean_digits(self.number_edit.text())
        self.code_label.setText(
            (county or "······")[: codes.COUNTY_DIGITS].ljust(codes.COUNTY_DIGITS, "·")
            + (number or "···")[: codes.OWN_DIGITS].ljust(codes.OWN_DIGITS, "·")
        )
        self._wizard.update_target()

    def problems(self) -> dict[str, str]:
        """The reasons shown beside the fields."""
        labels = {
            "name": self.name_error,
            "county": self.county_error,
            "number": self.number_error,
            "code": self.code_error,
            "top_grade": self.type_error,
            "path": self.path_error,
        }
        return {k: v.text() for k, v in labels.items() if not v.isHidden()}

    def show_problems(self, problems: dict[str, str]) -> None:
        labels = {
            "name": self.name_error,
            "county": self.county_error,
            "number": self.number_error,
            "code": self.code_error,
            "top_grade": self.type_error,
            "path": self.path_error,
        }
        for key, text in problems.items():
            show_error(labels.get(key, self.code_error), text)
        focus: dict[str, QWidget] = {
            "name": self.name_edit,
            "county": self.county_edit,
            "number": self.number_edit,
            "code": self.county_edit,
            "top_grade": self.type_combo,
            "path": self.path_button,
        }
        for key, widget in focus.items():
            if key in problems:
                widget.setFocus()
                break

    def check(self) -> dict[str, str]:
        """The reasons found in what was typed (the service checks again)."""
        township = self._wizard.kind() == TOWNSHIP
        problems: dict[str, str] = {}
        if not self.name_edit.text().strip():
            problems["name"] = (
                self.tr("Enter the township's name.")
                if township
                else self.tr("Enter the school's name.")
            )
        county = codes.county_code_problem(self.county_edit.text())
        if county:
            problems["county"] = county
        number = codes.own_number_problem(self.number_edit.text(), township=township)
        if number:
            problems["number"] = number
        target = self._wizard.target
        if target is None:
            problems["path"] = self.tr("Choose where to save the database (Change…).")
        elif target.exists():
            problems["path"] = arg(
                self.tr("%1 exists already: choose another file name (Change…)."), target
            )
        return problems

    def validatePage(self) -> bool:  # Qt's name
        for label in (
            self.name_error,
            self.county_error,
            self.number_error,
            self.code_error,
            self.type_error,
            self.path_error,
        ):
            show_error(label, "")
        problems = self.check()
        self.show_problems(problems)
        return not problems


class AdminPage(QWizardPage):
    """Step 3: the administrator's account; made together with the database."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("The administrator's account"))
        self.setSubTitle(
            self.tr("Step 3 of 4. The program opens logged in to this account when it is done.")
        )
        self.intro_label = hint_label("", self)
        self.fields = AdminFields(self)
        self.later_label = _later_label("", self)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.fields)
        layout.addStretch(1)
        layout.addWidget(self.later_label)

    def initializePage(self) -> None:  # Qt's name
        mode = self._wizard.kind()
        if mode == TOWNSHIP:
            who = self.tr("the officer in charge at the township")
        else:
            who = self.tr("the head of moral education or the headmaster")
        self.intro_label.setText(
            arg(
                self.tr(
                    "The administrator (%1, role %2) adds the other users' accounts, resets "
                    "forgotten passwords and reads the audit trail. Keep the password safe: "
                    "nobody can read it back."
                ),
                who,
                admin_role(mode).value,
            )
        )
        self.later_label.setText(
            arg(
                self.tr("The other users' accounts are added later, in %1."),
                menu_path("accounts"),
            )
        )
        self.fields.name_edit.setFocus()

    def validatePage(self) -> bool:  # Qt's name
        self.fields.clear_problems()
        problems = self.fields.check()
        self.fields.show_problems(problems)
        return not problems


class LaterPage(QWizardPage):
    """Step 4, optional: a school's roster and township; a township's enrollment file."""

    def __init__(self, wizard: SetupWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.roster: Path | None = None
        self.enrollment: Enrollment | None = None
        self.enrollment_out: Path | None = None
        self.setTitle(self.tr("Optional: what else to do now"))
        self.setSubTitle(
            self.tr(
                "Step 4 of 4. Skip this if you like: each of it can be done later from the "
                "menus. Nothing is saved before you press Finish."
            )
        )

        # a school: the roster
        self.roster_group, roster = _group(self.tr("Import a roster"), self)
        roster.addWidget(
            hint_label(
                arg(
                    self.tr(
                        "Have the pupils' roster (%1)? Choose it: once the archive is made, the "
                        "import window opens and shows every row before anything is imported."
                    ),
                    "Excel / CSV",
                ),
                self.roster_group,
            )
        )
        self.roster_button = QPushButton(self.tr("Choose the roster…"), self.roster_group)
        self.roster_clear = QPushButton(self.tr("Do not import"), self.roster_group)
        self.roster_label = QLabel(self.roster_group)
        self.roster_label.setWordWrap(True)
        roster.addLayout(self._row(self.roster_button, self.roster_clear, self.roster_label))
        self.roster_later = _later_label("", self.roster_group)
        roster.addWidget(self.roster_later)

        # a school: joining the township
        self.join_group, join = _group(self.tr("Join the township"), self)
        join.addWidget(
            hint_label(
                arg(
                    self.tr(
                        "Did the central school give you its enrollment file (%1) and card? "
                        "Choose the file and compare the fingerprint with the card; the school "
                        "joins the township once the archive is made."
                    ),
                    ".json",
                ),
                self.join_group,
            )
        )
        self.join_button = QPushButton(self.tr("Choose the enrollment file…"), self.join_group)
        self.join_clear = QPushButton(self.tr("Do not join"), self.join_group)
        self.join_label = QLabel(self.join_group)
        self.join_label.setWordWrap(True)
        self.join_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        join.addLayout(self._row(self.join_button, self.join_clear, self.join_label))
        self.join_error = error_label(self.join_group)
        join.addWidget(self.join_error)
        self.join_later = _later_label("", self.join_group)
        join.addWidget(self.join_later)

        # a township: the enrollment file for the schools
        self.out_group, out = _group(self.tr("Enrollment file for the schools"), self)
        out.addWidget(
            hint_label(
                self.tr(
                    "The schools join the township with its enrollment file. Choose where to "
                    "write it (a USB stick, say): it is written once the database is made, "
                    "and its key fingerprint is shown to print on the card."
                ),
                self.out_group,
            )
        )
        self.out_button = QPushButton(self.tr("Choose where to save it…"), self.out_group)
        self.out_clear = QPushButton(self.tr("Not now"), self.out_group)
        self.out_label = QLabel(self.out_group)
        self.out_label.setWordWrap(True)
        out.addLayout(self._row(self.out_button, self.out_clear, self.out_label))
        self.out_later = _later_label("", self.out_group)
        out.addWidget(self.out_later)

        self.busy = BusyIndicator(self)
        self.busy.hide()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.roster_group)
        layout.addWidget(self.join_group)
        layout.addWidget(self.out_group)
        layout.addStretch(1)
        layout.addWidget(self.busy)

        for button in (
            self.roster_button,
            self.roster_clear,
            self.join_button,
            self.join_clear,
            self.out_button,
            self.out_clear,
        ):
            button.setAutoDefault(False)
        self.roster_button.clicked.connect(self._choose_roster)
        self.roster_clear.clicked.connect(lambda: self.set_roster(None))
        self.join_button.clicked.connect(self._choose_enrollment)
        self.join_clear.clicked.connect(lambda: self.set_enrollment(None))
        self.out_button.clicked.connect(self._choose_out)
        self.out_clear.clicked.connect(lambda: self.set_enrollment_out(None))
        self._refresh()

    @staticmethod
    def _row(*widgets: QWidget) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        for n, widget in enumerate(widgets[:-1]):
            grid.addWidget(widget, 0, n)
        grid.addWidget(widgets[-1], 0, len(widgets) - 1)
        grid.setColumnStretch(len(widgets) - 1, 1)
        return grid

    def initializePage(self) -> None:  # Qt's name
        township = self._wizard.kind() == TOWNSHIP
        self.roster_group.setVisible(not township)
        self.join_group.setVisible(not township)
        self.out_group.setVisible(township)
        self.roster_later.setText(
            arg(
                self.tr("Later: %1 (the template: %2)."),
                menu_path("roster"),
                menu_path("template"),
            )
        )
        self.join_later.setText(arg(self.tr("Later: %1."), menu_path("join")))
        self.out_later.setText(
            arg(
                self.tr("Later: %1; the card: %2."),
                menu_path("enrollment"),
                menu_path("card"),
            )
        )
        self._refresh()

    # -- choices --------------------------------------------------------------------------------
    def set_roster(self, path: Path | None) -> None:
        self.roster = path
        self._refresh()

    def set_enrollment(self, enrollment: Enrollment | None) -> None:
        self.enrollment = enrollment
        show_error(self.join_error, "")
        self._refresh()

    def set_enrollment_out(self, path: Path | None) -> None:
        self.enrollment_out = path
        self._refresh()

    def skip(self) -> None:
        """跳过: none of the extras."""
        self.set_roster(None)
        self.set_enrollment(None)
        self.set_enrollment_out(None)

    def _refresh(self) -> None:
        self.roster_label.setText(str(self.roster) if self.roster else self.tr("No roster chosen."))
        self.roster_clear.setVisible(self.roster is not None)
        if self.enrollment is None:
            self.join_label.setText(self.tr("No township chosen."))
        else:
            self.join_label.setText(
                arg(
                    self.tr("Will join %1 (%2). Fingerprint %3, compared with the card."),
                    self.enrollment.name,
                    self.enrollment.code,
                    self.enrollment.fingerprint,
                )
            )
        self.join_clear.setVisible(self.enrollment is not None)
        self.out_label.setText(
            str(self.enrollment_out)
            if self.enrollment_out
            else self.tr("No enrollment file will be written now.")
        )
        self.out_clear.setVisible(self.enrollment_out is not None)

    def _choose_roster(self) -> None:
        chosen = file_dialogs.open_file(
            self._wizard,
            self.tr("Choose the roster to import"),
            str(self.roster.parent) if self.roster else "",
            arg(self.tr("Rosters (%1);;All files (*)"), "*.xlsx *.xls *.csv"),
        )
        if chosen:
            self.set_roster(Path(chosen))

    def _choose_enrollment(self) -> None:
        chosen = file_dialogs.open_file(
            self._wizard,
            self.tr("Choose the township's enrollment file"),
            "",
            arg(self.tr("Enrollment files (%1);;All files (*)"), "*.json"),
        )
        if not chosen:
            return
        path = Path(chosen)
        show_error(self.join_error, "")
        self._wizard.run_small(
            lambda _state: read_enrollment(path), self._compare, self._enrollment_refused
        )

    def _enrollment_refused(self, exc: BaseException) -> None:
        text = exc.message if isinstance(exc, KnownError) else str(exc)
        show_error(self.join_error, text)

    def _compare(self, result: object) -> None:
        """The user compares the fingerprint with the card (the 同步 menu's own dialog)."""
        assert isinstance(result, Enrollment)
        from .sync_join_dialog import SyncJoinDialog

        dialog = SyncJoinDialog(
            result.name, result.code, result.fingerprint, result.path, self._wizard
        )
        self.join_dialog = dialog  # tests tick its box
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._compared(result))
        dialog.open()

    def _compared(self, enrollment: Enrollment) -> None:
        self.set_enrollment(enrollment)
        own = self._wizard.identity_page.code()[: codes.COUNTY_DIGITS]
        theirs = enrollment.code[: codes.COUNTY_DIGITS]
        if enrollment.code.isdigit() and own and theirs != own:
            show_error(
                self.join_error,
                arg(
                    self.tr(
                        "Note: the township's code begins with county code %1, this school's "
                        "with %2. Check that this is your township's file."
                    ),
                    theirs,
                    own,
                ),
            )

    def _choose_out(self) -> None:
        code = self._wizard.identity_page.code() or "township"
        start = self.enrollment_out or Path(arg(self.tr("%1-enrollment"), code) + ".json")
        chosen = file_dialogs.save_path(
            self._wizard,
            self.tr("Save the enrollment file for the schools"),
            str(start),
            arg(self.tr("Enrollment files (%1)"), "*.json"),
            suffix=".json",
        )
        if chosen is not None:
            self.set_enrollment_out(chosen)

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.busy.set_text(text)
        self.busy.setVisible(busy)
        for group in (self.roster_group, self.join_group, self.out_group):
            group.setEnabled(not busy)


# -- the wizard ------------------------------------------------------------------------------------
class SetupWizard(QWizard):
    """建档向导. :attr:`created` carries the :class:`SetupResult` once the database is made
    (the wizard has closed by then); cancelled, nothing is made."""

    created = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        backend: SetupBackend,
        target: Path | None,
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        """``target``: the file to make (the window's database, when it does not exist yet);
        None: a file named after the school is proposed in ``folder``."""
        super().__init__(parent)
        self._runner = runner
        self._backend = backend
        self._given_target = target
        self._folder = folder
        self._chosen_target: Path | None = None  # by Change…
        self.target: Path | None = target
        self._task: Task | None = None
        self._cancelling = False
        self.result_made: SetupResult | None = None
        self.setWindowTitle(self.tr("Set up a new archive"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, False)
        self.setStyleSheet(PROBLEM_STYLE)
        self.setMinimumSize(*_MIN_SIZE)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Skip"))
        self.kind_page = KindPage(self)
        self.identity_page = IdentityPage(self)
        self.admin_page = AdminPage(self)
        self.later_page = LaterPage(self)
        self.setPage(KIND_PAGE, self.kind_page)
        self.setPage(IDENTITY_PAGE, self.identity_page)
        self.setPage(ADMIN_PAGE, self.admin_page)
        self.setPage(LATER_PAGE, self.later_page)
        self.setStartId(KIND_PAGE)
        self.currentIdChanged.connect(self._page_changed)
        self.customButtonClicked.connect(self._custom_clicked)

    # -- state ----------------------------------------------------------------------------------
    def kind(self) -> str:
        return self.kind_page.kind()

    @property
    def busy(self) -> bool:
        return self._task is not None

    def _page_changed(self, page_id: int) -> None:
        self.setOption(QWizard.WizardOption.HaveCustomButton1, page_id == LATER_PAGE)

    def _custom_clicked(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value and not self.busy:
            self.later_page.skip()
            self.accept()

    def update_target(self) -> None:
        """Where the file goes: the given one, the one chosen, or one named after the school
        in the folder (a free name)."""
        if self._given_target is not None:
            self.target = self._given_target
        elif self._chosen_target is not None:
            self.target = self._chosen_target
        else:
            name = self.identity_page.name_edit.text().strip() or self.identity_page.code()
            stem = "".join(ch for ch in name if ch not in '\\/:*?"<>|').strip() or "archive"
            candidate = self._folder / f"{stem}{_DB_SUFFIX}"
            n = 2
            while candidate.exists():
                candidate = self._folder / f"{stem}-{n}{_DB_SUFFIX}"
                n += 1
            self.target = candidate
        self.identity_page.path_label.setText(str(self.target))

    def choose_target(self) -> None:
        start = self.target or self._folder
        chosen = file_dialogs.save_path(
            self,
            self.tr("Save the new database as"),
            str(start),
            arg(self.tr("Archive databases (%1)"), "*.sqlite *.db"),
            suffix=_DB_SUFFIX,
        )
        if chosen is None:
            return
        self._given_target = None
        self._chosen_target = chosen
        show_error(self.identity_page.path_error, "")
        self.update_target()

    def plan(self) -> SetupPlan:
        page = self.identity_page
        username, display_name, password = self.admin_page.fields.values()
        township = self.kind() == TOWNSHIP
        assert self.target is not None
        return SetupPlan(
            kind=self.kind(),
            path=self.target,
            name=page.name_edit.text().strip(),
            code=page.code(),
            top_grade=6 if township else page.top_grade(),
            username=username,
            display_name=display_name,
            password=password,
            roster=None if township else self.later_page.roster,
            join=None if township else self.later_page.enrollment,
            enrollment_out=self.later_page.enrollment_out if township else None,
        )

    # -- the worker -----------------------------------------------------------------------------
    def run_small(
        self,
        work: Callable[[TaskState], object],
        on_done: Callable[[object], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """A short read (an enrollment file) on the worker; the result only if still open."""
        self._runner.run(work, on_done=guarded(self, on_done), on_error=guarded(self, on_error))

    def accept(self) -> None:
        """完成: make everything on the worker; the wizard closes when it is done."""
        if self.busy:
            return
        if self.currentId() != LATER_PAGE or not self.validateCurrentPage():
            return
        plan = self.plan()
        backend = self._backend
        self._set_busy(
            True,
            self.tr("Setting up the township database…")
            if plan.kind == TOWNSHIP
            else self.tr("Creating the school's archive…"),
        )
        self._task = self._runner.run(
            lambda state: make_archive(backend, plan, state),
            on_done=guarded(self, self._made),
            on_error=guarded(self, self._failed),
            on_finished=guarded(self, self._stopped),
        )

    def reject(self) -> None:
        """取消: nothing is made; while the worker is making it, it stops and removes it."""
        if self._task is not None:
            self._cancelling = True
            self._task.cancel()
            self.later_page.set_busy(True, self.tr("Cancelling…"))
            return
        super().reject()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.later_page.set_busy(busy, text)
        for which in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CustomButton1,
        ):
            button = self.button(which)
            if button is not None:
                button.setEnabled(not busy)

    def _made(self, result: object) -> None:
        assert isinstance(result, SetupResult)
        self._task = None
        self._set_busy(False)
        self.admin_page.fields.clear_passwords()
        self.result_made = result
        QDialog.accept(self)  # checked already: no second validation
        self.created.emit(result)

    def _stopped(self) -> None:
        """After the job: when neither :meth:`_made` nor :meth:`_failed` took it, it was
        cancelled (or failed with a bug, which the crash dialog tells)."""
        if self._task is None:
            return
        self._task = None
        self._set_busy(False)
        if self._cancelling:
            self._cancelling = False
            QDialog.reject(self)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        if self._cancelling:  # it failed anyway: nothing was made, as asked
            self._cancelling = False
            QDialog.reject(self)
            return
        if isinstance(exc, ValidationFailed):
            mine = {k: v for k, v in exc.errors.items() if k in ("name", "code", "top_grade")}
            if mine:
                while self.currentId() != IDENTITY_PAGE and self.currentId() != KIND_PAGE:
                    self.back()
                self.identity_page.show_problems(mine)
                return
            if any(k in exc.errors for k in ("username", "display_name", "password")):
                while self.currentId() != ADMIN_PAGE:
                    self.back()
                self.admin_page.fields.show_problems(exc.errors)
                return
        show_known_error(self, exc)


# -- after the wizard ------------------------------------------------------------------------------
def summary_text(result: SetupResult) -> str:
    """What the wizard's extras came to, for the message after the window opened ("" none)."""
    translate = QCoreApplication.translate
    parts: list[str] = []
    if result.joined:
        parts.append(
            arg(
                translate(
                    "SetupWizard",
                    "This school has joined %1. Take its changes to the township with %2.",
                ),
                result.joined,
                menu_path("export"),
            )
        )
    if result.enrollment_path is not None:
        parts.append(
            arg(
                translate(
                    "SetupWizard",
                    "The enrollment file for the schools was written to %1.\n\nKey "
                    "fingerprint: %2\n\nPrint the enrollment card (%3) and hand it to each "
                    "school with the file: the fingerprint a school sees when it joins must be "
                    "exactly this one.",
                ),
                result.enrollment_path,
                result.enrollment_fingerprint,
                menu_path("card"),
            )
        )
    parts.extend(result.problems)
    return "\n\n".join(parts)


def show_summary(
    parent: QWidget, result: SetupResult, then: Callable[[], None]
) -> QMessageBox | None:
    """Tell what the extras came to (a window-modal box, not blocking); ``then`` runs when it
    is closed, or at once when there is nothing to tell."""
    text = summary_text(result)
    if not text:
        then()
        return None
    box = QMessageBox(
        QMessageBox.Icon.Warning if result.problems else QMessageBox.Icon.Information,
        QCoreApplication.translate("SetupWizard", "The archive is ready"),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def closed(_result: int) -> None:
        then()

    box.finished.connect(closed)
    box.open()
    return box


__all__ = [
    "Enrollment",
    "SetupPlan",
    "SetupResult",
    "SetupWizard",
    "make_archive",
    "menu_path",
    "plain_menu_text",
    "read_enrollment",
    "show_summary",
    "summary_text",
]
