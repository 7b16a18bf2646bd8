"""The codes a new school or township is given: the county's administrative division code
(GB/T 2260, six digits) followed by a number of its own.

- A school: the county code and the school's own three-digit number, e.g. ``522401001``.
- A township (乡镇中心校): the county code and the township's three-digit number (the township
  level of the statistical division codes, e.g. ``100`` for a town), e.g. ``522401100``.

Only the structure of the county code is checked, not a full table of counties: the first two
digits must be a province-level code, the next two (the prefecture) not ``00`` (but Hong Kong's
and Macau's districts have none: 810001, 820001). The last two may be ``00``: a few
prefecture-level cities have no counties (东莞 441900, 中山 442000).

Databases made before these rules (and the command line, whose codes are free-form) keep
whatever code they have; the rules apply to new databases made in the app.
"""

from __future__ import annotations

import re
import unicodedata

COUNTY_DIGITS = 6
OWN_DIGITS = 3
CODE_DIGITS = COUNTY_DIGITS + OWN_DIGITS

# GB/T 2260 province-level codes (the first two digits of every county code).
PROVINCES: dict[str, str] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
}

_DIGITS = re.compile(r"^[0-9]*$")
# Hong Kong's districts and Macau's parishes are numbered without a prefecture (810001, 820001).
_NO_PREFECTURES = frozenset({"71", "81", "82"})


def clean_digits(text: str) -> str:
    """Full-width digits folded, spaces dropped (as typed with a Chinese input method)."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace())


def province_of(county: str) -> str:
    """The province's name for a county code's first two digits ("" when unknown)."""
    return PROVINCES.get(clean_digits(county)[:2], "")


def county_code_problem(county: str) -> str | None:
    """Why ``county`` is not a six-digit county code (GB/T 2260), in Chinese; None if it is."""
    code = clean_digits(county)
    if not code:
        return "请填写本县（区、市）的6位行政区划代码，如 522401。"
    if not _DIGITS.match(code):
        return "县级代码只能是数字，如 522401。"
    if len(code) != COUNTY_DIGITS:
        return f"县级代码应为6位数字，现在是{len(code)}位。"
    if code[:2] not in PROVINCES:
        return f"前两位“{code[:2]}”不是省级代码（如 52 贵州省、51 四川省）。请核对。"
    if code[2:] == "0000" or (code[2:4] == "00" and code[:2] not in _NO_PREFECTURES):
        return "第3–4位是地市，不能是 00（那是全省的代码）。请填县（区、市）的代码。"
    return None


def own_number_problem(number: str, *, township: bool = False) -> str | None:
    """Why ``number`` is not a school's (or township's) three-digit number; None if it is."""
    what = "乡镇编号" if township else "本校编号"
    example = "100" if township else "001"
    code = clean_digits(number)
    if not code:
        return f"请填写{what}（3位数字，如 {example}）。"
    if not _DIGITS.match(code) or len(code) != OWN_DIGITS:
        return f"{what}应为3位数字，如 {example}。"
    if code == "000":
        return f"{what}不能是 000。"
    return None


def code_problems(code: str, *, township: bool = False) -> dict[str, str]:
    """The reasons a whole code (county code + own number) is refused, by part: "county" and
    "number"; empty when it will do."""
    text = clean_digits(code)
    problems: dict[str, str] = {}
    what = "乡镇代码" if township else "学校代码"
    example = "522401100" if township else "522401001"
    if not _DIGITS.match(text) or len(text) != CODE_DIGITS:
        problems["county"] = (
            f"{what}应为9位数字：6位县级行政区划代码加3位"
            f"{'乡镇' if township else '本校'}编号，如 {example}。"
        )
        return problems
    county = county_code_problem(text[:COUNTY_DIGITS])
    if county:
        problems["county"] = county
    number = own_number_problem(text[COUNTY_DIGITS:], township=township)
    if number:
        problems["number"] = number
    return problems


def code_problem(code: str, *, township: bool = False) -> str | None:
    """One sentence for a refused whole code (services, the command line); None if fine."""
    problems = code_problems(code, township=township)
    return " ".join(problems.values()) or None


__all__ = [
    "CODE_DIGITS",
    "COUNTY_DIGITS",
    "OWN_DIGITS",
    "PROVINCES",
    "clean_digits",
    "code_problem",
    "code_problems",
    "county_code_problem",
    "own_number_problem",
    "province_of",
]
