"""The district's statistics report (街镇安全生产工作统计与考核) and a campaign's progress (专项整治进展), as PDF
and as Excel; the data comes from :mod:`inspector.services.district` and :mod:`inspector.services.campaigns`,
already counted and formatted, so the two outputs print the same figures.

Charts are reportlab's own graphics (bars by town, the trend by month), drawn in the document's CJK font.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from inspector.reports.excel import BOLD, text_cell
from inspector.reports.layout import Render, build

# (key, header, width in mm, Excel width in characters): the same for the PDF and the workbook
TOWN_COLUMNS = [
    ("town", "街镇", 30, 16), ("done", "已检查", 14, 8), ("planned", "计划", 14, 8), ("ordinary", "一般隐患", 16, 9),
    ("major", "重大隐患", 16, 9), ("rectified", "已整改", 14, 8), ("rate", "整改率", 16, 9),
    ("overdue", "逾期未改", 16, 9), ("listed", "挂牌督办\n已改/总数", 20, 12), ("tasks", "工作任务\n完成/总数", 20, 12),
    ("task_rate", "任务完成率", 18, 10), ("score", "考核得分", 16, 9),
]
MONTH_COLUMNS = [("month", "月份", 30, 10), ("inspections", "检查次数", 30, 10), ("findings", "发现隐患", 30, 10),
                 ("rectified", "已整改", 30, 10), ("rate", "整改率", 30, 10)]
CAMPAIGN_COLUMNS = [
    ("name", "专项行动", 46, 24), ("period", "时间", 36, 22), ("issuer", "发布单位", 30, 16),
    ("target", "目标单位", 16, 9), ("sites", "已检查单位", 18, 10), ("coverage", "覆盖率", 16, 9),
    ("findings", "隐患", 14, 8), ("rectified", "已整改", 14, 8), ("rate", "整改率", 16, 9),
    ("overdue", "逾期", 14, 8),
]
BAR_COLOURS = [colors.HexColor("#3b6fb6"), colors.HexColor("#c0504d"), colors.HexColor("#9bbb59")]
WIDE = 261 * mm


def _widths(columns: list[tuple[str, str, int, int]], total: float) -> list[float]:
    raw = sum(c[2] for c in columns)
    return [c[2] * total / raw for c in columns]


def _cells(columns: list[tuple[str, str, int, int]], rows: list[dict[str, Any]]) -> list[list[Any]]:
    return [["" if r.get(k) is None else r.get(k) for k, *_ in columns] for r in rows]


def _bars(render: Render, towns: list[str], series: list[tuple[str, list[float]]], title: str) -> Drawing:
    drawing = Drawing(WIDE, 70 * mm)
    drawing.add(String(0, 66 * mm, title, fontName=render.font.name, fontSize=11))
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 14 * mm, 14 * mm, WIDE - 60 * mm, 46 * mm
    chart.data = [values or [0] for _, values in series]
    chart.categoryAxis.categoryNames = [t[:8] for t in towns] or [""]
    chart.categoryAxis.labels.fontName = render.font.name
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 8
    for i, colour in enumerate(BAR_COLOURS[:len(series)]):
        chart.bars[i].fillColor = colour
    drawing.add(chart)
    drawing.add(_legend(render, [(BAR_COLOURS[i], name) for i, (name, _) in enumerate(series)], WIDE - 40 * mm))
    return drawing


def _legend(render: Render, pairs: list[tuple[Any, str]], x: float) -> Legend:
    legend = Legend()
    legend.x, legend.y = x, 55 * mm
    legend.fontName, legend.fontSize = render.font.name, 8
    legend.colorNamePairs = pairs
    return legend


def _trend(render: Render, monthly: dict[str, dict[str, int]]) -> Drawing:
    drawing = Drawing(WIDE, 70 * mm)
    drawing.add(String(0, 66 * mm, "按月趋势：检查次数、发现隐患、已整改", fontName=render.font.name, fontSize=11))
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 14 * mm, 14 * mm, WIDE - 60 * mm, 46 * mm
    months = list(monthly) or [""]
    chart.data = [[monthly[m][k] for m in monthly] or [0] for k in ("inspections", "findings", "rectified")]
    chart.categoryAxis.categoryNames = months
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 8
    for i, colour in enumerate(BAR_COLOURS):
        chart.lines[i].strokeColor = colour
        chart.lines[i].strokeWidth = 1.5
    drawing.add(chart)
    drawing.add(_legend(render, list(zip(BAR_COLOURS, ("检查次数", "发现隐患", "已整改"), strict=True)),
                        WIDE - 40 * mm))
    return drawing


def month_rows(monthly: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    from inspector.services.district import rate_text

    return [{"month": m, **v, "rate": rate_text(v["rectified"] / v["findings"] if v["findings"] else None)}
            for m, v in monthly.items()]


def statistics_pdf(data: dict[str, Any], path: Path, render: Render) -> Path:
    """Page 1: the table per town with the weighting; page 2: the charts and the months; then the campaigns."""
    rows, towns = data["table"], [r for r in data["stats"]["rows"]]
    names = [t["town"] for t in towns]
    weights = "、".join(f"{name} {data['stats']['weights'][k]:g}" for k, name in data["indicators"].items())
    story = [*render.title(data["title"]), render.p(data["scope"], "number"), Spacer(1, 2 * mm),
             render.grid([c[1] for c in TOWN_COLUMNS], _cells(TOWN_COLUMNS, rows), _widths(TOWN_COLUMNS, WIDE)),
             Spacer(1, 3 * mm),
             render.p(f"考核权重：{weights}（无分母的指标不计，其余按比例折算为 100 分）。整改率＝已整改÷发现；"
                      "发现数为 0 时显示“—”。计划检查数来自监督检查计划，尚无计划时显示“—”。", "small"),
             PageBreak(),
             _bars(render, names, [("一般隐患", [t["ordinary"] for t in towns]),
                                   ("重大隐患", [t["major"] for t in towns]),
                                   ("已整改", [t["rectified"] for t in towns])], "各街镇隐患与整改"),
             _bars(render, names, [("考核得分", [t["score"] or 0 for t in towns])], "各街镇考核得分"),
             PageBreak(),
             _trend(render, data["stats"]["monthly"]), Spacer(1, 3 * mm),
             render.grid([c[1] for c in MONTH_COLUMNS], _cells(MONTH_COLUMNS, month_rows(data["stats"]["monthly"])),
                         _widths(MONTH_COLUMNS, WIDE * 0.7))]
    if data["campaigns"]:
        story += [Spacer(1, 6 * mm), KeepTogether([
            render.p("专项整治进展", "left"),
            render.grid([c[1] for c in CAMPAIGN_COLUMNS], _cells(CAMPAIGN_COLUMNS, data["campaigns"]),
                        _widths(CAMPAIGN_COLUMNS, WIDE))])]
    story.append(render.p(f"制表日期：{data['stats']['today']}", "right"))
    return build(path, story, render, wide=True, title=data["title"])


def campaign_pdf(data: dict[str, Any], path: Path, render: Render) -> Path:
    """One campaign: its record, its figures, and the towns' part."""
    c = data["campaign"]
    story = [*render.title("专项整治进展情况"), render.p(c.get("name"), "number"), Spacer(1, 2 * mm),
             render.fields([("专项行动", c.get("name")), ("发布单位", c.get("issuer")), ("文号", c.get("doc_no")),
                            ("时间", data["period"]), ("检查表", data.get("checklist")),
                            ("目标单位", data["criteria_text"])]),
             Spacer(1, 4 * mm),
             render.grid(["目标单位数", "已检查单位", "覆盖率", "检查次数", "隐患", "其中重大", "已整改", "整改率",
                          "逾期"],
                         [[data["target_sites"] or "—", data["sites_checked"], data["coverage_text"],
                           data["inspections"], data["findings"], data["major"], data["rectified"],
                           data["rate_text"], data["overdue"]]], [WIDE / 9 * 0.62] * 9),
             Spacer(1, 4 * mm), render.p("各街镇情况", "left"),
             render.grid(["街镇", "已检查单位", "隐患"],
                         [[t["town"], t["sites"], t["findings"]] for t in data["by_town"]],
                         [60 * mm, 40 * mm, 40 * mm]),
             render.p(f"制表日期：{data['today']}", "right")]
    return build(path, story, render, title="专项整治进展情况")


def _sheet(book: Workbook, title: str, columns: list[tuple[str, str, int, int]], rows: list[list[Any]]) -> None:
    sheet = book.create_sheet(title[:31])
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column[3]
    sheet.freeze_panes = "A2"
    sheet.append([text_cell(sheet, c[1].replace("\n", ""), font=BOLD) for c in columns])
    for row in rows:
        sheet.append([text_cell(sheet, v) for v in row])


def statistics_xlsx(data: dict[str, Any], path: Path) -> Path:
    """Three sheets: the towns (考核), the months, the campaigns."""
    book = Workbook(write_only=True)
    _sheet(book, "各街镇统计与考核", TOWN_COLUMNS, _cells(TOWN_COLUMNS, data["table"]))
    _sheet(book, "按月趋势", MONTH_COLUMNS, _cells(MONTH_COLUMNS, month_rows(data["stats"]["monthly"])))
    _sheet(book, "专项整治", CAMPAIGN_COLUMNS, _cells(CAMPAIGN_COLUMNS, data["campaigns"]))
    book.save(path)
    return path
