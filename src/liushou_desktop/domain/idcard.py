"""Chinese resident ID numbers (GB 11643): 18 characters, the last an ISO 7064 MOD 11-2 check.

Positions 7–14 hold the birth date, position 17 the sex (odd = male).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from .enums import Sex

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")


def normalize_id_number(raw: str) -> str:
    """Fold full-width digits, drop every kind of space, and upper-case a trailing x."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(ch for ch in text if not ch.isspace())
    return text.upper()


def check_char(first17: str) -> str:
    """The check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


@dataclass(frozen=True)
class IdInfo:
    """What a valid ID number tells: birth date and sex."""

    number: str
    birth_date: dt.date
    sex: Sex


def id_number_problem(number: str) -> str | None:
    """Why ``number`` (already normalized) is not a valid ID number, in Chinese; None if valid."""
    if not number:
        return "身份证号为空"
    if len(number) != 18:
        return f"身份证号应为18位，现在是{len(number)}位"
    if not _SHAPE.match(number):
        return "身份证号只能是数字，最后一位可以是X"
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "身份证号中的出生日期（第7–14位）不是有效日期"
    if check_char(number[:17]) != number[17]:
        return "身份证号校验位不对，请逐位核对"
    return None


def parse_id_number(raw: str) -> IdInfo | None:
    """Birth date and sex from a valid ID number; None if it is not valid."""
    number = normalize_id_number(raw)
    if id_number_problem(number) is not None:
        return None
    birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    sex = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE
    return IdInfo(number=number, birth_date=birth, sex=sex)


def make_id_number(region: str, birth: dt.date, serial: int, sex: Sex) -> str:
    """Build a valid ID number (demo data and tests): 6-digit region, birth date, serial."""
    # the third serial digit carries the sex: odd male, even female
    seq = (serial % 100) * 10 + ((serial // 100) % 5) * 2 + (1 if sex == Sex.MALE else 0)
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_char(first17)


def id_mismatches(number: str, birth_date: dt.date | None, sex: Sex | str | None) -> list[str]:
    """Which typed values disagree with the ID number (Chinese phrases); empty if none or invalid."""
    info = parse_id_number(number)
    if info is None:
        return []
    problems: list[str] = []
    if birth_date is not None and birth_date != info.birth_date:
        problems.append(f"出生日期与身份证号不符（身份证号为{info.birth_date:%Y-%m-%d}）")
    if sex and str(sex) != info.sex.value:
        problems.append(f"性别与身份证号不符（身份证号为{info.sex.value}）")
    return problems
