"""Bad files get a clear message or a warning, never a crash, never a half-saved checklist."""

from __future__ import annotations

import pytest

from inspector.docimport import parse_file
from inspector.errors import ImportFailed
from tests.docimport.writers import cjk_font


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ImportFailed, match="空的"):
        parse_file(path)


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(ImportFailed, match="二进制") as info:
        parse_file(path)
    assert ".docx" in info.value.hint


def test_text_without_structure_becomes_paragraphs_with_a_warning(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("请各单位做好节日期间安全检查。\n\n请于月底前报送检查情况。\n", encoding="utf-8")
    outline = parse_file(path)
    assert len(outline.tasks()) == 2 and outline.warnings


def test_old_word_format_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ImportFailed, match="旧版") as info:
        parse_file(path)
    assert "另存为" in info.value.hint


def test_broken_docx(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(ImportFailed, match="Word"):
        parse_file(path)


def _pdf(path, draw) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), **({"encrypt": draw} if isinstance(draw, str) else {}))
    if callable(draw):
        draw(c)
    c.showPage()
    c.save()


def test_scanned_pdf_without_text(tmp_path):
    path = tmp_path / "scan.pdf"
    _pdf(path, lambda c: c.rect(50, 50, 300, 300, fill=1))
    with pytest.raises(ImportFailed, match="文字层"):
        parse_file(path)


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "secret.pdf"
    _pdf(path, "password123")
    with pytest.raises(ImportFailed, match="加密"):
        parse_file(path)


def test_truncated_pdf(tmp_path):
    path = tmp_path / "cut.pdf"
    _pdf(path, lambda c: c.drawString(72, 700, "hello"))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(ImportFailed):
        parse_file(path)


def test_pdf_with_garbage_text_layer_warns(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("GarbageCJK", cjk_font(), subfontIndex=0))
    path = tmp_path / "garbage.pdf"

    def draw(c):
        c.setFont("Helvetica", 12)
        for i in range(30):
            c.drawString(40, 800 - i * 20, "@#%&*!~ ^^ ))(( ,,.. ;; 0x3f2a 7g6f5d !!" * 2)

    _pdf(path, draw)
    outline = parse_file(path)
    assert any("乱码" in w for w in outline.warnings)


def test_twenty_megabyte_text_does_not_crash(tmp_path):
    tasks = "".join(f"{i}. 开展第{i}项检查工作。（区应急局、各街镇）\n\n" for i in range(1, 200))
    block = "一、加强安全管理\n\n" + tasks
    text = block * (20 * 1024 * 1024 // len(block.encode("utf-8")) + 1)
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    outline = parse_file(path)
    assert len(outline.tasks()) > 10000


def test_junk_after_a_zip_signature_is_refused(tmp_path):
    path = tmp_path / "tasks.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    with pytest.raises(ImportFailed, match="损坏"):
        parse_file(path)


def test_a_page_of_thousands_of_strokes_is_read_as_text_quickly(tmp_path):
    import time

    def draw(c):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont("StrokeCJK", cjk_font(), subfontIndex=0))
        for i in range(3000):
            c.line(10 + i % 500, 10, 10 + i % 500, 800)
            c.line(10, 10 + i % 700, 580, 10 + i % 700)
        c.setFont("StrokeCJK", 12)
        c.drawString(72, 700, "一、加强安全管理")
        c.drawString(72, 680, "1. 开展隐患排查。（区应急局）")

    path = tmp_path / "strokes.pdf"
    _pdf(path, draw)
    start = time.perf_counter()
    outline = parse_file(path)
    assert time.perf_counter() - start < 5
    assert [[u.name for u in t.units] for t in outline.tasks()] == [["区应急局"]]


def test_ofd_with_entity_declarations_is_refused(tmp_path):
    import zipfile

    path = tmp_path / "bomb.ofd"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("OFD.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><x>&a;</x>')
    with pytest.raises(ImportFailed, match="OFD"):
        parse_file(path)
