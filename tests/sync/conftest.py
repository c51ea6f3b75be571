"""Three devices — two towns and the district — in the star the register allows: each town trusts the
district, the district trusts both towns, the towns do not trust each other."""

from __future__ import annotations

import pytest

from inspector.services import Services


def device(path, name: str, role: str, town: str = "") -> Services:
    services = Services.open(path, seed=False)
    services.set_setting("device_name", name)
    services.set_setting("role", role)
    if town:
        services.set_setting("town", town)
    services.sync().identity()
    return services


def star(towns: list[Services], district: Services) -> None:
    for town in towns:
        town.sync().add_peer(district.sync().identity(), role="district")
        district.sync().add_peer(town.sync().identity(), role="town")


@pytest.fixture
def world(tmp_path):
    a = device(tmp_path / "a.db", "长寿路街道", "town", "长寿路街道")
    b = device(tmp_path / "b.db", "万里街道", "town", "万里街道")
    d = device(tmp_path / "d.db", "普陀区应急局", "district")
    star([a, b], d)
    yield {"a": a, "b": b, "d": d, "dir": tmp_path}
    for s in (a, b, d):
        s.close()


def send(sender: Services, receiver: Services, to: str, folder, name: str, **kw):
    """Export from ``sender`` to the peer called ``to``, import on ``receiver`` with a receipt back."""
    out = folder / f"{name}.inspx"
    sender.sync().export(to, out, **kw)
    report = receiver.sync().import_package(out, receipt_out=folder / f"{name}.receipt")
    if report.receipt:
        sender.sync().import_receipt(folder / f"{name}.receipt")
    return report
