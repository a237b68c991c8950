"""Acceptance: a writer killed with SIGKILL at random moments loses nothing it confirmed."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from fieldreport.store import doctor
from fieldreport.store.store import Store
from tests.conftest import PASSPHRASE, REPO

KILLS = 50

WRITER = textwrap.dedent(
    """
    import os, sys
    sys.path.insert(0, {repo!r})
    from pathlib import Path
    from fieldreport.store.store import Store
    from tests.conftest import PASSPHRASE, minimal_report
    store = Store.open(Path({data!r}), PASSPHRASE)
    blob = Path({data!r}).parent / "attach.bin"
    i = 0
    while True:
        saved = store.add_report(minimal_report(title=f"report {{i}}", narrative="x" * 2000))
        if i % 7 == 3:
            store.attach(saved.report_id, [blob])
        # Printed only after the commit returned: a promise that it is on disk.
        sys.stdout.write(saved.report_id + "\\n")
        sys.stdout.flush()
        i += 1
    """
)


@pytest.mark.slow
def test_sigkill_while_saving_loses_nothing(tmp_path: Path) -> None:
    data = tmp_path / "store"
    Store.init(data, PASSPHRASE, key_type="x25519").close()
    (tmp_path / "attach.bin").write_bytes(os.urandom(300_000))
    script = WRITER.format(repo=str(REPO), data=str(data))
    rng = random.Random(20261124)
    promised: set[str] = set()
    env = {**os.environ, "FIELDREPORT_KDF_NO_CALIBRATION": "1"}
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # the writer is now in its loop
        assert first, "writer died before saving anything"
        promised.add(first.strip())
        time.sleep(rng.uniform(0.0, 0.25))
        child.send_signal(signal.SIGKILL)
        rest, _ = child.communicate()
        # A line cut by the kill is not a promise; whole lines are.
        promised.update(line for line in rest.split("\n")[:-1] if line)
        assert child.returncode == -signal.SIGKILL
    with Store.open(data, PASSPHRASE) as store:
        stored = {d["id"] for d in store.list_reports()}
        missing = promised - stored
        assert not missing, f"{len(missing)} confirmed reports lost"
        result = doctor.run(store)
        assert result.ok, result.problems
    assert len(promised) > KILLS
