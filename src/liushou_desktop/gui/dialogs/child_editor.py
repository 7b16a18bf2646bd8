"""The archive editor: one child, the guardian, both parents, risk assessments, status, history.

Everything the service reads or writes runs on the worker thread (``TaskRunner``); the form
checks itself as the user types with ``domain.archive.validate_archive`` and shows each reason
beside its field. A new child's form does not start out red: a field's reason appears once that
field was edited, or everywhere once the user tries to save. Nothing is ever deleted: a child leaves the register by a change of status.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.archive import (
    Assessment,
    ChildArchive,
    ChildRecord,
    archive_warnings,
    validate_archive,
)
from ...domain.enums import (
    Aid,
    Category,
    ContactFrequency,
    Education,
    GuardianRelation,
    IncomeSource,
    LeftBehindKind,
    RiskLevel,
    RiskType,
    Sex,
    Status,
)
from ...domain.errors import KnownError, ValidationFailed
from ...domain.grades import MAX_GRADE, MIN_GRADE, class_label, grade_label
from ...domain.idcard import parse_id_number
from ...domain.risk import is_high_risk, meets_official_definition
from ..messages import show_known_error
from ..widgets.screen import fit_to_screen
from .assessment_dialog import AssessmentDialog
from .fields import (
    ERROR,
    ERROR_COLOR,
    PROBLEM_STYLE,
    WARNING,
    ChecksField,
    ChoiceField,
    DateField,
    Field,
    FlagField,
    FormGrid,
    NoteField,
    OptionalIntField,
    SpinField,
    TextField,
    arg,
    date_text,
    dot_icon,
    group,
    guarded,
    hint_label,
    scrolled,
    set_role,
)
from .history_view import HistoryView
from .status_dialog import StatusDialog

if TYPE_CHECKING:
    from ...services.archive import ArchiveService, HistoryEntry, SaveResult
    from ...services.care import TimelineEntry
    from ...services.changes import Changes
    from ..tasks import TaskRunner

# Suggestions for free-text fields: stored as typed, so they are data, not UI text.
# fmt: off
ETHNICITIES = [
    "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族",
    "朝鲜族", "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族",
    "黎族", "傈僳族", "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族",
    "景颇族", "柯尔克孜族", "土族", "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族",
    "仡佬族", "锡伯族", "阿昌族", "普米族", "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族",
    "德昂族", "保安族", "裕固族", "京族", "塔塔尔族", "独龙族", "鄂伦春族", "赫哲族", "门巴族",
    "珞巴族", "基诺族",
]
PROVINCES = [
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
    "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州",
    "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
]
DISCIPLINE = [
    "溺爱型", "放任型", "简单粗暴型", "严格管教", "民主型", "说服教育",
]
HEALTH = [
    "健康", "良好", "一般", "体弱多病", "患有慢性病", "残疾",
]
DISABILITY = [
    "视力残疾", "听力残疾", "言语残疾", "肢体残疾", "智力残疾", "精神残疾", "多重残疾",
]
HOME_FREQUENCY = [
    "春节回家", "每年一次", "每年两次", "每季度一次", "每月一次", "很少回家",
]
# fmt: on

BASIC, GUARDIAN, PARENTS, CATEGORIES, PROFILE, RISK, TIMELINE, HISTORY = range(8)
_CURRENT_BG = QColor("#fff3cd")
_HIGH_RISK_FG = QColor(ERROR_COLOR)


@dataclass(frozen=True)
class _Loaded:
    archive: ChildArchive
    assessments: list[Assessment]
    history: list[HistoryEntry]
    timeline: list[TimelineEntry]


def _load_all(service: ArchiveService, child_id: str) -> _Loaded:
    from ...services.care import CareService

    return _Loaded(
        service.get(child_id),
        service.assessments(child_id),
        service.history(child_id),
        CareService(service.ctx).timeline(child_id),
    )


def _new_archive(school_id: str) -> ChildArchive:
    # a new child has no sex yet: the ID number or the user sets it
    return ChildArchive(child=ChildRecord(school_id=school_id, sex=""))


def _scale_label(scale: type[RiskType] | type[RiskLevel], value: int) -> str:
    """一类 / 二级 …; an unknown number (data from a newer version) is shown as it is."""
    try:
        return scale(value).label
    except ValueError:
        return str(value)


def _set_status(target: ChildArchive, source: ChildArchive) -> None:
    target.child.status = source.child.status
    target.child.status_date = source.child.status_date
    target.child.status_reason = source.child.status_reason


class ChildEditor(QDialog):
    """Edit one child's whole archive. ``child_id=None`` makes a new child; after the first save
    the dialog keeps editing that child.

    ``saved`` carries the :class:`~liushou_desktop.services.changes.Changes` of every successful
    write made from this dialog: the archive itself, a new risk assessment, a change of status.
    """

    saved = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        service: ArchiveService,
        school_id: str,
        child_id: str | None = None,
        parent: QWidget | None = None,
        *,
        read_only_reason: str = "",
    ) -> None:
        super().__init__(parent)
        # Non-empty: the archive is shown but cannot be changed, and this says why (at a
        # school, a child the township transferred to another school).
        self._read_only_reason = read_only_reason if child_id is not None else ""
        self._runner = runner
        self._service = service
        self._school_id = school_id
        self._child_id = child_id
        self._baseline: ChildArchive | None = None  # as last read from the database
        self._clean: ChildArchive | None = None  # what the form read back right after loading
        self._assessments: list[Assessment] = []
        self._fields: dict[str, Field] = {}
        self._errors: dict[str, str] = {}
        self._warnings: dict[str, str] = {}
        self._server_errors: dict[str, str] = {}
        # Field paths the user has edited; until saving is tried, a new child's form shows the
        # errors of these only (an existing child's form shows every error at once).
        self._touched: set[str] = set()
        self._show_all_errors = child_id is not None
        self._populating = False
        self._autofilling = False
        self._auto_birth = False
        self._auto_sex = False
        self._busy = False
        self._saving = False
        self._close_after_save = False
        self._just_saved = False

        self.setWindowTitle(self.tr("Child archive"))
        self.setStyleSheet(PROBLEM_STYLE)
        self.setSizeGripEnabled(True)
        fit_to_screen(self, 1000, 720)
        self._build()
        if child_id is None:
            self._show_loaded(_Loaded(_new_archive(school_id), [], [], []), populate=True)
        else:
            self._load()

    # -- public -----------------------------------------------------------------------------
    @property
    def child_id(self) -> str | None:
        """The child being edited; None until a new child is first saved."""
        return self._child_id

    @property
    def loaded(self) -> bool:
        return self._baseline is not None

    @property
    def busy(self) -> bool:
        return self._busy

    def archive(self) -> ChildArchive:
        """The archive as the form holds it now (not yet saved)."""
        return self._collect()

    def is_dirty(self) -> bool:
        if self.read_only:
            return False  # nothing can be changed, nothing is asked on closing
        return self._clean is not None and self._collect() != self._clean

    @property
    def read_only(self) -> bool:
        """Whether the archive is shown without any way to change it (see the top line)."""
        return bool(self._read_only_reason)

    def errors(self) -> dict[str, str]:
        """What blocks saving now: field path ("name", "guardian.phone") → reason."""
        return dict(self._errors)

    def shown_errors(self) -> dict[str, str]:
        """The errors shown in red now; a new child's untouched fields keep theirs quiet."""
        return {p: t for p, t in self._errors.items() if self._error_shown(p)}

    def warnings(self) -> dict[str, str]:
        return dict(self._warnings)

    def input_widget(self, path: str) -> QWidget:
        """The input of a field path, e.g. "id_number" or "guardian.discipline"."""
        field = self._fields[path]
        return getattr(field, "edit", None) or field.widget

    def message(self, path: str) -> str:
        """The message shown beside a field ("" when none)."""
        return self._fields[path].box.message.text()

    def message_kind(self, path: str) -> str:
        """The kind of that message: "error", "warning" or "" (none)."""
        return self._fields[path].box.kind

    # -- building the view ------------------------------------------------------------------
    def _build(self) -> None:
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = QLabel()
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_button = QPushButton(self.tr("Change status…"))
        self.status_button.setAutoDefault(False)
        self.status_button.clicked.connect(self._open_status_dialog)

        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.title_label)
        names.addWidget(self.subtitle_label)
        status_box = QVBoxLayout()
        status_box.setSpacing(4)
        status_box.addWidget(self.status_label)
        status_box.addWidget(self.status_button, 0, Qt.AlignmentFlag.AlignRight)
        header = QHBoxLayout()
        header.addLayout(names, 1)
        header.addLayout(status_box)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(False)
        self._tab_titles = [
            self.tr("Basic information"),
            self.tr("Guardian"),
            self.tr("Parents"),
            self.tr("Categories and aid"),
            self.tr("Teacher's assessment"),
            self.tr("Risk assessment"),
            self.tr("Timeline"),
            self.tr("Change history"),
        ]
        pages = [
            self._basic_page(),
            self._guardian_page(),
            self._parents_page(),
            self._categories_page(),
            self._profile_page(),
            self._risk_page(),
            self._timeline_page(),
            self._history_page(),
        ]
        for page, title in zip(pages, self._tab_titles, strict=True):
            self.tabs.addTab(page, title)

        self.loading_label = QLabel(self.tr("Loading the archive…"))
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.loading_label)
        self.stack.addWidget(self.tabs)

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAutoDefault(False)
        self.save_button.setMinimumWidth(96)
        self.save_button.clicked.connect(self._save)
        self.save_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString())
        QShortcut(QKeySequence.StandardKey.Save, self, self._save)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.setMinimumWidth(96)
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_label, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.read_only_label = QLabel(self._read_only_reason)
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setTextFormat(Qt.TextFormat.PlainText)
        set_role(self.read_only_label, WARNING)
        self.read_only_label.setVisible(bool(self._read_only_reason))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.read_only_label)
        layout.addLayout(header)
        layout.addWidget(line)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)

        if self.read_only:
            self._lock_fields()
        self._fields["id_number"].on_change(self._id_number_changed)
        self._fields["birth_date"].on_change(self._birth_edited)
        self._fields["sex"].on_change(self._sex_edited)
        for path, field in self._fields.items():
            field.on_change(partial(self._changed, path))

    def _bind(self, path: str, field: Field, tab: int) -> QWidget:
        field.tab = tab
        field.widget.setObjectName(path)
        self._fields[path] = field
        return field.box

    def _basic_page(self) -> QWidget:
        b = self._bind
        identity = FormGrid()
        identity.add(self.tr("Name"), b("name", TextField(max_length=40).limit(240), BASIC))
        identity.add(
            self.tr("Sex"),
            b("sex", ChoiceField([s.value for s in Sex], required=True).limit(120), BASIC),
        )
        identity.add(
            self.tr("ID number"),
            b(
                "id_number",
                TextField(self.tr("18 digits, the last may be X"), 24).limit(240),
                BASIC,
            ),
        )
        identity.add(self.tr("Birth date"), b("birth_date", DateField(), BASIC))
        identity.add(
            self.tr("Ethnicity"),
            b("ethnicity", ChoiceField(ETHNICITIES, editable=True).limit(160), BASIC),
        )
        identity_box = group(
            self.tr("Identity"),
            identity,
            hint_label(
                self.tr(
                    "A valid 18-digit ID number fills in the birth date and sex by itself; "
                    "a typed date or sex that disagrees with it is pointed out."
                )
            ),
        )

        school = FormGrid()
        grades = [(grade_label(g), g) for g in range(MIN_GRADE, MAX_GRADE + 1)]
        school.add(
            self.tr("Grade"), b("grade", ChoiceField(grades, required=True).limit(160), BASIC)
        )
        school.add(self.tr("Class"), b("class_no", SpinField(1, 99), BASIC))
        school.add(
            self.tr("Student no."), b("student_no", TextField(max_length=30).limit(240), BASIC)
        )
        school.add(
            self.tr("Boarding"), b("boarding", FlagField(self.tr("Boards at school")), BASIC)
        )

        home = FormGrid()
        home.add(
            self.tr("Household registration"),
            b("hukou_place", TextField(self.tr("e.g. 大方县大山乡大山村")), BASIC),
            wide=True,
        )
        home.add(
            self.tr("Home address"),
            b("address", TextField(self.tr("village and group, e.g. 大山村三组")), BASIC),
            wide=True,
        )
        home.add(
            self.tr("Phone"),
            b("phone", TextField(self.tr("mobile or landline"), 30).limit(240), BASIC),
        )

        health = FormGrid()
        health.add(
            self.tr("Health"), b("health", ChoiceField(HEALTH, editable=True).limit(200), BASIC)
        )
        health.add(
            self.tr("Disability (kind and grade)"),
            b(
                "disability",
                ChoiceField(
                    DISABILITY, editable=True, placeholder=self.tr("e.g. 肢体残疾三级")
                ).limit(240),
                BASIC,
            ),
        )
        return scrolled(
            identity_box,
            group(self.tr("School"), school),
            group(self.tr("Residence and contact"), home),
            group(self.tr("Health and disability"), health),
        )

    def _guardian_page(self) -> QWidget:
        b = self._bind
        contact = FormGrid()
        contact.add(
            self.tr("Name"), b("guardian.name", TextField(max_length=40).limit(240), GUARDIAN)
        )
        contact.add(
            self.tr("Relation to the child"),
            b(
                "guardian.relation",
                ChoiceField([r.value for r in GuardianRelation], required=True).limit(160),
                GUARDIAN,
            ),
        )
        contact.add(
            self.tr("Phone"),
            b("guardian.phone", TextField(self.tr("mobile or landline"), 30).limit(240), GUARDIAN),
        )
        contact.add(
            self.tr("ID number"),
            b(
                "guardian.id_number",
                TextField(self.tr("18 digits, the last may be X"), 24).limit(240),
                GUARDIAN,
            ),
        )
        contact.add(self.tr("Address"), b("guardian.address", TextField(), GUARDIAN), wide=True)

        discipline = ChoiceField(
            DISCIPLINE, editable=True, placeholder=self.tr("choose or type how the child is raised")
        )
        big = discipline.combo.font()
        big.setPointSizeF(big.pointSizeF() * 1.15)
        discipline.combo.setFont(big)
        discipline.limit(380)
        key = QGroupBox(self.tr("Discipline — the key item"))
        key.setObjectName("keyItem")
        key.setStyleSheet(
            "QGroupBox#keyItem { border: 2px solid #e0a800; border-radius: 6px; margin-top: 14px;"
            " background: #fffaf0; font-weight: bold; }"
            "QGroupBox#keyItem::title { subcontrol-origin: margin; left: 10px; padding: 0 4px; }"
        )
        key_layout = QVBoxLayout(key)
        key_layout.setContentsMargins(12, 16, 12, 12)
        row = QHBoxLayout()
        caption = QLabel(self.tr("How the guardian raises the child"))
        caption.setStyleSheet("font-weight: normal;")
        row.addWidget(caption)
        row.addWidget(b("guardian.discipline", discipline, GUARDIAN), 1)
        row.addStretch(0)
        key_layout.addLayout(row)
        explain = hint_label(
            self.tr(
                "How the guardian disciplines the child tells most about whether the child is "
                "really looked after. Choose the closest description or write your own."
            )
        )
        explain.setStyleSheet("font-weight: normal;")
        key_layout.addWidget(explain)
        signed = FlagField(self.tr("Guardianship agreement (监护责任书) signed"))
        signed.check.setStyleSheet("font-weight: normal;")
        key_layout.addWidget(b("guardian.agreement_signed", signed, GUARDIAN))

        profile = FormGrid()
        profile.add(self.tr("Age"), b("guardian.age", OptionalIntField(120), GUARDIAN))
        profile.add(
            self.tr("Education"),
            b("guardian.education", ChoiceField([e.value for e in Education]).limit(160), GUARDIAN),
        )
        profile.add(
            self.tr("Personality"), b("guardian.personality", TextField().limit(240), GUARDIAN)
        )
        profile.add(
            self.tr("Health"),
            b("guardian.health", ChoiceField(HEALTH, editable=True).limit(200), GUARDIAN),
        )
        return scrolled(
            group(self.tr("Guardian looking after the child"), contact),
            key,
            group(self.tr("About the guardian"), profile),
        )

    def _parent_box(self, role: str, title: str) -> QGroupBox:
        b = self._bind
        p = role + "."
        grid = FormGrid(columns=1)
        grid.add(self.tr("Name"), b(p + "name", TextField(max_length=40), PARENTS))
        grid.add(
            self.tr("Phone"), b(p + "phone", TextField(self.tr("mobile or landline"), 30), PARENTS)
        )
        grid.add(
            self.tr("ID number"),
            b(p + "id_number", TextField(self.tr("18 digits, the last may be X"), 24), PARENTS),
        )
        grid.add(self.tr("Age"), b(p + "age", OptionalIntField(120), PARENTS))
        grid.add(
            self.tr("Education"),
            b(p + "education", ChoiceField([e.value for e in Education]), PARENTS),
        )
        grid.add(
            self.tr("Works away"),
            b(p + "away", FlagField(self.tr("Works away from home")), PARENTS),
        )
        grid.add(self.tr("Employer"), b(p + "employer", TextField(), PARENTS))
        grid.add(self.tr("Trade"), b(p + "trade", TextField(), PARENTS))
        grid.add(
            self.tr("Work province"),
            b(p + "work_province", ChoiceField(PROVINCES, editable=True), PARENTS),
        )
        grid.add(self.tr("Work city"), b(p + "work_city", TextField(), PARENTS))
        grid.add(
            self.tr("Away since"), b(p + "left_since", TextField(self.tr("e.g. 2019-02")), PARENTS)
        )
        grid.add(
            self.tr("Income"),
            b(p + "income", TextField(self.tr("e.g. about 4000 a month")), PARENTS),
        )
        grid.add(
            self.tr("Contact with the child"),
            b(
                p + "contact_frequency",
                ChoiceField([c.value for c in ContactFrequency], editable=True),
                PARENTS,
            ),
        )
        grid.add(
            self.tr("Comes home"),
            b(p + "home_frequency", ChoiceField(HOME_FREQUENCY, editable=True), PARENTS),
        )
        grid.add(self.tr("Hopes for the child"), b(p + "expectations", NoteField(2), PARENTS))
        grid.add(
            self.tr("Can look after the child"),
            b(p + "capable", FlagField(self.tr("Able to act as guardian")), PARENTS),
        )
        return group(title, grid)

    def _parents_page(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self._parent_box("father", self.tr("Father")), 1)
        layout.addWidget(self._parent_box("mother", self.tr("Mother")), 1)
        return scrolled(row)

    def _categories_page(self) -> QWidget:
        b = self._bind
        kind = FormGrid(columns=1)
        kind.add(
            self.tr("Left-behind kind"),
            b(
                "left_behind_kind",
                ChoiceField([k.value for k in LeftBehindKind], required=True).limit(300),
                CATEGORIES,
            ),
        )
        self.official_label = hint_label("")
        kind_box = group(self.tr("Left behind"), kind, self.official_label)
        return scrolled(
            kind_box,
            group(
                self.tr("Categories"),
                b("categories", ChecksField([c.value for c in Category]), CATEGORIES),
            ),
            group(
                self.tr("Aid received"),
                b("aid", ChecksField([a.value for a in Aid]), CATEGORIES),
            ),
            group(
                self.tr("Family income sources"),
                b("income_sources", ChecksField([i.value for i in IncomeSource]), CATEGORIES),
            ),
        )

    def _profile_page(self) -> QWidget:
        b = self._bind
        grid = FormGrid()
        for path, label in (
            ("moral", self.tr("Moral character")),
            ("habits", self.tr("Behaviour and habits")),
            ("interests", self.tr("Interests and hobbies")),
            ("intelligence", self.tr("Intelligence")),
            ("personality", self.tr("Personality")),
            ("motivation", self.tr("Motivation and attitude to study")),
            ("learning_ability", self.tr("Study skills and methods")),
            ("guardian_rapport", self.tr("Gets on with the guardian")),
            ("parent_communication", self.tr("Communication with the parents away")),
            ("psych_state", self.tr("Psychological state")),
        ):
            grid.add(label, b(path, NoteField(3), PROFILE))
        box = group(
            self.tr("The teacher's judgement"),
            grid,
            hint_label(
                self.tr(
                    "Write what you have seen yourself, in a few words; update it when the "
                    "child changes. Every change is kept in the change history."
                )
            ),
        )
        return scrolled(box)

    def _risk_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 12, 12, 12)
        self.risk_hint = hint_label("")
        self.add_assessment_button = QPushButton(self.tr("New assessment…"))
        self.add_assessment_button.setAutoDefault(False)
        self.add_assessment_button.clicked.connect(self._open_assessment_dialog)
        top = QHBoxLayout()
        top.addWidget(self.risk_hint, 1)
        top.addWidget(self.add_assessment_button)
        self.risk_table = QTableWidget(0, 7)
        self.risk_table.setHorizontalHeaderLabels(
            [
                "",
                self.tr("Date"),
                self.tr("Type"),
                self.tr("Level"),
                self.tr("Guardian assessment"),
                self.tr("Assessor"),
                self.tr("Reasons"),
            ]
        )
        self.risk_table.verticalHeader().hide()
        self.risk_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.risk_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.risk_table.setWordWrap(True)
        header = self.risk_table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(60)
        for col in range(6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.risk_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        layout.addLayout(top)
        layout.addWidget(self.risk_table, 1)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Types: 一类 no parent, grandparent or relative can act as guardian; 二类 "
                    "other relatives look after the child; 三类 grandparents do. Levels: 一级 is "
                    "the most serious, 四级 the least. Assessments are never changed or deleted: "
                    "add a new one when the situation changes."
                )
            )
        )
        return page

    def _lock_fields(self) -> None:
        """Read-only: texts stay selectable (to copy a phone number), choices cannot change."""
        for field in self._fields.values():
            for widget in [*field.widget.findChildren(QWidget), field.widget]:
                if isinstance(widget, (QLineEdit, QPlainTextEdit, QAbstractSpinBox)):
                    widget.setReadOnly(True)
                elif isinstance(widget, (QAbstractButton, QComboBox)):
                    widget.setEnabled(False)

    def _history_page(self) -> QWidget:
        self.history = HistoryView()
        return self.history

    def _timeline_page(self) -> QWidget:
        """Everything about the child in date order: records, pairings, assessments, reports."""
        from ..widgets.timeline_view import TimelineView

        self.timeline = TimelineView()
        return self.timeline

    # -- loading ----------------------------------------------------------------------------
    def _load(self) -> None:
        child_id = self._child_id
        assert child_id is not None
        service = self._service
        self._set_busy(True)
        self._runner.run(
            lambda _state: _load_all(service, child_id),
            on_done=guarded(self, lambda loaded: self._show_loaded(loaded, populate=True)),
            on_error=guarded(self, self._load_failed),
        )

    def _load_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_known_error(self, exc)
        if self._baseline is None:
            super().reject()

    def _show_loaded(self, loaded: _Loaded, *, populate: bool) -> None:
        self._baseline = loaded.archive
        if populate:
            self._populate(loaded.archive)
        else:  # the form keeps what the user typed; only the status moved on
            assert self._clean is not None
            _set_status(self._clean, loaded.archive)
        self._assessments = loaded.assessments
        self._show_assessments()
        self.history.set_entries(loaded.history)
        self.timeline.set_entries(loaded.timeline)
        self.stack.setCurrentWidget(self.tabs)
        self._set_busy(False)
        self._revalidate()

    def _populate(self, archive: ChildArchive) -> None:
        self._populating = True
        try:
            for path, field in self._fields.items():
                field.set_value(self._get(archive, path))
        finally:
            self._populating = False
        info = parse_id_number(archive.child.id_number) if archive.child.id_number else None
        # values that agree with the ID number count as derived from it, and follow it
        self._auto_birth = info is not None and archive.child.birth_date == info.birth_date
        self._auto_sex = info is not None and archive.child.sex == info.sex.value
        self._server_errors = {}
        self._clean = self._collect()

    @staticmethod
    def _target(archive: ChildArchive, path: str) -> tuple[object, str]:
        if "." not in path:
            return archive.child, path
        record, name = path.split(".", 1)
        return getattr(archive, record), name

    def _get(self, archive: ChildArchive, path: str) -> object:
        record, name = self._target(archive, path)
        return getattr(record, name)

    def _collect(self) -> ChildArchive:
        base = self._baseline or _new_archive(self._school_id)
        archive = copy.deepcopy(base)
        for path, field in self._fields.items():
            record, name = self._target(archive, path)
            setattr(record, name, field.value())
        return archive

    # -- reacting to input ------------------------------------------------------------------
    def _changed(self, path: str) -> None:
        if self._populating or self._baseline is None:
            return
        self._touched.add(path)  # typed, chosen, or filled in from the ID number
        if self._autofilling:
            return
        self._server_errors = {}
        self._just_saved = False
        self._revalidate()

    def _id_number_changed(self) -> None:
        if self._populating:
            return
        info = parse_id_number(str(self._fields["id_number"].value()))
        if info is None:
            return
        birth, sex = self._fields["birth_date"], self._fields["sex"]
        self._autofilling = True
        try:
            if self._auto_birth or (birth.value() is None and not birth.parse_error()):
                birth.set_value(info.birth_date)
                self._auto_birth = True
            if self._auto_sex or not sex.value():
                sex.set_value(info.sex.value)
                self._auto_sex = True
        finally:
            self._autofilling = False

    def _birth_edited(self) -> None:
        if not (self._populating or self._autofilling):
            self._auto_birth = False

    def _sex_edited(self) -> None:
        if not (self._populating or self._autofilling):
            self._auto_sex = False

    def _revalidate(self) -> None:
        if self._baseline is None:
            return
        archive = self._collect()
        errors: dict[str, str] = {}
        for path, field in self._fields.items():
            problem = field.parse_error()
            if problem:
                errors[path] = problem
        for path, text in validate_archive(archive, self._service.ctx.today()).items():
            errors.setdefault(path, text)
        for path, text in self._server_errors.items():
            errors.setdefault(path, text)
        self._errors = errors
        self._warnings = archive_warnings(archive)
        for path, field in self._fields.items():
            if path in errors and self._error_shown(path):
                field.box.set_problem(ERROR, errors[path])
            elif path in self._warnings:
                field.box.set_problem(WARNING, self._warnings[path])
            else:
                field.box.set_problem("", "")
        self._mark_tabs()
        self._show_header(archive)
        self._show_official(archive)
        self._update_summary()
        self._update_buttons()

    def _error_shown(self, path: str) -> bool:
        return self._show_all_errors or path in self._touched or path not in self._fields

    def _mark_tabs(self) -> None:
        per_tab: dict[int, int] = {}
        for path in self.shown_errors():
            field = self._fields.get(path)
            tab = field.tab if field is not None else BASIC
            per_tab[tab] = per_tab.get(tab, 0) + 1
        warned = {self._fields[p].tab for p in self._warnings if p in self._fields}
        bar = self.tabs.tabBar()
        for i, title in enumerate(self._tab_titles):
            n = per_tab.get(i, 0)
            if n:
                self.tabs.setTabText(i, f"{title} ({n})")
                self.tabs.setTabIcon(i, dot_icon(ERROR_COLOR))
                bar.setTabTextColor(i, QColor(ERROR_COLOR))
            else:
                self.tabs.setTabText(i, title)
                self.tabs.setTabIcon(i, dot_icon("#e0a800") if i in warned else QIcon())
                bar.setTabTextColor(i, self.palette().color(self.foregroundRole()))

    def _tab_names(self, paths: Iterable[str]) -> str:
        tabs = sorted({self._fields[p].tab if p in self._fields else BASIC for p in paths})
        return self.tr(", ").join(self._tab_titles[t] for t in tabs)

    def _update_summary(self) -> None:
        label = self.summary_label
        shown = self.shown_errors()
        quiet = [p for p in self._errors if p not in shown]
        unbound = [text for path, text in shown.items() if path not in self._fields]
        remaining = (
            arg(
                self.tr("%1 required field(s) still to fill in, on: %2"),
                len(quiet),
                self._tab_names(quiet),
            )
            if quiet
            else ""
        )
        if shown:
            text = arg(
                self.tr("%1 problem(s) to fix before saving, on: %2"),
                len(shown),
                self._tab_names(shown),
            )
            if unbound:
                text += " — " + "；".join(unbound)
            if remaining:
                text += self.tr("; ") + remaining
            label.setText(text)
            set_role(label, ERROR)
        elif remaining:
            label.setText(remaining)  # said calmly: nothing is wrong yet, just not done
            set_role(label, "hint")
        elif self._warnings:
            label.setText(arg(self.tr("Please check: %1"), "；".join(self._warnings.values())))
            set_role(label, WARNING)
        elif self.is_dirty():
            label.setText(self.tr("Changes not saved yet."))
            set_role(label, "hint")
        elif self._just_saved:
            label.setText(self.tr("Saved. Every change is kept in the change history."))
            set_role(label, "hint")
        else:
            label.setText("")
            set_role(label, "")

    def _update_buttons(self) -> None:
        if self.read_only:
            for button in (self.save_button, self.status_button, self.add_assessment_button):
                button.setEnabled(False)
                button.setVisible(False)
            return
        loaded = self._baseline is not None
        saved_child = self._child_id is not None
        self.save_button.setEnabled(
            loaded and not self._busy and not self._errors and self.is_dirty()
        )
        self.status_button.setEnabled(loaded and saved_child and not self._busy)
        self.add_assessment_button.setEnabled(loaded and saved_child and not self._busy)
        if saved_child:
            self.status_button.setToolTip("")
            self.risk_hint.setText(
                self.tr(
                    "The dated series of assessments, newest first; the current one is highlighted."
                )
            )
        else:
            self.status_button.setToolTip(self.tr("Save the new archive first."))
            self.risk_hint.setText(
                self.tr("Save the new archive first; then risk assessments can be added.")
            )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.tabs.setEnabled(not busy)
        if busy:
            self.save_button.setEnabled(False)
            self.status_button.setEnabled(False)
            self.add_assessment_button.setEnabled(False)
        else:
            self._update_buttons()

    # -- header -----------------------------------------------------------------------------
    def _show_header(self, archive: ChildArchive) -> None:
        c = archive.child
        name = c.name.strip()
        if self._child_id is None:
            self.setWindowTitle(self.tr("New child archive"))
            self.title_label.setText(name or self.tr("New child"))
        else:
            self.setWindowTitle(arg(self.tr("Child archive — %1"), name))
            self.title_label.setText(name)
        parts = [class_label(c.grade, c.class_no)] if c.class_no >= 1 else []
        if c.sex:
            parts.append(c.sex)
        if c.birth_date is not None:
            parts.append(date_text(c.birth_date))
        self.subtitle_label.setText("  ·  ".join(parts))
        text = arg(self.tr("Status: %1"), c.status)
        if c.status_date is not None:
            text += arg(self.tr(" since %1"), date_text(c.status_date))
        if c.status_reason:
            text += arg(self.tr(" (%1)"), c.status_reason)
        self.status_label.setText(text)
        set_role(self.status_label, "" if c.status == Status.ENROLLED else WARNING)

    def _show_official(self, archive: ChildArchive) -> None:
        c = archive.child
        if meets_official_definition(c.birth_date, c.left_behind_kind, self._service.ctx.today()):
            self.official_label.setText(
                self.tr(
                    "Counted under the national definition (under 16, both parents away or one "
                    "away and the other unable to care)."
                )
            )
        else:
            self.official_label.setText(
                self.tr(
                    "Not counted under the national definition (under 16, both parents away or "
                    "one away and the other unable to care); the school keeps the archive anyway."
                )
            )

    # -- assessments ------------------------------------------------------------------------
    def _show_assessments(self) -> None:
        table = self.risk_table
        table.setRowCount(len(self._assessments))
        for row, a in enumerate(self._assessments):
            current = row == 0
            cells = [
                self.tr("Current") if current else "",
                date_text(a.assessed_on),
                _scale_label(RiskType, a.risk_type),
                _scale_label(RiskLevel, a.risk_level),
                a.guardian_assessment,
                a.assessor,
                a.reasons,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if current:
                    item.setBackground(QBrush(_CURRENT_BG))
                    font = QFont(table.font())
                    font.setBold(True)
                    item.setFont(font)
                if col == 3 and is_high_risk(a.risk_level):
                    item.setForeground(QBrush(_HIGH_RISK_FG))
                table.setItem(row, col, item)

    def _open_assessment_dialog(self) -> None:
        if self._child_id is None:
            return
        relation = str(self._fields["guardian.relation"].value())
        dialog = AssessmentDialog(
            self._runner, self._service, self._child_id, guardian_relation=relation, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(self._side_write_done)
        dialog.open()

    # -- status -----------------------------------------------------------------------------
    def _open_status_dialog(self) -> None:
        if self._child_id is None or self._baseline is None:
            return
        c = self._baseline.child
        dialog = StatusDialog(
            self._runner,
            self._service,
            self._child_id,
            c.status,
            c.status_date,
            c.status_reason,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self._side_write_done)
        dialog.open()

    def _side_write_done(self, changes: Changes) -> None:
        """An assessment or a status change was written: re-read, keep what the user typed."""
        self.saved.emit(changes)
        child_id = self._child_id
        assert child_id is not None
        service = self._service
        self._runner.run(
            lambda _state: _load_all(service, child_id),
            on_done=guarded(self, lambda loaded: self._show_loaded(loaded, populate=False)),
            on_error=guarded(self, lambda exc: show_known_error(self, exc)),
        )

    # -- saving -----------------------------------------------------------------------------
    def _save(self) -> None:
        if self._busy or self._baseline is None or self.read_only:
            return
        self._show_all_errors = True  # trying to save shows every reason
        self._revalidate()
        if self._errors:
            self._show_first_error()
            return
        if not self.is_dirty():
            return
        archive = self._collect()
        service = self._service
        child_id = self._child_id

        def job(_state: object) -> tuple[SaveResult, _Loaded]:
            result = service.create(archive) if child_id is None else service.save(archive)
            return result, _load_all(service, result.child_id)

        self._saving = True
        self._set_busy(True)
        self.summary_label.setText(self.tr("Saving…"))
        set_role(self.summary_label, "hint")
        self._runner.run(
            job, on_done=guarded(self, self._saved), on_error=guarded(self, self._save_failed)
        )

    def _show_first_error(self) -> None:
        """Bring the first field that blocks saving into view, unless the tab shown has one."""
        bound = [p for p in self._errors if p in self._fields]
        if not bound:
            return
        here = [p for p in bound if self._fields[p].tab == self.tabs.currentIndex()]
        path = here[0] if here else min(bound, key=lambda p: self._fields[p].tab)
        self.tabs.setCurrentIndex(self._fields[path].tab)
        widget = self.input_widget(path)
        area = self.tabs.currentWidget()
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(self._fields[path].box)
        widget.setFocus()

    def _saved(self, outcome: tuple[SaveResult, _Loaded]) -> None:
        result, loaded = outcome
        self._saving = False
        self._show_all_errors = True  # the child exists now
        self._child_id = result.child_id
        self._just_saved = True
        self._show_loaded(loaded, populate=True)
        self.saved.emit(result.changes)
        if self._close_after_save:
            self._close_after_save = False
            self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._close_after_save = False
        self._set_busy(False)
        if isinstance(exc, ValidationFailed):
            self._server_errors = dict(exc.errors)
        self._revalidate()
        if isinstance(exc, KnownError):
            show_known_error(self, exc)

    # -- leaving ----------------------------------------------------------------------------
    def reject(self) -> None:
        """Close button, Esc and the window's close box all come here: ask before losing work."""
        if self._saving:
            return
        if self._baseline is not None and self.is_dirty():
            name = str(self._fields["name"].value()).strip() or self.tr("this child")
            Btn = QMessageBox.StandardButton
            if self._errors:
                answer = QMessageBox.question(
                    self,
                    self.tr("Unsaved changes"),
                    arg(
                        self.tr(
                            "The changes to the archive of %1 cannot be saved yet: %2 "
                            "problem(s) must be fixed first. Close and discard the changes?"
                        ),
                        name,
                        len(self._errors),
                    ),
                    Btn.Discard | Btn.Cancel,
                    Btn.Cancel,
                )
            else:
                answer = QMessageBox.question(
                    self,
                    self.tr("Unsaved changes"),
                    arg(
                        self.tr("The archive of %1 has changes that are not saved. Save them?"),
                        name,
                    ),
                    Btn.Save | Btn.Discard | Btn.Cancel,
                    Btn.Save,
                )
            if answer == Btn.Save:
                self._close_after_save = True
                self._save()
                return
            if answer != Btn.Discard:
                return
        super().reject()
