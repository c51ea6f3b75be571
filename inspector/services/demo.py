"""A realistic demonstration data set, and a large one for measuring speed at district scale.

``build_demo`` goes through the same services and rules an officer does: sites in several towns of Putuo,
inspections against the built-in templates, and findings in every state of their life (open, ordered, in
rectification, awaiting re-check, failed re-check, extended, overdue, rectified, closed), major hazards among them.
``build_scale`` (in :mod:`inspector.services.demo_scale`) adds a district's worth of realistic data in bulk.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from inspector import workflow as wf
from inspector.creditcode import ALPHABET, check_character
from inspector.services.demo_scale import build_scale
from inspector.services.findings import suggested_description

__all__ = ["build_demo", "build_scale"]

if TYPE_CHECKING:
    from inspector.services import Services

TOWNS = ["长寿路街道", "曹杨新村街道", "长风新村街道", "宜川路街道", "甘泉路街道", "石泉路街道", "万里街道",
         "真如镇街道", "桃浦镇"]
ROADS = ["武宁路", "大渡河路", "铜川路", "真北路", "中山北路", "曹杨路", "金沙江路", "志丹路", "祁连山南路", "桃浦路"]
KINDS = [("餐饮店", "餐饮业", "jiuxiao_xiaofang"), ("便利店", "零售业", "jiuxiao_xiaofang"),
         ("机械加工有限公司", "通用设备制造业", "gongmao_basic"), ("印务有限公司", "印刷业", "youxian_kongjian"),
         ("化工贸易有限公司", "化学品批发", "weihua_shiyong"), ("公寓", "住宿业", "chuzu_fang"),
         ("汽车维修有限公司", "机动车维修", "gongmao_basic"), ("食品有限公司", "食品制造业", "youxian_kongjian")]
NAMES = ["恒达", "华安", "普宁", "金桥", "祥和", "新兴", "宏远", "长丰", "兴旺", "明珠", "同创", "佳禾"]
PEOPLE = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷"]
PROBLEMS = ["疏散通道堆放杂物", "灭火器过期", "电线私拉乱接", "电动自行车室内充电", "燃气报警器缺失",
            "有限空间未设警示标志", "消防电梯前室堆物", "安全出口上锁"]
PLAN = {part: f"{part}：按治理方案落实，专人负责。" for part in wf.PLAN_PARTS}
SCENARIOS = [
    [],
    [wf.ORDER_ISSUED],
    [wf.ORDER_ISSUED, wf.RECTIFICATION_STARTED],
    [wf.ORDER_ISSUED, wf.FEEDBACK],
    [wf.ORDER_ISSUED, wf.FEEDBACK, "recheck_fail"],
    [wf.ORDER_ISSUED, wf.EXTENSION],
    ["overdue"],
    [wf.ORDER_ISSUED, wf.FEEDBACK, "recheck_pass"],
    [wf.ORDER_ISSUED, wf.FEEDBACK, "recheck_pass", wf.CLOSE],
    [wf.ORDER_ISSUED, wf.FEEDBACK, "recheck_pass", wf.CLOSE],
]


def credit_code(rng: random.Random) -> str:
    body = "91310107" + "".join(rng.choice(ALPHABET[:10] + "ABCDEFGH") for _ in range(9))
    return body + check_character(body)


def build_demo(services: Services, today: date | None = None, seed: int = 7) -> dict[str, int]:
    """Fill the database through the services; returns what was added."""
    today = today or date.today()
    rng = random.Random(seed)
    templates = {c["code"]: c for c in services.checklists("template")}
    inspectors = [
        services.add_inspector(name, f"31{rng.randint(10**8, 10**9 - 1)}", "普陀区应急管理局执法大队")
        for name in ("林志明", "沈佳怡", "顾海峰", "周敏")
    ]
    counts = {"sites": 0, "inspections": 0, "findings": 0}
    _fire_campaign(services, today)
    for n in range(36):
        kind, industry, template_code = KINDS[n % len(KINDS)]
        site_id = services.add_site(
            name=f"上海{NAMES[n % len(NAMES)]}{kind}" + (f"（{n // len(NAMES) + 1}号店）" if n >= 12 else ""),
            credit_code=credit_code(rng), address=f"{ROADS[n % len(ROADS)]}{rng.randint(1, 999)}号",
            industry=industry, town=TOWNS[n % len(TOWNS)], grid=f"网格{n % 6 + 1:02d}",
            legal_rep=PEOPLE[n % len(PEOPLE)], contact_person=PEOPLE[(n + 3) % len(PEOPLE)],
            contact_phone=f"139{rng.randint(10**7, 10**8 - 1)}", risk_level="红橙黄蓝"[n % 4],
        )
        counts["sites"] += 1
        template = templates[template_code]
        items = services.checklist_items(template["id"])
        found_on = today - timedelta(days=rng.randint(20, 120))
        pair = rng.sample(inspectors, 2)
        inspection_id = services.start_inspection(
            site_id, template["id"], type=rng.choice(["日常", "专项", "日常", "举报"]),
            unannounced=int(rng.random() < 0.4), campaign="消防安全专项整治" if n % 3 == 0 else None,
            started_at=f"{found_on}T09:30", ended_at=f"{found_on}T11:00",
            inspector1_id=pair[0], inspector2_id=pair[1], place="生产经营场所",
        )
        counts["inspections"] += 1
        bad = set(rng.sample(range(len(items)), 2))
        for k, item in enumerate(items):
            services.record_result(inspection_id, item["id"], "不符合" if k in bad else "符合")
        for j, k in enumerate(sorted(bad)):
            scenario = SCENARIOS[(n * 2 + j) % len(SCENARIOS)]
            _demo_finding(services, rng, today, found_on, site_id, inspection_id, items[k], pair, scenario,
                          major=(n % 7 == 0 and j == 0))
            counts["findings"] += 1
    return counts


def _demo_finding(services: Services, rng: random.Random, today: date, found_on: date, site_id: str,
                  inspection_id: str, item: dict, pair: list[str], scenario: list[str], major: bool) -> None:
    grade = "重大" if major else "一般"
    overdue = scenario == ["overdue"]
    deadline = found_on + timedelta(days=10 if overdue else 60 if major else 30)
    finding_id = services.record_finding(
        description=suggested_description(item), grade=grade,
        found_on=found_on, deadline=deadline,
        plan=PLAN if major else None, category=rng.choice(wf.CATEGORIES), site_id=site_id,
        inspection_id=inspection_id, item_id=item["id"], legal_basis=item.get("legal_basis"),
        requirement="立即整改，并将整改情况书面报告检查机关", location=rng.choice(["一楼大堂", "仓库", "车间", "后厨"]),
        listed_supervision=int(major), inspector_id=pair[0], contact_person=rng.choice(PEOPLE),
        contact_phone=f"139{rng.randint(10**7, 10**8 - 1)}",
    )
    day = found_on
    for step in (["order_issued"] if overdue else scenario):
        day = min(day + timedelta(days=rng.randint(1, 5)), today)
        services.act(finding_id, _demo_event(step, day, deadline, pair))


def _demo_event(step: str, day: date, deadline: date, pair: list[str]) -> wf.Event:
    if step == "recheck_fail":
        return wf.Event(wf.RECHECK, day, {"passed": False, "inspectors": pair,
                                          "deadline": day + timedelta(days=60), "opinion": "仍未整改到位"})
    if step == "recheck_pass":
        return wf.Event(wf.RECHECK, day, {"passed": True, "inspectors": pair, "opinion": "已整改合格"})
    if step == wf.EXTENSION:
        return wf.Event(step, day, {"reason": "需采购消防设施，供货周期长", "deadline": deadline + timedelta(days=45)})
    if step == wf.FEEDBACK:
        return wf.Event(step, day, {"measures": "已清理并落实专人管理", "funds": 3000})
    if step == wf.CLOSE:
        return wf.Event(step, day, {"assessment": "评估报告.pdf", "note": "复查合格，予以销号"})
    return wf.Event(step, day, {"deadline": deadline} if step == wf.ORDER_ISSUED else {})


def _fire_campaign(services: Services, today: date) -> None:
    """The campaign the demo's inspections belong to, as the district would have published it (its id derived
    from its name, the one every device gives it)."""
    from inspector.db import campaigns as campaign_queries
    from inspector.services.campaigns import derived_id

    name = "消防安全专项整治"
    if campaign_queries.campaign(services.store, derived_id(name)) is None:
        services.store.insert("campaigns", {"id": derived_id(name), "name": name, "starts_on": f"{today.year}-01-01",
                                            "ends_on": f"{today.year}-12-31", "issuer": "普陀区安委办",
                                            "criteria": '{"industries": ["餐饮业", "零售业"]}'})
