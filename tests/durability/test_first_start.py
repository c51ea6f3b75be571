"""The first start's seeding (built-in templates, sample documents) is completed on the next start if cut short."""

from __future__ import annotations

import pytest

from inspector.paths import sample_documents
from inspector.services import Services


class Interrupted(BaseException):
    """Stands in for the window being closed or the laptop switched off half-way."""


def contents(services: Services) -> dict[str, int]:
    one = services.store.scalar
    return {t: one(f"SELECT count(*) FROM {t}") for t in
            ("documents", "checklists", "checklist_items", "units", "unit_aliases", "item_units")}


@pytest.fixture(scope="module")
def complete(tmp_path_factory) -> dict[str, int]:
    services = Services.open(tmp_path_factory.mktemp("whole") / "inspector.db")
    try:
        return contents(services)
    finally:
        services.close()


@pytest.mark.parametrize("cut_after", [0, 1, 3])
def test_a_first_start_cut_short_is_completed_next_time(tmp_path, monkeypatch, complete, cut_after):
    path = tmp_path / "inspector.db"
    real = Services.import_document
    imported = []

    def import_then_stop(self, sample, outline=None):
        if len(imported) == cut_after:
            raise Interrupted
        imported.append(sample)
        return real(self, sample, outline)

    monkeypatch.setattr(Services, "import_document", import_then_stop)
    with pytest.raises(Interrupted):
        Services.open(path)
    monkeypatch.setattr(Services, "import_document", real)
    partial = Services.open(path, seed=False)
    assert partial.store.scalar("SELECT count(*) FROM documents") == cut_after
    assert partial.store.scalar("SELECT count(*) FROM checklists WHERE kind = 'template'") > 0
    partial.close()

    resumed = Services.open(path)
    try:
        assert contents(resumed) == complete
    finally:
        resumed.close()
    again = Services.open(path)
    try:
        assert contents(again) == complete
    finally:
        again.close()


def test_a_sample_deleted_after_the_first_start_stays_deleted(tmp_path):
    path = tmp_path / "inspector.db"
    services = Services.open(path)
    document = services.store.rows("SELECT id FROM documents LIMIT 1")[0]["id"]
    services.store.delete("documents", document)
    services.close()
    reopened = Services.open(path)
    try:
        assert reopened.store.get("documents", document)["deleted_at"] is not None
    finally:
        reopened.close()


def test_a_database_made_without_samples_is_not_seeded_later(tmp_path):
    path = tmp_path / "inspector.db"
    Services.open(path, seed=False).close()
    services = Services.open(path)
    try:
        assert services.checklists() == []
    finally:
        services.close()


def test_resuming_does_not_bring_back_a_sample_deleted_in_between(tmp_path, monkeypatch):
    path = tmp_path / "inspector.db"
    real = Services.import_document
    imported = []

    def import_two_then_stop(self, sample, outline=None):
        if len(imported) == 2:
            raise Interrupted
        imported.append(real(self, sample, outline))
        return imported[-1]

    monkeypatch.setattr(Services, "import_document", import_two_then_stop)
    with pytest.raises(Interrupted):
        Services.open(path)
    monkeypatch.setattr(Services, "import_document", real)
    officer = Services.open(path, seed=False)
    officer.store.delete("documents", imported[0].document_id)
    officer.close()
    resumed = Services.open(path)
    try:
        assert resumed.store.get("documents", imported[0].document_id)["deleted_at"] is not None
        assert resumed.store.scalar("SELECT count(*) FROM documents WHERE deleted_at IS NULL") == \
            len(sample_documents()) - 1
    finally:
        resumed.close()


def test_a_database_from_an_earlier_version_is_not_seeded_again(tmp_path):
    path = tmp_path / "inspector.db"
    services = Services.open(path)
    document = services.store.rows("SELECT id FROM documents LIMIT 1")[0]["id"]
    services.store.delete("documents", document)
    with services.store.atomic():  # earlier versions kept no record of seeding
        services.store.db.execute("DELETE FROM settings WHERE key IN ('seed_state', 'seed_steps')")
    services.close()
    reopened = Services.open(path)
    try:
        assert reopened.store.get("documents", document)["deleted_at"] is not None
        assert reopened.store.setting("seed_state") == "done"
    finally:
        reopened.close()
