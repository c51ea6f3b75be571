"""The command line of risk grading, inspection plans and 双随机: ``inspector risk``, ``inspector plan`` and
``inspector draw`` (docs/cli.md). Registered by :func:`register` from :mod:`inspector.cli`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from inspector import draw as dr
from inspector import risk
from inspector.db.plans import SiteFilter
from inspector.errors import InspectorError

Adder = Callable[..., argparse.ArgumentParser]
LEVEL_ARGS = {"red": "红", "orange": "橙", "yellow": "黄", "blue": "蓝", **{v: v for v in risk.LEVELS}}


def _planning(args: argparse.Namespace):
    from inspector.cli import open_services

    return open_services(args.db).planning()


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _day(text: str | None, default: date | None = None) -> date:
    if not text:
        return default or date.today()
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InspectorError(f"日期“{text[:20]}”的写法不对。", "请写成 YYYY-MM-DD，例如 2026-04-01。") from exc


def _filter(args: argparse.Namespace) -> SiteFilter:
    levels = []
    for level in args.level or []:
        if level not in LEVEL_ARGS:
            raise InspectorError(f"风险等级“{level[:10]}”无效。",
                                 "请写 红、橙、黄、蓝（或 red、orange、yellow、blue）。")
        levels.append(LEVEL_ARGS[level])
    return SiteFilter(tuple(levels), args.industry or "", args.town or "", campaign_id=args.campaign or "")


def _filter_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--level", action="append", help="风险等级（可重复）：红/橙/黄/蓝")
    parser.add_argument("--industry", help="行业包含的文字")
    parser.add_argument("--town", help="街镇")
    parser.add_argument("--campaign", help="专项行动编号（inspector campaign list）：只取其目标单位")


# -- risk ---------------------------------------------------------------------------------------------------
def cmd_risk(args: argparse.Namespace) -> int:
    planning = _planning(args)
    if args.action == "assess":
        site = planning.find_site(args.site or "")
        lec = dict(zip("LEC", args.lec, strict=True)) if args.lec else None
        result = planning.assess(site["id"], args.hazard or [], _day(args.on), args.by or "", lec)
        if args.json:
            _print_json(result)
        else:
            parts = "；".join(f"{name} {value:g}" for name, value in result["parts"] if value)
            print(f"已评估：{site['name']} → {result['level']}（{risk.LEVEL_NAMES[result['level']]}），"
                  f"得分 {result['score']}（{parts or '无加分项'}）")
    elif args.action == "history":
        rows = planning.risk_history(planning.find_site(args.site or "")["id"])
        if args.json:
            _print_json(rows)
        for r in [] if args.json else rows:
            print(f"{r['assessed_on']} {r['level']} 得分 {r['score']} {r['method']} {r['assessed_by'] or ''}")
    elif args.action == "due":
        rows = planning.due(_day(args.today), args.within, args.town or "")
        if args.json:
            _print_json(rows)
        for r in [] if args.json else rows:
            when = "待评估" if r["due_on"] is None else (
                f"逾期 {-r['days_left']} 天" if r["days_left"] < 0 else f"{r['due_on']} 到期")
            print(f"[{r['risk_level'] or '—'}] {r['name']}（{r['town'] or ''}）上次检查 {r['last_inspected'] or '无'}，"
                  f"{when}")
    elif args.action == "policy":
        _policy(planning, args)
    return 0


def _policy(planning: Any, args: argparse.Namespace) -> None:
    if args.frequency:
        planning.set_frequencies(dict(zip(risk.LEVELS, args.frequency, strict=True)))
    if args.publish:
        current = planning.policy()
        thresholds = {"factors": dict(zip(("红", "橙", "黄"), args.factors, strict=True)) if args.factors
                      else current["thresholds"]["factors"],
                      "lec": dict(zip(("红", "橙", "黄"), args.lec_thresholds, strict=True)) if args.lec_thresholds
                      else current["thresholds"]["lec"]}
        planning.publish_policy(thresholds, current["frequencies"], date.today())
        print("已生成风险分级标准记录，下次导出数据包时下发给各街镇。")
    policy = planning.policy()
    if args.json:
        _print_json(policy)
        return
    t, f = policy["thresholds"], policy["frequencies"]
    print(f"标准来源：{policy['source']}")
    print("要素评分：红 ≥{红:g}，橙 ≥{橙:g}，黄 ≥{黄:g}，其余为蓝".format(**t["factors"]))
    print("LEC（D 值）：红 ≥{红:g}，橙 ≥{橙:g}，黄 ≥{黄:g}，其余为蓝".format(**t["lec"]))
    print("检查频次：" + "，".join(f"{level} 每 {f[level]} 个月" for level in risk.LEVELS))
    if policy["problem"]:
        print(f"注意：{policy['problem']}")


# -- plan ---------------------------------------------------------------------------------------------------
def cmd_plan(args: argparse.Namespace) -> int:
    planning = _planning(args)
    if args.action == "create":
        if not args.plan or not args.period:
            raise InspectorError("请写出计划名称和期间。",
                                 "例如 inspector plan create 二季度计划 --kind quarter --period 2026-Q2")
        plan_id = planning.create_plan(args.plan, args.kind, args.period, checklist_id=args.checklist,
                                       published=args.publish, criteria=_filter(args).to_json())
        print(plan_id if not args.json else json.dumps({"id": plan_id}))
        return 0
    if args.action == "list":
        rows = planning.plans()
        if args.json:
            _print_json(rows)
        for p in [] if args.json else rows:
            kind = "区下发" if p["kind"] == "published" else "本级"
            print(f"{p['id'][:8]} {p['name']}（{p['starts_on']}—{p['ends_on']}，{kind}）"
                  f"完成 {p['done']}/{p['planned']}")
        return 0
    plan = planning.find_plan(args.plan or "")
    today = _day(args.today)
    if args.action == "adopt":
        plan_id = planning.adopt(plan["id"], _day(args.target) if args.target else None)
        print(f"已按区下发的计划建立本级计划：{plan_id}（{len(planning.progress(plan_id, today)['rows'])} 家单位）")
    elif args.action == "add":
        sites = [planning.find_site(s)["id"] for s in args.site or []]
        target = _day(args.target) if args.target else None
        people = [planning.find_inspector(i)["id"] for i in args.inspector or []]
        if len(people) not in (0, 2):
            raise InspectorError("检查人员应为两名。", "请写两次 --inspector，或都不写（由双随机抽取）。")
        added = planning.add_sites(plan["id"], sites, target, tuple(people) or (None, None)) if sites else \
            planning.add_by_filter(plan["id"], _filter(args), target)
        print(f"已加入计划“{plan['name']}”：{len(added)} 家单位。")
    elif args.action == "show":
        _show(planning.progress(plan["id"], today), args.json)
    elif args.action in ("print", "publication"):
        if not args.out:
            raise InspectorError("请用 --out 指定输出文件（.pdf 或 .xlsx）。")
        writer = planning.print_plan if args.action == "print" else planning.print_publication
        print(f"已生成：{writer(plan['id'], args.out, today, args.font)}")
    return 0


def _show(progress: dict[str, Any], as_json: bool) -> None:
    if as_json:
        _print_json({k: v for k, v in progress.items()})
        return
    from inspector.reports.plans_pdf import plan_rows, plan_totals

    print(progress["plan"]["name"])
    for r in plan_rows(progress):
        print(f"{r['no']:>3} [{r['risk_level']}] {r['site']}（{r['town'] or ''}）{r['inspectors']} "
              f"{r['target_date'] or ''} {r['how']} {r['done']}")
    print(plan_totals(progress))


def cmd_recuse(args: argparse.Namespace) -> int:
    planning = _planning(args)
    inspector = planning.find_inspector(args.inspector)
    planning.add_recusal(inspector["id"], planning.find_site(args.site)["id"], args.reason or "")
    print("已登记回避：抽取时不会为该单位抽到这名检查人员。")
    return 0


# -- draw ---------------------------------------------------------------------------------------------------
def cmd_draw(args: argparse.Namespace) -> int:
    if args.action == "verify":
        return _verify(args.file)
    if args.action is not None or args.file is not None:
        raise InspectorError("用法：inspector draw --sites N [--level …] --out 记录.json",
                             "复核：inspector draw verify 记录.json")
    if not args.sites or not args.out:
        raise InspectorError("请用 --sites 指定抽取数量，用 --out 指定抽取记录文件（.json）。")
    planning = _planning(args)
    plan_id = planning.find_plan(args.plan)["id"] if args.plan else None
    now = datetime.now().astimezone().replace(microsecond=0)
    record = planning.draw(plan_id, args.sites, _filter(args), now, args.seed,
                           _day(args.target) if args.target else None)
    record.pop("draw_id", None)
    _write_new(args.out, json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True))
    names = {c["id"]: c["name"] for c in record["candidates"]}
    people = {i["id"]: i["name"] for i in record["inspectors"]}
    print(f"已从 {len(record['candidates'])} 家单位中抽取 {record['n']} 家（种子：{record['seed']}，"
          f"名单摘要 {record['candidates_sha256'][:16]}…），已加入计划“{record['plan']['name']}”：")
    for n, pick in enumerate(record["result"], 1):
        print(f"  {n}. {names[pick['site_id']]} — {'、'.join(people[i] for i in pick['inspectors'])}")
    print(f"抽取记录：{args.out}（任何人可用 inspector draw verify 复核）")
    return 0


def _write_new(path: Path, text: str) -> None:
    """The record written whole or not at all (a partial file would not verify)."""
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InspectorError(f"无法写入“{path}”：{exc.strerror}。", "请换一个有写权限的文件夹。") from exc


def _verify(path: Path | None) -> int:
    if path is None:
        raise InspectorError("请指定要复核的抽取记录文件，例如 inspector draw verify 抽取记录.json")
    try:
        size = path.stat().st_size
        if size > dr.MAX_FILE:
            raise dr.DrawError(f"“{path.name}”过大，不是本程序写出的抽取记录。")
        record = dr.read(path.read_bytes(), path.name)
    except OSError as exc:
        raise InspectorError(f"无法读取“{path}”：{exc.strerror}。", "请确认文件存在且可读。") from exc
    except dr.DrawError as exc:
        raise InspectorError(str(exc), "请向公示单位索取原始的抽取记录（.json）。") from exc
    problems = dr.verify(record)
    if problems:
        print(f"复核未通过：“{path.name}”", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"复核通过：按记录的输入（{len(record['candidates'])} 家候选单位、{len(record['inspectors'])} 名检查人员、"
          f"种子“{record['seed']}”、算法 {record['algorithm']} 第 {record['algorithm_version']} 版）重新抽取，"
          f"结果与记录一致。")
    return 0


def register(add: Adder) -> None:
    """The three commands, added to the main parser by ``inspector.cli.build_parser``."""
    r = add("risk", cmd_risk, "安全风险分级：评估单位、查看评估记录、到期待检查单位、分级标准和检查频次")
    r.add_argument("action", choices=["assess", "history", "due", "policy"])
    r.add_argument("site", nargs="?", help="单位编号、统一社会信用代码或名称（assess、history）")
    r.add_argument("--hazard", action="append", choices=list(risk.HAZARDS), help="固有危险（可重复）")
    r.add_argument("--lec", nargs=3, type=float, metavar=("L", "E", "C"), help="可选：LEC 评价的 L、E、C")
    r.add_argument("--by", help="评估人")
    r.add_argument("--on", help="评估日期 YYYY-MM-DD（默认今天）")
    r.add_argument("--today", help="due：按此日期计算（默认今天）")
    r.add_argument("--within", type=int, default=30, help="due：列出多少天内到期的单位（默认 30）")
    r.add_argument("--town", help="due：只看某街镇")
    r.add_argument("--frequency", nargs=4, type=int, metavar=("红", "橙", "黄", "蓝"),
                   help="policy：本机的检查频次（月），依次为红、橙、黄、蓝")
    r.add_argument("--publish", action="store_true", help="policy：区里下发分级标准（随数据包到各街镇）")
    r.add_argument("--factors", nargs=3, type=float, metavar=("红", "橙", "黄"), help="policy：要素评分阈值")
    r.add_argument("--lec-thresholds", nargs=3, type=float, metavar=("红", "橙", "黄"), help="policy：LEC 阈值")

    p = add("plan", cmd_plan, "监督检查计划：新建、列出、加入单位、查看进度、打印计划表和抽查结果公示")
    p.add_argument("action", choices=["create", "list", "add", "adopt", "show", "print", "publication"])
    p.add_argument("plan", nargs="?", help="计划编号（或前几位）或名称；create 时为计划名称")
    p.add_argument("--kind", choices=["year", "quarter", "month"], default="quarter", help="create：年度/季度/月度")
    p.add_argument("--period", help="create：2026、2026-Q2 或 2026-03")
    p.add_argument("--checklist", help="create：使用的检查表编号")
    p.add_argument("--publish", action="store_true",
                   help="create：区里下发给各街镇的计划（--level/--industry/--town 为对单位的要求；街镇用 adopt 落实）")
    p.add_argument("--site", action="append", help="add：单位（可重复；不写则按筛选条件加入）")
    p.add_argument("--inspector", action="append", help="add --site：两名检查人员（编号、姓名或执法证号）")
    _filter_flags(p)
    p.add_argument("--target", help="add：计划完成日期（默认计划期末）")
    p.add_argument("--today", help="show/print：按此日期计算进度（默认今天）")
    p.add_argument("--out", type=Path, help="print/publication：输出文件（.pdf 或 .xlsx）")
    p.add_argument("--font", help="print/publication：PDF 字体文件")

    rc = add("recuse", cmd_recuse, "登记回避：某检查人员不得被抽到某单位", json_flag=False)
    rc.add_argument("inspector", help="检查人员编号、姓名或执法证号")
    rc.add_argument("site", help="单位编号、统一社会信用代码或名称")
    rc.add_argument("--reason", required=True, help="回避理由")

    d = add("draw", cmd_draw, "双随机抽取（写出可复核的抽取记录），或复核一份抽取记录：inspector draw verify FILE",
            json_flag=False)
    d.add_argument("action", nargs="?", choices=["verify"], help="verify：复核抽取记录")
    d.add_argument("file", nargs="?", type=Path, help="verify：抽取记录文件（.json）")
    d.add_argument("--sites", type=int, help="抽取单位数 N")
    _filter_flags(d)
    d.add_argument("--plan", help="加入的计划（默认新建本月的双随机抽查计划）")
    d.add_argument("--seed", help="随机种子（默认为抽取时间；也可用事先公布的随机数）")
    d.add_argument("--target", help="计划完成日期（默认计划期末）")
    d.add_argument("--out", type=Path, help="抽取记录文件（.json）")
