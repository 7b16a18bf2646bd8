"""Reading a school's roster (花名册) as the schools really write it.

Pure rules, no file formats: a sheet arrives as a grid of cell values (str, int, float,
date/datetime or None) plus its merged ranges. This module finds the header row (below title
rows and "填报单位/填报日期" lines, one or two rows deep with merged group cells such as
监护人 → 姓名/关系/联系电话), maps each column to one of our fields by its name (names vary:
姓名/学生姓名/儿童姓名 …), and turns each data row into an archive or a reason, in Chinese,
why it cannot be imported. It never guesses an ID number Excel turned into a number.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .archive import ChildArchive, ChildRecord, GuardianRecord, ParentRecord, phone_problem
from .archive import normalize_phone as _normalize_phone
from .enums import GuardianRelation, LeftBehindKind, ParentRole, Sex
from .grades import MAX_GRADE, grade_label
from .idcard import id_number_problem, normalize_id_number, parse_id_number

T = TypeVar("T")
Cell = object  # str | int | float | dt.date | dt.datetime | bool | None

# --- our columns ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterField:
    key: str
    label: str  # the template's column name
    aliases: tuple[str, ...] = ()  # other names schools use (normalized: no spaces, no marks)


FIELDS: tuple[RosterField, ...] = (
    RosterField("name", "姓名", ("学生姓名", "儿童姓名", "留守儿童姓名", "学生", "幼儿姓名")),
    RosterField("sex", "性别", ("学生性别",)),
    RosterField("birth_date", "出生日期", ("出生年月", "出生年月日", "出生时间", "生日")),
    RosterField(
        "id_number",
        "身份证号",
        (
            "身份证号码",
            "公民身份号码",
            "身份证",
            "学生身份证号",
            "儿童身份证号",
            "证件号码",
            "身份证件号",
            "身份证件号码",
        ),
    ),
    RosterField("ethnicity", "民族", ()),
    RosterField("grade", "年级", ("所在年级", "就读年级")),
    RosterField("class", "班级", ("所在班级", "就读班级", "年级班级", "班别", "年级班")),
    RosterField("student_no", "学号", ("学籍号", "学籍号码", "全国学籍号")),
    RosterField("boarding", "是否寄宿", ("寄宿", "寄宿生", "是否寄宿生", "住校")),
    RosterField("hukou_place", "户籍地", ("户籍所在地", "户口所在地", "户籍")),
    RosterField(
        "address",
        "家庭住址",
        ("住址", "家庭地址", "居住地址", "现住址", "家庭详细住址", "家住"),
    ),
    RosterField("phone", "家庭电话", ("联系电话", "家庭联系电话", "电话", "联系方式")),
    RosterField(
        "left_behind_kind",
        "留守类型",
        ("留守情况", "留守儿童类型", "留守类别", "类型", "外出情况", "父母外出情况"),
    ),
    RosterField(
        "guardian_name",
        "监护人姓名",
        ("监护人", "临时监护人", "临时监护人姓名", "委托监护人", "委托监护人姓名"),
    ),
    RosterField(
        "guardian_relation",
        "与儿童关系",
        ("与学生关系", "监护人关系", "与监护人关系", "监护人与儿童关系", "关系", "与本人关系"),
    ),
    RosterField(
        "guardian_phone",
        "监护人电话",
        ("监护人联系电话", "监护人手机", "临时监护人电话", "临时监护人联系电话"),
    ),
    RosterField("guardian_id_number", "监护人身份证号", ("监护人身份证号码",)),
    RosterField("father_name", "父亲姓名", ("父亲",)),
    RosterField("father_phone", "父亲电话", ("父亲联系电话", "父亲手机")),
    RosterField(
        "father_work",
        "父亲务工地",
        ("父亲务工地点", "父亲外出务工地点", "父亲务工地址", "父亲工作地点", "父亲打工地点"),
    ),
    RosterField("mother_name", "母亲姓名", ("母亲",)),
    RosterField("mother_phone", "母亲电话", ("母亲联系电话", "母亲手机")),
    RosterField(
        "mother_work",
        "母亲务工地",
        ("母亲务工地点", "母亲外出务工地点", "母亲务工地址", "母亲工作地点", "母亲打工地点"),
    ),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}

# Two-row headers: the group cell above (merged across its columns) and the names below.
_GROUPS = {
    "监护人": "guardian",
    "临时监护人": "guardian",
    "委托监护人": "guardian",
    "监护人情况": "guardian",
    "监护人信息": "guardian",
    "父亲": "father",
    "父亲情况": "father",
    "父亲信息": "father",
    "母亲": "mother",
    "母亲情况": "mother",
    "母亲信息": "mother",
}
_SUB = {
    "姓名": "name",
    "名字": "name",
    "关系": "relation",
    "与学生关系": "relation",
    "与儿童关系": "relation",
    "联系电话": "phone",
    "电话": "phone",
    "手机": "phone",
    "手机号": "phone",
    "联系方式": "phone",
    "务工地点": "work",
    "务工地": "work",
    "务工地址": "work",
    "工作地点": "work",
    "外出务工地点": "work",
    "打工地点": "work",
    "身份证号": "id_number",
    "身份证号码": "id_number",
}
_GROUP_FIELDS = {
    ("guardian", "name"): "guardian_name",
    ("guardian", "relation"): "guardian_relation",
    ("guardian", "phone"): "guardian_phone",
    ("guardian", "id_number"): "guardian_id_number",
    ("father", "name"): "father_name",
    ("father", "phone"): "father_phone",
    ("father", "work"): "father_work",
    ("mother", "name"): "mother_name",
    ("mother", "phone"): "mother_phone",
    ("mother", "work"): "mother_work",
}

_ALIASES: dict[str, str] = {}
for _f in FIELDS:
    for _name in (_f.label, *_f.aliases):
        _ALIASES.setdefault(_name, _f.key)


def clean_label(value: Cell) -> str:
    """A header cell as compared: full-width folded, no spaces, no 必填 marks or units."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = "".join(text.split())
    text = re.sub(r"[（(][^）)]*[)）]", "", text)  # （必填）, (YYYY-MM-DD), （18位）
    return text.strip("*＊:：")


def field_of_label(label: str) -> str | None:
    """Our field for a column label: "姓名", or "监护人/联系电话" for a two-row header."""
    top, sep, sub = label.partition("/")
    if sep:
        group = _GROUPS.get(top)
        part = _SUB.get(sub)
        if group and part:
            return _GROUP_FIELDS.get((group, part))
        if group is None:
            return _ALIASES.get(sub) or _ALIASES.get(top + sub)
        return _ALIASES.get(sub if sub.startswith(top[:2]) else top + sub)
    return _ALIASES.get(label)


# --- finding the header --------------------------------------------------------------------

HEADER_SCAN_ROWS = 15


@dataclass(frozen=True)
class Header:
    """Where a sheet's table starts and what each column is."""

    first_row: int  # 0-based index of the (first) header row
    depth: int  # 1 or 2 rows
    labels: tuple[str, ...]  # per column: "姓名" or "监护人/联系电话"; "" for an empty column

    @property
    def data_start(self) -> int:
        return self.first_row + self.depth


def _fill_merged(
    rows: Sequence[Sequence[Cell]], merged: Iterable[tuple[int, int, int, int]]
) -> list[list[Cell]]:
    """Copies of ``rows`` with each merged range's value in every cell of the range (ranges as
    0-based first row, first column, last row, last column, inclusive)."""
    grid = [list(r) for r in rows]
    for r0, c0, r1, c1 in merged:
        if r0 >= len(grid):
            continue
        top = grid[r0][c0] if c0 < len(grid[r0]) else None
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            row = grid[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = top
    return grid


def _score(labels: Iterable[str]) -> int:
    """How many of our fields the labels name (each once)."""
    return len({f for f in (field_of_label(lb) for lb in labels if lb) if f is not None})


def find_header(
    rows: Sequence[Sequence[Cell]], merged: Iterable[tuple[int, int, int, int]] = ()
) -> Header | None:
    """The header of a sheet: the row among the first ones that names most of our columns
    (and a name column), joined with the row below it when that row holds the parts of merged
    group cells (监护人 → 姓名/关系/联系电话). None: no roster table on this sheet."""
    head = _fill_merged(rows[: HEADER_SCAN_ROWS + 1], merged)
    best: Header | None = None
    best_score = 1
    for i in range(min(HEADER_SCAN_ROWS, len(head))):
        one = tuple(clean_label(v) for v in head[i])
        candidates = [Header(i, 1, one)]
        if i + 1 < len(head):
            below = [clean_label(v) for v in head[i + 1]]
            width = max(len(one), len(below))
            two = []
            for c in range(width):
                top = one[c] if c < len(one) else ""
                sub = below[c] if c < len(below) else ""
                two.append(f"{top}/{sub}" if top and sub and sub != top else (top or sub))
            candidates.append(Header(i, 2, tuple(two)))
        if len(candidates) == 2:
            top_cells = sum(1 for lb in one if lb)
            alone = _score(clean_label(v) for v in head[i + 1])
            # a title typed in A1 (not merged) is no group row: two rows only when the upper
            # one has several cells and the pair names more of our fields than the lower alone
            if top_cells < 2 or _score(candidates[1].labels) <= alone:
                candidates.pop()
        for h in candidates:
            keys = [field_of_label(lb) for lb in h.labels if lb]
            if "name" not in keys:
                continue
            score = _score(h.labels)
            if score > best_score:
                best, best_score = h, score
    return best


def map_columns(
    labels: Sequence[str], remembered: Mapping[str, str] | None = None
) -> dict[int, str]:
    """Column index → our field: the mapping the user chose before for a label wins, then the
    label's own meaning. A field claimed by two columns goes to the first."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for i, label in enumerate(labels):
        if not label:
            continue
        key = remembered.get(label) if remembered and label in remembered else None
        if key is None:
            key = field_of_label(label)
        if key and key in FIELD_BY_KEY and key not in taken:
            mapping[i] = key
            taken.add(key)
    return mapping


# --- values --------------------------------------------------------------------------------


def text_of(value: Cell) -> str:
    """A cell as text: full-width letters and digits folded, spaces at the ends dropped; a
    whole float (3.0) as 3."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    return unicodedata.normalize("NFKC", str(value)).strip()


def clean_name(value: Cell) -> str:
    """A name without any spaces, the full-width space included (钱　子墨 → 钱子墨)."""
    return "".join(unicodedata.normalize("NFKC", str(value or "")).split())


_DATE = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")
_MONTH = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)


class BadValue(ValueError):
    """A cell that cannot be read; the message says why, in Chinese."""


def parse_date(value: Cell, month_ok: bool = False) -> dt.date | None:
    """A date as schools type it: a real Excel date, 20150308 (number or text), an Excel day
    number, or text 2015.03.08 / 2015-3-8 / 2015年3月8日 / 2015/3/8. A month only (2015.03)
    gives None when ``month_ok`` (the ID number tells the day) and is refused otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise BadValue(f"日期“{value}”看不懂")
    if isinstance(value, int | float):
        number = int(value)
        if value == number and 19000101 <= number <= 21001231:
            return _ymd(number // 10000, number // 100 % 100, number % 100, str(number))
        if 1 <= value < 80000:  # an Excel day number, when the cell lost its date format
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise BadValue(f"日期“{text_of(value)}”看不懂，请写成 2015-03-08")
    text = text_of(value)
    if not text:
        return None
    if re.fullmatch(r"\d{8}", text):
        return _ymd(int(text[:4]), int(text[4:6]), int(text[6:]), text)
    m = _DATE.match(text)
    if m:
        return _ymd(int(m[1]), int(m[2]), int(m[3]), text)
    m = _MONTH.match(text)
    if m:
        if month_ok:
            return None
        raise BadValue(f"出生日期“{text}”只有年月，请填写完整日期，或填写身份证号")
    raise BadValue(f"日期“{text}”看不懂，请写成 2015-03-08")


def _ymd(y: int, m: int, d: int, text: str) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise BadValue(f"日期“{text}”不存在") from None


def parse_id(value: Cell) -> str:
    """The ID number of a cell, normalized (spaces, full-width digits, lowercase x); "" if
    empty. A number Excel stored as a number lost its last digits (it keeps 15): refused."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        raise BadValue(
            f"身份证号被Excel存成了数字（{text_of(value)}），后几位已经丢失，无法还原。"
            "请把这一列设为“文本”格式，重新填写这个身份证号"
        )
    number = normalize_id_number(str(value))
    if re.fullmatch(r"\d(\.\d+)?E\+\d+", number):  # 4.21127E+17 in a CSV saved by Excel
        raise BadValue(
            f"身份证号写成了科学计数法（{number}），后几位已经丢失，无法还原。"
            "请把这一列设为“文本”格式，重新填写这个身份证号"
        )
    return number


_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "两": 2,
}


def _number(text: str) -> int | None:
    """3, 03, 三, 十, 十一, 十二 → int."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text:
        return None
    if text in _CN_DIGITS:
        return _CN_DIGITS[text]
    if len(text) == 2 and text[0] == "十" and text[1] in _CN_DIGITS:
        return 10 + _CN_DIGITS[text[1]]
    if len(text) == 2 and text[1] == "十" and text[0] in _CN_DIGITS:
        return _CN_DIGITS[text[0]] * 10
    if len(text) == 3 and text[1] == "十":
        return _CN_DIGITS.get(text[0], 0) * 10 + _CN_DIGITS.get(text[2], 0) or None
    return None


_N = r"(\d{1,2}|[一二三四五六七八九十两]{1,3})"
_STAGE = {"小": 0, "初": 6, "高": 9}


def parse_grade(value: Cell) -> int | None:
    """二年级 / 2 / 2年级 / 初一 / 七年级 / 高二 → 1..12; None when empty."""
    text = text_of(value).replace(" ", "")
    if not text:
        return None
    m = re.fullmatch(r"([小初高])" + _N + r"(?:年级)?", text)
    if m:
        n = _number(m[2])
        if n is not None:
            return _STAGE[m[1]] + n
    m = re.fullmatch(_N + r"(?:年级|年)?", text)
    if m:
        return _number(m[1])
    raise BadValue(f"年级“{text}”看不懂，请写成“二年级”或 2")


def parse_class_no(value: Cell) -> int | None:
    """3班 / 3 / (3)班 / 三班 → 3; None when empty."""
    text = text_of(value).replace(" ", "")
    if not text:
        return None
    m = re.fullmatch(r"[（(]?" + _N + r"[)）]?班?", text)
    if m:
        n = _number(m[1])
        if n is not None:
            return n
    raise BadValue(f"班级“{text}”看不懂，请写成“3班”或 3")


_CLASS_PATTERNS = (
    # 三(2)班, 三（2）班, 3(2)班, 三年级(2)班, 初一(3)班, 高二（1）
    re.compile(r"^([小初高]?)" + _N + r"(?:年级)?[（(]" + _N + r"[)）]班?$"),
    # 三年级二班, 三年级2班, 3年级2班, 初一3班
    re.compile(r"^([小初高]?)" + _N + r"年级" + _N + r"班$"),
    re.compile(r"^([初高])" + _N + r"" + _N + r"班$"),
    # 3.2班, 3-2, 3.2, 3—2班, 3_2
    re.compile(r"^()(\d{1,2})\s*[.\-—_/．·]\s*(\d{1,2})班?$"),
)


def parse_class(value: Cell, grade_hint: int | None = None) -> tuple[int | None, int | None]:
    """Grade and class from a class cell: 三(2)班, 3.2班, 三年级二班, 3-2; or only the class
    (3班, 3) when the grade is in its own column or the sheet's name (``grade_hint``)."""
    text = text_of(value).replace(" ", "").replace("　", "")
    if not text:
        return None, None
    for pattern in _CLASS_PATTERNS:
        m = pattern.match(text)
        if m:
            g, c = _number(m[2]), _number(m[3])
            if g is not None and c is not None:
                return _STAGE.get(m[1], 0) + g, c
    try:
        return grade_hint, parse_class_no(text)
    except BadValue:
        raise BadValue(f"班级“{text}”看不懂，请写成“三(2)班”或“3.2班”") from None


def grade_of_sheet(name: str) -> int | None:
    """A sheet named for a grade (三年级, 2年级, 初一) → that grade."""
    text = clean_label(name)
    m = re.fullmatch(r"([小初高]?)" + _N + r"年级?(?:花名册|名单|学生)?", text) or re.fullmatch(
        r"([初高])" + _N + r"(?:花名册|名单)?", text
    )
    if not m:
        return None
    n = _number(m[2])
    return None if n is None else _STAGE.get(m[1], 0) + n


_SEX = {"男": Sex.MALE, "男性": Sex.MALE, "男生": Sex.MALE, "M": Sex.MALE, "1": Sex.MALE}
_SEX |= {"女": Sex.FEMALE, "女性": Sex.FEMALE, "女生": Sex.FEMALE, "F": Sex.FEMALE, "2": Sex.FEMALE}


def parse_sex(value: Cell) -> str | None:
    text = text_of(value).upper()
    if not text:
        return None
    sex = _SEX.get(text)
    if sex is None:
        raise BadValue(f"性别“{text}”看不懂，请写“男”或“女”")
    return sex.value


_KINDS = {
    LeftBehindKind.BOTH_AWAY: (
        "父母均外出",
        "父母双方外出",
        "双亲外出",
        "父母外出",
        "父母都外出",
        "双外出",
    ),
    LeftBehindKind.FATHER_AWAY: ("父亲外出", "父外出", "父亲外出务工", "单亲外出（父）"),
    LeftBehindKind.MOTHER_AWAY: ("母亲外出", "母外出", "母亲外出务工", "单亲外出（母）"),
    LeftBehindKind.ONE_AWAY_OTHER_INCAPABLE: (
        "一方外出另一方无监护能力",
        "一方外出另一方无能力",
        "一方外出一方无监护能力",
    ),
    LeftBehindKind.NOT_LEFT_BEHIND: ("非留守", "不再留守"),
}
_KIND_OF = {clean_label(t): k.value for k, texts in _KINDS.items() for t in texts}


def parse_kind(value: Cell) -> str | None:
    text = clean_label(value)
    if not text:
        return None
    kind = _KIND_OF.get(text)
    if kind is None:
        allowed = "、".join(k.value for k in LeftBehindKind)
        raise BadValue(f"留守类型“{text}”看不懂，请写：{allowed}")
    return kind


_RELATIONS = {
    GuardianRelation.GRANDPARENTS: ["祖父", "祖母", "爷爷", "奶奶", "祖父母", "爷爷奶奶"],
    GuardianRelation.MATERNAL_GRANDPARENTS: [
        "外祖父",
        "外祖母",
        "外公",
        "外婆",
        "姥姥",
        "姥爷",
        "外祖父母",
    ],
    GuardianRelation.FATHER: ["父亲", "父", "爸爸"],
    GuardianRelation.MOTHER: ["母亲", "母", "妈妈"],
    GuardianRelation.RELATIVE: [
        "叔叔",
        "伯伯",
        "伯父",
        "叔父",
        "婶婶",
        "伯母",
        "姑姑",
        "姑妈",
        "姑父",
        "舅舅",
        "舅妈",
        "姨",
        "姨妈",
        "阿姨",
        "姨父",
        "哥哥",
        "姐姐",
        "兄",
        "姐",
        "兄长",
        "叔",
        "伯",
        "姑",
        "舅",
        "堂兄",
        "表姐",
        "表哥",
        "堂姐",
        "亲属",
        "其他亲属",
        "亲戚",
    ],
    GuardianRelation.NONE: ["无", "无人监护"],
}
_RELATION_OF = {t: r.value for r, texts in _RELATIONS.items() for t in texts}


def parse_relation(value: Cell) -> str | None:
    """The guardian's relation as the archive keeps it (祖母 → 祖父母, 舅舅 → 其他亲属)."""
    text = clean_label(value)
    if not text:
        return None
    return _RELATION_OF.get(text, GuardianRelation.OTHER.value)


def parse_boarding(value: Cell) -> bool | None:
    text = text_of(value)
    if not text:
        return None
    if text in ("是", "寄宿", "住校", "Y", "y", "√", "1", "True", "TRUE"):
        return True
    if text in ("否", "走读", "不寄宿", "N", "n", "×", "0", "False", "FALSE"):
        return False
    raise BadValue(f"是否寄宿“{text}”看不懂，请写“是”或“否”")


def parse_phone(value: Cell, what: str) -> str:
    text = text_of(value)
    if not text:
        return ""
    phone = _normalize_phone(text)
    problem = phone_problem(phone)
    if problem:
        raise BadValue(f"{what}“{text}”{problem.removeprefix('电话号码')}")
    return phone


_MUNICIPALITIES = ("北京", "上海", "天津", "重庆")


def split_place(value: Cell) -> tuple[str, str]:
    """A work place as province and city: 福建省晋江市 → (福建省, 晋江市), 上海市 → (上海市, "")."""
    text = clean_name(value)
    if not text:
        return "", ""
    m = re.match(r"^(.+?(?:省|自治区|特别行政区))(.*)$", text)
    if m:
        return m[1], m[2]
    for city in _MUNICIPALITIES:
        if text.startswith(city):
            rest = text[len(city) :]
            return city + "市", rest.removeprefix("市")
    return text, ""


# --- rows ----------------------------------------------------------------------------------

_TOTAL = re.compile(r"^(合计|小计|总计|共计|总数)")
_FOOTER = re.compile(
    r"^(制表人|填表人|审核人|校长|负责人|经办人|分管领导|填报人|签字|盖章|备注[:：]|说明[:：])"
)


_LABEL_WORDS = frozenset(
    [*_ALIASES, *_GROUPS, *_SUB, "序号", "编号", "备注"],
)


def skip_reason(values: Sequence[Cell]) -> str | None:
    """Why a row is no child but not a problem either: blank, a 合计 row, a signature footer,
    the header repeated. None for a row to read. (Called for every row: kept cheap.)"""
    filled = [
        v.strip() if isinstance(v, str) else v
        for v in values
        if v is not None and not (isinstance(v, str) and not v.strip())
    ]
    if not filled:
        return "blank"
    texts = [v for v in filled if isinstance(v, str)]
    if texts and texts[0] is filled[0] and _TOTAL.match(texts[0].replace(" ", "")):
        return "total"
    if any(_FOOTER.match(t.replace(" ", "")) for t in texts):
        return "footer"
    labels = sum(1 for t in texts if "".join(t.split()) in _LABEL_WORDS)
    if labels >= max(2, len(filled) // 2):
        return "header"
    return None


@dataclass
class RowProblem:
    """A row that cannot be imported: a code for programs, a message for people."""

    reason: str  # missing_name, id_lost_digits, bad_id, bad_date, bad_class, bad_value, …
    message: str


@dataclass
class ParsedRow:
    archive: ChildArchive | None
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    given: set[str] = field(default_factory=set)  # the fields the row has a value for


def _problem(problems: list[RowProblem], reason: str, message: str) -> None:
    problems.append(RowProblem(reason, message))


def parse_row(
    values: Mapping[str, Cell], *, grade_hint: int | None = None, today: dt.date | None = None
) -> ParsedRow:
    """One data row (our field → its cell) as a child's archive, or the reasons it cannot be.

    Only what the row gives is filled in; ``given`` names those fields, so an update of an
    existing child leaves the rest of the archive alone."""
    problems: list[RowProblem] = []
    warnings: list[str] = []
    given = {k for k, v in values.items() if text_of(v)}

    def read(key: str, reason: str, fn: Callable[..., T], *args: object) -> T | None:
        try:
            return fn(values.get(key), *args)
        except BadValue as e:
            _problem(problems, reason, str(e))
            given.discard(key)
            return None

    name = clean_name(values.get("name"))
    if not name:
        _problem(problems, "missing_name", "没有姓名")
    elif len(name) < 2 or not any("\u3400" <= ch <= "\u9fff" or ch > "\uffff" for ch in name):
        # 男, 3, 13800001111 in the name column: a column mapped to the wrong field
        _problem(problems, "bad_name", f"姓名“{name}”不像人名，请检查“姓名”对应的是不是姓名那一列")
    id_number = ""
    try:
        id_number = parse_id(values.get("id_number"))
    except BadValue as e:
        _problem(problems, "id_lost_digits", str(e))
    info = None
    if id_number:
        bad = id_number_problem(id_number)
        if bad:
            _problem(problems, "bad_id", f"{bad}（{id_number}）")
        else:
            info = parse_id_number(id_number)
    birth = read("birth_date", "bad_date", parse_date, info is not None)
    if birth is None and info is not None:
        birth = info.birth_date
        given.add("birth_date")
    elif birth is not None and info is not None and birth != info.birth_date:
        warnings.append(
            f"出生日期 {birth:%Y-%m-%d} 与身份证号中的 {info.birth_date:%Y-%m-%d} 不一致"
        )
    if birth is None and not any(
        p.reason in ("bad_date", "bad_id", "id_lost_digits") for p in problems
    ):
        _problem(problems, "missing_birth_date", "没有出生日期，也没有可用的身份证号")
    if today is not None and birth is not None and birth > today:
        _problem(problems, "bad_date", f"出生日期 {birth:%Y-%m-%d} 晚于今天")
    sex = read("sex", "bad_sex", parse_sex)
    if sex is None and info is not None:
        sex = info.sex.value
        given.add("sex")
    elif sex is not None and info is not None and sex != info.sex.value:
        warnings.append(f"性别“{sex}”与身份证号（{info.sex.value}）不一致")
    if sex is None and not any(
        p.reason in ("bad_sex", "bad_id", "id_lost_digits") for p in problems
    ):
        _problem(problems, "missing_sex", "没有性别，也没有可用的身份证号")

    grade = read("grade", "bad_class", parse_grade)
    class_no = None
    if "class" in given:
        try:
            g, class_no = parse_class(values.get("class"), grade or grade_hint)
            if g is not None and grade is not None and g != grade:
                _problem(
                    problems,
                    "bad_class",
                    f"年级“{grade_label(grade)}”与班级“{text_of(values.get('class'))}”不一致",
                )
            elif g is not None and grade is None and grade_hint is not None and g != grade_hint:
                _problem(
                    problems,
                    "bad_class",
                    f"班级“{text_of(values.get('class'))}”与工作表名（{grade_label(grade_hint)}）"
                    "不一致",
                )
            grade = g if g is not None else grade
        except BadValue as e:
            _problem(problems, "bad_class", str(e))
            given.discard("class")
    if grade is None and grade_hint is not None and "class" not in given and "grade" not in given:
        grade = grade_hint
    if grade is not None:
        given.add("grade")
        if not 1 <= grade <= MAX_GRADE:
            _problem(problems, "bad_class", f"年级 {grade} 不在一年级到高三之间")
    if class_no is not None and not 1 <= class_no <= 99:
        _problem(problems, "bad_class", f"班级 {class_no} 不在1到99之间")
    if (grade is None or class_no is None) and not any(p.reason == "bad_class" for p in problems):
        _problem(problems, "missing_class", "没有年级或班级")

    kind = read("left_behind_kind", "bad_kind", parse_kind)
    boarding = read("boarding", "bad_value", parse_boarding)
    phones = {}
    for key, what in (
        ("phone", "家庭电话"),
        ("guardian_phone", "监护人电话"),
        ("father_phone", "父亲电话"),
        ("mother_phone", "母亲电话"),
    ):
        phones[key] = read(key, "bad_phone", parse_phone, what) or ""
    guardian_id = ""
    if text_of(values.get("guardian_id_number")):
        try:
            guardian_id = parse_id(values.get("guardian_id_number"))
            bad = id_number_problem(guardian_id)
            if bad:
                _problem(problems, "bad_id", f"监护人{bad}（{guardian_id}）")
        except BadValue as e:
            _problem(problems, "id_lost_digits", "监护人" + str(e))
    if problems:
        return ParsedRow(None, problems, warnings, given)

    father_place = split_place(values.get("father_work"))
    mother_place = split_place(values.get("mother_work"))
    if kind is None:
        # no 留守类型 column: who works away, from the work places given
        if father_place[0] and not mother_place[0]:
            kind = LeftBehindKind.FATHER_AWAY.value
        elif mother_place[0] and not father_place[0]:
            kind = LeftBehindKind.MOTHER_AWAY.value
        else:
            kind = LeftBehindKind.BOTH_AWAY.value
    child = ChildRecord(
        name=name,
        sex=sex or Sex.MALE.value,
        birth_date=birth,
        id_number=id_number,
        grade=grade or 1,
        class_no=class_no or 1,
        student_no=text_of(values.get("student_no")),
        boarding=bool(boarding),
        hukou_place=clean_name(values.get("hukou_place")),
        address=clean_name(values.get("address")),
        phone=phones["phone"],
        left_behind_kind=kind,
    )
    # what the file does not say stays blank (the editor's defaults, 汉族 and 健康, would print
    # on the cards and count in the ledger as if the school had said so)
    ethnicity = clean_name(values.get("ethnicity"))
    child.ethnicity = (
        (ethnicity if ethnicity.endswith("族") else ethnicity + "族") if ethnicity else ""
    )
    child.health = ""
    relation = parse_relation(values.get("guardian_relation"))
    if relation is None:
        relation = GuardianRelation.OTHER.value
        if clean_name(values.get("guardian_name")):
            warnings.append("没有填写监护人与儿童的关系，暂记为“其他”，请在档案里改正")
    guardian = GuardianRecord(
        name=clean_name(values.get("guardian_name")),
        relation=relation,
        phone=phones["guardian_phone"],
        id_number=guardian_id,
    )
    father_away = kind in (LeftBehindKind.BOTH_AWAY, LeftBehindKind.FATHER_AWAY) or (
        kind == LeftBehindKind.ONE_AWAY_OTHER_INCAPABLE and bool(father_place[0])
    )
    mother_away = kind in (LeftBehindKind.BOTH_AWAY, LeftBehindKind.MOTHER_AWAY) or (
        kind == LeftBehindKind.ONE_AWAY_OTHER_INCAPABLE and bool(mother_place[0])
    )
    father = ParentRecord(
        role=ParentRole.FATHER.value,
        name=clean_name(values.get("father_name")),
        phone=phones["father_phone"],
        work_province=father_place[0],
        work_city=father_place[1],
        away=father_away,
    )
    mother = ParentRecord(
        role=ParentRole.MOTHER.value,
        name=clean_name(values.get("mother_name")),
        phone=phones["mother_phone"],
        work_province=mother_place[0],
        work_city=mother_place[1],
        away=mother_away,
    )
    return ParsedRow(ChildArchive(child, guardian, father, mother), [], warnings, given)


# Which archive attributes each roster field fills (entity, attribute); an update writes only
# these for the fields a row gives.
TARGETS: dict[str, tuple[tuple[str, str], ...]] = {
    "name": (("child", "name"),),
    "sex": (("child", "sex"),),
    "birth_date": (("child", "birth_date"),),
    "id_number": (("child", "id_number"),),
    "ethnicity": (("child", "ethnicity"),),
    "grade": (("child", "grade"),),
    "class": (("child", "class_no"),),
    "student_no": (("child", "student_no"),),
    "boarding": (("child", "boarding"),),
    "hukou_place": (("child", "hukou_place"),),
    "address": (("child", "address"),),
    "phone": (("child", "phone"),),
    "left_behind_kind": (
        ("child", "left_behind_kind"),
        ("father", "away"),
        ("mother", "away"),
    ),
    "guardian_name": (("guardian", "name"),),
    "guardian_relation": (("guardian", "relation"),),
    "guardian_phone": (("guardian", "phone"),),
    "guardian_id_number": (("guardian", "id_number"),),
    "father_name": (("father", "name"),),
    "father_phone": (("father", "phone"),),
    "father_work": (("father", "work_province"), ("father", "work_city")),
    "mother_name": (("mother", "name"),),
    "mother_phone": (("mother", "phone"),),
    "mother_work": (("mother", "work_province"), ("mother", "work_city")),
}


def apply_given(old: ChildArchive, new: ChildArchive, given: Iterable[str]) -> ChildArchive:
    """``old`` with the values of ``new`` for the roster fields a row gave (a copy)."""
    out = ChildArchive(
        dataclasses.replace(
            old.child,
            categories=list(old.child.categories),
            aid=list(old.child.aid),
            income_sources=list(old.child.income_sources),
        ),
        dataclasses.replace(old.guardian),
        dataclasses.replace(old.father),
        dataclasses.replace(old.mother),
    )
    for key in given:
        for part, attr in TARGETS.get(key, ()):
            src = new.child if part == "child" else getattr(new, part)
            dst = out.child if part == "child" else getattr(out, part)
            setattr(dst, attr, getattr(src, attr))
    return out
