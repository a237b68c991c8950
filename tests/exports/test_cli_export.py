"""`fieldreport export` as a user runs it: the file, the plaintext warning, the refusals."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import minimal_report, run_cli


@pytest.fixture(scope="module")
def store_with_reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One store for the module: every CLI call pays a real key derivation.
    tmp_path = tmp_path_factory.mktemp("cli-export")
    cli_store = tmp_path / "store"
    assert run_cli("init", "--key-type", "x25519", data_dir=cli_store).code == 0
    for n, (day, level) in enumerate([(3, "public"), (10, "internal"), (20, "partners")]):
        report = tmp_path / f"r{n}.json"
        report.write_text(
            json.dumps(
                minimal_report(
                    occurred_at=f"2026-10-{day:02d}T08:00:00+00:00",
                    sharing_level=level,
                    narrative=f"NARRATIVE {n}",
                )
            )
        )
        assert run_cli("report", "add", "--json", str(report), data_dir=cli_store).code == 0
    return cli_store


def test_export_writes_the_file_and_warns_it_is_not_encrypted(
    store_with_reports: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    result = run_cli("export", "--format", "csv", "--out", str(out), data_dir=store_with_reports)
    assert result.code == 0, result.err
    warnings = [line for line in result.err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "not encrypted" in warnings[0]
    assert result.out == ""
    with out.open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 3


def test_export_json_summary_with_filters(store_with_reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "safe.geojson"
    result = run_cli(
        "export", "--format", "geojson", "--out", str(out), "--partner-safe",
        "--since", "2026-10-01", "--until", "2026-10-15", "--lang", "fr", "--json",
        data_dir=store_with_reports,
    )  # fmt: skip
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert summary == {
        "format": "geojson",
        "out": str(out),
        "count": 1,  # the internal report of the 10th is left out
        "partner_safe": True,
        "encrypted": False,
    }
    assert "not encrypted" in result.err
    features = json.loads(out.read_text("utf-8"))["features"]
    assert [f["properties"]["occurred_at"][:10] for f in features] == ["2026-10-03"]
    assert "NARRATIVE" not in out.read_text("utf-8")


def test_bounds_with_different_offsets_are_compared_as_instants(
    store_with_reports: Path, tmp_path: Path
) -> None:
    """10:00 at UTC+05:00 is 05:00 UTC: before 08:00 UTC, so this range is not reversed."""
    out = tmp_path / "range.csv"
    result = run_cli(
        "export", "--format", "csv", "--out", str(out),
        "--since", "2026-10-03T10:00:00+05:00", "--until", "2026-10-03T08:00:00+00:00",
        data_dir=store_with_reports,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert out.exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "xml", "--out", "{tmp}/x"], 2, "invalid choice: 'xml'"),
        (["--format", "csv"], 2, "--out"),
        (["--format", "csv", "--out", "{tmp}/none/x.csv"], 2, "does not exist"),
        (["--format", "csv", "--out", "{tmp}"], 2, "is a folder"),
        (["--format", "csv", "--out", "{tmp}/x", "--since", "2026-02-30"], 2, "is not a date"),
        (
            [
                "--format",
                "csv",
                "--out",
                "{tmp}/x",
                "--since",
                "2026-11-01",
                "--until",
                "2026-10-01",
            ],
            2,
            "before --since",
        ),
        (["--format", "csv", "--out", "{tmp}/x", "--region", "ML99"], 2, "unknown region"),
        (["--format", "csv", "--out", "{tmp}/x", "--event-type", "War"], 2, "unknown event"),
        (["--format", "csv", "--out", "{tmp}/x", "--lang", "de"], 2, "invalid choice"),
    ],
)
def test_bad_arguments_are_one_line_usage_errors(
    args: list[str], code: int, message: str, tmp_path: Path
) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    # No store in the data folder: arguments are refused before any unlock is attempted.
    result = run_cli("export", *argv, data_dir=tmp_path / "no-store")
    assert result.code == code
    assert result.err.startswith("error:") and message in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert not (tmp_path / "x").exists()


def test_export_without_a_store_is_refused(tmp_path: Path) -> None:
    result = run_cli(
        "export", "--format", "csv", "--out", str(tmp_path / "x.csv"), data_dir=tmp_path / "none"
    )
    assert result.code == 1 and result.err.startswith("error: no store in")
    assert not (tmp_path / "x.csv").exists()


def test_export_with_a_wrong_passphrase_writes_nothing(
    store_with_reports: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.pdf"
    result = run_cli(
        "export", "--format", "pdf", "--out", str(out), data_dir=store_with_reports,
        passphrase="not the passphrase at all",
    )  # fmt: skip
    assert result.code == 1 and result.err.startswith("error:")
    assert not out.exists()
