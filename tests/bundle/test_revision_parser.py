"""What the report-parsing process sends back: plain data, ready for the writer."""

from __future__ import annotations

import pickle
from typing import Any

from fieldreport.bundle import export
from fieldreport.bundle.revision_parser import parse_batch
from fieldreport.store.imported import ImportedRevision
from tests.bundle.conftest import Pair

PLAIN = (str, int, float, bool, type(None))


def _plain(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    return isinstance(value, PLAIN)


def test_parsed_revisions_hold_only_plain_data(pair: Pair) -> None:
    # Objects (a parsed Report, dataclasses) made the trip back from the child process cost
    # more than the parsing itself at 10k revisions: only builtins may travel.
    pair.add_reports(2, attachment_size=10_000)
    with pair.field.read() as conn:
        sources, revision_ids, _ = export._report_sources(conn, pair.field)
    batch = [(rid, b"".join(s.chunks())) for rid, s in zip(revision_ids, sources, strict=True)]
    parsed = parse_batch(batch, pair.field.device.device_id)
    assert isinstance(parsed, list) and len(parsed) == 4
    for rev in parsed:
        assert type(rev) is ImportedRevision and _plain(tuple(rev))
        assert rev.row["body"] is rev.body_json and rev.words["title"].startswith("Report")
    assert [len(r.attachments) for r in parsed] == [0, 1, 0, 1]
    assert pickle.loads(pickle.dumps(parsed)) == parsed
