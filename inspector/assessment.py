"""考核: a town's score from its figures and an editable weighting (docs/assessment.md).

Each indicator is a ratio from 0 to 1; one whose denominator is zero (nothing planned, nothing found, no task
assigned) is left out and the remaining weights are scaled up to 100, so a town is neither rewarded nor
punished for what did not happen. Pure functions: the figures come from :mod:`inspector.db.district`.
"""

from __future__ import annotations

import json
from typing import Any

from inspector.errors import RuleError

INDICATORS = {
    "inspections": "检查完成率",  # inspections done ÷ planned (at most 1)
    "rectification": "整改率",  # rectified ÷ found
    "overdue": "逾期控制",  # 1 − overdue ÷ found
    "listed": "挂牌督办整改率",  # rectified ÷ major hazards under 挂牌督办
    "tasks": "任务完成率",  # work-plan tasks completed ÷ assigned
}
DEFAULT_WEIGHTS = {"inspections": 30.0, "rectification": 30.0, "overdue": 15.0, "listed": 10.0, "tasks": 15.0}
SETTING = "assessment_weights"


def ratio(part: int, whole: int | None) -> float | None:
    """part ÷ whole, or None for a zero (or unknown) denominator — shown “—”, never 100%."""
    if not whole:
        return None
    return min(part / whole, 1.0)


def indicators(row: dict[str, Any]) -> dict[str, float | None]:
    """The five ratios of one town's figures (keys as in :data:`INDICATORS`)."""
    found = row["ordinary"] + row["major"]
    late = ratio(row["overdue"], found)
    return {"inspections": ratio(row["done"], row["planned"]), "rectification": ratio(row["rectified"], found),
            "overdue": None if late is None else 1.0 - late, "listed": ratio(row["listed_rectified"], row["listed"]),
            "tasks": ratio(row["tasks_done"], row["tasks"])}


def score(values: dict[str, float | None], weights: dict[str, float]) -> float | None:
    """Σ weight × indicator over the indicators that exist, scaled to 100; None when none exists."""
    present = {k: v for k, v in values.items() if v is not None and weights.get(k, 0) > 0}
    total = sum(weights[k] for k in present)
    if not total:
        return None
    return round(100 * sum(weights[k] * v for k, v in present.items()) / total, 1)


def parse_weights(raw: str | None) -> dict[str, float]:
    """The weighting stored in the settings, or the default; a damaged setting falls back to the default."""
    if not raw:
        return dict(DEFAULT_WEIGHTS)
    try:
        return check_weights(json.loads(raw))
    except (ValueError, RuleError):
        return dict(DEFAULT_WEIGHTS)


def check_weights(weights: Any) -> dict[str, float]:
    """Known indicators only, each a number from 0 to 100, not all zero."""
    if not isinstance(weights, dict):
        raise RuleError("考核权重格式不对。", "请按“指标=权重”填写，例如 整改率=30。")
    out = dict(DEFAULT_WEIGHTS)
    for key, value in weights.items():
        if key not in INDICATORS:
            raise RuleError(f"未知的考核指标“{str(key)[:20]}”。", "可用：" + "、".join(INDICATORS.values()))
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise RuleError(f"“{INDICATORS[key]}”的权重应为 0 到 100 之间的数。")
        out[key] = float(value)
    if not any(out.values()):
        raise RuleError("考核权重不能全部为 0。")
    return out


def key_of(label: str) -> str:
    """The indicator key of a Chinese label or a key itself (for the command line)."""
    for key, name in INDICATORS.items():
        if label in (key, name):
            return key
    raise RuleError(f"未知的考核指标“{label[:20]}”。", "可用：" + "、".join(INDICATORS.values()))
