"""The officer's own profile: who uses this laptop, for which body, and how its documents are numbered.

The profile is kept twice on purpose. The settings hold what fills forms and numbers (姓名, 执法证号, 单位, 街镇,
issuer type, document-number prefix); an ``inspectors`` record holds the same person, so that the officer is a
choice in every inspector list and, listed first, the default first inspector of every inspection and
re-check. Both change together, in one transaction, whether from the first-run set-up or from 设置.

The first-run set-up is offered until it has been completed or skipped once (``setup`` = ``done`` / ``skipped``);
a database whose profile was filled in before the set-up existed is not asked again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from inspector.db import queries
from inspector.db.store import Store
from inspector.errors import RuleError

SETUP_KEY = "setup"
INSPECTOR_KEY = "profile_inspector_id"
ISSUER_KINDS = ("town", "enforcement")
FIELDS = ("officer_name", "certificate_no", "unit", "town", "issuer_kind", "doc_prefix")
ON_RECORD = {"officer_name": "name", "certificate_no": "certificate_no", "unit": "unit"}
LIMIT = 100


@dataclass
class Profile:
    """What the set-up asks; ``issuer_kind`` is ``town`` (限期整改意见书) or ``enforcement`` (责令限期整改指令书)."""

    officer_name: str = ""
    certificate_no: str = ""
    unit: str = ""
    town: str = ""
    issuer_kind: str = "town"
    doc_prefix: str = ""

    def cleaned(self) -> Profile:
        """Trimmed values, refused with a message the officer can act on when they cannot be used."""
        values = {k: str(v or "").strip() for k, v in asdict(self).items()}
        if not values["officer_name"]:
            raise RuleError("请填写姓名。", "姓名印在文书的检查人员处，也用作默认的第一检查人员。")
        if values["issuer_kind"] not in ISSUER_KINDS:
            raise RuleError("请选择发文机关类型：街镇（限期整改意见书）或执法机构（责令限期整改指令书）。")
        too_long = [k for k, v in values.items() if len(v) > LIMIT]
        if too_long:
            raise RuleError(f"填写的内容过长（最多 {LIMIT} 个字）。", "请缩短后再保存。")
        return Profile(**values)


def load(store: Store) -> Profile:
    """The profile as stored (empty fields where nothing was set)."""
    values = {key: store.setting(key) or "" for key in FIELDS}
    values["issuer_kind"] = values["issuer_kind"] or "town"
    return Profile(**values)


def needs_setup(store: Store) -> bool:
    """Whether to offer the first-run set-up: never done nor skipped, and no profile filled in before."""
    return not store.setting(SETUP_KEY) and not store.setting("officer_name")


def skip(store: Store) -> None:
    """The officer chose 以后再说: not asked again at start (设置 → 首次设置… still opens it)."""
    store.set_setting(SETUP_KEY, "skipped", audit=True)


def save(store: Store, profile: Profile) -> str:
    """Store the profile and its inspector record together; returns the record's id."""
    profile = profile.cleaned()
    with store.atomic():
        for key, value in asdict(profile).items():
            if (store.setting(key) or "") != value:
                store.set_setting(key, value, audit=True)
        inspector_id = _sync_record(store)
        store.set_setting(SETUP_KEY, "done", audit=True)
    store.actor = profile.officer_name
    return inspector_id


def set_field(store: Store, key: str, value: str) -> None:
    """One profile field changed in 设置: the setting and the inspector record change together."""
    with store.atomic():
        store.set_setting(key, value, audit=True)
        if key in ON_RECORD and store.setting("officer_name") and inspector_id(store):
            _sync_record(store)  # the record is made by the set-up; a name cleared in 设置 leaves it as is


def inspector_id(store: Store) -> str | None:
    """The officer's own inspector record, if the profile has one that still exists."""
    record_id = store.setting(INSPECTOR_KEY)
    if not record_id:
        return None
    try:
        row = store.get("inspectors", record_id)
    except KeyError:
        return None
    return None if row.get("deleted_at") else record_id


def _sync_record(store: Store) -> str:
    """Create or update the officer's inspector record from the settings (name, 执法证号, 单位)."""
    fields = {column: store.setting(key) or "" for key, column in ON_RECORD.items()}
    if not fields["name"]:
        raise RuleError("姓名不能为空。", "姓名印在文书的检查人员处，也用作默认的第一检查人员。")
    record_id = inspector_id(store) or _same_person(store, fields)
    if record_id is None:
        record_id = store.insert("inspectors", fields)
    else:
        store.update("inspectors", record_id, fields)
    if store.setting(INSPECTOR_KEY) != record_id:
        store.set_setting(INSPECTOR_KEY, record_id)
    return record_id


def _same_person(store: Store, fields: dict[str, str]) -> str | None:
    """An inspector added by hand before the set-up, with the same name and no other 执法证号: the officer
    is adopted, not listed twice."""
    for person in queries.inspectors(store):
        same_cert = not person["certificate_no"] or not fields["certificate_no"] or \
            person["certificate_no"] == fields["certificate_no"]
        if person["name"] == fields["name"] and same_cert:
            return person["id"]
    return None


def profile_first(people: list[dict[str, Any]], own_id: str | None) -> list[dict[str, Any]]:
    """The inspector list with the officer first, so every list's first choice is the officer."""
    if not own_id:
        return people
    return sorted(people, key=lambda p: p["id"] != own_id)
