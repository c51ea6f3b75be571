"""The district's statistics report, its workbook and a campaign's progress, read back as a reader would: the
figures printed are the figures counted."""

from __future__ import annotations

from openpyxl import load_workbook
from pypdf import PdfReader

from inspector.services import district
from tests.district_world import TODAY, towns, world  # noqa: F401  (the two-town fixture and what it builds on)


def text_of(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages).replace(" ", "")


def test_the_statistics_report_prints_the_towns_charts_and_campaigns(towns, tmp_path):  # noqa: F811
    d = towns["d"]
    out = tmp_path / "district.pdf"
    d.reports().generate("district", out, today=TODAY, date_from="2025-01-01", date_to="2025-12-31")
    stats = d.district_stats(TODAY, "2025-01-01", "2025-12-31")
    text = text_of(out)
    for row in district.table_rows(stats):
        assert row["town"] in text and row["score"] in text
    assert "33.3%" in text and "2025年燃气安全专项整治" in text and "按月趋势" in text
    assert len(PdfReader(str(out)).pages) >= 3


def test_the_workbook_has_the_same_figures(towns, tmp_path):  # noqa: F811
    d = towns["d"]
    out = tmp_path / "district.xlsx"
    d.reports().generate("district", out, today=TODAY, date_from="2025-01-01", date_to="2025-12-31")
    book = load_workbook(out)
    assert book.sheetnames == ["各街镇统计与考核", "按月趋势", "专项整治"]
    rows = list(book["各街镇统计与考核"].iter_rows(values_only=True))
    assert rows[0][0] == "街镇" and rows[-1][0] == "合计"
    by_town = {r[0]: r for r in rows[1:]}
    assert by_town["长寿路街道"][1] == 3 and by_town["长寿路街道"][2] == "—" and by_town["万里街道"][6] == "100.0%"
    months = list(book["按月趋势"].iter_rows(values_only=True))
    assert [m[0] for m in months[1:]] == ["2025-03", "2025-04", "2025-05"]
    campaigns = list(book["专项整治"].iter_rows(values_only=True))
    assert campaigns[1][0] == "2025年燃气安全专项整治" and campaigns[1][6] == 4


def test_a_campaigns_progress_report(towns, tmp_path):  # noqa: F811
    out = tmp_path / "campaign.pdf"
    towns["d"].reports().generate("campaign", out, today=TODAY, campaign=towns["gas"])
    text = text_of(out)
    assert "专项整治进展情况" in text and "普陀区安委办" in text and "50.0%" in text and "万里街道" in text
