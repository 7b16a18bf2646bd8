"""Realistic, deterministic demo children for one village school (pure: no database, no Qt).

``generate_children(n, seed, today)`` returns the same children for the same arguments, and the
first ``k`` children do not depend on ``n`` (the list for a larger ``n`` extends the smaller one).
Only ``random.Random(seed)`` is used: never the global generator, never the clock.

One seed is one school: all its children come from one rural county and one township, from about
eight villages of it. The shape follows DOMAIN.md and the seeds:

* left-behind kind ≈ 70 % 父母均外出, 15 % 父亲外出, 8 % 母亲外出, 3 % 一方外出另一方无监护能力,
  4 % 非留守 (orphans, de-facto unsupported, single-parent, poor or disabled children);
* with no capable parent at home the guardian is a grandparent (≈ 74 %), a relative or other
  person (≈ 25 %) or nobody (≈ 1 %, seed 004); with a parent at home it is that parent;
* the latest risk level is ≈ 2 % 一级, 8 % 二级, 30 % 三级, 60 % 四级, worse without a guardian.

Family situations are drawn as whole scenarios (see ``_SCENARIOS``) so that the left-behind
kind, the categories, both parent records and the guardian always tell the same story.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from bisect import bisect_right as _bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from liushou_desktop.domain.archive import (
    Assessment,
    ChildArchive,
    ChildRecord,
    GuardianRecord,
    ParentRecord,
)
from liushou_desktop.domain.enums import (
    Aid,
    Category,
    ContactFrequency,
    Education,
    GuardianAssessment,
    GuardianRelation,
    IncomeSource,
    LeftBehindKind,
    ParentRole,
    RiskType,
    Sex,
    Status,
    cn_numeral,
)
from liushou_desktop.domain.grades import MAX_GRADE
from liushou_desktop.domain.idcard import make_id_number
from liushou_desktop.domain.risk import age_on

DEFAULT_CLASSES_PER_GRADE = 2

__all__ = [
    "DEFAULT_CLASSES_PER_GRADE",
    "DemoChild",
    "DemoClass",
    "generate_children",
    "generate_classes",
]


@dataclass
class DemoChild:
    archive: ChildArchive  # child.id and child.school_id left "" (the caller assigns them)
    assessments: list[Assessment]  # 1–3 dated assessments, oldest first, child_id/id left ""


@dataclass
class DemoClass:
    grade: int
    class_no: int
    teacher_name: str
    teacher_phone: str


# --- weighted choice -----------------------------------------------------------------------

_T = TypeVar("_T")


class _Weighted(Generic[_T]):
    """A fixed weighted pool; picking is one ``random()`` and a bisect."""

    __slots__ = ("_cum", "_items")

    def __init__(self, pairs: Sequence[tuple[_T, float]]) -> None:
        self._items = [item for item, _ in pairs]
        total = sum(weight for _, weight in pairs)
        running = 0.0
        self._cum: list[float] = []
        for _, weight in pairs:
            running += weight
            self._cum.append(running / total)
        self._cum[-1] = 1.0  # random() < 1.0, so the bisect never runs past the end

    def pick(self, rng: random.Random) -> _T:
        return self._items[_bisect_right(self._cum, rng.random())]


def _choice(rng: random.Random, seq: Sequence[_T]) -> _T:
    """``rng.choice`` at a third of the cost (the bias of one float is immaterial here)."""
    return seq[int(rng.random() * len(seq))]


def _below(rng: random.Random, n: int) -> int:
    return int(rng.random() * n)


def _randint(rng: random.Random, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low + 1))


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- places --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _County:
    code: str  # 6-digit administrative code, the first six digits of local ID numbers
    province: str
    name: str
    townships: tuple[str, ...]
    region: str  # key into _VILLAGES and _WORK_PLACES
    ethnicities: tuple[tuple[str, float], ...]
    capital: tuple[str, str]  # provincial capital: (province short name, city)


_COUNTIES: tuple[_County, ...] = (
    _County(
        "522632", "贵州省", "榕江县", _words("栽麻镇 忠诚镇 乐里镇 寨蒿镇"), "sw",
        (("汉族", 25), ("苗族", 35), ("侗族", 30), ("水族", 6), ("布依族", 4)),
        ("贵州", "贵阳"),
    ),
    _County(
        "520524", "贵州省", "织金县", _words("猫场镇 珠藏镇 以那镇 三塘镇"), "sw",
        (("汉族", 62), ("苗族", 15), ("彝族", 10), ("布依族", 9), ("仡佬族", 4)),
        ("贵州", "贵阳"),
    ),
    _County(
        "522731", "贵州省", "惠水县", _words("好花红镇 断杉镇 摆金镇 羡塘镇"), "sw",
        (("汉族", 40), ("布依族", 45), ("苗族", 12), ("水族", 3)),
        ("贵州", "贵阳"),
    ),
    _County(
        "530627", "云南省", "镇雄县", _words("以勒镇 母享镇 坡头镇 芒部镇"), "sw",
        (("汉族", 90), ("苗族", 6), ("彝族", 4)),
        ("云南", "昆明"),
    ),
    _County(
        "511324", "四川省", "仪陇县", _words("马鞍镇 新政镇 土门镇 立山镇"), "sc",
        (("汉族", 100),),
        ("四川", "成都"),
    ),
    _County(
        "411525", "河南省", "固始县", _words("陈淋子镇 黎集镇 张广庙镇 汪棚镇 往流镇"), "hn",
        (("汉族", 99), ("回族", 1)),
        ("河南", "郑州"),
    ),
    _County(
        "411528", "河南省", "息县", _words("包信镇 夏庄镇 东岳镇 项店镇"), "hn",
        (("汉族", 99), ("回族", 1)),
        ("河南", "郑州"),
    ),
    _County(
        "341221", "安徽省", "临泉县", _words("杨桥镇 鲖城镇 迎仙镇 老集镇"), "hn",
        (("汉族", 99), ("回族", 1)),
        ("安徽", "合肥"),
    ),
    _County(
        "431322", "湖南省", "新化县", _words("琅塘镇 水车镇 奉家镇 天门乡"), "hu",
        (("汉族", 96), ("苗族", 2), ("瑶族", 2)),
        ("湖南", "长沙"),
    ),
    _County(
        "433130", "湖南省", "龙山县", _words("里耶镇 洗车河镇 苗儿滩镇 茨岩塘镇"), "hu",
        (("土家族", 60), ("汉族", 28), ("苗族", 12)),
        ("湖南", "长沙"),
    ),
    _County(
        "422822", "湖北省", "建始县", _words("高坪镇 花坪镇 红岩寺镇 景阳镇"), "hu",
        (("汉族", 55), ("土家族", 40), ("苗族", 5)),
        ("湖北", "武汉"),
    ),
)  # fmt: skip

_VILLAGES: dict[str, tuple[str, ...]] = {
    "sw": _words(
        "新寨村 高坡村 大湾村 龙塘村 石板村 河坝村 坪上村 岩脚村 平寨村 大坪村 青杠村 水井村 "
        "田坝村 沙坝村"
    ),
    "sc": _words(
        "白鹤村 桂花村 石桥村 双河村 柏林村 龙泉村 红岩村 新华村 马鞍村 三合村 金星村 青龙村 "
        "花园村 凤凰村"
    ),
    "hn": _words(
        "王庄村 李楼村 张集村 刘营村 陈岗村 黄湾村 何店村 孙寨村 杨桥村 赵洼村 前楼村 后湖村 "
        "大郢村 周圩村"
    ),
    "hu": _words(
        "枫树村 大坪村 茶园村 石桥村 龙潭村 白竹村 杉木村 竹山村 水田村 向阳村 高桥村 塘湾村 "
        "黄土村 桃花村"
    ),
}

# (province, city, weight) per home region; the provincial capital is added per county.
# Municipalities name a district as the city ("上海" + "松江区").
_WORK_PLACES: dict[str, tuple[tuple[str, str, float], ...]] = {
    "sw": (
        ("广东", "东莞", 14), ("广东", "深圳", 10), ("广东", "广州", 8), ("广东", "佛山", 6),
        ("广东", "中山", 3), ("浙江", "宁波", 6), ("浙江", "温州", 5), ("浙江", "杭州", 4),
        ("浙江", "金华", 3), ("福建", "厦门", 4), ("福建", "泉州", 4), ("江苏", "苏州", 3),
        ("上海", "松江区", 2),
    ),
    "sc": (
        ("广东", "深圳", 8), ("广东", "东莞", 8), ("广东", "广州", 5), ("浙江", "宁波", 4),
        ("浙江", "杭州", 3), ("福建", "厦门", 2), ("江苏", "苏州", 3), ("北京", "大兴区", 3),
        ("上海", "闵行区", 3), ("重庆", "渝北区", 3), ("新疆", "乌鲁木齐", 2),
    ),
    "hn": (
        ("北京", "朝阳区", 6), ("北京", "大兴区", 6), ("上海", "松江区", 4),
        ("上海", "浦东新区", 4), ("江苏", "苏州", 8), ("江苏", "南京", 3), ("浙江", "杭州", 6),
        ("浙江", "宁波", 4), ("广东", "深圳", 8), ("广东", "东莞", 6), ("天津", "滨海新区", 3),
    ),
    "hu": (
        ("广东", "深圳", 12), ("广东", "东莞", 12), ("广东", "广州", 10), ("广东", "佛山", 6),
        ("浙江", "杭州", 5), ("浙江", "温州", 3), ("福建", "厦门", 3), ("上海", "嘉定区", 3),
        ("江苏", "苏州", 3),
    ),
}  # fmt: skip

# --- names ---------------------------------------------------------------------------------

_SURNAMES = _Weighted(
    [
        (s, w)
        for s, w in (
            ("王", 7.1), ("李", 7.0), ("张", 6.7), ("刘", 5.4), ("陈", 4.5), ("杨", 3.1),
            ("黄", 2.2), ("赵", 2.2), ("吴", 2.0), ("周", 1.9), ("徐", 1.3), ("孙", 1.2),
            ("马", 1.1), ("朱", 1.1), ("胡", 1.0), ("郭", 1.0), ("何", 0.9), ("高", 0.9),
            ("林", 0.9), ("罗", 0.9), ("郑", 0.8), ("梁", 0.7), ("谢", 0.6), ("宋", 0.6),
            ("唐", 0.6), ("许", 0.5), ("韩", 0.5), ("冯", 0.5), ("邓", 0.5), ("曹", 0.5),
            ("彭", 0.5), ("曾", 0.5), ("肖", 0.5), ("田", 0.5), ("董", 0.4), ("袁", 0.4),
            ("潘", 0.4), ("蒋", 0.4), ("蔡", 0.4), ("余", 0.4), ("杜", 0.4), ("叶", 0.4),
            ("程", 0.4), ("魏", 0.3), ("吕", 0.3), ("丁", 0.3), ("任", 0.3), ("姚", 0.3),
            ("卢", 0.3), ("姜", 0.3), ("钟", 0.3), ("谭", 0.3), ("汪", 0.2), ("范", 0.2),
            ("石", 0.2), ("廖", 0.2), ("贾", 0.2), ("夏", 0.2), ("付", 0.2), ("方", 0.2),
            ("邹", 0.2), ("熊", 0.2), ("邱", 0.2), ("江", 0.2), ("雷", 0.2), ("龙", 0.2),
            ("陶", 0.2), ("贺", 0.2), ("毛", 0.2), ("龚", 0.2), ("向", 0.15), ("聂", 0.1),
            ("冉", 0.05), ("岑", 0.05), ("佘", 0.03), ("母", 0.03), ("粟", 0.03),
            ("欧阳", 0.05), ("司马", 0.01),
        )
    ]
)  # fmt: skip

# Surnames common among the minorities of the counties above.
_ETHNIC_SURNAMES: dict[str, tuple[str, ...]] = {
    "苗族": _words("杨 吴 龙 潘 王 张 石 欧 李 罗"),
    "侗族": _words("吴 杨 石 龙 欧 陆 粟"),
    "水族": _words("韦 潘 蒙 吴"),
    "布依族": _words("韦 罗 王 岑 班 莫 黄 陆"),
    "彝族": _words("安 禄 陇 龙 李 王 陈 苏"),
    "土家族": _words("向 田 彭 覃 冉 谭 张 王"),
    "瑶族": _words("盘 赵 李 邓"),
    "回族": _words("马 马 马 白 丁 李"),
}

_BOY_NAMES = _words(
    "浩然 子轩 宇航 俊杰 梓豪 浩宇 皓轩 明轩 宇轩 博文 家豪 一鸣 文博 子豪 天佑 俊熙 嘉豪 "
    "鑫磊 宇豪 振宇 晨阳 思远 泽宇 梓睿 天宇 金鑫 鹏飞 子墨 伟杰 浩天 文轩 家乐 俊豪 雨泽"
)
_GIRL_NAMES = _words(
    "欣怡 梓涵 雨欣 诗琪 思琪 雨涵 佳怡 紫涵 梦瑶 可馨 欣悦 雨婷 佳琪 思雨 诗涵 心怡 静怡 "
    "晓雪 慧敏 婷婷 雅琴 春燕 美玲 金凤 思颖 一诺 若曦 艺涵 语桐 欣妍 梦琪 雨萱"
)
_BOY_SINGLE = _words("涛 磊 鑫 杰 浩 宇 强 鹏 超 阳 帅 凯 旭 斌 龙 林 勇 军 亮 伟")
_GIRL_SINGLE = _words("婷 琪 雪 丹 倩 玲 敏 静 洁 娜 娟 燕 蕾 颖 璐 瑶 悦 欣 雯 怡")
_BOY_FIRST = _words("子 浩 宇 俊 梓 家 博 文 志 天 明 一 嘉 思 泽 鑫 晨 振 鹏 兴")
_BOY_SECOND = _words("轩 然 航 杰 豪 宇 文 博 鸣 熙 阳 远 睿 飞 涛 辉 林 彬 楠 铭")
_GIRL_FIRST = _words("欣 梓 雨 诗 思 佳 紫 梦 可 语 心 静 晓 慧 雅 美 若 艺 嘉 芷")
_GIRL_SECOND = _words("怡 涵 欣 琪 瑶 馨 悦 婷 雨 颖 琳 萱 彤 妍 洁 雪 茹 菲 蕾 宁")

# Parents and teachers (born 1975–2000) and grandparents (born 1945–1972).
_MID_MALE = _words(
    "伟 强 勇 军 磊 涛 斌 超 明 刚 平 辉 鹏 华 飞 林 波 峰 建军 海军 志强 建华 小龙 红军 "
    "永红 国庆 海涛 建平 文斌 春雷 志勇 俊峰 金龙 光辉 德兵 小兵 启明 正平"
)
_MID_FEMALE = _words(
    "芳 丽 敏 静 燕 娟 霞 红 梅 艳 玲 琴 萍 英 慧 小燕 春梅 红梅 丽娟 海燕 秀云 晓丽 玉梅 "
    "桂香 美玲 小芳 翠兰 春花 冬梅 雪梅 晓燕 丹丹"
)
_OLD_MALE = _words(
    "德明 国华 建国 正华 光荣 开富 昌福 永贵 学文 长生 明清 世军 德贵 炳华 玉成 有才 金山 "
    "树林 忠 贵 福 发 大山 老五"
)
_OLD_FEMALE = _words(
    "秀英 桂英 秀兰 玉兰 桂芳 凤英 翠花 玉珍 淑珍 兰英 金花 素珍 桂兰 秀珍 春花 美英 翠英 "
    "菊花 腊梅 银花"
)

# --- work and family -----------------------------------------------------------------------

_BRANDS = _words("宏达 华丰 永兴 鑫源 恒泰 金顺 利民 兴旺 腾达 佳美 富华 振兴 大成 新时代")

# (employer template, trade, weight for fathers, weight for mothers, monthly income range)
_JOBS: tuple[tuple[str, str, float, float, int, int], ...] = (
    ("{b}电子厂", "流水线工", 6, 10, 4000, 6000),
    ("{b}电子厂", "质检员", 1, 3, 4000, 5500),
    ("{b}建筑公司工地", "钢筋工", 8, 0.5, 6000, 9000),
    ("{b}建筑公司工地", "木工", 6, 0, 6500, 9500),
    ("{b}建筑公司工地", "泥水工", 5, 1, 6000, 8500),
    ("{b}建筑公司工地", "小工", 3, 2, 4500, 6500),
    ("{b}装饰公司", "水电工", 3, 0, 6000, 9000),
    ("{b}餐馆", "服务员", 1, 6, 3500, 4500),
    ("{b}餐馆", "厨师", 3, 1, 5000, 8000),
    ("{b}快递公司", "分拣员", 3, 3, 4500, 6000),
    ("{b}快递公司", "快递员", 4, 1, 5500, 8000),
    ("{b}服装厂", "缝纫工", 1, 8, 4500, 7000),
    ("{b}鞋厂", "制鞋工", 2, 4, 4500, 6500),
    ("{b}物流公司", "货车司机", 5, 0.2, 7000, 11000),
    ("外卖平台", "外卖骑手", 4, 0.5, 5500, 8500),
    ("{b}家具厂", "油漆工", 3, 1, 5500, 8000),
    ("{b}玩具厂", "普工", 2, 4, 4000, 5500),
    ("{b}酒店", "保洁员", 0.5, 4, 3000, 4000),
    ("{b}物业公司", "保安", 3, 0.3, 3500, 4500),
    ("{b}汽车配件厂", "装配工", 4, 2, 5000, 7000),
    ("{b}纺织厂", "挡车工", 1, 3, 4500, 6000),
    ("{b}超市", "理货员", 1, 3, 3500, 4500),
    ("{b}家政公司", "保姆", 0, 3, 5000, 7000),
    ("个体经营", "摆摊卖小吃", 1, 2, 4000, 7000),
    ("{b}五金厂", "冲压工", 3, 2, 5000, 7000),
)
_FATHER_JOBS = _Weighted([(j, j[2]) for j in _JOBS])
_MOTHER_JOBS = _Weighted([(j, j[3]) for j in _JOBS])

_PARENT_EDUCATION = _Weighted(
    [
        (Education.NONE.value, 2),
        (Education.PRIMARY.value, 20),
        (Education.JUNIOR.value, 60),
        (Education.SENIOR.value, 15),
        (Education.COLLEGE.value, 3),
    ]
)
_OLD_EDUCATION = _Weighted(
    [
        (Education.NONE.value, 45),
        (Education.PRIMARY.value, 40),
        (Education.JUNIOR.value, 13),
        (Education.SENIOR.value, 2),
    ]
)
_CONTACT = _Weighted(
    [
        (ContactFrequency.DAILY.value, 10),
        (ContactFrequency.WEEKLY.value, 45),
        (ContactFrequency.MONTHLY.value, 25),
        (ContactFrequency.QUARTERLY.value, 5),
        (ContactFrequency.YEARLY.value, 3),
        (ContactFrequency.RARELY.value, 10),
        (ContactFrequency.NEVER.value, 2),
    ]
)
_DIVORCED_CONTACT = _Weighted(
    [
        (ContactFrequency.YEARLY.value, 1),
        (ContactFrequency.RARELY.value, 2),
        (ContactFrequency.NEVER.value, 1),
    ]
)
_HOME_FREQUENCY = _Weighted(
    [
        ("每年春节回家一次", 55),
        ("农忙和春节回家", 10),
        ("半年回家一次", 12),
        ("两三年回家一次", 8),
        ("很少回家", 5),
        ("每月回家一次", 10),  # replaced by nearer wording when working in the province
    ]
)
_EXPECTATIONS = _words(
    "希望孩子好好学习，将来考上大学 希望孩子听爷爷奶奶的话，注意安全 希望孩子身体健康，快乐成长 "
    "希望孩子能走出大山，不再像我们一样打工 希望孩子学一门手艺 希望孩子懂事，不让家里操心 "
    "希望孩子成绩进步，考上县一中 希望孩子诚实做人，好好读书 希望老师多费心，严格要求孩子"
)
_HOME_TRADES = _words("务农 务农 务农 在家照顾孩子 养殖 在镇上打零工")
_HOME_INCOME = _words(
    "务农，年收入约1万元 务农，收入不固定 打零工，月收入约2000元 养猪，年收入约2万元"
)
_INCAPABLE_INCOME = _words(
    "因患尿毒症丧失劳动能力，无收入 肢体残疾，无劳动能力 患精神疾病，无劳动能力 "
    "长期卧病在床，无收入 因工伤致残，丧失劳动能力"
)

# Guardian profile pools.
_GUARDIAN_PERSONALITY = _words(
    "性格温和 脾气急躁 勤劳朴实 沉默寡言 热心开朗 老实本分 爱唠叨 要强能干"
)
_OLD_HEALTH = _Weighted(
    [
        ("健康", 30), ("身体一般", 25), ("患高血压", 12), ("患有风湿病", 8),
        ("腰腿不好，行动不便", 8), ("体弱多病", 10), ("患糖尿病", 4), ("听力不好", 3),
    ]
)  # fmt: skip
_MID_HEALTH = _Weighted([("健康", 85), ("身体一般", 10), ("患有慢性胃病", 5)])
_OLD_DISCIPLINE = _Weighted(
    [
        ("溺爱型", 35), ("放任型", 25), ("简单粗暴型", 8), ("严格管教", 10), ("说服教育", 12),
        ("民主型", 5), ("只管吃穿，不问学习", 5),
    ]
)  # fmt: skip
_RELATIVE_DISCIPLINE = _Weighted(
    [
        ("严格管教", 25), ("放任型", 25), ("说服教育", 20), ("民主型", 10), ("简单粗暴型", 12),
        ("溺爱型", 8),
    ]
)  # fmt: skip
_PARENT_DISCIPLINE = _Weighted(
    [
        ("说服教育", 25), ("严格管教", 25), ("民主型", 20), ("简单粗暴型", 15), ("溺爱型", 10),
        ("放任型", 5),
    ]
)  # fmt: skip
# (how the child's texts name the relative, on the father's side?, female?)
_RELATIVES: tuple[tuple[str, bool, bool], ...] = (
    ("伯父", True, False),
    ("叔叔", True, False),
    ("姑姑", True, True),
    ("舅舅", False, False),
    ("姨妈", False, True),
)
_OTHERS = ("邻居", "邻居", "村干部")

# Child health and disability.
_CHILD_HEALTH = _Weighted(
    [
        ("健康", 880), ("体弱多病", 35), ("患有哮喘", 15), ("营养不良", 20), ("近视", 30),
        ("患有过敏性鼻炎", 10), ("患有先天性心脏病", 5), ("患有癫痫", 5),
    ]
)  # fmt: skip
_SERIOUS_HEALTH = frozenset({"患有先天性心脏病", "患有癫痫", "患有哮喘"})
_DISABILITIES: tuple[tuple[str, str], ...] = (
    ("肢体残疾", "行走不便，生活能自理"),
    ("听力残疾", "佩戴助听器"),
    ("视力残疾", "视力低下"),
    ("智力残疾", "生活基本能自理"),
    ("言语残疾", "口齿不清"),
)

# Teacher judgement: (good, fair, worrying) pools per field.
_Toned = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
_MORAL: _Toned = (
    _words("诚实守信，尊敬师长 有礼貌，乐于助人 团结同学，热爱集体 懂事孝顺，会帮家里干活"),
    _words("品德较好，偶尔说谎 基本遵守规范，集体观念一般 尊敬老师，有时与同学闹矛盾"),
    _words("有时说谎，不服管教 偶有拿同学东西的行为 爱顶撞长辈，是非观念较弱 常与同学打架"),
)
_HABITS: _Toned = (
    _words("作业按时完成，讲究卫生 遵守纪律，生活能自理 做事认真，有条理 按时作息，爱劳动"),
    _words("比较懒散，需要督促 上课偶尔讲小话 作业有时拖拉 生活自理能力一般"),
    _words(
        "经常不完成作业 沉迷手机游戏 个人卫生较差 有迟到、旷课现象 上课注意力不集中，爱做小动作"
    ),
)
_INTELLIGENCE: _Toned = (
    _words("聪明，反应快 思维敏捷 较好"),
    _words("正常 中等 一般"),
    _words("接受能力较慢 反应偏慢，理解力较弱"),
)
_PERSONALITY: _Toned = (
    _words("开朗活泼 文静懂事 热情大方 乐观开朗，爱笑"),
    _words("性格内向，不爱说话 胆小，不善表达 倔强，有主见"),
    _words("孤僻，不合群 敏感，自尊心强，易哭 脾气急躁，易冲动 沉默寡言，自卑"),
)
_MOTIVATION: _Toned = (
    _words("学习积极主动，上进心强 学习态度端正，认真听讲"),
    _words("学习目的不明确，需督促 学习热情时高时低"),
    _words("厌学情绪明显 对学习兴趣不大，常不交作业"),
)
_LEARNING: _Toned = (
    _words("方法得当，成绩优良 能独立完成作业，成绩较好"),
    _words("成绩中等，方法有待改进 死记硬背，不会举一反三"),
    _words("基础薄弱，需要辅导 成绩较差，家中无人辅导作业"),
)
_PSYCH: _Toned = (
    _words("心理健康，情绪稳定 阳光自信"),
    _words("思念父母，情绪有时低落 有些自卑，需多鼓励 缺乏安全感"),
    _words("孤独感较强，常独处 情绪波动较大，易冲动 焦虑，封闭自我，需心理疏导"),
)
_RAPPORT: _Toned = (
    ("与{w}感情很好", "与{w}相处融洽", "很听{w}的话"),
    ("与{w}关系一般，交流不多", "嫌{w}唠叨，偶尔顶嘴"),
    ("不服{w}管教，经常顶嘴", "与{w}缺少沟通，关系疏远"),
)
_INTERESTS = _words(
    "喜欢画画 爱打篮球 喜欢看课外书 喜欢唱歌跳舞 喜欢跳绳、踢毽子 爱看动画片 喜欢做手工 "
    "喜欢打乒乓球 喜欢踢足球 喜欢下象棋 喜欢玩手机游戏 喜欢养小动物 喜欢跑步"
)
# Tone of the teacher's judgement by the latest risk level: P(good), P(good or fair).
_TONE_BY_LEVEL: dict[int, tuple[float, float]] = {
    1: (0.05, 0.35),
    2: (0.10, 0.50),
    3: (0.30, 0.75),
    4: (0.55, 0.90),
}
# The profile fields in the order ChildRecord lists them, guardian_rapport (a template) last.
_PROFILE_POOLS: tuple[_Toned, ...] = (
    _MORAL,
    _HABITS,
    _INTELLIGENCE,
    _PERSONALITY,
    _MOTIVATION,
    _LEARNING,
    _PSYCH,
    _RAPPORT,
)

# --- risk ----------------------------------------------------------------------------------

# Latest risk level by who looks after the child (一级 is the most severe).
_LEVEL_BY_CARE: dict[str, _Weighted[int]] = {
    "nobody": _Weighted([(1, 40), (2, 35), (3, 20), (4, 5)]),
    "relatives": _Weighted([(1, 3), (2, 12), (3, 35), (4, 50)]),
    "grandparents": _Weighted([(1, 1.5), (2, 7.5), (3, 31), (4, 60)]),
    "parent": _Weighted([(1, 1), (2, 5), (3, 26), (4, 68)]),
    "vulnerable": _Weighted([(1, 8), (2, 20), (3, 40), (4, 32)]),  # orphans, unsupported
}
_GUARDIAN_ASSESSMENT_BY_LEVEL: dict[int, _Weighted[str]] = {
    1: _Weighted([("较好", 5), ("一般", 35), ("差", 60)]),
    2: _Weighted([("较好", 15), ("一般", 55), ("差", 30)]),
    3: _Weighted([("较好", 36), ("一般", 54), ("差", 10)]),
    4: _Weighted([("较好", 55), ("一般", 42), ("差", 3)]),
}
# Reasons by (level, who looks after the child); "any" is the fallback for every kind of care.
_REASONS: dict[tuple[int, str], tuple[str, ...]] = {
    (4, "grandparents"): _words(
        "祖父母年事已高，文化程度低，无法辅导学习 爷爷奶奶身体欠佳，对孩子照顾不够细致 "
        "隔代教育，偏重生活照料，忽视心理需求"
    ),
    (4, "relatives"): _words("亲属家中孩子多，照顾精力有限 寄养在亲戚家，孩子有寄人篱下之感"),
    (4, "parent"): _words(
        "一方在家，农活繁忙，辅导学习时间少 在家父母文化程度不高，辅导学习有困难"
    ),
    (4, "nobody"): _words("无人监护，由邻居偶尔照看 无人监护，生活基本能自理，需定期家访"),
    (4, "any"): _words("孩子性格内向，偶有情绪低落 学习习惯较差，偶有不交作业现象"),
    (3, "nobody"): _words("无人监护，生活自理困难，情绪低落 无人监护，常不吃早饭，身体较弱"),
    (3, "any"): _words(
        "监护人管教方式简单粗暴，孩子心理压力较大 孩子长期缺少父母关爱，自卑心理明显 "
        "监护人对孩子放任不管，孩子沉迷手机游戏 孩子在校受到同学排斥，情绪低落"
    ),
    (2, "grandparents"): _words("祖父母年老多病，无力管教，孩子多次逃学"),
    (2, "nobody"): _words("无人监护，孩子经常逃学 父母外出后无人照看，孩子沾染不良习气"),
    (2, "any"): _words(
        "孩子沾染不良习气，经常夜不归宿 孩子长期厌学，有辍学倾向 监护人监护不力，孩子生活不能自理"
    ),
    (1, "nobody"): _words(
        "无人监护，孩子独自在家生活，需立即介入 无人照看，孩子与年幼弟妹独自生活"
    ),
    (1, "any"): _words(
        "监护人重病卧床，孩子生活无着 监护人长期不管不顾，孩子常在外游荡 "
        "家中生活极度困难，孩子衣食无着，需立即介入"
    ),
}
_BETTER = _words("较上次评估有所好转 经帮扶教师多次家访，情况好转 结对帮扶后学习和情绪有所改善")
_WORSE = _words("较上次评估情况变差 近期情绪低落，需加强关注 近期成绩下滑明显，多次不交作业")

# --- family scenarios ----------------------------------------------------------------------

# Family scenarios and their shares in %; _KIND_OF gives the left-behind kind of each.
_SCENARIOS = _Weighted(
    [
        ("both_away", 66.5),  # A: both parents away working
        ("both_away_divorced", 3.5),  # B: divorced, both away → 单亲
        ("father_away", 15.0),  # C: mother at home
        ("mother_away", 8.0),  # D: father at home
        ("one_away_ill", 1.5),  # E: the other parent at home, seriously ill or disabled
        ("one_away_deceased", 1.0),  # F: the other parent died → 单亲
        ("one_away_gone", 0.5),  # G: divorced, the other gone without trace → 单亲
        ("orphan", 0.5),  # H: both parents dead → 孤儿
        ("unsupported", 1.0),  # I: 事实无人抚养 (dead / missing / in prison)
        ("single_home", 1.0),  # J: one parent at home, the other dead or gone → 单亲
        ("home_poor", 1.5),  # K: both at home, the family is poor (sometimes a disabled child)
    ]
)
_KIND_OF: dict[str, str] = {
    "both_away": LeftBehindKind.BOTH_AWAY.value,
    "both_away_divorced": LeftBehindKind.BOTH_AWAY.value,
    "father_away": LeftBehindKind.FATHER_AWAY.value,
    "mother_away": LeftBehindKind.MOTHER_AWAY.value,
    "one_away_ill": LeftBehindKind.ONE_AWAY_OTHER_INCAPABLE.value,
    "one_away_deceased": LeftBehindKind.ONE_AWAY_OTHER_INCAPABLE.value,
    "one_away_gone": LeftBehindKind.ONE_AWAY_OTHER_INCAPABLE.value,
    "orphan": LeftBehindKind.NOT_LEFT_BEHIND.value,
    "unsupported": LeftBehindKind.NOT_LEFT_BEHIND.value,
    "single_home": LeftBehindKind.NOT_LEFT_BEHIND.value,
    "home_poor": LeftBehindKind.NOT_LEFT_BEHIND.value,
}
# Probability that the family is poor (贫困), by scenario; overall ≈ 12 %.
_POOR_RATE: dict[str, float] = {
    "one_away_ill": 0.5,
    "one_away_deceased": 0.5,
    "one_away_gone": 0.5,
    "orphan": 0.8,
    "unsupported": 0.8,
    "single_home": 0.5,
    "home_poor": 1.0,
}
_BASE_POOR_RATE = 0.08
_DISABLED_RATE = 0.016  # per child; "home_poor" children more often

_GUARDIAN_USUAL = _Weighted(
    [
        (GuardianRelation.GRANDPARENTS.value, 52),
        (GuardianRelation.MATERNAL_GRANDPARENTS.value, 22),
        (GuardianRelation.RELATIVE.value, 21),
        (GuardianRelation.OTHER.value, 4),
        (GuardianRelation.NONE.value, 1),
    ]
)
_GUARDIAN_DIVORCED = _Weighted(
    [
        (GuardianRelation.GRANDPARENTS.value, 65),
        (GuardianRelation.MATERNAL_GRANDPARENTS.value, 5),
        (GuardianRelation.RELATIVE.value, 25),
        (GuardianRelation.OTHER.value, 4),
        (GuardianRelation.NONE.value, 1),
    ]
)
_GUARDIAN_VULNERABLE = _Weighted(
    [
        (GuardianRelation.GRANDPARENTS.value, 45),
        (GuardianRelation.MATERNAL_GRANDPARENTS.value, 15),
        (GuardianRelation.RELATIVE.value, 30),
        (GuardianRelation.OTHER.value, 5),
        (GuardianRelation.NONE.value, 5),
    ]
)

_PHONE_PREFIXES = _words(
    "130 131 132 133 134 135 136 137 138 139 150 151 152 155 156 157 158 159 166 173 "
    "177 180 181 182 183 185 186 187 188 189 191 198 199"
)

_SIBLING_RATE = 0.05
_OLDER_THAN_GRADE_RATE = 0.08  # entered school late or repeated a year
_MISSING_ID_RATE = 0.03


# --- generation ----------------------------------------------------------------------------


@dataclass
class _Person:
    """A parent or guardian while the family is being built."""

    surname: str
    name: str
    sex: Sex
    age: int | None
    birth: dt.date | None


@dataclass
class _Family:
    scenario: str
    kind: str
    surname: str
    ethnicity: str
    address: str
    categories: list[str]
    aid: list[str]
    income_sources: list[str]
    father: ParentRecord
    mother: ParentRecord
    guardian: GuardianRecord
    care: str  # "grandparents", "relatives", "parent", "nobody"
    who: str  # how the child's texts name the guardian: 爷爷奶奶, 舅舅, 妈妈 …
    youngest_parent_age: int
    status: str = Status.ENROLLED.value
    status_date: dt.date | None = None
    status_reason: str = ""
    given_names: list[str] = field(default_factory=list)
    grades: list[int] = field(default_factory=list)
    births: list[dt.date] = field(default_factory=list)


class _Generator:
    def __init__(self, seed: int, today: dt.date, top_grade: int) -> None:
        rng = self.rng = random.Random(seed)
        self.today = today
        self.top_grade = top_grade
        # School-level choices come first so that they do not depend on n.
        self.county = _choice(rng, _COUNTIES)
        self.township = _choice(rng, self.county.townships)
        self.villages = rng.sample(_VILLAGES[self.county.region], 8)
        self.school_code = _randint(rng, 1, 12)
        self.hukou_place = f"{self.county.province}{self.county.name}{self.township}"
        self.mother_regions = [c.code for c in _COUNTIES if c.province == self.county.province]
        self.ethnicities = _Weighted(list(self.county.ethnicities))
        province, city = self.county.capital
        places = list(_WORK_PLACES[self.county.region])
        places.append((province, city, 8.0))
        self.work_places = _Weighted([((p, c), w) for p, c, w in places])
        self.home_province = province
        self.classes = {
            (c.grade, c.class_no): c.teacher_name for c in generate_classes(seed, top_grade)
        }
        # 德育处 staff and the principal also sign assessments
        self.staff = [self._adult_name(_SURNAMES.pick(rng), rng.random() < 0.5) for _ in range(2)]
        self.year_start = today.year if today.month >= 9 else today.year - 1
        self.used_ids: set[str] = set()
        self.seats: dict[tuple[int, int], int] = {}
        self.families: list[_Family] = []

    # -- small helpers

    def _phone(self) -> str:
        return f"{_choice(self.rng, _PHONE_PREFIXES)}{_below(self.rng, 100_000_000):08d}"

    def _adult_name(self, surname: str, female: bool) -> str:
        return surname + _choice(self.rng, _MID_FEMALE if female else _MID_MALE)

    def _old_name(self, surname: str, female: bool) -> str:
        return surname + _choice(self.rng, _OLD_FEMALE if female else _OLD_MALE)

    def _surname(self, ethnicity: str) -> str:
        pool = _ETHNIC_SURNAMES.get(ethnicity)
        if pool and self.rng.random() < 0.7:
            return _choice(self.rng, pool)
        return _SURNAMES.pick(self.rng)

    def _other_surname(self, surname: str) -> str:
        while True:
            s = _SURNAMES.pick(self.rng)
            if s != surname:
                return s

    def _id_number(self, birth: dt.date, sex: Sex, region: str | None = None) -> str:
        region = region or self.county.code
        while True:
            number = make_id_number(region, birth, _below(self.rng, 500), sex)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def _birth_for_age(self, age: int) -> dt.date:
        """A birth date giving ``age`` whole years today."""
        latest = _add_years(self.today, -age)
        return latest - dt.timedelta(days=_below(self.rng, 365))

    def _person(self, surname: str, sex: Sex, age: int, *, old: bool = False) -> _Person:
        female = sex is Sex.FEMALE
        name = self._old_name(surname, female) if old else self._adult_name(surname, female)
        birth = self._birth_for_age(age)
        return _Person(surname, name, sex, age_on(birth, self.today), birth)

    def _address(self) -> str:
        return f"{_choice(self.rng, self.villages)}{cn_numeral(_randint(self.rng, 1, 9))}组"

    def _given_name(self, sex: Sex, siblings: Sequence[str]) -> str:
        rng = self.rng
        male = sex is Sex.MALE
        for _ in range(20):
            r = rng.random()
            if siblings and len(siblings[0]) == 2 and r < 0.3:
                # generation character shared with an older sibling
                name = siblings[0][0] + _choice(rng, _BOY_SECOND if male else _GIRL_SECOND)
            elif r < 0.45:
                name = _choice(rng, _BOY_NAMES if male else _GIRL_NAMES)
            elif r < 0.82:
                first = _choice(rng, _BOY_FIRST if male else _GIRL_FIRST)
                name = first + _choice(rng, _BOY_SECOND if male else _GIRL_SECOND)
                if name[0] == name[1]:
                    continue
            else:
                name = _choice(rng, _BOY_SINGLE if male else _GIRL_SINGLE)
            if name not in siblings:
                return name
        return _choice(rng, _BOY_NAMES if male else _GIRL_NAMES) + "儿"

    # -- parents

    def _parent_base(self, role: ParentRole, person: _Person, *, with_id: bool) -> ParentRecord:
        return ParentRecord(
            role=role.value,
            name=person.name,
            phone=self._phone(),
            id_number=(
                self._id_number(person.birth, person.sex)
                if with_id and person.birth is not None
                else ""
            ),
            age=person.age,
            education=_PARENT_EDUCATION.pick(self.rng),
        )

    def _away(self, p: ParentRecord, child_birth: dt.date, *, place: tuple[str, str] | None,
              divorced: bool = False) -> ParentRecord:  # fmt: skip
        rng = self.rng
        job = (_FATHER_JOBS if p.role == ParentRole.FATHER else _MOTHER_JOBS).pick(rng)
        template, trade, _, _, low, high = job
        province, city = place or self.work_places.pick(rng)
        p.employer = template.format(b=_choice(rng, _BRANDS))
        p.trade = trade
        p.work_province, p.work_city = province, city
        p.left_since = self._left_since(child_birth)
        r = rng.random()
        if r < 0.8:
            p.income = f"月收入约{_randint(rng, low // 500, high // 500) * 500}元"
        elif r < 0.93:
            p.income = f"年收入约{_randint(rng, low * 12 // 10000, high * 12 // 10000)}万元"
        else:
            p.income = "收入不稳定"
        p.away = True
        p.capable = True
        if divorced:
            p.expectations = "" if rng.random() < 0.5 else _choice(rng, _EXPECTATIONS)
            p.contact_frequency = _DIVORCED_CONTACT.pick(rng)
            p.home_frequency = "离异后很少回来"
        else:
            p.expectations = _choice(rng, _EXPECTATIONS)
            p.contact_frequency = _CONTACT.pick(rng)
            home = _HOME_FREQUENCY.pick(rng)
            if province == self.home_province:
                home = _choice(rng, ("每月回家一次", "节假日回家", "两三个月回家一次"))
            elif home == "每月回家一次":
                home = "每年春节回家一次"
            p.home_frequency = home
        return p

    def _left_since(self, child_birth: dt.date) -> str:
        rng = self.rng
        lo = max(child_birth + dt.timedelta(days=180), _add_years(self.today, -12))
        hi = self.today - dt.timedelta(days=100)
        if lo >= hi:
            lo = hi - dt.timedelta(days=1)
        day = lo + dt.timedelta(days=_below(rng, (hi - lo).days + 1))
        if rng.random() < 0.55:  # most leave after the Spring Festival
            moved = dt.date(day.year, _choice(rng, (2, 3)), 15)
            if lo <= moved <= hi:
                day = moved
        return f"{day.year}-{day.month:02d}"

    def _home(self, p: ParentRecord) -> ParentRecord:
        p.trade = _choice(self.rng, _HOME_TRADES)
        p.income = _choice(self.rng, _HOME_INCOME)
        p.expectations = _choice(self.rng, _EXPECTATIONS)
        p.contact_frequency = ContactFrequency.DAILY.value
        p.home_frequency = "长期在家"
        p.away = False
        p.capable = True
        return p

    def _incapable(self, p: ParentRecord) -> ParentRecord:
        p.income = _choice(self.rng, _INCAPABLE_INCOME)
        p.expectations = _choice(self.rng, _EXPECTATIONS)
        p.contact_frequency = ContactFrequency.DAILY.value
        p.home_frequency = "长期在家"
        p.away = False
        p.capable = False
        return p

    def _absent(self, p: ParentRecord, how: str, child_birth: dt.date) -> ParentRecord:
        """A parent who is not there: ``dead``, ``gone`` (divorced or missing), ``prison``.

        The record keeps the name (sometimes unknown: "") and notes the reason in
        ``home_frequency``; it has no work, no expectations, and no capacity to care."""
        rng = self.rng
        p.employer = p.trade = p.work_province = p.work_city = p.left_since = ""
        p.income = p.expectations = ""
        p.away = False
        p.capable = False
        p.phone = ""
        if how == "dead":
            span = max(1, (self.today - child_birth).days - 30)
            year = (child_birth + dt.timedelta(days=_below(rng, span))).year
            p.home_frequency = f"{year}年{_choice(rng, ('因病去世', '因意外去世', '病故'))}"
            p.contact_frequency = ""
            p.id_number = ""
            p.age = None
        elif how == "prison":
            p.home_frequency = "服刑中"
            p.contact_frequency = ContactFrequency.RARELY.value
        else:
            notes = ["离异后去向不明", "离家出走，长期失联"]
            notes.append("改嫁后失联" if p.role == ParentRole.MOTHER else "外出后长期失联")
            p.home_frequency = _choice(rng, notes)
            p.contact_frequency = ContactFrequency.NEVER.value
            p.age = p.age if rng.random() < 0.5 else None
            if p.age is None:
                p.id_number = ""
        if how != "prison" and rng.random() < 0.1:  # the school never learnt who it was
            p.name = p.id_number = p.education = ""
            p.age = None
        return p

    # -- guardian

    def _guardian(
        self,
        relation: str,
        father: _Person,
        mother: _Person,
        family_surname: str,
        address: str,
    ) -> tuple[GuardianRecord, str, str]:
        """The guardian record, the care kind and how the child's texts name the guardian."""
        rng = self.rng
        g = GuardianRecord(relation=relation)
        if relation == GuardianRelation.NONE:
            return g, "nobody", ""
        parent_age = max(father.age or 30, mother.age or 30)
        person: _Person
        if relation in (GuardianRelation.GRANDPARENTS, GuardianRelation.MATERNAL_GRANDPARENTS):
            paternal = relation == GuardianRelation.GRANDPARENTS
            base = father if paternal else mother
            side_surname = family_surname if paternal else mother.surname
            female = rng.random() < 0.6
            surname = self._other_surname(side_surname) if female else side_surname
            age = min(78, max(55, (base.age or parent_age) + _randint(rng, 22, 32)))
            person = self._person(surname, Sex.FEMALE if female else Sex.MALE, age, old=True)
            who = "爷爷奶奶" if paternal else "外公外婆"
            if rng.random() < 0.3:
                who = ("奶奶" if female else "爷爷") if paternal else ("外婆" if female else "外公")
            g.education = _OLD_EDUCATION.pick(rng)
            g.health = _OLD_HEALTH.pick(rng)
            g.discipline = _OLD_DISCIPLINE.pick(rng)
            # the child lives with them: at home, or at the maternal grandparents' house
            g.address = address if paternal or rng.random() < 0.5 else self._address()
            care = "grandparents"
        else:
            if relation == GuardianRelation.RELATIVE:
                who, paternal_side, female = _choice(rng, _RELATIVES)
                surname = family_surname if paternal_side else mother.surname
                age = min(60, max(28, parent_age + _randint(rng, -6, 8)))
            else:
                who = _choice(rng, _OTHERS)
                female = rng.random() < 0.5
                surname = _SURNAMES.pick(rng)
                age = _randint(rng, 35, 65)
            person = self._person(surname, Sex.FEMALE if female else Sex.MALE, age)
            g.education = _PARENT_EDUCATION.pick(rng)
            g.health = _MID_HEALTH.pick(rng)
            g.discipline = _RELATIVE_DISCIPLINE.pick(rng)
            g.address = address if rng.random() < 0.4 else self._address()
            care = "relatives"
        g.name = person.name
        g.age = person.age
        g.phone = self._phone()
        if person.birth is not None and rng.random() < 0.5:
            g.id_number = self._id_number(person.birth, person.sex)
        g.personality = _choice(rng, _GUARDIAN_PERSONALITY)
        g.agreement_signed = rng.random() < 0.8
        return g, care, who

    def _parent_guardian(self, p: ParentRecord, address: str) -> GuardianRecord:
        rng = self.rng
        return GuardianRecord(
            name=p.name,
            relation=p.role,
            phone=p.phone,
            id_number=p.id_number,
            address=address,
            age=p.age,
            education=p.education,
            personality=_choice(rng, _GUARDIAN_PERSONALITY),
            health=_MID_HEALTH.pick(rng),
            discipline=_PARENT_DISCIPLINE.pick(rng),
            agreement_signed=rng.random() < 0.8,
        )

    # -- family

    def _new_family(self, child_birth: dt.date) -> _Family:
        rng = self.rng
        scenario = _SCENARIOS.pick(rng)
        kind = _KIND_OF[scenario]
        ethnicity = self.ethnicities.pick(rng)
        surname = self._surname(ethnicity)
        address = self._address()
        child_age = age_on(child_birth, self.today)
        f_age = min(45, max(28, child_age + _randint(rng, 21, 32)))
        m_age = min(45, max(28, f_age - _randint(rng, -1, 5)))
        fp = self._person(surname, Sex.MALE, f_age)
        mother_surname = self._surname(ethnicity) if rng.random() < 0.6 else _SURNAMES.pick(rng)
        if mother_surname == surname:
            mother_surname = self._other_surname(surname)
        mp = self._person(mother_surname, Sex.FEMALE, m_age)
        father = self._parent_base(ParentRole.FATHER, fp, with_id=rng.random() < 0.7)
        mother = self._parent_base(ParentRole.MOTHER, mp, with_id=False)
        if rng.random() < 0.7 and mp.birth is not None:
            # some mothers married in from a neighbouring county of the same province
            region = _choice(rng, self.mother_regions) if rng.random() < 0.2 else None
            mother.id_number = self._id_number(mp.birth, Sex.FEMALE, region)

        guardian_pool = _GUARDIAN_USUAL
        home_parent: ParentRecord | None = None
        categories: set[str] = set()
        if kind != LeftBehindKind.NOT_LEFT_BEHIND:
            categories.add(Category.LEFT_BEHIND.value)
        father_first = rng.random()
        if scenario == "both_away":
            place = self.work_places.pick(rng)
            self._away(father, child_birth, place=place)
            self._away(mother, child_birth, place=place if rng.random() < 0.7 else None)
        elif scenario == "both_away_divorced":
            categories.add(Category.SINGLE_PARENT.value)
            guardian_pool = _GUARDIAN_DIVORCED
            self._away(father, child_birth, place=None)
            self._away(mother, child_birth, place=None, divorced=True)
        elif scenario == "father_away":
            self._away(father, child_birth, place=None)
            home_parent = self._home(mother)
        elif scenario == "mother_away":
            self._away(mother, child_birth, place=None)
            home_parent = self._home(father)
        elif scenario.startswith("one_away"):
            away, other = (father, mother) if father_first < 0.6 else (mother, father)
            self._away(away, child_birth, place=None)
            if scenario == "one_away_ill":
                self._incapable(other)
            elif scenario == "one_away_deceased":
                categories.add(Category.SINGLE_PARENT.value)
                self._absent(other, "dead", child_birth)
            else:
                categories.add(Category.SINGLE_PARENT.value)
                self._absent(other, "gone", child_birth)
        elif scenario == "orphan":
            categories.add(Category.ORPHAN.value)
            guardian_pool = _GUARDIAN_VULNERABLE
            self._absent(father, "dead", child_birth)
            self._absent(mother, "dead", child_birth)
        elif scenario == "unsupported":
            categories.add(Category.UNSUPPORTED.value)
            guardian_pool = _GUARDIAN_VULNERABLE
            if father_first < 0.5:
                self._absent(father, "dead", child_birth)
                self._absent(mother, "gone", child_birth)
            elif father_first < 0.75:
                self._absent(father, "prison", child_birth)
                self._absent(mother, "gone", child_birth)
            elif father_first < 0.9:
                self._absent(father, "gone", child_birth)
                self._absent(mother, "dead", child_birth)
            else:
                self._absent(father, "gone", child_birth)
                self._absent(mother, "gone", child_birth)
        elif scenario == "single_home":
            categories.add(Category.SINGLE_PARENT.value)
            stays, other = (mother, father) if father_first < 0.55 else (father, mother)
            home_parent = self._home(stays)
            self._absent(other, "dead" if rng.random() < 0.5 else "gone", child_birth)
        else:  # home_poor
            home_parent = self._home(mother if father_first < 0.65 else father)
            self._home(father if home_parent is mother else mother)

        # Who looks after the child: the parent at home if there is one.
        if home_parent is not None:
            guardian = self._parent_guardian(home_parent, address)
            care = "parent"
            who = "妈妈" if home_parent is mother else "爸爸"
        else:
            relation = guardian_pool.pick(rng)
            guardian, care, who = self._guardian(relation, fp, mp, surname, address)

        if rng.random() < _POOR_RATE.get(scenario, _BASE_POOR_RATE):
            categories.add(Category.POOR.value)

        aid: set[str] = set()
        if Category.POOR in categories:
            if rng.random() < 0.7:
                aid.add(Aid.DIBAO.value)
            if rng.random() < 0.15:
                aid.add(Aid.TEMPORARY.value)
            if rng.random() < 0.05:
                aid.add(Aid.HOUSING.value)
        elif rng.random() < 0.01:
            aid.add(Aid.TEMPORARY.value)
        if Category.ORPHAN in categories or Category.UNSUPPORTED in categories:
            aid.add(Aid.OTHER.value)  # 孤儿 / 事实无人抚养儿童基本生活费
            if rng.random() < 0.5:
                aid.add(Aid.DIBAO.value)
        if scenario == "one_away_ill" and rng.random() < 0.5:
            aid.add(Aid.MEDICAL.value)

        income: set[str] = set()
        if father.away or mother.away:
            income.add(IncomeSource.MIGRANT_WORK.value)
        if rng.random() < (0.85 if home_parent is not None else 0.55):
            income.add(IncomeSource.FARMING.value)
        if aid:
            income.add(IncomeSource.GOVERNMENT_AID.value)
        vulnerable = Category.ORPHAN in categories or Category.UNSUPPORTED in categories
        if rng.random() < (0.7 if vulnerable else 0.03):
            income.add(IncomeSource.RELATIVES.value)
        if rng.random() < 0.04:
            income.add(IncomeSource.OTHER.value)
        if not income:
            income.add(IncomeSource.FARMING.value)

        care_level = "vulnerable" if vulnerable and care != "nobody" else care
        family = _Family(
            scenario=scenario,
            kind=kind,
            surname=surname,
            ethnicity=ethnicity,
            address=address,
            categories=_ordered(categories, Category),
            aid=_ordered(aid, Aid),
            income_sources=_ordered(income, IncomeSource),
            father=father,
            mother=mother,
            guardian=guardian,
            care=care_level,
            who=who,
            youngest_parent_age=min(a for a in (fp.age, mp.age) if a is not None),
        )
        self._family_status(family)
        return family

    def _family_status(self, family: _Family) -> None:
        """Transfers and the end of being left-behind concern the whole family."""
        rng = self.rng
        r = rng.random()
        if r < 0.02:
            family.status = Status.TRANSFERRED_OUT.value
            work_city = family.father.work_city or family.mother.work_city
            if work_city and rng.random() < 0.6:
                family.status_reason = f"随父母到{work_city}就读"
            else:
                family.status_reason = _choice(
                    rng,
                    ("转学至县城小学", "随家人搬迁，转入外地学校", f"转入{self.township}中心小学"),
                )
            family.status_date = self.today - dt.timedelta(days=_randint(rng, 10, 330))
        elif r < 0.04 and family.kind != LeftBehindKind.NOT_LEFT_BEHIND:
            # The archive keeps the parents' records as they were while the child was left
            # behind; the status says who came home, some months after they had left.
            away = [p for p in (family.father, family.mother) if p.away]
            left = max(dt.date(int(p.left_since[:4]), int(p.left_since[5:7]), 1) for p in away)
            earliest = max(left + dt.timedelta(days=120), self.today - dt.timedelta(days=330))
            latest = self.today - dt.timedelta(days=10)
            if earliest > latest:
                return
            family.status = Status.NO_LONGER_LEFT_BEHIND.value
            if len(away) == 2:
                options = ("父母返乡就业", "母亲返乡照顾孩子", "父亲返乡创业")
            else:
                who = away[0].role
                options = (f"{who}返乡就业", f"{who}回县城务工，每天回家", f"{who}返乡照顾孩子")
            family.status_reason = _choice(rng, options)
            family.status_date = earliest + dt.timedelta(
                days=_below(rng, (latest - earliest).days + 1)
            )

    # -- child

    def _entry_date(self, grade: int) -> dt.date:
        return dt.date(self.year_start - grade + 1, 9, 1)

    def _birth(self, grade: int) -> dt.date:
        """Grade 1 children are 6 on 1 September of the school year (7 if they started late)."""
        older = 1 if self.rng.random() < _OLDER_THAN_GRADE_RATE else 0
        first = dt.date(self.year_start - 6 - grade - older, 9, 2)
        last = dt.date(self.year_start - 5 - grade - older, 9, 1)
        return first + dt.timedelta(days=_below(self.rng, (last - first).days + 1))

    def _sibling_family(self) -> tuple[_Family, int, dt.date] | None:
        rng = self.rng
        family = _choice(rng, self.families[-300:])
        if len(family.grades) >= 3 or family.scenario == "home_poor":
            return None
        if len(family.grades) == 1 and rng.random() < 0.1:  # twins
            return family, family.grades[0], family.births[0]
        grade = _randint(rng, 1, self.top_grade)
        if grade in family.grades:
            return None
        birth = self._birth(grade)
        if any(abs((birth - other).days) < 300 for other in family.births):
            return None
        if family.youngest_parent_age - age_on(birth, self.today) < 20:
            return None
        if family.status_date is not None and family.status_date < self._entry_date(grade):
            return None
        return family, grade, birth

    def child(self) -> DemoChild:
        rng = self.rng
        picked = self._sibling_family() if self.families and rng.random() < _SIBLING_RATE else None
        if picked is not None:
            family, grade, birth = picked
            sibling = True
        else:
            grade = _randint(rng, 1, self.top_grade)
            birth = self._birth(grade)
            family = self._new_family(birth)
            self.families.append(family)
            sibling = False
        sex = Sex.MALE if rng.random() < 0.52 else Sex.FEMALE
        given = self._given_name(sex, family.given_names)
        family.given_names.append(given)
        family.births.append(birth)
        family.grades.append(grade)

        class_no = _randint(rng, 1, DEFAULT_CLASSES_PER_GRADE)
        seat = self.seats.get((grade, class_no), 0) + 1
        self.seats[(grade, class_no)] = seat
        entry = self._entry_date(grade)
        student_no = f"{entry.year}{self.school_code:02d}{class_no:02d}{seat:02d}"

        categories = list(family.categories)
        aid = list(family.aid)
        disability = ""
        health = _CHILD_HEALTH.pick(rng)
        disabled_rate = 0.3 if family.scenario == "home_poor" else _DISABLED_RATE
        if rng.random() < disabled_rate:
            what, health = _choice(rng, _DISABILITIES)
            disability = f"{what} {cn_numeral(_randint(rng, 2, 4))}级"
            categories = _ordered({*categories, Category.DISABLED.value}, Category)
        if (disability or health in _SERIOUS_HEALTH) and rng.random() < 0.4:
            aid = _ordered({*aid, Aid.MEDICAL.value}, Aid)
        income_sources = list(family.income_sources)
        if aid and IncomeSource.GOVERNMENT_AID not in income_sources:
            income_sources = _ordered(
                {*income_sources, IncomeSource.GOVERNMENT_AID.value}, IncomeSource
            )

        status, status_date, status_reason = family.status, family.status_date, family.status_reason
        dropout_from = min(4, self.top_grade)
        if (
            status == Status.ENROLLED
            and grade >= dropout_from
            and rng.random() < 0.01 * self.top_grade / (self.top_grade - dropout_from + 1)
        ):
            status = Status.DROPPED_OUT.value
            status_reason = _choice(
                rng,
                (
                    "厌学，长期不到校，正在劝返",
                    "随亲属外出，多次劝返未果，已书面报告",
                    "家庭困难，在家照顾弟妹，正在劝返",
                ),
            )
            status_date = self.today - dt.timedelta(days=_randint(rng, 10, 200))
        if status_date is not None and status_date < entry:
            status_date = entry

        if grade <= 2:
            boarding_rate = 0.05
        elif grade <= 4:
            boarding_rate = 0.18
        elif grade <= 6:
            boarding_rate = 0.35
        else:
            boarding_rate = 0.6
        boarding = rng.random() < boarding_rate
        phone = self._phone() if grade >= 5 and not boarding and rng.random() < 0.05 else ""

        level = _LEVEL_BY_CARE[family.care].pick(rng)
        good, fair = _TONE_BY_LEVEL[level]
        random_ = rng.random
        texts: list[str] = []
        for pool in _PROFILE_POOLS:  # inlined: this loop is the hot spot of the generator
            r = random_()
            options = pool[0] if r < good else pool[1] if r < fair else pool[2]
            texts.append(options[int(random_() * len(options))])
        moral, habits, intelligence, personality, motivation, learning, psych, rapport = texts

        interests = _choice(rng, _INTERESTS)
        if rng.random() < 0.3:
            second = _choice(rng, _INTERESTS)
            if second != interests:
                interests = f"{interests}，{second}"
        if family.care == "nobody":
            rapport = _choice(rng, ("无人监护，平时独自在家", "无固定监护人，由邻居偶尔照看"))
        else:
            rapport = rapport.format(w=family.who)

        id_number = "" if rng.random() < _MISSING_ID_RATE else self._id_number(birth, sex)
        record = ChildRecord(
            name=family.surname + given,
            sex=sex.value,
            birth_date=birth,
            id_number=id_number,
            ethnicity=family.ethnicity,
            grade=grade,
            class_no=class_no,
            student_no=student_no,
            boarding=boarding,
            hukou_place=self.hukou_place,
            address=family.address,
            phone=phone,
            health=health,
            disability=disability,
            moral=moral,
            habits=habits,
            interests=interests,
            intelligence=intelligence,
            personality=personality,
            motivation=motivation,
            learning_ability=learning,
            guardian_rapport=rapport,
            parent_communication=self._communication(family),
            psych_state=psych,
            left_behind_kind=family.kind,
            categories=categories,
            aid=aid,
            income_sources=income_sources,
            status=status,
            status_date=status_date,
            status_reason=status_reason,
        )
        if sibling:
            father = dataclasses.replace(family.father)
            mother = dataclasses.replace(family.mother)
            guardian = dataclasses.replace(family.guardian)
        else:
            father, mother, guardian = family.father, family.mother, family.guardian
        archive = ChildArchive(child=record, guardian=guardian, father=father, mother=mother)
        last_day = status_date if status_date is not None else self.today
        assessments = self._assessments(family, grade, class_no, level, entry, last_day)
        return DemoChild(archive=archive, assessments=assessments)

    def _communication(self, family: _Family) -> str:
        rng = self.rng
        f, m = family.father, family.mother
        away = [p for p in (f, m) if p.away]
        if not away:
            if family.scenario == "orphan":
                return "父母均已去世"
            if family.scenario == "unsupported":
                return _choice(rng, ("与父母基本没有联系", "父母长期不在身边，很少联系"))
            if family.scenario == "single_home":
                return _choice(rng, (f"与{family.who}同住，沟通较多", f"每天和{family.who}在一起"))
            return _choice(rng, ("与父母同住，沟通较多", "每天与家长在一起，交流正常"))
        who = "父母" if len(away) == 2 else ("爸爸" if away[0] is f else "妈妈")
        best = min((p.contact_frequency for p in away), key=_CONTACT_ORDER.index)
        if best == ContactFrequency.DAILY:
            return f"每天和{who}视频通话"
        if best == ContactFrequency.WEEKLY:
            return _choice(rng, (f"每周与{who}视频一次", f"每周和{who}通一次电话"))
        if best == ContactFrequency.MONTHLY:
            return f"每月和{who}通一两次电话"
        if best in (ContactFrequency.QUARTERLY, ContactFrequency.YEARLY):
            return _choice(rng, ("偶尔通话，沟通较少", f"只有春节才能见到{who}"))
        return _choice(rng, (f"{who}很少打电话回来", f"与{who}几乎没有联系"))

    def _assessments(
        self,
        family: _Family,
        grade: int,
        class_no: int,
        latest_level: int,
        entry: dt.date,
        last_day: dt.date,
    ) -> list[Assessment]:
        rng = self.rng
        first_day = max(self.today - dt.timedelta(days=540), entry)
        if last_day < first_day:
            last_day = first_day
        span = (last_day - first_day).days + 1
        count = min(span, (1, 1, 2, 2, 3)[_below(rng, 5)] if span > 1 else 1)
        drawn: list[dt.date] = []
        for _ in range(count):
            day = first_day + dt.timedelta(days=_below(rng, span))
            weekday = day.weekday()
            if weekday >= 5:  # teachers assess on working days
                friday = day - dt.timedelta(days=weekday - 4)
                if friday >= first_day:
                    day = friday
            drawn.append(day)
        drawn.sort()
        dates = [drawn[0]]
        for day in drawn[1:]:
            if (day - dates[-1]).days >= 30:  # at most one assessment a month
                dates.append(day)

        # Levels from the latest backwards; over time children more often improve.
        levels = [latest_level]
        for _ in range(len(dates) - 1):
            current = levels[-1]
            if rng.random() < 0.25:
                earlier = current - 1 if rng.random() < 0.65 else current + 1
                current = min(4, max(1, earlier))
            levels.append(current)
        levels.reverse()

        # Risk type by guardianship (seed 001): 一类 nobody, 二类 relatives or others, 三类
        # grandparents. The scale is for children with no parent at home; when a capable
        # parent is the guardian we record 三类, the mildest type, since care by a parent is at
        # least as good as by grandparents (suggest_risk_type returns None for this case).
        relation = family.guardian.relation
        if relation == GuardianRelation.NONE:
            risk_type = RiskType.NO_GUARDIAN
        elif relation in (GuardianRelation.RELATIVE, GuardianRelation.OTHER):
            risk_type = RiskType.RELATIVES
        else:
            risk_type = RiskType.GRANDPARENTS
        care_key = family.care  # "vulnerable" (orphans, unsupported) has no pool of its own
        teacher = self.classes.get((grade, class_no), self.staff[0])

        result: list[Assessment] = []
        previous: int | None = None
        for day, level in zip(dates, levels, strict=True):
            if relation == GuardianRelation.NONE:
                assessment = GuardianAssessment.POOR.value
            else:
                assessment = _GUARDIAN_ASSESSMENT_BY_LEVEL[level].pick(rng)
            pool = _REASONS[(level, "any")]
            specific = _REASONS.get((level, care_key))
            if specific and (care_key == "nobody" or rng.random() < 0.7):
                pool = specific
            reasons = _choice(rng, pool)
            if previous is not None and previous != level:
                reasons += "；" + _choice(rng, _BETTER if level > previous else _WORSE)
            result.append(
                Assessment(
                    assessed_on=day,
                    risk_type=int(risk_type),
                    risk_level=level,
                    guardian_assessment=assessment,
                    assessor=teacher if rng.random() < 0.65 else _choice(rng, self.staff),
                    reasons=reasons,
                )
            )
            previous = level
        return result


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


_ORDER: dict[type, tuple[str, ...]] = {
    enum: tuple(member.value for member in enum) for enum in (Category, Aid, IncomeSource)
}
_CONTACT_ORDER = tuple(member.value for member in ContactFrequency)


def _ordered(values: set[str] | list[str], enum: type) -> list[str]:
    """Values in the enum's order (the order the form lists them)."""
    present = set(values)
    return [value for value in _ORDER[enum] if value in present]


def generate_children(n: int, seed: int, today: dt.date, top_grade: int = 6) -> list[DemoChild]:
    """``n`` realistic children of one demo school; same arguments, same children."""
    if n < 0:
        raise ValueError("n must not be negative")
    if not 1 <= top_grade <= MAX_GRADE:
        raise ValueError(f"top_grade must be between 1 and {MAX_GRADE}")
    generator = _Generator(seed, today, top_grade)
    return [generator.child() for _ in range(n)]


def generate_classes(
    seed: int, top_grade: int = 6, classes_per_grade: int = DEFAULT_CLASSES_PER_GRADE
) -> list[DemoClass]:
    """The school's classes, grade by grade, each with a class teacher (班主任) and phone."""
    if not 1 <= top_grade <= MAX_GRADE:
        raise ValueError(f"top_grade must be between 1 and {MAX_GRADE}")
    if not 1 <= classes_per_grade <= 99:
        raise ValueError("classes_per_grade must be between 1 and 99")
    rng = random.Random(seed)
    used: set[str] = set()
    classes: list[DemoClass] = []
    for grade in range(1, top_grade + 1):
        for class_no in range(1, classes_per_grade + 1):
            while True:
                female = rng.random() < 0.65  # most village primary teachers are women
                name = _SURNAMES.pick(rng) + _choice(rng, _MID_FEMALE if female else _MID_MALE)
                if name not in used:
                    used.add(name)
                    break
            phone = f"{_choice(rng, _PHONE_PREFIXES)}{_below(rng, 100_000_000):08d}"
            classes.append(DemoClass(grade, class_no, name, phone))
    return classes


def demo_school(seed: int) -> tuple[str, str]:
    """Name and code of the demo school whose children ``generate_children(…, seed, …)`` makes:
    the central primary school of the children's own township, e.g. ("织金县三塘镇中心小学（示范）",
    "520524901"): the county code plus a school number."""
    generator = _Generator(seed, dt.date(2000, 9, 1), 6)
    name = f"{generator.county.name}{generator.township}中心小学（示范）"
    return name, f"{generator.county.code}{900 + generator.school_code:03d}"


def generate_adults(seed: int, n: int, female_share: float = 0.6) -> list[tuple[str, str]]:
    """``n`` distinct adult names with mobile phones (helpers: teachers, volunteers…)."""
    rng = random.Random(seed * 7919 + 17)
    used: set[str] = set()
    adults: list[tuple[str, str]] = []
    while len(adults) < n:
        female = rng.random() < female_share
        name = _SURNAMES.pick(rng) + _choice(rng, _MID_FEMALE if female else _MID_MALE)
        if name in used:
            if len(used) > 2000:  # the name pools are finite: allow repeats beyond them
                name += _choice(rng, ("大", "小", "二"))
            else:
                continue
        used.add(name)
        adults.append((name, f"{_choice(rng, _PHONE_PREFIXES)}{_below(rng, 100_000_000):08d}"))
    return adults
