"""The version and the commit a program was built from: `fieldreport --version`.

The version has one source, pyproject.toml (through the installed metadata, or baked into
`fieldreport._build` by packaging/fieldreport.spec). The commit is baked in the same way at
package time; from a source checkout it is asked of git; a wheel install has none.
"""

from __future__ import annotations

import importlib
import subprocess
from pathlib import Path

from fieldreport import __version__

CHECKOUT = Path(__file__).resolve().parents[2]  # src/fieldreport/version.py → the checkout


def build_commit() -> str | None:
    """`abc1234` (with `-dirty` for uncommitted changes), or None when unknown."""
    try:
        build = importlib.import_module("fieldreport._build")
    except ImportError:
        return checkout_commit(CHECKOUT)
    return str(build.COMMIT) or None


def checkout_commit(root: Path) -> str | None:
    """The commit of the git checkout at `root`, or None if it is not one (or git is absent)."""
    if not (root / ".git").exists():
        return None

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )

    try:
        head = git("rev-parse", "--short=7", "HEAD")
        if head.returncode != 0:
            return None
        dirty = git("status", "--porcelain", "--untracked-files=no").stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head.stdout.strip() + ("-dirty" if dirty else "")


def version_line(program: str = "fieldreport") -> str:
    """`fieldreport 0.1.0 (abc1234)`; without the parenthesis when the commit is unknown."""
    commit = build_commit()
    return f"{program} {__version__}" + (f" ({commit})" if commit else "")
