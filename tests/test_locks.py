"""The lock files (requirements/*.lock, `make lock`) pin every dependency pyproject.toml names,
at a version it allows, with hashes: `make install`, CI and packaging install from them."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / lock).read_text("utf-8")
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def wanted(*extras: str) -> list[Requirement]:
    found = [Requirement(r) for r in PROJECT["dependencies"]]
    for extra in extras:
        found += [Requirement(r) for r in PROJECT["optional-dependencies"][extra]]
    return found


@pytest.mark.parametrize(
    ("lock", "extras"),
    [("field.lock", ()), ("package.lock", ()), ("dev.lock", ("dev", "hq"))],
)
def test_the_lock_pins_what_pyproject_asks_for(lock: str, extras: tuple[str, ...]) -> None:
    pinned = pins(lock)
    problems = []
    for requirement in wanted(*extras):
        version = pinned.get(canonicalize_name(requirement.name))
        if version is None or not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement} (locked: {version})")
    assert not problems, f"run 'make lock': {lock} does not satisfy {problems}"


def test_the_locks_agree_and_carry_hashes() -> None:
    field, package, dev = pins("field.lock"), pins("package.lock"), pins("dev.lock")
    assert {k: package[k] for k in field} == field
    assert {k: dev[k] for k in field} == field
    assert "pyinstaller" in package and "fastapi" not in package
    for lock in ("field.lock", "package.lock", "dev.lock"):
        text = (ROOT / "requirements" / lock).read_text("utf-8")
        assert text.count("==") <= text.count("--hash=sha256:"), lock
