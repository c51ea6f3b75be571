"""Work on many records at once: issue the orders of a whole inspection, print every document of it, print the
orders of every case with overdue findings.

Each verb takes ``progress(percent, text)`` and ``cancelled()`` so the window can run it on a worker behind a
progress dialog with 取消. Issuing is one transaction: cancelled or refused half-way, no finding is ordered.
Printing writes the documents one by one into a private folder and joins them into one PDF (one print job);
cancelled or failed, nothing of it stays behind.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from inspector import workflow as wf
from inspector.db import batch as bq
from inspector.errors import InspectorError

if TYPE_CHECKING:
    from inspector.services import Services

Progress = Callable[[int, str], None]
Cancelled = Callable[[], bool]
MAX_DOCUMENTS = 2000  # one batch print; a district prints its overdue orders town by town beyond that


class BatchCancelled(InspectorError):
    """The officer pressed 取消: nothing of the batch was kept."""


def no_progress(_percent: int, _text: str = "") -> None:
    return None


def not_cancelled() -> bool:
    return False


def issue_orders(services: Services, inspection_id: str, on: date, doc_no: str = "",
                 progress: Progress = no_progress, cancelled: Cancelled = not_cancelled) -> list[str]:
    """下发整改 for every finding of the inspection that has not had its order yet, each with its own deadline
    (see :func:`deadline_on`), under the case's one 文书号 — all in one transaction.
    Returns the ids of the findings ordered."""
    waiting = bq.findings_waiting_for_order(services.store, inspection_id)
    if not waiting:
        raise InspectorError("这次检查没有待下发整改的隐患。", "已下发的隐患不会重复下发。")
    done: list[str] = []
    with services.store.atomic():
        number = doc_no.strip() or services.order_number(inspection_id, on)
        for n, finding in enumerate(waiting):
            if cancelled():
                raise BatchCancelled("已取消批量下发整改，所有隐患保持原状。", "")
            progress(n * 100 // len(waiting), f"{n + 1}/{len(waiting)} {finding['description'][:20]}")
            services.act(finding["id"], wf.Event(wf.ORDER_ISSUED, on, {"deadline": deadline_on(finding, on),
                                                                        "doc_no": number}))
            done.append(finding["id"])
    progress(100, "")
    return done


def deadline_on(finding: dict, on: date) -> date:
    """The deadline an order issued on ``on`` gives: the one set at registration, or — when the order comes
    after it — as many days after the order as registration had given (at least one), never a past date."""
    if not finding["current_deadline"]:
        return on + timedelta(days=15)
    deadline = date.fromisoformat(finding["current_deadline"])
    if deadline >= on:
        return deadline
    return on + timedelta(days=max(1, (deadline - date.fromisoformat(finding["found_on"])).days))


def inspection_documents(services: Services, inspection_id: str) -> list[tuple[str, str, str]]:
    """(kind, parameter, record id) of every document one inspection has: its record, the order once a finding
    was ordered, the re-check opinion once one was re-checked, the major-hazard record of each 重大 finding."""
    findings = bq.findings_of_inspection(services.store, inspection_id)
    docs = [("inspection-record", "inspection_id", inspection_id)]
    ordered = [f for f in findings if f["ordered"]]
    if ordered:
        docs.append(("rectification-order", "finding_id", ordered[0]["id"]))
    rechecked = [f for f in findings if f["rechecked"]]
    if rechecked:
        docs.append(("recheck-opinion", "finding_id", rechecked[0]["id"]))
    docs += [("major-hazard", "finding_id", f["id"]) for f in findings if f["grade"] == "重大"]
    return docs


def overdue_orders(services: Services, today: date) -> list[tuple[str, str, str]]:
    """One order per case with findings past their deadline and not rectified (the order lists the case's open
    findings)."""
    return [("rectification-order", "finding_id", f) for f in bq.overdue_cases(services.store, today,
                                                                                MAX_DOCUMENTS + 1)]


def print_documents(services: Services, documents: list[tuple[str, str, str]], out: Path,
                    progress: Progress = no_progress, cancelled: Cancelled = not_cancelled) -> Path:
    """Render each document, then join them into ``out`` (one PDF, one print job)."""
    from pypdf import PdfWriter

    if not documents:
        raise InspectorError("没有需要打印的文书。", "")
    if len(documents) > MAX_DOCUMENTS:
        raise InspectorError(f"一次最多打印 {MAX_DOCUMENTS} 份文书。", "请按街镇或日期分批打印。")
    reports = services.reports()
    work = Path(tempfile.mkdtemp(prefix="inspector-batch-"))
    try:
        parts = []
        for n, (kind, key, record_id) in enumerate(documents):
            if cancelled():
                raise BatchCancelled("已取消批量打印。", "")
            progress(n * 100 // (len(documents) + 1), f"{n + 1}/{len(documents)}")
            parts.append(reports.generate(kind, work / f"{n:05d}-{kind}.pdf", **{key: record_id}).path)
        writer = PdfWriter()
        for part in parts:
            writer.append(str(part))
        partial = out.with_name(out.name + ".part")
        with partial.open("wb") as handle:
            writer.write(handle)
        partial.replace(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    progress(100, "")
    return out
