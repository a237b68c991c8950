"""`fieldreport self-test` (contract.md): exit 0 after checking the whole chain offscreen."""

from __future__ import annotations

from tests.conftest import run_cli


def test_self_test_passes_offscreen(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli(
        "self-test", passphrase=None, env={"QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    )
    assert result.code == 0, result.err
    assert "self-test passed: 6 checks" in result.out
    assert "main window opened" in result.err
    assert "propagateSizeHints" not in result.err
    assert list(tmp_path.iterdir()) == []  # it cleans up after itself
