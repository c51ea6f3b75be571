"""The forms of one case, after the 2021 national 安全生产执法文书 formats: 现场检查记录, 责令限期整改指令书 (an
enforcement body) / 限期整改意见书 (a town), 整改复查意见书, and the 重大事故隐患治理情况记录.

Each function takes the case data gathered by ``inspector.services.reports`` and returns a
:class:`~inspector.reports.blocks.Form`; :func:`write` renders it as PDF or .docx. Every form opens with the
issuing body's head line above the title and the number line, and ends with the officers' printed names and
执法证号 beside the space where they sign, the unit's 签收 with its date, the seal area of the body that issues
it, and “本文书一式两份…”. Missing fields print as blank lines (as paper forms do) and are listed in the
warnings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspector.reports import wording as w
from inspector.reports.blocks import Fields, Form, Gap, Grid, Para, Photos, Seal, Signatures, SignLine


def _officers(data: dict[str, Any], label: str) -> list[SignLine]:
    """The two officers: printed name and 执法证号 beside the place to sign (the image where one is kept)."""
    people = ([*data.get("inspectors", []), {}, {}])[:2]
    signed = data.get("signatures", {})
    lines = []
    for key, person in zip(("inspector1", "inspector2"), people, strict=True):
        sig = signed.get(key) or {}
        lines.append(SignLine(label, person.get("name") or "", person.get("certificate_no") or "",
                              sig.get("path"), bool(sig.get("refused"))))
    return lines


def _unit_line(data: dict[str, Any], label: str) -> SignLine:
    sig = data.get("signatures", {}).get("site") or {}
    return SignLine(label, image=sig.get("path"), refused=bool(sig.get("refused")), dated=True)


def _form(data: dict[str, Any], title: str) -> Form:
    form = Form(data.get("head") or "", title, data.get("number") or "")
    if not form.head:
        form.warnings.append("缺少“发文机关”（设置 → 所属单位/街镇），文书抬头已留空。")
    return form


def _closing(form: Form, data: dict[str, Any], officer: str, unit: str) -> None:
    form.add(Gap(6), Signatures(_officers(data, officer)),
             Seal(data.get("head") or "", w.cn_date(data.get("date"))),
             Signatures([_unit_line(data, unit)]), Gap(3), Para(w.copies(data.get("head") or ""), "small"))


def inspection_record(data: dict[str, Any]) -> Form:
    site, inspection = data["site"], data["inspection"]
    first, second = ([*data["inspectors"], {}, {}])[:2]
    form = _form(data, "现场检查记录")
    form.add(Fields([
        ("被检查单位", form.value("被检查单位", site.get("name"))), ("地址", form.value("地址", site.get("address"))),
        ("法定代表人（负责人）", form.value("法定代表人（负责人）", site.get("legal_rep"))),
        ("职务", form.value("职务", data.get("position"))),
        ("联系电话", form.value("联系电话", site.get("contact_phone"))),
        ("检查场所", form.value("检查场所", inspection.get("place") or site.get("address"))),
        ("检查时间", f"{w.cn_time(inspection.get('started_at'))}至{w.cn_time(inspection.get('ended_at'))}"),
    ]), Gap(4))
    form.add(Para(
        f"我们是{form.value('执法机关', data.get('head'))}的执法人员"
        f"{form.value('检查人员一', first.get('name'))}、{form.value('检查人员二', second.get('name'))}，"
        f"证件号码为{form.value('执法证号一', first.get('certificate_no'))}、"
        f"{form.value('执法证号二', second.get('certificate_no'))}，这是我们的证件（出示执法证件）。"
        f"现依法对你单位进行现场检查，请予以配合。"), Para("检查情况：", "plain"))
    if data["findings"]:
        for n, f in enumerate(data["findings"], 1):
            grade = "（重大事故隐患）" if f.get("grade") == "重大" else ""
            where = f"（{f['location']}）" if f.get("location") else ""
            basis = w.basis_of(f)
            form.add(Para(f"{n}．{w.problem_of(f)}{where}{grade}。" + (f"依据：{basis}。" if basis else "")))
        form.add(Para("（以下空白）", "plain"))
    else:
        form.add(Para("未发现安全生产违法行为和事故隐患。（以下空白）"))
    form.add(Gap(6), Signatures(_officers(data, "检查人员（签名）")),
             Signatures([_unit_line(data, "被检查单位现场负责人（签名）")]), Gap(3),
             Para(w.copies(data.get("head") or ""), "small"))
    return form


def rectification_order(data: dict[str, Any]) -> Form:
    enforcement = data["kind"] == "enforcement"
    form = _form(data, "责令限期整改指令书" if enforcement else "限期整改意见书")
    form.add(Para(f"{form.value('被检查单位', data['site'].get('name'))}：", "plain"),
             Para("经查，你单位存在下列问题："))
    for n, f in enumerate(data["findings"], 1):
        where = f"（{f['location']}）" if f.get("location") else ""
        form.add(Para(f"{n}．{w.problem_of(f)}{where}。"))
    form.add(Para("（以下空白）", "plain"))
    majors = [str(n) for n, f in enumerate(data["findings"], 1) if f.get("grade") == "重大"]
    if majors:
        form.add(Para(f"其中第{'、'.join(majors)}项为重大事故隐患。"))
    if not data.get("deadline") and not all(f.get("current_deadline") for f in data["findings"]):
        form.warnings.append("缺少“整改期限”，已留空。")
    for sentence in w.basis_sentences(data["findings"], data.get("deadline"), enforcement):
        form.add(Para(sentence))
    form.add(Para(w.consequences(enforcement)))
    if enforcement:
        form.add(Para(w.appeal(data.get("review_body") or "", data.get("court") or "")))
    _closing(form, data, "执法人员（签名）" if enforcement else "检查人员（签名）", "被检查单位负责人（签收）")
    return form


def recheck_opinion(data: dict[str, Any]) -> Form:
    form = _form(data, "整改复查意见书")
    form.add(Para(f"{form.value('被检查单位', data['site'].get('name'))}：", "plain"), Para(
        f"本机关于{w.cn_date(data.get('order_date'))}作出了《{data.get('order_title', '责令限期整改指令书')}》"
        f"（文书号：{form.value('整改文书号', data.get('order_number'))}），经对你单位整改情况进行复查，"
        "提出如下意见："))
    form.add(Para("一、已整改合格：", "plain"))
    for n, f in enumerate(data["passed"], 1):
        form.add(Para(f"{n}．{w.problem_of(f)}。"))
    if not data["passed"]:
        form.add(Para("（无）"))
    form.add(Para("二、未整改合格：", "plain"))
    for n, f in enumerate(data["failed"], 1):
        form.add(Para(f"{n}．{w.problem_of(f)}（新的整改期限：{w.deadline_text(f.get('deadline'))}）。"))
    if data["failed"]:
        form.add(Para("对未整改合格的问题，请你单位在上述期限内整改完毕；整改期间应当采取措施，确保安全生产。"
                      "逾期不改的，依法处理。"))
    else:
        form.add(Para("（无）"))
    _closing(form, data, "复查人员（签名）", "被复查单位负责人（签收）")
    return form


def major_hazard(data: dict[str, Any]) -> Form:
    f, site = data["finding"], data["site"]
    form = _form(data, "重大事故隐患治理情况记录")
    rows = [("单位名称", site.get("name")), ("统一社会信用代码", site.get("credit_code")),
            ("地址", site.get("address")), ("隐患描述", w.problem_of(f)), ("部位", f.get("location")),
            ("依据", w.basis_of(f)), ("发现日期", f.get("found_on")),
            ("挂牌督办", "是" if f.get("listed_supervision") else "否"), ("整改期限", f.get("current_deadline")),
            ("状态", data.get("status_label")), ("销号日期", f.get("closed_on"))]
    form.add(Fields([(label, form.value(label, value)) for label, value in rows]), Gap(3), Para("治理方案", "left"))
    plan = f.get("plan") or {}
    form.add(Fields([(part, form.value(part, plan.get(part))) for part in data["plan_parts"]]), Gap(3),
             Para("治理过程", "left"),
             Grid(["日期", "事项", "说明"], [[e["on"], e["label"], e["detail"]] for e in data["events"]],
                  [28, 30, 112]))
    if data.get("photos"):
        form.add(Gap(4), Para("现场照片", "left"), Photos(data["photos"]))
    form.add(Gap(6), Para(f"填报：{data.get('head') or ''}　　日期：{w.cn_date(data.get('date'))}", "right"))
    return form


WRITERS = {"inspection-record": inspection_record, "rectification-order": rectification_order,
           "recheck-opinion": recheck_opinion, "major-hazard": major_hazard}


def write(kind: str, data: dict[str, Any], path: Path, font_file: str | None = None) -> list[str]:
    """Write form ``kind`` to ``path`` (.docx by its suffix, PDF otherwise); returns the warnings."""
    form = WRITERS[kind](data)
    if path.suffix.lower() == ".docx":
        from inspector.reports.docx_form import write_docx

        write_docx(form, path, font_file)
        return form.warnings
    from inspector.reports.form_pdf import write_pdf
    from inspector.reports.layout import new_render

    render = new_render(font_file)
    write_pdf(form, path, render)
    return render.font.warnings + form.warnings + render.warnings
