"""Logging in: 登录 after a database opens, the lock's 解锁, and 创建管理员账号 the first time.

The password is checked on the worker thread (``AccountService.login``: a memory-hard hash, a
tenth of a second or so); a refusal (:class:`~liushou_desktop.services.accounts.LoginFailed`)
says in Chinese why and how many tries are left, under the fields, and the dialog stays.
Neither dialog keeps a password after it is used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Actor, admin_role, password_problem
from ...domain.errors import KnownError, ValidationFailed
from .fields import PROBLEM_STYLE, arg, guarded, hint_label, set_role

if TYPE_CHECKING:
    from ...services.accounts import AccountService
    from ..tasks import TaskRunner

_WIDTH = 460


def error_label(parent: QWidget | None = None, *, reserve: bool = False) -> QLabel:
    """A red line for a refusal, empty (and taking no room) until there is one. A field's
    reason (``reserve``) keeps a line's room while empty, so the fields below do not move when
    it comes and goes."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    set_role(label, "error")
    if reserve:
        label.setProperty("reserveSpace", True)
        label.setText("国")  # a line of Chinese is taller than the font's own line
        label.setMinimumHeight(label.sizeHint().height())
        label.setText("")
    else:
        label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    """Say ``text`` in ``label`` ("" hides it, or only empties a field's reserved line). A
    small form (laid out by :meth:`WorkerDialog._least_width`) takes the height the reasons
    need."""
    reserved = bool(label.property("reserveSpace"))
    if label.text() == text and (reserved or label.isHidden() == (not text)):
        return
    label.setText(text)
    if not reserved:
        label.setVisible(bool(text))
    refit(label)


def refit(widget: QWidget) -> None:
    """A text in a small form (laid out by :meth:`WorkerDialog._least_width`) changed: the
    window takes the height it needs now, once the layout has seen the change."""
    window = widget.window()
    layout = window.layout()
    if layout is None or layout.sizeConstraint() != QLayout.SizeConstraint.SetMinimumSize:
        return

    # (not nested in the ``if``: lupdate's Python parser then loses the classes below)
    def fit() -> None:
        if shiboken6.isValid(window):
            window.adjustSize()

    QTimer.singleShot(0, fit)


def password_edit(parent: QWidget | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


class WorkerDialog(QDialog):
    """A small form whose button runs one service call on the worker thread; the inputs are
    disabled meanwhile. Subclasses list their inputs in ``_inputs``."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._busy = False
        self._inputs: list[QWidget] = []
        self.setStyleSheet(PROBLEM_STYLE)

    @property
    def busy(self) -> bool:
        return self._busy

    @staticmethod
    def _least_width(layout: QBoxLayout, width: int) -> None:
        """The dialog is at least ``width`` wide, and grows (never squeezes its rows) when a
        reason appears under a field: the layout sets the window's minimum size."""
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addSpacerItem(
            QSpacerItem(width, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in self._inputs:
            widget.setEnabled(not busy)

    def _run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[KnownError], None],
    ) -> None:
        self._set_busy(True)

        def done(result: object) -> None:
            self._set_busy(False)
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            assert isinstance(exc, KnownError)
            on_error(exc)

        self._runner.run(
            lambda _state: work(), on_done=guarded(self, done), on_error=guarded(self, failed)
        )


class LoginDialog(WorkerDialog):
    """账号 and 密码. With ``locked_user`` it unlocks the window: the account is given (another
    user may log in instead, after 换个账号登录) and it cannot be cancelled."""

    logged_in = Signal(object)  # the Actor, after the dialog has closed
    # 换个账号登录 (True) and back to unlocking (False): the window stops naming the locked user
    switching = Signal(bool)

    def __init__(
        self,
        runner: TaskRunner,
        service: AccountService,
        *,
        place: str = "",
        demo_hint: bool = False,
        locked_user: Actor | None = None,
        idle: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._service = service
        self._locked_user = locked_user
        self.actor: Actor | None = None
        if locked_user is None:
            self.setWindowTitle(self.tr("Log in"))
        else:
            self.setWindowTitle(self.tr("Locked"))
            # no close button: the window stays locked until someone logs in
            self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)

        heading = QLabel(place or self.tr("Left-behind Children Care Archive"), self)
        heading.setObjectName("cardTitle")
        heading.setWordWrap(True)
        if locked_user is None:
            intro_text = self.tr("Log in with your account to open the archive.")
        elif idle:
            intro_text = arg(
                self.tr(
                    "Nobody used the program for a while, so it was locked. %1, enter your "
                    "password to go on working."
                ),
                locked_user.label,
            )
        else:
            intro_text = arg(
                self.tr("The program is locked. %1, enter your password to go on working."),
                locked_user.label,
            )
        self.intro_label = hint_label(intro_text, self)
        self._unlock_text = intro_text

        self.username_edit = QLineEdit(self)
        self.username_edit.setMaxLength(32)
        self.username_edit.setPlaceholderText(arg(self.tr("e.g. %1"), "wanglaoshi"))
        self.password_edit = password_edit(self)
        if locked_user is not None:
            self.username_edit.setText(locked_user.username)
            self.username_edit.setReadOnly(True)
        form = QFormLayout()
        form.addRow(self.tr("Account"), self.username_edit)
        form.addRow(self.tr("Password"), self.password_edit)

        self.message_label = error_label(self)
        self.demo_label = hint_label("", self)
        if demo_hint:
            from ...services.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

            accounts = self.tr(", ").join(
                arg(self.tr("%1 (%2)"), name, role) for name, role in DEMO_ACCOUNTS
            )
            self.demo_label.setText(
                arg(
                    self.tr("The demo school's accounts are %1; the password is %2 for each."),
                    accounts,
                    DEMO_PASSWORD,
                )
            )
            self.demo_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.demo_label.setVisible(demo_hint)
        self.switch_label = hint_label(
            self.tr(
                "When another user logs in, the windows still open are closed: what was not "
                "saved in them is lost."
            ),
            self,
        )
        set_role(self.switch_label, "warning")
        self.switch_label.hide()

        self.login_button = QPushButton(
            self.tr("Log in") if locked_user is None else self.tr("Unlock"), self
        )
        self.login_button.setObjectName("primary")
        self.login_button.setDefault(True)
        self.login_button.setAutoDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAutoDefault(False)
        self.switch_button = QPushButton(self.tr("Log in as another user"), self)
        self.switch_button.setAutoDefault(False)
        # after 换个账号登录: back to unlocking the locked account
        self.back_button = QPushButton(self.tr("Back to unlocking"), self)
        self.back_button.setAutoDefault(False)
        self.back_button.hide()
        self.cancel_button.setVisible(locked_user is None)
        self.switch_button.setVisible(locked_user is not None)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.login_button)

        layout = QVBoxLayout(self)
        self._least_width(layout, _WIDTH)  # and it grows with the reasons shown
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.demo_label)
        layout.addWidget(self.switch_label)
        layout.addLayout(buttons)
        self._inputs = [
            self.username_edit,
            self.password_edit,
            self.login_button,
            self.cancel_button,
            self.switch_button,
            self.back_button,
        ]

        self.login_button.clicked.connect(self.attempt)
        self.cancel_button.clicked.connect(self.reject)
        self.switch_button.clicked.connect(self.switch_user)
        self.back_button.clicked.connect(self.back_to_unlock)
        self.username_edit.returnPressed.connect(self._next_field)
        self.password_edit.returnPressed.connect(self.attempt)
        self.username_edit.textEdited.connect(lambda _t: show_error(self.message_label, ""))
        self.password_edit.textEdited.connect(lambda _t: show_error(self.message_label, ""))
        if locked_user is None:
            self.username_edit.setFocus()
        else:
            self.password_edit.setFocus()

    @property
    def unlocking(self) -> bool:
        return self._locked_user is not None

    def message(self) -> str:
        """The refusal shown under the fields ("" when none)."""
        return self.message_label.text() if not self.message_label.isHidden() else ""

    @property
    def switched(self) -> bool:
        """Whether another user is logging in (换个账号登录 was chosen)."""
        return self.unlocking and not self.username_edit.isReadOnly()

    def switch_user(self) -> None:
        """换个账号登录: the account becomes editable, the locked user is no longer named, the
        warning says what happens; 返回解锁 goes back."""
        self.username_edit.setReadOnly(False)
        self.username_edit.clear()
        self.password_edit.clear()
        self.intro_label.setText(self.tr("Log in with your own account and password."))
        self.switch_label.show()
        self.switch_button.hide()
        self.back_button.show()
        show_error(self.message_label, "")
        self.username_edit.setFocus()
        self.switching.emit(True)

    def back_to_unlock(self) -> None:
        """返回解锁: the locked user's account again, as the lock first asked."""
        if self._locked_user is None:
            return
        self.username_edit.setText(self._locked_user.username)
        self.username_edit.setReadOnly(True)
        self.password_edit.clear()
        self.intro_label.setText(self._unlock_text)
        self.switch_label.hide()
        self.back_button.hide()
        self.switch_button.show()
        show_error(self.message_label, "")
        self.password_edit.setFocus()
        self.switching.emit(False)

    def _next_field(self) -> None:
        if self.username_edit.text().strip():
            self.password_edit.setFocus()

    def attempt(self) -> None:
        if self.busy:
            return
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username:
            show_error(self.message_label, self.tr("Enter your account name."))
            self.username_edit.setFocus()
            return
        if not password:
            show_error(self.message_label, self.tr("Enter your password."))
            self.password_edit.setFocus()
            return
        show_error(self.message_label, "")
        service = self._service
        self._run(lambda: service.login(username, password), self._succeeded, self._failed)

    def _succeeded(self, actor: object) -> None:
        assert isinstance(actor, Actor)
        self.actor = actor
        self.password_edit.clear()
        self.accept()
        self.logged_in.emit(actor)

    def _failed(self, exc: KnownError) -> None:
        show_error(self.message_label, exc.message)
        self.password_edit.clear()
        self.password_edit.setFocus()

    # -- the lock cannot be dismissed ----------------------------------------------------------
    def reject(self) -> None:
        if not self.unlocking:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.unlocking and self.actor is None:
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.unlocking and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)


class AdminFields(QWidget):
    """账号, 姓名 and 密码 twice for a database's first administrator, each with its reason
    under it: in 创建管理员账号 and on the first-run wizard's page. The reasons (keys
    "username", "display_name", "password", "confirm") are those of
    ``AccountService.create_first_admin``, which checks again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.username_edit = QLineEdit("admin", self)
        self.username_edit.setMaxLength(32)
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(40)
        self.name_edit.setPlaceholderText(self.tr("Recorded in the change history"))
        self.password_edit = password_edit(self)
        self.confirm_edit = password_edit(self)
        self.username_error = error_label(self, reserve=True)
        self.name_error = error_label(self, reserve=True)
        self.password_error = error_label(self, reserve=True)
        self.confirm_error = error_label(self, reserve=True)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for label, edit, error in (
            (self.tr("Account"), self.username_edit, self.username_error),
            (self.tr("Your name"), self.name_edit, self.name_error),
            (self.tr("Password"), self.password_edit, self.password_error),
            (self.tr("Password again"), self.confirm_edit, self.confirm_error),
        ):
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(error)
            form.addRow(label, column)
        self.password_hint = hint_label(
            self.tr("At least 6 characters; not the account name, not 123456."), self
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(form)
        layout.addWidget(self.password_hint)
        self.errors = {
            "username": self.username_error,
            "display_name": self.name_error,
            "password": self.password_error,
            "confirm": self.confirm_error,
        }
        self.edits = {
            "username": self.username_edit,
            "display_name": self.name_edit,
            "password": self.password_edit,
            "confirm": self.confirm_edit,
        }
        for key, edit in self.edits.items():
            edit.textEdited.connect(lambda _t, k=key: show_error(self.errors[k], ""))

    def values(self) -> tuple[str, str, str]:
        """Account name, the person's name, password."""
        return (
            self.username_edit.text().strip(),
            self.name_edit.text().strip(),
            self.password_edit.text(),
        )

    def check(self) -> dict[str, str]:
        """The reasons found before asking the service (empty: worth a try)."""
        username, name, password = self.values()
        problems: dict[str, str] = {}
        if not username:
            problems["username"] = self.tr("Enter an account name.")
        elif len(username) > 32 or any(ch.isspace() for ch in username):
            problems["username"] = self.tr("No spaces in the account name, at most 32 characters.")
        if not name:
            problems["display_name"] = self.tr("Enter your name.")
        reason = password_problem(password, username)
        if reason:
            problems["password"] = reason
        elif self.confirm_edit.text() != password:
            problems["confirm"] = self.tr("The two passwords differ.")
        return problems

    def show_problems(self, problems: dict[str, str]) -> dict[str, str]:
        """Each reason under its field, the first such field focused; returns those that
        belong to no field."""
        for key, text in problems.items():
            if key in self.errors:
                show_error(self.errors[key], text)
        for key, edit in self.edits.items():
            if key in problems:
                edit.setFocus()
                break
        return {k: v for k, v in problems.items() if k not in self.errors}

    def clear_problems(self) -> None:
        for label in self.errors.values():
            show_error(label, "")

    def problems(self) -> dict[str, str]:
        """The reasons shown."""
        return {k: v.text() for k, v in self.errors.items() if v.text()}

    def clear_passwords(self) -> None:
        self.password_edit.clear()
        self.confirm_edit.clear()

    def set_enabled(self, enabled: bool) -> None:
        for edit in self.edits.values():
            edit.setEnabled(enabled)


class FirstAdminDialog(WorkerDialog):
    """创建管理员账号: the first account of a database, its administrator; then logged in."""

    def __init__(
        self,
        runner: TaskRunner,
        service: AccountService,
        *,
        place: str = "",
        mode: str = "school",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._service = service
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Create the administrator account"))

        heading = QLabel(place or self.tr("Left-behind Children Care Archive"), self)
        heading.setObjectName("cardTitle")
        heading.setWordWrap(True)
        if mode == "township":
            who = self.tr("the officer in charge at the township")
        else:
            who = self.tr("the head of moral education or the headmaster")
        self.intro_label = intro = hint_label(
            arg(
                self.tr(
                    "This archive has no accounts yet. Create the first one, for its "
                    "administrator (%1, role %2): the administrator adds the other users' "
                    "accounts, resets forgotten passwords and reads the audit trail. Keep the "
                    "password safe."
                ),
                who,
                admin_role(mode).value,
            ),
            self,
        )

        self.fields = AdminFields(self)
        # the fields by their old names (the tests and the attempt below use them)
        self.username_edit = self.fields.username_edit
        self.name_edit = self.fields.name_edit
        self.password_edit = self.fields.password_edit
        self.confirm_edit = self.fields.confirm_edit
        self.message_label = error_label(self)

        self.create_button = QPushButton(self.tr("Create and log in"), self)
        self.create_button.setObjectName("primary")
        self.create_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.create_button)

        layout = QVBoxLayout(self)
        self._least_width(layout, _WIDTH + 60)  # and it grows with the reasons shown
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.fields)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        self._inputs = [
            self.username_edit,
            self.name_edit,
            self.password_edit,
            self.confirm_edit,
            self.create_button,
            self.cancel_button,
        ]
        self.create_button.clicked.connect(self.attempt)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_edit.returnPressed.connect(self.attempt)
        self.name_edit.setFocus()

    def problems(self) -> dict[str, str]:
        """The reasons shown beside the fields and under them ("message")."""
        shown = self.fields.problems()
        if not self.message_label.isHidden():
            shown["message"] = self.message_label.text()
        return shown

    def attempt(self) -> None:
        if self.busy:
            return
        self.fields.clear_problems()
        show_error(self.message_label, "")
        problems = self.fields.check()
        if problems:
            self._show_problems(problems)
            return
        username, name, password = self.fields.values()
        service = self._service
        self._run(
            lambda: service.create_first_admin(username, name, password),
            self._created,
            self._failed,
        )

    def _show_problems(self, problems: dict[str, str]) -> None:
        for text in self.fields.show_problems(problems).values():
            show_error(self.message_label, text)

    def _created(self, actor: object) -> None:
        assert isinstance(actor, Actor)
        self.actor = actor
        self.fields.clear_passwords()
        self.accept()

    def _failed(self, exc: KnownError) -> None:
        if isinstance(exc, ValidationFailed):
            self._show_problems(exc.errors)
        else:
            show_error(self.message_label, exc.message)


__all__ = [
    "AdminFields",
    "FirstAdminDialog",
    "LoginDialog",
    "WorkerDialog",
    "error_label",
    "show_error",
]
