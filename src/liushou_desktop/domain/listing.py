"""One row of the children list, and the filter that search-as-you-type applies to it."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field, replace

from .enums import guardian_kind
from .grades import class_label


@dataclass(frozen=True)
class ChildRow:
    """What the list shows of one child (and what ``children list --json`` prints)."""

    id: str
    school_id: str
    school_name: str
    name: str
    name_pinyin: str
    sex: str
    birth_date: dt.date | None
    id_number: str
    grade: int
    class_no: int
    student_no: str
    status: str
    left_behind_kind: str
    categories: tuple[str, ...]
    boarding: bool
    guardian_name: str
    guardian_relation: str
    guardian_phone: str
    father_name: str
    father_work_place: str
    father_phone: str
    mother_name: str
    mother_work_place: str
    mother_phone: str
    risk_type: int | None
    risk_level: int | None
    guardian_assessment: str | None

    @property
    def class_label(self) -> str:
        return class_label(self.grade, self.class_no)

    @property
    def guardian_kind(self) -> str:
        return guardian_kind(self.guardian_relation).value


def fold(text: str) -> str:
    """Lower-case, full-width folded, spaces removed: how both query and fields are compared."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


UNASSESSED = 0  # risk_type / risk_level filter value for "未评估"


@dataclass(frozen=True)
class ChildFilter:
    """Every criterion is optional; an empty filter matches every child."""

    text: str = ""
    school_id: str | None = None
    grade: int | None = None
    class_no: int | None = None
    left_behind_kind: str | None = None
    category: str | None = None
    risk_type: int | None = None  # UNASSESSED (0): children with no assessment yet
    risk_level: int | None = None  # likewise
    status: str | None = None
    statuses: frozenset[str] = field(default_factory=frozenset)

    def is_empty(self) -> bool:
        return self == ChildFilter()


def text_matches(row: ChildRow, query: str) -> bool:
    """Search as you type: name (characters), pinyin initials or full pinyin, ID number, class."""
    q = fold(query)
    if not q:
        return True
    if q in row.name:
        return True
    if q.isascii():
        if q.isalpha():
            return any(key.startswith(q) for key in row.name_pinyin.split())
        if q.rstrip("x").isdigit():
            return q in row.id_number.lower() or q == row.student_no
    return q in fold(row.class_label)


def narrows(old: ChildFilter, new: ChildFilter) -> bool:
    """True when every row ``new`` matches is matched by ``old`` too, so ``new`` may search
    only ``old``'s result: the same criteria and a search text that only grew, within one kind
    of search where a longer text can only match less (pinyin letters: prefixes; Chinese
    characters: substrings). Digits are left out on purpose: they also match a student number
    exactly, which a longer number does not imply. An empty old text always qualifies."""
    if replace(old, text="") != replace(new, text=""):
        return False
    before, after = fold(old.text), fold(new.text)
    if not before:
        return True
    if not after.startswith(before):
        return False
    if before.isascii():
        return before.isalpha() and after.isascii() and after.isalpha()
    return True


def matches(row: ChildRow, f: ChildFilter) -> bool:
    if f.school_id is not None and row.school_id != f.school_id:
        return False
    if f.grade is not None and row.grade != f.grade:
        return False
    if f.class_no is not None and row.class_no != f.class_no:
        return False
    if f.left_behind_kind is not None and row.left_behind_kind != f.left_behind_kind:
        return False
    if f.category is not None and f.category not in row.categories:
        return False
    if f.risk_type is not None and row.risk_type != (f.risk_type or None):
        return False
    if f.risk_level is not None and row.risk_level != (f.risk_level or None):
        return False
    if f.status is not None and row.status != f.status:
        return False
    if f.statuses and row.status not in f.statuses:
        return False
    return text_matches(row, f.text)
