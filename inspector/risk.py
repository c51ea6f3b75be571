"""安全风险分级管控: the assessment method, the district's policy and the inspection frequency per level.

Pure functions, no database (see docs/risk.md for the method as the officers read it). A level is *assessed*:
the inputs (industry, inherent hazards, the site's hazard history, optionally an LEC estimate) give a score,
the policy's thresholds turn the score into 红/橙/黄/蓝, and the level gives the default interval between
inspections (分级分类监管). The policy is the district's: it travels to the towns as a record, and anything
that arrives in it is checked here before it is used.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

LEVELS = ("红", "橙", "黄", "蓝")  # highest first
LEVEL_NAMES = {"红": "重大风险", "橙": "较大风险", "黄": "一般风险", "蓝": "低风险"}
LEVEL_COLOURS = {"红": "#e53935", "橙": "#fb8c00", "黄": "#fdd835", "蓝": "#1e88e5"}

# Inherent hazards (固有危险) and their points; the keys are what the command line and the records use.
HAZARDS: dict[str, tuple[str, int]] = {
    "hazchem": ("危险化学品", 30),
    "dust": ("涉爆粉尘", 25),
    "molten_metal": ("高温熔融金属", 25),
    "ammonia": ("涉氨制冷", 25),
    "confined_space": ("有限空间作业", 20),
    "crowded": ("人员密集场所", 20),
    "rental": ("居住出租房/群租", 15),
    "gas": ("燃气使用", 10),
}
# Industry words (in the register's 行业 field) and their points; the first that matches counts.
INDUSTRY_POINTS: tuple[tuple[str, int], ...] = (
    ("化", 20), ("冶金", 15), ("有色", 15), ("铸造", 15), ("建材", 10), ("机械", 10), ("制造", 10),
    ("轻工", 10), ("纺织", 10), ("仓储", 10), ("物流", 10), ("餐饮", 5), ("商贸", 5), ("零售", 5), ("九小", 5),
)
MAJOR_POINTS, MAJOR_CAP = 15, 30  # per 重大隐患 found in the window, at most
ORDINARY_POINTS, ORDINARY_CAP = 1, 10  # per 一般隐患
OVERDUE_POINTS, OVERDUE_CAP = 5, 10  # per finding open past its deadline on the assessment day
HISTORY_YEARS = 3

# LEC (作业条件危险性评价法): the textbook values the officer picks from.
LEC_L = (0.1, 0.2, 0.5, 1, 3, 6, 10)
LEC_E = (0.5, 1, 2, 3, 6, 10)
LEC_C = (1, 3, 7, 15, 40, 100)

DEFAULT_POLICY: dict[str, Any] = {
    "thresholds": {"factors": {"红": 60, "橙": 40, "黄": 20}, "lec": {"红": 320, "橙": 160, "黄": 70}},
    "frequencies": {"红": 1, "橙": 3, "黄": 6, "蓝": 12},  # months between inspections
}
MAX_THRESHOLD = 100_000
MAX_MONTHS = 36


class BadPolicy(ValueError):
    """A policy that cannot be used (what is wrong, in Chinese)."""


@dataclass(frozen=True)
class History:
    """A site's findings over the assessment window, counted at the moment of the assessment."""

    major: int = 0
    ordinary: int = 0
    overdue: int = 0


@dataclass
class Assessment:
    method: str  # "factors", or "lec" when an LEC estimate was given (the higher level counts)
    inputs: dict[str, Any]
    score: float
    level: str
    parts: list[tuple[str, float]] = field(default_factory=list)  # what the score is made of, for people


def industry_points(industry: str | None) -> int:
    for word, points in INDUSTRY_POINTS:
        if word in (industry or ""):
            return points
    return 0


def check_policy(policy: Any) -> dict[str, Any]:
    """A policy as it may be used, or :class:`BadPolicy`: thresholds positive and falling from 红 to 黄,
    frequencies whole months from 1 to 36 for every level."""
    if not isinstance(policy, dict):
        raise BadPolicy("风险分级标准不是对象")
    thresholds = policy.get("thresholds")
    if not isinstance(thresholds, dict):
        raise BadPolicy("缺少分级阈值")
    out: dict[str, Any] = {"thresholds": {}, "frequencies": {}}
    for method, defaults in DEFAULT_POLICY["thresholds"].items():
        given = thresholds.get(method, defaults)
        values = [given.get(level) if isinstance(given, dict) else None for level in ("红", "橙", "黄")]
        if not all(_number(v) and 0 < v <= MAX_THRESHOLD for v in values) or not values[0] > values[1] > values[2]:
            raise BadPolicy(f"“{method}”的阈值应为正数且红＞橙＞黄")
        out["thresholds"][method] = dict(zip(("红", "橙", "黄"), values, strict=True))
    frequencies = policy.get("frequencies", DEFAULT_POLICY["frequencies"])
    for level in LEVELS:
        months = frequencies.get(level) if isinstance(frequencies, dict) else None
        if not (isinstance(months, int) and not isinstance(months, bool) and 1 <= months <= MAX_MONTHS):
            raise BadPolicy(f"“{level}”级的检查频次应为 1 到 {MAX_MONTHS} 个月")
        out["frequencies"][level] = months
    return out


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def level_of(score: float, thresholds: dict[str, float]) -> str:
    for level in ("红", "橙", "黄"):
        if score >= thresholds[level]:
            return level
    return "蓝"


def lec_score(lec: dict[str, Any]) -> float:
    """D = L × E × C from the textbook tables; any other value is refused."""
    values = []
    for key, allowed in (("L", LEC_L), ("E", LEC_E), ("C", LEC_C)):
        value = lec.get(key)
        if not _number(value) or value not in allowed:
            raise ValueError(f"LEC 的 {key} 值应为 {'、'.join(map(_fmt, allowed))} 之一")
        values.append(value)
    return round(values[0] * values[1] * values[2], 4)


def assess(industry: str | None, hazards: list[str], history: History, policy: dict[str, Any],
           lec: dict[str, Any] | None = None) -> Assessment:
    """Score a site: industry + inherent hazards + history (capped), then the policy's thresholds; with an
    LEC estimate the higher of the two levels counts (从严取高)."""
    unknown = [h for h in hazards if h not in HAZARDS]
    if unknown:
        raise ValueError(f"不认识的固有危险“{unknown[0]}”，可选：{'、'.join(HAZARDS)}")
    chosen = sorted(set(hazards), key=list(HAZARDS).index)
    parts: list[tuple[str, float]] = [(f"行业（{industry or '未填'}）", industry_points(industry))]
    parts += [(HAZARDS[h][0], HAZARDS[h][1]) for h in chosen]
    parts += [("重大隐患记录", min(history.major * MAJOR_POINTS, MAJOR_CAP)),
              ("一般隐患记录", min(history.ordinary * ORDINARY_POINTS, ORDINARY_CAP)),
              ("逾期未改", min(history.overdue * OVERDUE_POINTS, OVERDUE_CAP))]
    score = float(sum(p for _, p in parts))
    level = level_of(score, policy["thresholds"]["factors"])
    inputs: dict[str, Any] = {"industry": industry or "", "hazards": chosen,
                              "history": {"major": history.major, "ordinary": history.ordinary,
                                          "overdue": history.overdue, "years": HISTORY_YEARS}}
    method = "factors"
    if lec:
        d = lec_score(lec)
        inputs["lec"] = {"L": lec["L"], "E": lec["E"], "C": lec["C"], "D": d}
        parts.append(("LEC 评价 D 值", d))
        lec_level = level_of(d, policy["thresholds"]["lec"])
        method = "lec"
        if LEVELS.index(lec_level) < LEVELS.index(level):
            level = lec_level
    return Assessment(method, inputs, score, level, parts)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has fewer days (1月31日 → 2月28日)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(level: str | None, last: date | None, frequencies: dict[str, int], today: date) -> date | None:
    """When a site is next due: its last inspection plus its level's interval; never inspected → today.
    A site without a level has no due date (it must be assessed first)."""
    if level not in frequencies:
        return None
    return today if last is None else add_months(last, frequencies[level])


def _fmt(value: float) -> str:
    return f"{value:g}"
