"""The forms of one case: 现场检查记录, 责令限期整改指令书 / 限期整改意见书, 整改复查意见书, 重大隐患记录.

Each function takes the case data gathered by ``inspector.services.reports`` and writes one PDF. Missing fields
print as blank lines (as paper forms do) and are listed in ``render.warnings``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Spacer, Table, TableStyle

from inspector.reports.layout import BLANK, Render, build


def _cn_date(iso: str | None) -> str:
    if not iso:
        return "    年  月  日"
    y, m, d = iso[:10].split("-")
    return f"{int(y)}年{int(m)}月{int(d)}日"


def _cn_time(iso: str | None) -> str:
    if not iso or len(iso) < 16:
        return "    年  月  日  时  分"
    return f"{_cn_date(iso)}{int(iso[11:13])}时{int(iso[14:16])}分"


def _signatures(render: Render, data: dict[str, Any], inspector: str, site: str) -> Any:
    """The two inspectors' and the site's signature lines (images, 拒绝签字 or blank lines)."""
    signed = data["signatures"]
    return render.signatures([(inspector, signed.get("inspector1")), (inspector, signed.get("inspector2")),
                              (site, signed.get("site"))])


def _head(render: Render, title: str, number: str) -> list[Any]:
    return [*render.title(title), render.p(number or BLANK, "number"), Spacer(1, 3 * mm)]


def inspection_record(data: dict[str, Any], path: Path, render: Render) -> Path:
    site, inspection = data["site"], data["inspection"]
    first, second = (data["inspectors"] + [{}, {}])[:2]
    story = _head(render, "现场检查记录", data["number"])
    story.append(render.fields([
        ("被检查单位", site.get("name")), ("地址", site.get("address")),
        ("法定代表人（负责人）", site.get("legal_rep")), ("职务", data.get("position")),
        ("联系电话", site.get("contact_phone")), ("检查场所", inspection.get("place") or site.get("address")),
        ("检查时间", f"{_cn_time(inspection.get('started_at'))}至{_cn_time(inspection.get('ended_at'))}"),
    ]))
    story.append(Spacer(1, 4 * mm))
    story.append(render.p(
        f"我们是{render.value('执法机关', data.get('issuer'))}的执法人员"
        f"{render.value('检查人员一', first.get('name'))}、{render.value('检查人员二', second.get('name'))}，"
        f"证件号码为{render.value('执法证号一', first.get('certificate_no'))}、"
        f"{render.value('执法证号二', second.get('certificate_no'))}，这是我们的证件（出示执法证件）。"
        f"现依法对你单位进行现场检查，请予以配合。", "body"))
    story.append(render.p("检查情况：", "plain"))
    if data["findings"]:
        for n, f in enumerate(data["findings"], 1):
            grade = "（重大事故隐患）" if f.get("grade") == "重大" else ""
            where = f"（{f['location']}）" if f.get("location") else ""
            basis = f"依据：{f['legal_basis']}" if f.get("legal_basis") else ""
            story.append(render.p(f"{n}．{f['description']}{where}{grade}。{basis}", "body"))
        story.append(render.p("（以下空白）", "plain"))
    else:
        story.append(render.p("未发现安全生产违法行为和事故隐患。（以下空白）", "body"))
    story.append(Spacer(1, 6 * mm))
    story.append(KeepTogether([
        _signatures(render, data, "检查人员", "被检查单位现场负责人"), render.p(_cn_date(data.get("date")), "right")]))
    return build(path, story, render, title="现场检查记录")


def rectification_order(data: dict[str, Any], path: Path, render: Render) -> Path:
    enforcement = data["kind"] == "enforcement"
    title = "责令限期整改指令书" if enforcement else "限期整改意见书"
    story = _head(render, title, data["number"])
    story.append(render.p(f"{render.value('被检查单位', data['site'].get('name'))}：", "plain"))
    story.append(render.p("经查，你单位存在下列问题：", "body"))
    for n, f in enumerate(data["findings"], 1):
        where = f"（{f['location']}）" if f.get("location") else ""
        story.append(render.p(f"{n}．{f['description']}{where}。", "body"))
    story.append(render.p("（以下空白）", "plain"))
    majors = [str(n) for n, f in enumerate(data["findings"], 1) if f.get("grade") == "重大"]
    if majors:
        story.append(render.p(f"其中第{'、'.join(majors)}项为重大事故隐患。", "body"))
    deadline = data.get("deadline")
    if deadline:
        y, m, d = deadline.split("-")
        when = f"于{y}年{int(m)}月{int(d)}日前"
    else:
        render.warnings.append("缺少“整改期限”，已留空。")
        when = "于____年__月__日前"
    verb = "现责令你单位对上述问题" if enforcement else "请你单位对上述问题"
    story.append(render.p(f"{verb}{when}整改完毕，达到有关法律法规规章和标准规定的要求。整改期间，"
                          "你单位应当采取措施，确保安全生产；由此造成事故的，依法追究有关人员的责任。", "body"))
    if enforcement:
        story.append(render.p(
            f"如果不服本指令，可以依法在60日内向{render.value('复议机关', data.get('review_body'))}申请行政复议，"
            f"或者在6个月内依法向{render.value('人民法院', data.get('court'))}提起行政诉讼，"
            "但本指令不停止执行，法律另有规定的除外。", "body"))
    else:
        story.append(render.p("逾期未整改或者整改不到位的，将报区应急管理部门依法处理。", "body"))
    story.append(Spacer(1, 6 * mm))
    story.append(KeepTogether([
        _signatures(render, data, "检查人员", "被检查单位负责人"),
        *render.seal(data.get("issuer", ""), _cn_date(data.get("date")))]))
    story.append(Spacer(1, 4 * mm))
    story.append(render.p(f"本文书一式两份：一份由{data.get('issuer') or '检查机关'}存档，一份交被检查单位。", "small"))
    return build(path, story, render, title=title)


def recheck_opinion(data: dict[str, Any], path: Path, render: Render) -> Path:
    story = _head(render, "整改复查意见书", data["number"])
    story.append(render.p(f"{render.value('被检查单位', data['site'].get('name'))}：", "plain"))
    story.append(render.p(
        f"本机关于{_cn_date(data.get('order_date'))}作出了{render.value('整改文书号', data.get('order_number'))}"
        f"《{data.get('order_title', '责令限期整改指令书')}》，经对你单位整改情况进行复查，提出如下意见：", "body"))
    story.append(render.p("一、已整改合格：", "plain"))
    for n, f in enumerate(data["passed"], 1):
        story.append(render.p(f"{n}．{f['description']}", "body"))
    if not data["passed"]:
        story.append(render.p("（无）", "body"))
    story.append(render.p("二、未整改合格：", "plain"))
    for n, f in enumerate(data["failed"], 1):
        story.append(render.p(f"{n}．{f['description']}（新的整改期限：{_cn_date(f.get('deadline'))}前）", "body"))
    if not data["failed"]:
        story.append(render.p("（无）", "body"))
    else:
        story.append(render.p("对未整改合格的问题，请你单位在上述期限内整改完毕，逾期不改的，依法处理。", "body"))
    story.append(Spacer(1, 6 * mm))
    story.append(KeepTogether([
        _signatures(render, data, "复查人员", "被检查单位负责人"),
        *render.seal(data.get("issuer", ""), _cn_date(data.get("date")))]))
    return build(path, story, render, title="整改复查意见书")


def major_hazard(data: dict[str, Any], path: Path, render: Render) -> Path:
    f, site = data["finding"], data["site"]
    story = _head(render, "重大事故隐患治理情况记录", data["number"])
    story.append(render.fields([
        ("单位名称", site.get("name")), ("统一社会信用代码", site.get("credit_code")), ("地址", site.get("address")),
        ("隐患描述", f.get("description")), ("部位", f.get("location")), ("发现日期", f.get("found_on")),
        ("挂牌督办", "是" if f.get("listed_supervision") else "否"), ("整改期限", f.get("current_deadline")),
        ("状态", data.get("status_label")), ("销号日期", f.get("closed_on")),
    ]))
    story.append(Spacer(1, 3 * mm))
    story.append(render.p("治理方案", "left"))
    story.append(render.fields([(part, (f.get("plan") or {}).get(part)) for part in data["plan_parts"]]))
    story.append(Spacer(1, 3 * mm))
    story.append(render.p("治理过程", "left"))
    story.append(render.grid(["日期", "事项", "说明"], [[e["on"], e["label"], e["detail"]] for e in data["events"]],
                             [28 * mm, 30 * mm, 112 * mm]))
    story.extend(photo_pairs(render, data.get("photos", [])))
    return build(path, story, render, title="重大事故隐患治理情况记录")


def photo_pairs(render: Render, photos: list[dict[str, Any]]) -> list[Any]:
    """Photos before and after rectification side by side, each with its caption and time."""
    if not photos:
        return []
    before = [p for p in photos if p["role"].startswith("before")]
    after = [p for p in photos if p["role"].startswith("after")]
    rows = []
    for k in range(max(len(before), len(after))):
        row = []
        for group, label in ((before, "整改前"), (after, "整改后")):
            if k < len(group):
                photo = group[k]
                image = render.image(photo.get("path"), 80 * mm, 60 * mm, f"{label}照片")
                caption = render.p(f"{label}：{photo.get('caption') or ''} {photo.get('taken') or ''}", "small")
                row.append([image, caption] if image else [caption])
            else:
                row.append([render.p(f"{label}：（无照片）", "small")])
        rows.append(row)
    table = Table(rows, colWidths=[86 * mm, 86 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Spacer(1, 4 * mm), render.p("现场照片", "left"), table]
