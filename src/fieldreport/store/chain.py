"""The revision hash chain: every revision row hashes its predecessor (security.md).

`content_hash` covers what a revision says (report id, number, author device, time, body) and
is the same on every machine that holds it; `chain_hash` links the rows of this store in the
order they were written, so removing, editing or reordering any row breaks the chain from
there on, and `doctor` says where.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical_json(obj: Any) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 kept (hashes depend on it)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


REVISION_FORMAT = "fieldreport-revision/1"


def content_hash(report_id: str, number: int, device_id: str, created_at: str, body: str) -> str:
    """SHA-256 of the canonical JSON of {format, report_id, number, device_id, created_at, body}.

    `body` must already be canonical JSON (it is how revisions are stored), so the document is
    assembled around it in sorted-key order instead of parsing and re-serialising it — the
    same bytes as canonical_json(doc), at a fraction of the cost (tests check the equality).
    """
    if not isinstance(number, int) or isinstance(number, bool):
        raise ValueError("revision number must be an integer")
    text = (
        '{"body":'
        + body
        + ',"created_at":'
        + json.dumps(created_at, ensure_ascii=False)
        + ',"device_id":'
        + json.dumps(device_id, ensure_ascii=False)
        + ',"format":"'
        + REVISION_FORMAT
        + '"'
        + ',"number":'
        + str(number)
        + ',"report_id":'
        + json.dumps(report_id, ensure_ascii=False)
        + "}"
    )
    return hashlib.sha256(text.encode()).hexdigest()


def chain_hash(prev_chain: str, seq: int, content: str) -> str:
    return hashlib.sha256(f"{prev_chain}|{seq}|{content}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainRow:
    seq: int
    report_id: str
    number: int
    device_id: str
    created_at: str
    body: str
    content_hash: str
    prev_chain: str
    chain_hash: str


def verify_chain(rows: Iterable[ChainRow]) -> list[str]:
    """Problems found walking the chain in `seq` order (empty when intact)."""
    problems: list[str] = []
    expected_prev = GENESIS
    for row in rows:
        try:
            body = canonical_json(json.loads(row.body))
        except ValueError:
            problems.append(f"revision {row.seq}: body is not valid JSON")
            body = row.body
        # A body that is not in canonical form was edited outside the program.
        actual_content = (
            content_hash(row.report_id, row.number, row.device_id, row.created_at, body)
            if body == row.body
            else ""
        )
        if actual_content != row.content_hash:
            problems.append(f"revision {row.seq}: content does not match its hash")
        if row.prev_chain != expected_prev:
            problems.append(f"revision {row.seq}: link to the previous revision is broken")
        if chain_hash(row.prev_chain, row.seq, row.content_hash) != row.chain_hash:
            problems.append(f"revision {row.seq}: chain hash does not match")
        expected_prev = row.chain_hash
        if len(problems) > 20:
            problems.append("… more problems not listed")
            break
    return problems
