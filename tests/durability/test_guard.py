"""The open-transaction guard of tests/conftest.py catches a service that leaves its writes uncommitted."""

from __future__ import annotations

from pathlib import Path

CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"

SUITE = '''
from inspector.services import Services


def leave_open(self):
    """A broken verb: a raw write that opens a transaction and never commits it."""
    self.store.db.conn.execute("INSERT INTO settings(key, value) VALUES ('half', 'done')")


def commit_properly(self):
    with self.store.atomic():
        self.store.db.conn.execute("INSERT INTO settings(key, value) VALUES ('whole', 'done')")


def test_broken_service(services, monkeypatch):
    monkeypatch.setattr(Services, "leave_open", leave_open, raising=False)
    services.leave_open()


def test_sound_service(services, monkeypatch):
    monkeypatch.setattr(Services, "commit_properly", commit_properly, raising=False)
    services.commit_properly()
    services.add_site(name="上海恒达餐饮店")


def test_a_caller_that_holds_the_transaction_itself_is_not_blamed(services):
    with services.store.atomic():
        services.add_site(name="上海华安便利店")
'''


def test_the_guard_fails_a_test_whose_service_call_left_a_transaction_open(pytester):
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(test_services=SUITE)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-p", "no:timeout")
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(["*test_broken_service*", "*Services.leave_open() returned with a transaction open*"])
