"""账号管理 (the administrator's): the accounts, adding and changing one, switching one off or on,
resetting a forgotten password, and after how many idle minutes the program locks. Also the
password form everyone uses for 修改密码.

Every change runs on the worker thread through ``services.accounts.AccountService`` (which
checks the role again and writes the audit trail); what it refuses is shown in Chinese beside
the field it is about, or under the table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Actor, Role, password_problem, roles_for
from ...domain.errors import KnownError, ValidationFailed
from ..widgets.duty_tables import Col, RowTableModel, make_table
from .fields import arg, hint_label, set_role
from .login_dialog import WorkerDialog, error_label, password_edit, refit, show_error

if TYPE_CHECKING:
    from ...services.accounts import AccountInfo, AccountService
    from ..tasks import TaskRunner

_WIDTH, _HEIGHT = 900, 520


def teacher_choices(service: AccountService, school_id: str) -> list[tuple[str, str]]:
    """(helper id, label) of the teachers an account can be linked to (on the worker). Two
    teachers may share a name: the label adds the subject and the class they head, and the
    end of the phone number while two labels are still the same."""
    teachers = service.teachers()
    if not school_id:
        return teachers
    from ...domain.grades import class_label
    from ...services.care import CareService

    helpers = {h.id: h for h in CareService(service.ctx).helpers(school_id)}
    labels: list[tuple[str, str, str]] = []  # id, name with details, phone
    for helper_id, label in teachers:
        h = helpers.get(helper_id)
        if h is None:
            labels.append((helper_id, label, ""))
            continue
        parts = [h.subject] if h.subject else []
        if h.grade and h.class_no:
            parts.append(
                arg(
                    QCoreApplication.translate("AccountEditDialog", "head of %1"),
                    class_label(h.grade, h.class_no),
                )
            )
        labels.append((helper_id, f"{h.name}（{'·'.join(parts)}）" if parts else h.name, h.phone))
    seen: dict[str, int] = {}
    for _id, label, _phone in labels:
        seen[label] = seen.get(label, 0) + 1
    phone_text = QCoreApplication.translate("AccountEditDialog", "%1, phone …%2")
    return [
        (i, arg(phone_text, label, phone[-4:]) if seen[label] > 1 and phone else label)
        for i, label, phone in labels
    ]


def _when(info: AccountInfo) -> str:
    return f"{info.last_login_at:%Y-%m-%d %H:%M}" if info.last_login_at else ""


class AccountsModel(RowTableModel):
    """The accounts (ids plus a row cache of ``AccountInfo``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([], key=lambda a: a.id, parent=parent)
        on, off, locked = (
            self.tr("active"),
            self.tr("switched off"),
            self.tr("locked (wrong passwords)"),
        )
        self.columns = [
            Col(self.tr("Account"), lambda a: a.username, width=8),
            Col(self.tr("Name"), lambda a: a.display_name, width=8),
            Col(self.tr("Role"), lambda a: a.role, width=5),
            Col(self.tr("Linked helper"), lambda a: a.helper_name, width=8),
            Col(
                self.tr("Status"),
                lambda a: on if a.active else off,
                alarm=lambda a: not a.active,
                width=4,
            ),
            Col(self.tr("Last login"), _when, width=9),
            Col(
                self.tr("Locked"),
                lambda a: locked if a.locked else "",
                alarm=lambda a: a.locked,
            ),
        ]


class AccountsDialog(WorkerDialog):
    """The administrator's accounts window."""

    idle_minutes_changed = Signal(int)
    changed = Signal()  # an account was added or changed

    def __init__(
        self,
        runner: TaskRunner,
        service: AccountService,
        *,
        mode: str,
        current: Actor,
        idle_minutes: int,
        parent: QWidget | None = None,
        school_id: str = "",
    ) -> None:
        super().__init__(runner, parent)
        self._service = service
        self._mode = mode
        self._school_id = school_id  # its helpers tell two teachers of one name apart
        self._current = current
        self.edit_dialog: AccountEditDialog | None = None  # the form opened last (tests)
        self.password_dialog: PasswordDialog | None = None
        self.setWindowTitle(self.tr("Accounts"))
        self.setSizeGripEnabled(True)
        self.resize(_WIDTH, _HEIGHT)

        intro = hint_label(
            self.tr(
                "Everyone who works with the archive logs in with their own account. A "
                "teacher sees their own class and the children they are paired with in full, "
                "and of the other children only what a contact card shows; an inspector reads "
                "everything and changes nothing. Every change here is written to the audit trail."
            ),
            self,
        )
        self.model = AccountsModel(self)
        self.table = make_table(self.model, self)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())

        self.add_button = QPushButton(self.tr("&Add account…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.active_button = QPushButton(self.tr("Switch &off"), self)
        self.reset_button = QPushButton(self.tr("&Reset password…"), self)
        self.add_button.clicked.connect(self.add_account)
        self.edit_button.clicked.connect(self.edit_selected)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        row = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button, self.reset_button):
            row.addWidget(button)
        row.addStretch(1)

        self.idle_spin = QSpinBox(self)
        self.idle_spin.setRange(0, 240)
        self.idle_spin.setValue(idle_minutes)
        self.idle_spin.setSuffix(self.tr(" min"))
        self.idle_spin.setSpecialValueText(self.tr("never"))
        self.idle_button = QPushButton(self.tr("Save"), self)
        self.idle_button.setEnabled(False)
        self.idle_spin.valueChanged.connect(lambda _v: self.idle_button.setEnabled(True))
        self.idle_button.clicked.connect(self.save_idle_minutes)
        idle_row = QHBoxLayout()
        idle_row.addWidget(QLabel(self.tr("Lock after this long without use:"), self))
        idle_row.addWidget(self.idle_spin)
        idle_row.addWidget(self.idle_button)
        idle_row.addStretch(1)

        self.message_label = error_label(self)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        set_role(self.status_label, "hint")
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addLayout(idle_row)
        layout.addWidget(self.message_label)
        layout.addLayout(bottom)
        self._inputs = [
            self.add_button,
            self.edit_button,
            self.active_button,
            self.reset_button,
            self.idle_spin,
        ]
        self._update_buttons()
        self.reload()

    # -- the list ------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        service = self._service
        self._run(service.accounts, lambda rows: self._show(rows, select), self._failed)

    def _show(self, rows: object, select: str | None) -> None:
        assert isinstance(rows, list)
        current = self.selected()
        keep = select or (current.id if current is not None else None)
        self.model.set_rows(rows)
        at = self.model.row_of(keep) if keep else -1
        if at >= 0:
            self.table.selectRow(at)
        self._update_buttons()

    def accounts(self) -> list[AccountInfo]:
        return self.model.rows()

    def selected(self) -> AccountInfo | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= self.model.rowCount():
            return None
        info: AccountInfo = self.model.row(rows[0].row())
        return info

    def select(self, username: str) -> None:
        for n, info in enumerate(self.model.rows()):
            if info.username == username:
                self.table.selectRow(n)

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        if not busy:
            self._update_buttons()

    def _update_buttons(self) -> None:
        info = self.selected()
        idle = not self.busy
        self.add_button.setEnabled(idle)
        self.edit_button.setEnabled(idle and info is not None)
        self.reset_button.setEnabled(idle and info is not None)
        own = info is not None and info.id == self._current.account_id
        self.active_button.setEnabled(idle and info is not None and not own)
        self.active_button.setToolTip(
            self.tr("You cannot switch off the account you are logged in with.") if own else ""
        )
        self.active_button.setText(
            self.tr("Switch &on")
            if info is not None and not info.active
            else self.tr("Switch &off")
        )

    def _failed(self, exc: KnownError) -> None:
        show_error(self.message_label, exc.message)

    def _said(self, text: str, role: str = "hint") -> None:
        show_error(self.message_label, "")
        self.status_label.setText(text)
        set_role(self.status_label, role)

    # -- changes -------------------------------------------------------------------------------
    def add_account(self) -> None:
        self._open_form(None)

    def edit_selected(self) -> None:
        info = self.selected()
        if info is not None:
            self._open_form(info)

    def _open_form(self, info: AccountInfo | None) -> None:
        dialog = AccountEditDialog(
            self._runner, self._service, self._mode, info, parent=self, school_id=self._school_id
        )
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        self.edit_dialog = dialog
        dialog.open()

    def _saved(self, info: object) -> None:
        username = getattr(info, "username", "")
        if getattr(info, "role", "") == Role.TEACHER.value and not getattr(info, "helper_id", None):
            self._said(
                arg(
                    self.tr(
                        "Account %1 saved, but it is not linked to a helper record (帮扶人): "
                        "this teacher sees no child in full until it is. Edit the account to "
                        "link it."
                    ),
                    username,
                ),
                "warning",
            )
        else:
            self._said(arg(self.tr("Account %1 saved."), username))
        self.changed.emit()
        self.reload(select=getattr(info, "id", None))

    def toggle_active(self) -> None:
        info = self.selected()
        if info is None:
            return
        service, account_id, active = self._service, info.id, not info.active

        def done(after: object) -> None:
            text = (
                self.tr("Account %1 is switched on again.")
                if active
                else self.tr("Account %1 is switched off: it can no longer log in.")
            )
            self._said(arg(text, info.username))
            self.changed.emit()
            self.reload(select=account_id)

        self._run(lambda: service.update(account_id, active=active), done, self._failed)

    def reset_password(self) -> None:
        info = self.selected()
        if info is None:
            return
        service, username = self._service, info.username
        dialog = PasswordDialog(
            self._runner,
            lambda _old, new: service.reset_password(username, new),
            ask_old=False,
            title=self.tr("Reset password"),
            intro=arg(
                self.tr(
                    "A new password for %1 (%2). Tell it to them in person; they can change it "
                    "under Account → Change my password. A lockout after wrong passwords ends too."
                ),
                info.display_name,
                info.username,
            ),
            username=username,
            parent=self,
        )
        account_id = info.id

        def reset() -> None:
            self._said(arg(self.tr("The password of %1 was reset."), username))
            self.reload(select=account_id)

        dialog.accepted.connect(reset)
        dialog.finished.connect(dialog.deleteLater)
        self.password_dialog = dialog
        dialog.open()

    def save_idle_minutes(self) -> None:
        minutes = self.idle_spin.value()
        service = self._service

        def done(_result: object) -> None:
            self.idle_button.setEnabled(False)
            self._said(
                arg(self.tr("The program now locks after %1 minutes without use."), minutes)
                if minutes
                else self.tr("The program no longer locks by itself.")
            )
            self.idle_minutes_changed.emit(minutes)

        self._run(lambda: service.set_idle_minutes(minutes), done, self._failed)


class _AccountForm(WorkerDialog):
    """What the account forms share: a reason label under each field (``errors``) and one
    for the whole form (``message_label``)."""

    errors: dict[str, QLabel]
    message_label: QLabel

    def problems(self) -> dict[str, str]:
        """The reasons shown now, by field ("message": the form's own)."""
        shown = {k: v.text() for k, v in self.errors.items() if v.text()}
        if not self.message_label.isHidden():
            shown["message"] = self.message_label.text()
        return shown

    def _clear_problems(self) -> None:
        for label in (*self.errors.values(), self.message_label):
            show_error(label, "")


class AccountEditDialog(_AccountForm):
    """A new account (``info`` None) or changes to one: name, role, the linked 帮扶人."""

    saved = Signal(object)  # the AccountInfo after the write

    def __init__(
        self,
        runner: TaskRunner,
        service: AccountService,
        mode: str,
        info: AccountInfo | None = None,
        parent: QWidget | None = None,
        *,
        school_id: str = "",
    ) -> None:
        super().__init__(runner, parent)
        self._service = service
        self._info = info
        self._school_id = school_id
        self.setWindowTitle(self.tr("Edit account") if info else self.tr("New account"))

        self.username_edit = QLineEdit(self)
        self.username_edit.setMaxLength(32)
        self.username_edit.setPlaceholderText(
            arg(self.tr("Letters or digits, e.g. %1"), "wanglaoshi")
        )
        self.name_edit = QLineEdit(self)
        self.name_edit.setMaxLength(40)
        self.role_combo = QComboBox(self)
        for role in roles_for(mode):
            self.role_combo.addItem(role.value, role.value)
        self.helper_combo = QComboBox(self)
        self.helper_combo.addItem(self.tr("(not linked)"), "")
        self._linked_text = self.tr(
            "A teacher's account is linked to their helper record (帮扶人): their class and "
            "the children paired with them are the children they see in full."
        )
        self._unlinked_text = self.tr(
            "Not linked: this teacher will see no child in full, only contact cards. Choose "
            "their helper record (帮扶人)."
        )
        self.helper_hint = hint_label(self._linked_text, self)
        self.password_edit = password_edit(self)
        self.confirm_edit = password_edit(self)
        self.errors = {
            key: error_label(self, reserve=True)
            for key in ("username", "display_name", "role", "helper", "password", "confirm")
        }
        form = QFormLayout()
        rows: list[tuple[str, QWidget, str]] = [
            (self.tr("Account"), self.username_edit, "username"),
            (self.tr("Name"), self.name_edit, "display_name"),
            (self.tr("Role"), self.role_combo, "role"),
            (self.tr("Linked helper"), self.helper_combo, "helper"),
        ]
        if info is None:
            rows += [
                (self.tr("Password"), self.password_edit, "password"),
                (self.tr("Password again"), self.confirm_edit, "confirm"),
            ]
        else:
            self.password_edit.hide()
            self.confirm_edit.hide()
        for label, widget, key in rows:
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            column.addWidget(self.errors[key])
            if key == "helper":
                column.addWidget(self.helper_hint)
            form.addRow(label, column)
        for key in {"password", "confirm"} - {key for _l, _w, key in rows}:
            self.errors[key].hide()  # no password asked when changing an account
        self.message_label = error_label(self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        self._least_width(layout, 520)  # and it grows with the reasons shown
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        self._inputs = [
            self.username_edit,
            self.name_edit,
            self.role_combo,
            self.helper_combo,
            self.password_edit,
            self.confirm_edit,
            self.save_button,
        ]
        if info is not None:
            self.username_edit.setText(info.username)
            self.username_edit.setReadOnly(True)
            self.name_edit.setText(info.display_name)
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(info.role)))
        else:
            default = Role.TEACHER.value if mode != "township" else Role.TOWNSHIP_READER.value
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(default)))
        self.save_button.clicked.connect(self.save)
        self.role_combo.currentIndexChanged.connect(lambda _i: self._role_changed())
        self.helper_combo.currentIndexChanged.connect(lambda _i: self._show_link())
        for key, edit in (
            ("username", self.username_edit),
            ("display_name", self.name_edit),
            ("password", self.password_edit),
            ("confirm", self.confirm_edit),
        ):
            edit.textEdited.connect(lambda _t, k=key: show_error(self.errors[k], ""))
        self._teachers_loaded = False
        self._role_changed()
        school_id = self._school_id
        self._run(lambda: teacher_choices(service, school_id), self._fill_teachers, self._failed)

    # -- the form ------------------------------------------------------------------------------
    def _fill_teachers(self, teachers: object) -> None:
        assert isinstance(teachers, list)
        for helper_id, label in teachers:
            self.helper_combo.addItem(label, helper_id)
            self.helper_combo.setItemData(
                self.helper_combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole
            )
        linked = self._info.helper_id if self._info is not None else None
        if linked:
            at = self.helper_combo.findData(linked)
            if at < 0:  # a helper no longer active: still shown, so it is not unlinked silently
                self.helper_combo.addItem(self._info.helper_name or linked, linked)  # type: ignore[union-attr]
                at = self.helper_combo.count() - 1
            self.helper_combo.setCurrentIndex(at)
        self._teachers_loaded = True
        self._role_changed()

    def _set_busy(self, busy: bool) -> None:
        super()._set_busy(busy)
        if not busy:
            self._role_changed()

    def _role_changed(self) -> None:
        teacher = self.role_combo.currentData() == Role.TEACHER.value
        self.helper_combo.setEnabled(teacher and not self.busy)
        self.helper_hint.setVisible(teacher)
        show_error(self.errors["role"], "")
        show_error(self.errors["helper"], "")
        self._show_link()

    def unlinked_teacher(self) -> bool:
        """Whether the form would save a teacher's account linked to no 帮扶人."""
        return self.role_combo.currentData() == Role.TEACHER.value and not (
            self.helper_combo.currentData() or ""
        )

    def _show_link(self) -> None:
        """A teacher not linked is warned about in the hint's place (nothing moves)."""
        unlinked = self._teachers_loaded and self.unlinked_teacher()
        self.helper_hint.setText(self._unlinked_text if unlinked else self._linked_text)
        set_role(self.helper_hint, "warning" if unlinked else "hint")
        refit(self.helper_hint)

    def choose_helper(self, helper_id: str) -> bool:
        """Pick the linked teacher by helper id (False: not in the list)."""
        at = self.helper_combo.findData(helper_id)
        if at >= 0:
            self.helper_combo.setCurrentIndex(at)
        return at >= 0

    def save(self) -> None:
        if self.busy:
            return
        self._clear_problems()
        username = self.username_edit.text().strip()
        name = self.name_edit.text().strip()
        role = str(self.role_combo.currentData())
        helper = str(self.helper_combo.currentData() or "") if role == Role.TEACHER.value else ""
        problems: dict[str, str] = {}
        if not name:
            problems["display_name"] = self.tr("Enter the person's name.")
        service = self._service
        info = self._info
        work: Callable[[], Any]
        if info is None:
            if not username:
                problems["username"] = self.tr("Enter an account name.")
            password = self.password_edit.text()
            reason = password_problem(password, username)
            if reason:
                problems["password"] = reason
            elif self.confirm_edit.text() != password:
                problems["confirm"] = self.tr("The two passwords differ.")

            def work() -> Any:
                return service.add(username, name, role, password, helper or None)

        else:
            account_id = info.id

            def work() -> Any:
                return service.update(account_id, display_name=name, role=role, helper_id=helper)

        if problems:
            for key, text in problems.items():
                show_error(self.errors[key], text)
            return
        self._run(work, self._saved, self._failed)

    def _saved(self, info: object) -> None:
        self.password_edit.clear()
        self.confirm_edit.clear()
        self.accept()
        self.saved.emit(info)

    def _failed(self, exc: KnownError) -> None:
        if isinstance(exc, ValidationFailed):
            for key, text in exc.errors.items():
                show_error(self.errors.get(key, self.message_label), text)
        else:
            show_error(self.message_label, exc.message)


class PasswordDialog(_AccountForm):
    """A new password, typed twice (and the old one, for 修改密码). ``submit(old, new)`` runs on
    the worker."""

    def __init__(
        self,
        runner: TaskRunner,
        submit: Callable[[str, str], object],
        *,
        ask_old: bool,
        title: str,
        intro: str = "",
        username: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._submit = submit
        self._username = username
        self.setWindowTitle(title)
        self.old_edit = password_edit(self)
        self.new_edit = password_edit(self)
        self.confirm_edit = password_edit(self)
        self.errors = {
            key: error_label(self, reserve=True) for key in ("old", "password", "confirm")
        }
        form = QFormLayout()
        rows = [
            (self.tr("New password"), self.new_edit, "password"),
            (self.tr("New password again"), self.confirm_edit, "confirm"),
        ]
        if ask_old:
            rows.insert(0, (self.tr("Current password"), self.old_edit, "old"))
        else:
            self.old_edit.hide()
        for label, edit, key in rows:
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(self.errors[key])
            form.addRow(label, column)
            edit.textEdited.connect(lambda _t, k=key: show_error(self.errors[k], ""))
        if not ask_old:
            self.errors["old"].hide()
        self.message_label = error_label(self)
        self.ok_button = QPushButton(self.tr("Save"), self)
        self.ok_button.setObjectName("primary")
        self.ok_button.setDefault(True)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        self._least_width(layout, 440)  # and it grows with the reasons shown
        if intro:
            layout.addWidget(hint_label(intro, self))
        layout.addLayout(form)
        layout.addWidget(
            hint_label(self.tr("At least 6 characters; not the account name, not 123456."), self)
        )
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        self._inputs = [self.old_edit, self.new_edit, self.confirm_edit, self.ok_button, cancel]
        (self.old_edit if ask_old else self.new_edit).setFocus()

    def save(self) -> None:
        if self.busy:
            return
        self._clear_problems()
        old, new = self.old_edit.text(), self.new_edit.text()
        reason = password_problem(new, self._username)
        if reason:
            show_error(self.errors["password"], reason)
            return
        if self.confirm_edit.text() != new:
            show_error(self.errors["confirm"], self.tr("The two passwords differ."))
            return
        submit = self._submit
        self._run(lambda: submit(old, new), lambda _r: self._done(), self._failed)

    def _done(self) -> None:
        for edit in (self.old_edit, self.new_edit, self.confirm_edit):
            edit.clear()
        self.accept()

    def _failed(self, exc: KnownError) -> None:
        if isinstance(exc, ValidationFailed):
            for key, text in exc.errors.items():
                show_error(self.errors.get(key, self.message_label), text)
        else:
            show_error(self.message_label, exc.message)


__all__ = ["AccountEditDialog", "AccountsDialog", "AccountsModel", "PasswordDialog"]
