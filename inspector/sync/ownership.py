"""Who may create and who may change each synchronised record: one table, used by the import and printed in
docs/sync-format.md.

A record's owner is the device that created it (its ``device_id``, fixed at creation). A trusted town is trusted
for its own records only, the district for what the district owns. The table says, per table, who may create a
row (``district``: only the district; ``own``: any trusted device, for itself) and whose rows a child row must
belong to (a checklist's items are its owner's; nobody adds items to another device's checklist). Changes are
always the owner's alone. Where the domain gives the district a say over a town's finding (挂牌督办, supervision
notes, a district re-check) that is a district-owned *event* on the finding (``DISTRICT_EVENTS``), never an
edit of the town's fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from inspector import workflow as wf


@dataclass(frozen=True)
class Rule:
    create: str  # "district" or "own"
    parent: tuple[str, str] | None = None  # (column, table): the row must have its parent's owner
    note: str = ""


OWNERSHIP: dict[str, Rule] = {
    "documents": Rule("district", note="work-plan documents (the shipped samples are built-in)"),
    "checklists": Rule("own", note="`kind = workplan`: the district only; `kind = template`: any device, "
                                   "its own version"),
    "checklist_items": Rule("own", ("checklist_id", "checklists"), "only into its owner's own checklist"),
    "item_units": Rule("own", ("item_id", "checklist_items"), "only on its owner's own item"),
    "units": Rule("own", note="id derived from the normalised name, must match it"),
    "sites": Rule("own", note="the device that registered the site"),
    "inspectors": Rule("own"),
    "inspections": Rule("own"),
    "inspection_results": Rule("own", ("inspection_id", "inspections"), "only in its owner's own inspection"),
    "findings": Rule("own", note="status, deadline, close-out date derived from events, never taken from a package"),
    "attachments": Rule("own", note="`sha256` exactly 64 lowercase hex; only on its owner's records"),
    "task_progress": Rule("own", note="a town's progress on a district task"),
    "doc_numbers": Rule("own"),
    "risk_policies": Rule("district", note="the district's risk thresholds and inspection frequencies"),
    "risk_assessments": Rule("own", ("site_id", "sites"), "only of its owner's own site (the site's level follows)"),
    "recusals": Rule("own", ("inspector_id", "inspectors"), "回避: only for its owner's own inspector"),
    "inspection_plans": Rule("own", note="`kind = published`: the district only; `kind = town`: any device"),
    "plan_draws": Rule("own", ("plan_id", "inspection_plans"), "only in its owner's own plan; re-runnable record"),
    "plan_sites": Rule("own", ("plan_id", "inspection_plans"), "only in its owner's own plan, a site once"),
    "campaigns": Rule("district", note="专项整治, published by the district; inspections and findings refer to one "
                                       "by `campaign_id`; a name typed by an older version has the id derived "
                                       "from it"),
}
# (table, column → table): the other records a row refers to. A town has only ever seen its own records, the
# district's and the built-in ones (towns never exchange packages with each other), so a town's reference to a
# third device's record — its finding in another town's inspection, its inspection of another town's site — is
# refused: it would add to a record the sender does not own. The district's references are not limited (it
# inspects the towns' sites). A unit link's unit is shared content (derived id), and not listed.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "documents": (("previous_id", "documents"),),
    "checklists": (("previous_id", "checklists"), ("document_id", "documents")),
    "checklist_items": (("parent_id", "checklist_items"),),
    "inspections": (("site_id", "sites"), ("checklist_id", "checklists"), ("inspector1_id", "inspectors"),
                    ("inspector2_id", "inspectors")),
    "inspection_results": (("item_id", "checklist_items"),),
    "findings": (("inspection_id", "inspections"), ("site_id", "sites"), ("item_id", "checklist_items")),
    "task_progress": (("item_id", "checklist_items"),),
    "recusals": (("site_id", "sites"),),
    "plan_sites": (("draw_id", "plan_draws"), ("site_id", "sites")),
}
# (table, kind): created by the district alone
DISTRICT_ONLY_KINDS = {("checklists", "workplan"), ("inspection_plans", "published")}

LISTED_SUPERVISION = "listed_supervision"  # 挂牌督办
SUPERVISION_NOTE = "supervision_note"  # 督办意见
DISTRICT_RECHECK = "district_recheck"  # 区级复核
DISTRICT_EVENTS = {LISTED_SUPERVISION: "挂牌督办", SUPERVISION_NOTE: "督办意见", DISTRICT_RECHECK: "区级复核"}
OWNER_EVENTS = {wf.CREATED, *wf.ALLOWED_FROM}
EVENT_KINDS = OWNER_EVENTS | set(DISTRICT_EVENTS)


def may_create(table: str, row: dict, sender_role: str) -> bool:
    if OWNERSHIP[table].create == "district" or (table, row.get("kind")) in DISTRICT_ONLY_KINDS:
        return sender_role == "district"
    return True


def may_add_event(kind: str, sender: str, sender_role: str, finding_owner: str) -> bool:
    """Owner's kinds from the finding's owner; district kinds from the district only."""
    if kind in DISTRICT_EVENTS:
        return sender_role == "district"
    return kind in OWNER_EVENTS and sender == finding_owner


def table_markdown() -> str:
    """The ownership table as it is printed in docs/sync-format.md."""
    lines = ["| table | who may create | who may change | rule |", "| --- | --- | --- | --- |"]
    for table, rule in OWNERSHIP.items():
        create = "the district" if rule.create == "district" else "any trusted device, for itself"
        parent = f"; owner of `{rule.parent[1]}` row in `{rule.parent[0]}`" if rule.parent else ""
        lines.append(f"| `{table}` | {create}{parent} | its owner (creator) only | {rule.note} |")
    kinds = ", ".join(f"`{k}` ({v})" for k, v in DISTRICT_EVENTS.items())
    lines.append(f"| `finding_events` | the finding's owner; district-only kinds {kinds} from the district | "
                 "nobody (append-only) | known kinds, `workflow.check`, causal order, date ≤ import day + 1 |")
    return "\n".join(lines)
