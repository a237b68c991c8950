"""`fieldreport-hq` relay commands and `fieldreport sync` refuse bad input with one
`error:` line (exit 1 refused, 2 usage), and an unreachable relay leaves every outbox item
saying why and when the next attempt is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldreport.sync.chunking import AdaptiveChunker
from tests.conftest import minimal_report, run_cli
from tests.relay.conftest import run_hq
from tests.relay.pgcluster import free_port


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("enroll", "missing.json"), 2, "no such file"),
        (("revoke", "0192f0c4-7b1a-7cc2-9d11-3a4b5c6d7e8f"), 1, "no enrolled device"),
        (("serve", "--db", "mysql://x@y/z"), 2, "only postgresql"),
        (("status", "--db", "postgresql://nobody@127.0.0.1:1/none"), 1, "cannot open"),
        (("serve", "--workers", "0"), 2, "must be 1 or more"),
        (("advisory", "publish", "--title", "T", "--body", "B", "--severity", "meh"), 2, "choice"),
    ],
)
def test_hq_refusals_are_one_line(
    tmp_path: Path, args: tuple[str, ...], code: int, says: str
) -> None:
    result = run_hq(tmp_path / "hq", *args)
    assert result.returncode == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and says in lines[0], result.stderr
    assert "nobody" not in result.stderr or "postgresql://" not in result.stderr  # no URL


def test_an_empty_relay_status(tmp_path: Path) -> None:
    result = run_hq(tmp_path / "hq", "status", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"devices": [], "bundles_stored": 0, "uploads_open": 0}


def test_sync_without_a_relay_url_is_refused(cli_store: Path) -> None:
    result = run_cli("sync", "--once", data_dir=cli_store)
    assert result.code == 1 and result.err.startswith("error:") and "--url" in result.err
    bad = run_cli("sync", "--once", "--url", "ftp://x", data_dir=cli_store)
    assert bad.code == 1 and "http" in bad.err


def test_sync_to_an_unreachable_relay_says_so_on_every_item(
    cli_store: Path, tmp_path: Path
) -> None:
    for i in range(2):
        run_cli(
            "report",
            "add",
            "--json",
            "-",
            data_dir=cli_store,
            stdin=json.dumps(minimal_report(title=f"R{i}")),
        )
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    result = run_cli("sync", "--once", "--json", "--url", url, data_dir=cli_store)
    assert result.code == 1
    doc = json.loads(result.out)
    assert doc["reachable"] is False
    assert len(doc["outbox"]) == 2
    for item in doc["outbox"]:  # each says why, how often, and when it tries again
        assert item["state"] == "pending" and item["attempts"] >= 1
        assert "cannot be reached" in item["last_error"] and item["next_attempt_at"]


def test_the_chunker_follows_the_link() -> None:
    chunker = AdaptiveChunker(target_seconds=1.0, size=64 * 1024)
    chunker.measured(64 * 1024, 2.0)  # 32 KB/s: a 256 kbit/s link
    assert 16 * 1024 <= chunker.size <= 40 * 1024
    for _ in range(10):
        chunker.measured(chunker.size, chunker.size / 50e6)  # 50 MB/s
    assert chunker.size == 4 * 1024 * 1024
    chunker.failed()
    assert chunker.size == 2 * 1024 * 1024
