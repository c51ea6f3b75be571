"""Attachments are stored once by content and checked by ``check``."""

from __future__ import annotations

from inspector.paths import attachments_dir


def test_same_photo_twice_is_stored_once_and_check_sees_tampering(services, tmp_path):
    photo = tmp_path / "通道堆物.jpg"
    photo.write_bytes(b"\xff\xd8\xff fake jpeg bytes")
    site = services.add_site(name="上海恒达餐饮店")
    first = services.add_attachment(photo, "sites", site, caption="整改前")
    second = services.add_attachment(photo, "sites", site, caption="再次上传")
    folder = attachments_dir(services.path)
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert first != second and len(files) == 1
    assert services.check() == []
    files[0].write_bytes(b"changed")
    problems = services.check()
    assert len(problems) == 2 and "被改动" in problems[0]
    files[0].unlink()
    assert "缺失" in services.check()[0]
