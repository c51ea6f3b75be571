"""The district's commands: ``inspector district`` (per-town statistics and 考核, its weighting) and ``inspector
campaign`` (专项整治 records and their progress). Registered by :func:`register` from :mod:`inspector.cli`."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from inspector import assessment
from inspector.errors import RuleError


def _open(args: argparse.Namespace):
    from inspector.cli import open_services

    return open_services(args.db, seed=False)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cmd_district(args: argparse.Namespace) -> int:
    from inspector.services import district

    services = _open(args)
    if args.action == "weights":
        changes = {}
        for pair in args.values:
            label, _, value = pair.partition("=")
            try:
                changes[assessment.key_of(label.strip())] = float(value)
            except ValueError:
                raise RuleError(f"“{pair}”不是“指标=权重”。", "例如：整改率=30") from None
        weights = services.set_assessment_weights(changes) if changes else services.assessment_weights()
        if args.json:
            _print_json(weights)
        else:
            print("；".join(f"{assessment.INDICATORS[k]} {v:g}" for k, v in weights.items()))
        return 0
    if args.out:
        result = services.reports().generate("district", args.out, date_from=args.date_from, date_to=args.date_to,
                                             town=args.town)
        print(f"已生成：{result.path}")
        return 0
    stats = services.district_stats(date_from=args.date_from, date_to=args.date_to, town=args.town)
    if args.json:
        _print_json(stats)
        return 0
    print(f"统计期间：{stats['period']}")
    columns = district.COLUMNS
    print("\t".join(c[1] for c in columns))
    for row in district.table_rows(stats):
        print("\t".join(str(row[k]) for k, _ in columns))
    return 0


def _campaign_fields(args: argparse.Namespace) -> dict[str, Any]:
    fields = {k: getattr(args, k) for k in ("name", "starts_on", "ends_on", "checklist_id", "issuer", "doc_no",
                                            "notes") if getattr(args, k) is not None}
    criteria = {k: getattr(args, k) for k in ("towns", "industries", "risk_levels", "site_ids") if getattr(args, k)}
    if criteria:
        fields["criteria"] = criteria
    return fields


def cmd_campaign(args: argparse.Namespace) -> int:
    services = _open(args)
    action: Callable[[Any, argparse.Namespace], Any] = CAMPAIGN_ACTIONS[args.action]
    result = action(services, args)
    if args.json:
        _print_json(result)
    elif isinstance(result, list):
        for row in result:
            mark = "" if row.get("registered", True) else "（旧名称，未登记）"
            print(f"{row['id']}\t{row['name']}{mark}")
    elif isinstance(result, dict):
        _print_progress(result)
    else:
        print(result)
    return 0


def _need_id(args: argparse.Namespace) -> str:
    if not args.id:
        raise RuleError("请指定专项行动的编号。", "用 `inspector campaign list` 查找编号。")
    return args.id


def _progress(services, args: argparse.Namespace) -> dict[str, Any]:
    campaign_id = _need_id(args)
    if args.out:
        services.reports().generate("campaign", args.out, campaign=campaign_id)
    return services.campaign_progress(campaign_id)


def _print_progress(p: dict[str, Any]) -> None:
    from inspector.services.district import rate_text

    print(f"{p['campaign']['name']}：目标单位 {p['target_sites'] or '—'}，已检查 {p['sites_checked']} 家"
          f"（覆盖率 {rate_text(p['coverage'])}），检查 {p['inspections']} 次；隐患 {p['findings']} 条"
          f"（重大 {p['major']}），已整改 {p['rectified']}，整改率 {rate_text(p['rectification_rate'])}，"
          f"逾期 {p['overdue']}")


CAMPAIGN_ACTIONS: dict[str, Callable[[Any, argparse.Namespace], Any]] = {
    "list": lambda s, a: s.campaigns(),
    "add": lambda s, a: s.save_campaign(_campaign_fields(a)),
    "edit": lambda s, a: s.save_campaign(_campaign_fields(a), _need_id(a)) and "已保存。",
    "delete": lambda s, a: s.delete_campaign(_need_id(a)) or "已删除。",
    "adopt": lambda s, a: f"已登记 {len(s.adopt_campaigns())} 个旧版本填写的专项名称。",
    "progress": _progress,
}


def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the two commands to the parser (``add`` is the one :func:`inspector.cli.build_parser` uses)."""
    district = add("district", cmd_district,
                   "区级统计与考核：各街镇检查、隐患、整改率、逾期、挂牌督办、任务完成、考核得分")
    district.add_argument("action", nargs="?", default="show", choices=["show", "weights"],
                          help="show：统计表（默认）；weights：查看或修改考核权重")
    district.add_argument("values", nargs="*", help="weights：指标=权重，如 整改率=30 任务完成率=20")
    district.add_argument("--from", dest="date_from", help="起始日期 YYYY-MM-DD（默认当年 1 月 1 日）")
    district.add_argument("--to", dest="date_to", help="截止日期 YYYY-MM-DD（默认今天）")
    district.add_argument("--town", help="只看一个街镇")
    district.add_argument("--out", type=Path, help="输出统计考核表（.pdf 或 .xlsx）")
    campaign = add("campaign", cmd_campaign, "专项整治：列出、新建、修改、删除、进展、登记旧名称（新建修改只限区里）")
    campaign.add_argument("action", choices=list(CAMPAIGN_ACTIONS))
    campaign.add_argument("id", nargs="?", help="专项行动编号（edit、delete、progress）")
    campaign.add_argument("--name")
    campaign.add_argument("--from", dest="starts_on", help="开始日期")
    campaign.add_argument("--to", dest="ends_on", help="结束日期")
    campaign.add_argument("--checklist", dest="checklist_id", help="使用的检查表编号")
    campaign.add_argument("--issuer", help="发布单位")
    campaign.add_argument("--doc-no", dest="doc_no", help="文号")
    campaign.add_argument("--notes")
    campaign.add_argument("--town", dest="towns", action="append", help="目标街镇（可多次）")
    campaign.add_argument("--industry", dest="industries", action="append", help="目标行业（可多次）")
    campaign.add_argument("--level", dest="risk_levels", action="append", help="目标风险等级 红/橙/黄/蓝（可多次）")
    campaign.add_argument("--site", dest="site_ids", action="append", help="指定目标单位编号（可多次）")
    campaign.add_argument("--out", type=Path, help="progress：输出进展 PDF")

