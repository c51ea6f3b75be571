"""The command line: ``inspector [--db PATH] COMMAND``, the same verbs as the window (see docs/cli.md).

Errors print what is wrong and what to do, and exit with status 2; data is printed as JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from inspector.errors import InspectorError

Handler = Callable[[argparse.Namespace], int]


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


_OPENED: list = []  # the databases this command opened, closed when it ends (see main)


def open_services(db: Path | None, seed: bool = True):
    """Open the database for one command; :func:`main` closes it when the command returns (checkpointed, so the
    file is complete the moment the command ends, also when commands run in one process, as in the tests)."""
    from inspector.services import Services

    services = Services.open(db, seed=seed)
    _OPENED.append(services)
    return services


def _open(args: argparse.Namespace, seed: bool = True):
    return open_services(args.db, seed)


def cmd_init(args: argparse.Namespace) -> int:
    services = _open(args)
    print(f"数据库已就绪：{services.path}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from inspector.services.demo import build_demo, build_scale

    services = _open(args)
    counts = build_demo(services)
    if args.scale:
        scale = build_scale(services, findings=args.scale,
                            progress=lambda done, total: print(f"已生成 {done}/{total} 条隐患…", file=sys.stderr,
                                                               flush=True))
        counts = {k: counts.get(k, 0) + scale.get(k, 0) for k in ("sites", "inspections", "findings")} | {
            "towns": scale["towns"], "events": scale["events"], "scale_findings": args.scale}
    if args.json:
        _print_json(counts)
    else:
        print(f"已生成演示数据：{counts['sites']} 家单位，{counts['inspections']} 次检查，"
              f"{counts['findings']} 条隐患。")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    stats = _open(args).stats()
    if args.json:
        _print_json(stats)
        return 0
    f = stats["findings"]
    rate = "—" if f["rectification_rate"] is None else f"{f['rectification_rate']:.1%}"
    print(f"工作清单 {stats['checklists']} 份，任务 {stats['tasks']} 项；单位 {stats['sites']} 家；"
          f"检查 {stats['inspections']} 次")
    print(f"隐患 {f['total']} 条（一般 {f['by_grade']['一般']}，重大 {f['by_grade']['重大']}），逾期 {f['overdue']}，"
          f"整改率 {rate}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    services = _open(args, seed=False)
    problems = services.check()
    pending = services.backups().wal_pending()
    warnings = [f"“{services.path.name}-wal”中还有 {pending} 页修改尚未写入主文件（有程序正在使用该数据库）："
                "此时单独复制 .db 文件会丢失这些修改。请用 `inspector backup` 备份，或先退出程序再复制。"
                ] if pending else []
    if args.json:
        _print_json({"ok": not problems, "problems": problems, "warnings": warnings})
    else:
        print("\n".join(problems) if problems else "数据库和附件文件完好。")
        for warning in warnings:
            print(f"注意：{warning}")
    return 1 if problems else 0


def cmd_backup(args: argparse.Namespace) -> int:
    def progress(percent: int, text: str) -> None:
        print(f"[{percent:3d}%] {text}", file=sys.stderr)

    path, count = _open(args, seed=False).backups().full(args.out, progress)
    if args.json:
        _print_json({"path": str(path), "attachments": count})
    else:
        print(f"已备份：{path}（数据库和 {count} 个附件）。请把它复制到另一个磁盘或 U 盘保存。")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Restores without opening the current database first: it may be the damaged file being replaced."""
    from inspector.paths import default_db_path
    from inspector.services.backup import restore

    target = args.db or default_db_path()
    result = restore(args.file, target)
    info = result.info
    if args.json:
        _print_json({"database": str(target), "kept": str(result.kept) if result.kept else None,
                     "attachments_added": result.attachments_added, "last_change": info.last_change,
                     "findings": info.findings, "sites": info.sites, "notes": result.notes})
        return 0
    print(f"已从“{args.file.name}”恢复：{target}（最后修改 {info.last_change or '—'}，"
          f"单位 {info.sites} 家，隐患 {info.findings} 条；补回附件 {result.attachments_added} 个）")
    if result.kept:
        print(f"原数据库已保留为：{result.kept}")
    for note in result.notes:
        print(f"注意：{note}")
    return 0


def cmd_parse(args: argparse.Namespace) -> int:
    from inspector.docimport import parse_file

    outline = parse_file(args.file)
    if args.json:
        _print_json(outline.to_json())
    else:
        for node in outline.items:
            lead = "、".join(u.name for u in node.units if u.role == "lead")
            support = "、".join(u.name for u in node.units if u.role == "support")
            units = "；".join(x for x in (lead, f"配合：{support}" if support else "") if x)
            indent = {"section": "", "subsection": "  ", "task": "    ", "subtask": "      "}[node.kind]
            print(f"{indent}{node.number} {node.title}" + (f"（{units}）" if units else ""))
        for warning in outline.warnings:
            print(f"注意：{warning}", file=sys.stderr)
    return 0


def cmd_import_doc(args: argparse.Namespace) -> int:
    result = _open(args).import_document(args.file)
    if args.json:
        _print_json(result.to_json())
    elif result.duplicate:
        print(f"该文件已导入过（清单 {result.checklist_id}），未重复导入。")
    else:
        c = result.counts
        print(f"已导入：清单 {result.checklist_id}（第 {result.version} 版），{c['sections']} 个部分，"
              f"{c['subsections']} 个小节，{c['tasks']} 项任务。")
        for key, label in (("added", "新增"), ("removed", "删除"), ("reworded", "改写")):
            if result.changes.get(key):
                print(f"  与上一版相比{label}任务：{'、'.join(result.changes[key])}")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    services = _open(args)
    rows = services.checklists() if args.what == "checklists" else services.list_records(args.what)
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            print(row["id"], row.get("name") or row.get("description") or "")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    services = _open(args)
    params = {"inspection_id": args.inspection, "finding_id": args.finding, "site_id": args.site,
              "checklist_id": args.checklist, "date_from": args.date_from, "date_to": args.date_to,
              "town": args.town, "status": args.status, "grade": args.grade, "campaign": args.campaign}

    def progress(percent: int, text: str) -> None:
        print(f"[{percent:3d}%] {text}", file=sys.stderr)

    result = services.reports().generate(args.kind, args.out, font_file=args.font, progress=progress, **params)
    if args.json:
        _print_json({"path": str(result.path), "number": result.number, "warnings": result.warnings})
    else:
        print(f"已生成：{result.path}" + (f"（{result.number}）" if result.number else ""))
        for warning in result.warnings:
            print(f"注意：{warning}", file=sys.stderr)
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    """Batch work of the 检查 page: an inspection's orders at once, all its documents, every overdue order."""
    from datetime import date

    services = _open(args)

    def progress(percent: int, text: str) -> None:
        print(f"[{percent:3d}%] {text}", file=sys.stderr)

    if args.action != "print-overdue" and not args.inspection:
        raise InspectorError(f"“{args.action}”需要指定 --inspection。", "用 `inspector list inspections` 查找编号。")
    if args.action == "issue-orders":
        on = date.fromisoformat(args.on) if args.on else date.today()
        ids = services.issue_orders(args.inspection, on, args.doc_no or "", progress)
        result: dict[str, Any] = {"ordered": ids, "doc_no": services.order_number_known(args.inspection)}
        text = f"已对 {len(ids)} 条隐患下发{services.order_title()}（{result['doc_no']}）"
    else:
        if not args.out:
            raise InspectorError(f"“{args.action}”需要指定 --out（输出的 PDF 文件）。")
        path = (services.print_inspection(args.inspection, args.out, progress) if args.action == "print-inspection"
                else services.print_overdue_orders(args.out, progress=progress))
        result, text = {"path": str(path)}, f"已生成：{path}"
    if args.json:
        _print_json(result)
    else:
        print(text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    result = _open(args).sync().export(args.to, args.out, full=args.full, encrypt=args.encrypt)
    if args.json:
        _print_json(result)
    else:
        total = sum(result["counts"].values())
        print(f"已导出数据包：{result['path']}（第 {result['seq']} 号，{total} 条记录，"
              f"{result['attachments']} 个附件）")
    return 0


def cmd_import_package(args: argparse.Namespace) -> int:
    receipt = None if args.dry_run else (args.receipt or args.file.with_suffix(".receipt"))
    report = _open(args).sync().import_package(args.file, dry_run=args.dry_run, receipt_out=receipt)
    if args.json:
        _print_json(report.to_json())
        return 0
    if report.duplicate:
        print("该数据包已导入过，未做任何改动。")
        return 0
    print(("预览（未写入）：" if report.dry_run else "已导入：") + f"来自 {report.sender} 的第 {report.seq} 号数据包")
    for table, c in report.tables.items():
        print(f"  {table}: 新增 {c['new']}，更新 {c['changed']}，未变 {c['unchanged']}，冲突 {c['conflicts']}，"
              f"拒绝 {c['refused']}")
    for r in report.refused:
        print(f"  拒绝 {r['table']} {r['id'][:8]}：{r['reason']}")
    if report.receipt:
        print(f"回执：{report.receipt}（请交回发送方导入）")
    return 0


def cmd_receipt(args: argparse.Namespace) -> int:
    result = _open(args).sync().import_receipt(args.file)
    if args.json:
        _print_json(result)
    else:
        print(f"已确认：{result['peer']} 已收到第 {result['seq']} 号数据包。")
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    services = _open(args)
    sync = services.sync()
    if args.action == "export":
        if not args.file:
            raise InspectorError("请指定输出文件，例如 inspector keys export 本机.json")
        print(f"本机身份已写入：{sync.export_identity(args.file)}")
    elif args.action == "trust":
        if not args.file:
            raise InspectorError("请指定对方的身份文件（.json）或数据包（.inspx）。")
        identity = sync.identity_from_file(args.file)
        sync.add_peer(identity, role=args.role, replace_district=args.replace_district)
        from inspector.sync.keys import fingerprint

        role = sync.peer(identity["device"])["role"]
        print(f"已信任“{identity.get('name')}”（{'区' if role == 'district' else '街镇'}），"
              f"指纹 {fingerprint(identity['sign_public'])}（请与对方核对）。")
    elif args.action == "revoke":
        sync.revoke(str(args.file))
        print("已吊销。")
    elif args.action == "unrevoke":
        sync.unrevoke(str(args.file))
        print("注意：已撤销吊销，该设备的数据包将重新被接受。")
    elif args.action == "role":
        if args.file:
            if str(args.file) not in ("town", "district"):
                raise InspectorError("本机角色只能是 town（街镇）或 district（区）。")
            services.set_setting("role", str(args.file))
        print(f"本机角色：{sync.identity()['role']}")
    else:
        rows = sync.overview()
        if args.json:
            _print_json({"me": sync.identity(), "peers": rows})
        else:
            for r in rows:
                state = "已吊销" if r["revoked"] else ("受信任" if r["trusted"] else "未信任")
                gaps = f"，缺少第 {r['gaps']} 号" if r["gaps"] else ""
                print(f"{r['name']}（{r['device'][:8]}）{state} 指纹 {r['fingerprint']}；已收到 {r['received']}{gaps}")
    return 0


CHECKLIST_HELP = "清单编号；all：全部当前工作清单中本街镇的任务"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inspector", description="街镇安全检查：工作任务清单、隐患闭环、报表与同步")
    parser.add_argument("--db", type=Path, help="数据库文件（默认在用户数据文件夹；也可设 INSPECTOR_DB）")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Handler, help_text: str, json_flag: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        if json_flag:
            p.add_argument("--json", action="store_true", help="以 JSON 输出")
        p.set_defaults(handler=handler)
        return p

    add("init", cmd_init, "创建数据库并装入内置检查表和示例文件", json_flag=False)
    add("demo", cmd_demo, "生成演示数据").add_argument("--scale", type=int, default=0, help="另加 N 条隐患（测速用）")
    add("stats", cmd_stats, "统计：清单、任务、单位、检查、隐患、逾期、整改率")
    add("check", cmd_check, "检查数据库和附件文件的完整性")
    add("backup", cmd_backup, "备份数据库和全部附件到一个 .inspbak 文件").add_argument(
        "--out", type=Path, help="备份文件（默认在数据库旁的 backups 文件夹）")
    add("restore", cmd_restore, "检查备份文件并用它替换当前数据库（原数据库保留在 backups 文件夹）").add_argument(
        "file", type=Path, help=".inspbak 备份文件或 backups 文件夹中的 .db 文件")
    add("parse", cmd_parse, "解析工作意见文件（不写数据库）").add_argument("file", type=Path)
    add("import-doc", cmd_import_doc, "导入工作意见文件为任务清单").add_argument("file", type=Path)
    report = add("report", cmd_report, "生成文书或报表（PDF；台账、任务落实情况表、统计表也可 .xlsx）")
    report.add_argument("kind", choices=["inspection-record", "rectification-order", "recheck-opinion",
                                         "major-hazard", "ledger", "task-progress", "site-file", "statistics",
                                         "district", "campaign"])
    report.add_argument("--out", type=Path, required=True,
                        help="输出文件（.pdf；检查文书也可 .docx；台账等表格也可 .xlsx）")
    for flag in ("inspection", "finding", "site", "checklist", "town", "status", "grade", "campaign", "font"):
        report.add_argument(f"--{flag}", help=CHECKLIST_HELP if flag == "checklist" else None)
    report.add_argument("--from", dest="date_from", help="起始日期 YYYY-MM-DD")
    report.add_argument("--to", dest="date_to", help="截止日期 YYYY-MM-DD")
    export = add("export", cmd_export, "导出数据包给对方设备")
    export.add_argument("--to", required=True, help="对方设备名称")
    export.add_argument("--out", type=Path, required=True, help="输出 .inspx 文件")
    export.add_argument("--full", action="store_true", help="全部数据（默认只导出对方确认后的变化）")
    export.add_argument("--encrypt", action=argparse.BooleanOptionalAction, default=None,
                        help="用对方公钥加密（默认：已知对方公钥时加密；--no-encrypt 不加密）")
    imp = add("import-package", cmd_import_package, "校验并导入数据包（生成回执）")
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="只预览，不写入")
    imp.add_argument("--receipt", type=Path, help="回执文件（默认与数据包同名 .receipt）")
    receipt = add("receipt", cmd_receipt, "导入对方回执")
    receipt.add_argument("action", choices=["import"])
    receipt.add_argument("file", type=Path)
    keys_parser = add("keys", cmd_keys, "本机身份与受信任设备")
    keys_parser.add_argument("action", choices=["list", "export", "trust", "revoke", "unrevoke", "role"])
    keys_parser.add_argument("file", nargs="?", type=Path,
                             help="身份文件/数据包（trust）、输出文件（export）、设备 id 或名称（revoke、unrevoke）"
                                  "或本机角色 town/district（role）")
    keys_parser.add_argument("--role", choices=["town", "district"],
                             help="trust：对方的角色（默认：本机是区则为街镇，本机是街镇则为区）")
    keys_parser.add_argument("--replace-district", action="store_true",
                             help="trust：更换本街镇信任的区级密钥（旧密钥不再受信任）")
    batch = add("batch", cmd_batch, "批量：一次检查的隐患全部下发整改、打印一次检查的全部文书、打印逾期未改的整改文书")
    batch.add_argument("action", choices=["issue-orders", "print-inspection", "print-overdue"])
    batch.add_argument("--inspection", help="检查编号（issue-orders、print-inspection）")
    batch.add_argument("--out", type=Path, help="输出 PDF（print-inspection、print-overdue）")
    batch.add_argument("--on", help="issue-orders：下发日期 YYYY-MM-DD（默认今天）")
    batch.add_argument("--doc-no", help="issue-orders：文书号（默认自动编号）")

    from inspector import cli_plans

    cli_plans.register(add)
    add("list", cmd_list, "列出记录").add_argument("what", choices=["checklists", "inspections", "findings", "sites"])
    from inspector import cli_district

    cli_district.register(add)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except InspectorError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        if exc.hint:
            print(exc.hint, file=sys.stderr)
        return 2
    finally:
        while _OPENED:
            _OPENED.pop().close()


if __name__ == "__main__":
    sys.exit(main())
