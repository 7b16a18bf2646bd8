"""Adding or editing a helper (帮扶人): a teacher, a classmate or someone from outside.

The fields follow the kind: a teacher has a subject and a class; a classmate *is* a child of
this school, chosen from the list; someone from outside has a role (志愿者, 村干部 …). The phone
number is checked as it is typed with the archive's own rule (``domain.archive.phone_problem``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from ...domain.archive import phone_problem
from ...domain.care import HelperKind
from ...domain.grades import MAX_GRADE, MIN_GRADE, grade_label
from ...domain.listing import ChildRow
from ..widgets.pairing_child_picker import ChildPicker
from .fields import ChoiceField, FormGrid, OptionalIntField, TextField, hint_label
from .pairing_form import PairingFormDialog

if TYPE_CHECKING:
    from ...services.care import CareService, HelperDraft, HelperInfo
    from ..tasks import TaskRunner, TaskState

# Suggestions only: what is typed is stored as it is (data, not UI text).
SUBJECTS = [
    "语文",
    "数学",
    "英语",
    "道德与法治",
    "科学",
    "音乐",
    "体育",
    "美术",
    "信息技术",
    "班主任",
]
OUTSIDER_ROLES = ["志愿者", "村干部", "退休教师", "爱心妈妈"]


class HelperDialog(PairingFormDialog):
    """``helper=None`` adds a helper to ``school_id``; otherwise edits that helper.

    ``children`` are the school's children on the register (a classmate is one of them);
    ``taken`` maps the children who already are classmate helpers to their helper id.
    ``saved`` carries the helper's id after the write."""

    saved = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        care: CareService,
        school_id: str,
        children: Iterable[ChildRow],
        helper: HelperInfo | None = None,
        taken: dict[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self._care = care
        self._school_id = school_id
        self._helper = helper
        self._auto_name = ""  # the name last filled in from the chosen classmate
        self.setWindowTitle(self.tr("Edit helper") if helper else self.tr("New helper"))
        self.setMinimumWidth(560)
        self.setSizeGripEnabled(True)
        self.ok_button.setText(self.tr("Save"))

        grades = [(grade_label(g), g) for g in range(MIN_GRADE, MAX_GRADE + 1)]
        self.fields = {
            "kind": ChoiceField([k.value for k in HelperKind], required=True).limit(160),
            "name": TextField(max_length=40).limit(240),
            "phone": TextField(self.tr("Mobile (11 digits) or landline"), 24).limit(240),
            "subject": ChoiceField(SUBJECTS, editable=True).limit(200),
            "grade": ChoiceField(grades).limit(160),
            "class_no": OptionalIntField(99),
            "role_note": ChoiceField(OUTSIDER_ROLES, editable=True).limit(200),
        }
        self.picker = ChildPicker(multi=False)
        own = helper.child_id if helper else None
        self.picker.set_children(children)
        self.picker.set_disabled(
            {cid: self.tr("already a helper") for cid in (taken or {}) if cid != own}
        )
        self.picker.setMinimumHeight(260)

        common = FormGrid(columns=1)
        common.add(self.tr("Kind"), self.fields["kind"].box)
        common.add(self.tr("Name"), self.fields["name"].box)
        common.add(self.tr("Phone"), self.fields["phone"].box)

        teacher = FormGrid(columns=1)
        teacher.add(self.tr("Subject"), self.fields["subject"].box)
        teacher.add(self.tr("Grade"), self.fields["grade"].box)
        teacher.add(self.tr("Class"), self.fields["class_no"].box)
        self.teacher_box = QGroupBox(self.tr("Teacher"))
        QVBoxLayout(self.teacher_box).addWidget(teacher)

        self.classmate_box = QGroupBox(self.tr("The classmate: a child of this school"))
        classmate = QVBoxLayout(self.classmate_box)
        classmate.addWidget(self.picker)
        self.classmate_message = hint_label("")
        classmate.addWidget(self.classmate_message)

        outsider = FormGrid(columns=1)
        outsider.add(self.tr("Role"), self.fields["role_note"].box)
        self.outsider_box = QGroupBox(self.tr("From outside the school"))
        outsider_layout = QVBoxLayout(self.outsider_box)
        outsider_layout.addWidget(outsider)
        outsider_layout.addWidget(
            hint_label(self.tr("e.g. 志愿者, 村干部, 退休教师, 爱心妈妈 — or type another role"))
        )

        layout = QVBoxLayout(self)
        layout.addWidget(common)
        layout.addWidget(self.teacher_box)
        layout.addWidget(self.classmate_box, 1)
        layout.addWidget(self.outsider_box)
        layout.addStretch(0)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self._fill(helper)
        self._watch()
        self.fields["kind"].on_change(self._kind_changed)
        self.picker.selection_changed.connect(self._classmate_chosen)
        self._kind_changed()
        self._revalidate()

    # -- public ---------------------------------------------------------------------------------
    @property
    def helper_id(self) -> str | None:
        return self._helper.id if self._helper else None

    def kind(self) -> str:
        return str(self.fields["kind"].value())

    # -- the form -------------------------------------------------------------------------------
    def _fill(self, h: HelperInfo | None) -> None:
        if h is None:
            self.fields["kind"].set_value(HelperKind.TEACHER.value)
            return
        self.fields["kind"].set_value(h.kind)
        self.fields["name"].set_value(h.name)
        self.fields["phone"].set_value(h.phone)
        self.fields["subject"].set_value(h.subject)
        self.fields["grade"].set_value(h.grade or "")
        self.fields["class_no"].set_value(h.class_no)
        self.fields["role_note"].set_value(h.role_note)
        if h.child_id:
            self.picker.select([h.child_id])
            self._auto_name = h.name

    def _kind_changed(self) -> None:
        kind = self.kind()
        self.teacher_box.setVisible(kind == HelperKind.TEACHER)
        self.classmate_box.setVisible(kind == HelperKind.CLASSMATE)
        self.outsider_box.setVisible(kind == HelperKind.OUTSIDER)
        self._revalidate()
        self.adjustSize()

    def _classmate_chosen(self) -> None:
        self._touched.add("child_id")
        ids = self.picker.selected_ids()
        row = self.picker.model.get(ids[0]) if ids else None
        name_field = self.fields["name"]
        if row is not None and str(name_field.value()).strip() in ("", self._auto_name):
            self._auto_name = row.name
            name_field.set_value(row.name)
        self._server_errors = {}
        self._revalidate()

    def _child_id(self) -> str | None:
        ids = self.picker.selected_ids()
        return ids[0] if ids else None

    def _problems(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        if not self.kind():
            errors["kind"] = self.tr("Choose the kind: teacher, classmate or from outside")
        if not str(self.fields["name"].value()).strip():
            errors["name"] = self.tr("Please enter the name")
        problem = phone_problem(str(self.fields["phone"].value()).strip())
        if problem:
            errors["phone"] = problem
        if self.kind() == HelperKind.CLASSMATE and self._child_id() is None:
            errors["child_id"] = self.tr("Choose the classmate in the list")
        return errors

    def _after_revalidate(self) -> None:
        text = self._errors.get("child_id", "") if self._shown("child_id") else ""
        self.classmate_message.setText(text or self.tr("Search the list, then click the child."))
        self.classmate_message.setProperty("role", "error" if text else "hint")
        self.classmate_message.style().unpolish(self.classmate_message)
        self.classmate_message.style().polish(self.classmate_message)
        # the classmate's reason stands in the box: keep it out of the general line
        loose = [
            t
            for k, t in self._errors.items()
            if k not in self.fields and k != "child_id" and self._shown(k)
        ]
        self.error_label.setText("；".join(loose))
        self.error_label.setVisible(bool(loose))

    def draft(self) -> HelperDraft:
        from ...services.care import HelperDraft  # the services load with the database

        kind = self.kind()
        grade = self.fields["grade"].value()
        class_no = self.fields["class_no"].value()
        teacher = kind == HelperKind.TEACHER
        return HelperDraft(
            kind=kind,
            name=str(self.fields["name"].value()),
            phone=str(self.fields["phone"].value()),
            subject=str(self.fields["subject"].value()) if teacher else "",
            grade=grade if teacher and isinstance(grade, int) else None,
            class_no=class_no if teacher and isinstance(class_no, int) else None,
            child_id=self._child_id() if kind == HelperKind.CLASSMATE else None,
            role_note=str(self.fields["role_note"].value()) if kind == HelperKind.OUTSIDER else "",
        )

    def _work(self) -> Callable[[TaskState], Any]:
        care, school_id, draft, helper_id = (
            self._care,
            self._school_id,
            self.draft(),
            self.helper_id,
        )
        if helper_id is None:
            return lambda _state: care.add_helper(school_id, draft)

        def update(_state: TaskState) -> str:
            care.update_helper(helper_id, draft)
            return helper_id

        return update

    def _done(self, result: Any) -> None:
        self.saved.emit(str(result))
        self.accept()
