"""The import preview shows each task's full text, its units with their roles, its deadline, and the tables."""

from __future__ import annotations

from PySide6.QtCore import Qt

from inspector.docimport import parse_text
from inspector.ui.import_dialog import ImportPreview

TEXT = ("一、压实责任\n\n1. 落实党政领导干部安全生产责任制，健全履职清单。2024年6月底前完成。"
        "（区委组织部牵头，区应急局配合，以下不再列出）\n\n附件\n\n任务清单\n\n序号\t主要任务\t牵头单位\t配合单位\n"
        "1\t落实党政领导干部安全生产责任制\t区委组织部\t区应急局\n")


def test_selecting_a_task_shows_its_text_units_roles_and_deadline(qtbot):
    dialog = ImportPreview(parse_text(TEXT), "plan.txt")
    qtbot.addWidget(dialog)
    section = dialog.model.index(0, 0)
    dialog.tree.setCurrentIndex(dialog.model.index(0, 0, section))
    shown = dialog.detail.toPlainText()
    assert "健全履职清单。2024年6月底前完成。" in shown
    assert "牵头/责任单位：区委组织部" in shown and "配合单位：区应急局" in shown
    assert "以下不再列出" in shown and "2024-06-30" in shown


def test_each_table_has_a_tab_as_printed(qtbot):
    dialog = ImportPreview(parse_text(TEXT), "plan.txt")
    qtbot.addWidget(dialog)
    assert dialog.tabs.count() == 2 and "任务清单" in dialog.tabs.tabText(1)
    view = dialog.tabs.widget(1)
    model = view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["序号", "主要任务", "牵头单位", "配合单位"]
    assert model.index(0, 2).data() == "区委组织部"


def test_a_unit_written_another_way_is_merged_only_when_ticked(qtbot):
    from inspector.docimport.unitmatch import similar_units

    text = "一、整治\n\n1. 开展燃气排查。（区应急管理局、区绿化和市容管理局）\n\n2. 开展消防检查。（区文旅局）\n"
    for tick in (False, True):
        outline = parse_text(text)
        offers = similar_units(outline, ["区应急局", "区绿化市容局", "区文化旅游局", "区房管局"])
        # 区应急管理局 is an alias the directory already resolves
        assert [(o.name, o.known, o.why) for o in offers] == [("区文旅局", "区文化旅游局", "简称"),
                                                              ("区绿化和市容管理局", "区绿化市容局", "写法不同")]
        dialog = ImportPreview(outline, "plan.txt", offers=offers)
        qtbot.addWidget(dialog)
        box = dialog.offers[1][1]
        assert not box.isChecked() and not dialog.offers[0][1].isChecked()
        box.setChecked(tick)
        dialog.accept()
        names = [u.name for u in dialog.outline.tasks()[0].units]
        assert names == (["区应急管理局", "区绿化市容局"] if tick else ["区应急管理局", "区绿化和市容管理局"])
        assert [u.name for u in dialog.outline.tasks()[1].units] == ["区文旅局"]  # not ticked: left as written
