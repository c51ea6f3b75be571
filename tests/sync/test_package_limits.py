"""The zip directory's limits tell a district-scale package from a zip bomb by expansion and totals: the full
package of a town of 1 M findings (123 members, 8.8 GB of records packed into 631 MB) is read; a member or a
whole package that expands far more than records do, or more in all than any town holds, is refused."""

from __future__ import annotations

import zipfile

import pytest

from inspector.errors import ImportFailed
from inspector.sync import package

GB, MB = 1024**3, 1024**2


class Directory:
    """Only what the check reads: the directory's entries, with their declared sizes."""

    def __init__(self, entries: list[tuple[str, int, int]]) -> None:
        self.entries = []
        for name, size, packed in entries:
            info = zipfile.ZipInfo(name)
            info.file_size, info.compress_size = size, packed
            self.entries.append(info)

    def infolist(self) -> list[zipfile.ZipInfo]:
        return self.entries


def a_million_findings() -> list[tuple[str, int, int]]:
    """The shape of a real full package of 1,000,000 findings and their 5.3 M events and 3.7 M results."""
    parts = [("manifest.json", 40_000, 9_000)]
    parts += [(f"records/findings.{n}.jsonl", 329 * MB, 329 * MB // 21) for n in range(1, 11)]
    parts += [(f"records/finding_events.{n}.jsonl", 300 * MB, 300 * MB // 12) for n in range(1, 11)]
    parts += [(f"records/inspection_results.{n}.jsonl", 250 * MB, 250 * MB // 14) for n in range(1, 11)]
    return parts


def test_the_package_of_a_town_of_a_million_findings_passes_the_directory_check():
    entries = a_million_findings()
    assert sum(size for _, size, _ in entries) > 8 * GB  # more than the 4 GB that used to refuse it
    package._check_directory(Directory(entries), "数据包")


@pytest.mark.parametrize("entries", [
    [("manifest.json", 1000, 900), ("records/findings.jsonl", 500 * MB, MB)],  # one member expands 500×
    [("manifest.json", 1000, 900)] + [(f"records/findings.{n}.jsonl", 510 * MB, 5 * MB) for n in range(1, 140)],
    [("records/findings.jsonl", 600 * MB, 60 * MB)],  # one member over its limit, whatever its expansion
], ids=["member-ratio", "total", "member-size"])
def test_what_expands_like_a_bomb_or_holds_more_than_any_town_is_refused(entries):
    with pytest.raises(ImportFailed, match="压缩炸弹"):
        package._check_directory(Directory(entries), "数据包")
