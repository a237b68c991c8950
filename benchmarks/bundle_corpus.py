"""The bundle corpus shared by P4 (export) and P5 (import), and their child processes.

A field store with N reports and a realistic mix of attachments (photos of random bytes,
incompressible like JPEG; PDFs half text, half compressed streams; text notes), a coordinator
store that trusts it (X25519 keys, so the age CLI reads our bundles), a half-size and a
full-size bundle, and the full bundle's plaintext extracted to disk for the CLI baselines.

Our export and import always run in a child process (`python bundle_child.py child …`) so
that its peak RSS (`getrusage(RUSAGE_SELF).ru_maxrss`) is the operation's alone. Throughputs
are MB of plaintext (report files + attachments; MB = 2**20 bytes) per second, for ours and
for the baselines alike.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import corpus
from fieldreport.paths import StoreLayout
from fieldreport.store import reports, vault
from fieldreport.store.engine import make_engine
from fieldreport.store.store import OpenInfo, Store
from fieldreport.trust.install import trust_request

MB = 1024 * 1024
FULL_REPORTS = 10_000
FULL_BYTES = 1024 * MB
QUICK_REPORTS = 1_000
QUICK_BYTES = 64 * MB
RSS_BUDGET_MB = 150.0
FLAT_TOLERANCE = 0.10  # "flat": peak RSS grows by at most 10 % when the bundle doubles
CHILD = Path(__file__).resolve().with_name("bundle_child.py")

# kind: (share of the files, min size, max size, extension)
MIX = {
    "photo": (0.60, 2 * MB, 5 * MB, ".jpg"),
    "pdf": (0.25, 300 * 1024, 2 * MB, ".pdf"),
    "text": (0.15, 20 * 1024, 200 * 1024, ".txt"),
}


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["FIELDREPORT_KDF_NO_CALIBRATION"] = "1"
    return env


# ----- attachments ---------------------------------------------------------------------------


def attachment_plan(total: int, rng: random.Random) -> list[tuple[str, int]]:
    """(kind, size) of each attachment, sizes adding up to exactly `total` bytes."""
    kinds = list(MIX)
    weights = [MIX[k][0] for k in kinds]
    plan: list[tuple[str, int]] = []
    left = total
    while left > 0:
        kind = rng.choices(kinds, weights)[0]
        _, low, high, _ = MIX[kind]
        size = min(left, rng.randint(low, high))
        plan.append((kind, size))
        left -= size
    return plan


def _text_pool(rng: random.Random, size: int = 4 * MB) -> bytes:
    words = [rng.choice(corpus.WORDS) for _ in range(size // 6)]
    lines = (" ".join(words[i : i + 12]) for i in range(0, len(words), 12))
    return ("\n".join(lines).encode() * 2)[:size]


def write_attachment(path: Path, kind: str, size: int, rng: random.Random, pool: bytes) -> None:
    block = 64 * 1024
    with path.open("wb") as out:
        left = size
        while left > 0:
            n = min(block, left)
            if kind == "photo" or (kind == "pdf" and rng.random() < 0.5):
                out.write(os.urandom(n))  # JPEG data, a PDF's deflated streams: incompressible
            else:
                start = rng.randrange(len(pool) - block)
                out.write(pool[start : start + n])
            left -= n


# ----- the corpus ----------------------------------------------------------------------------


@dataclass
class BundleCorpus:
    quick: bool
    root: Path
    field_dir: Path
    coordinator_dir: Path  # pristine: imports go into copies of it
    field_key: bytes  # the stores' data keys, handed to the children (see open_unlocked)
    coordinator_key: bytes
    recipient: str
    identity_file: Path
    half_bundle: Path
    full_bundle: Path
    plain_dir: Path  # the full bundle's plaintext, as `age -d | zstd -d | tar -x` wrote it
    reports: int
    attachments: int
    attachment_bytes: int
    plaintext_files: int
    mix: dict[str, dict[str, int]]
    half_export: dict[str, Any] = field(default_factory=dict)
    full_export: dict[str, Any] = field(default_factory=dict)
    build_s: float = 0.0

    def plain_members(self) -> list[str]:
        return ["manifest.json", "manifest.json.minisig", "reports", "attachments"]


def _add_reports(store: Store, count: int, seed: int) -> list[str]:
    ids: list[str] = []
    for start in range(0, count, 5000):
        chunk = corpus.sample_reports(min(5000, count - start), seed=seed + start)
        with store.write() as conn:
            for data in chunk:
                ids.append(reports.create_report(conn, data, store.device.device_id).report_id)
    return ids


def _attach(
    store: Store,
    report_ids: list[str],
    plan: list[tuple[str, int]],
    scratch: Path,
    rng: random.Random,
    pool: bytes,
    first_index: int,
) -> None:
    targets = rng.sample(report_ids, len(plan))
    scratch.mkdir(parents=True, exist_ok=True)
    for i, ((kind, size), report_id) in enumerate(zip(plan, targets, strict=True)):
        path = scratch / f"{kind}_{first_index + i:04d}{MIX[kind][3]}"
        write_attachment(path, kind, size, rng, pool)
        store.attach(report_id, [path])
        path.unlink()


def build(root: Path, quick: bool, log: Callable[[str], None] = lambda _: None) -> BundleCorpus:
    """Field + coordinator stores, the half and full bundles (exported by our code in a
    child: these two exports give the RSS at two sizes) and the extracted plaintext."""
    started = time.perf_counter()
    os.environ["FIELDREPORT_KDF_NO_CALIBRATION"] = "1"
    n_reports = QUICK_REPORTS if quick else FULL_REPORTS
    total = QUICK_BYTES if quick else FULL_BYTES
    rng = random.Random(4242)
    pool = _text_pool(rng)
    plan = attachment_plan(total, rng)
    cut, acc = 0, 0
    while acc < total // 2:
        acc += plan[cut][1]
        cut += 1
    root.mkdir(parents=True, exist_ok=True)
    field_dir, coord_dir = root / "field", root / "coordinator"
    field_store = Store.init(field_dir, corpus.PASSPHRASE, key_type="x25519")
    coordinator = Store.init(coord_dir, corpus.PASSPHRASE, role="coordinator", key_type="x25519")
    trust_request(coordinator, field_store.enrolment_request())
    trust_request(field_store, coordinator.enrolment_request())  # for receipts
    recipient = coordinator.device.identity.recipient().to_string()
    identity_file = root / "coordinator.age-identity"
    identity_file.write_text(coordinator.identity_file_text())
    identity_file.chmod(0o600)
    coordinator.close()

    log(f"building the half: {n_reports // 2:,} reports + {acc / MB:.0f} MB of attachments…")
    ids = _add_reports(field_store, n_reports // 2, seed=0)
    _attach(field_store, ids, plan[:cut], root / "scratch", rng, pool, 0)
    field_store.close()
    half = root / "half.frb"
    field_key = data_key(field_dir)
    half_export = export_child(field_dir, field_key, half, recipient)

    log(f"building the full: {n_reports:,} reports + {total / MB:.0f} MB of attachments…")
    field_store = Store.open(field_dir, corpus.PASSPHRASE)
    ids = _add_reports(field_store, n_reports - n_reports // 2, seed=1_000_000)
    _attach(field_store, ids, plan[cut:], root / "scratch", rng, pool, cut)
    field_store.close()
    full = root / "full.frb"
    full_export = export_child(field_dir, field_key, full, recipient)

    plain = root / "plain"
    age_import_baseline(full, identity_file, plain)
    mix: dict[str, dict[str, int]] = {k: {"files": 0, "bytes": 0} for k in MIX}
    for kind, size in plan:
        mix[kind]["files"] += 1
        mix[kind]["bytes"] += size
    return BundleCorpus(
        quick=quick,
        root=root,
        field_dir=field_dir,
        coordinator_dir=coord_dir,
        field_key=field_key,
        coordinator_key=data_key(coord_dir),
        recipient=recipient,
        identity_file=identity_file,
        half_bundle=half,
        full_bundle=full,
        plain_dir=plain,
        reports=n_reports,
        attachments=len(plan),
        attachment_bytes=total,
        plaintext_files=sum(1 for p in plain.rglob("*") if p.is_file()),
        mix=mix,
        half_export=half_export,
        full_export=full_export,
        build_s=time.perf_counter() - started,
    )


# ----- our side, in a child process ----------------------------------------------------------
#
# The child gets the store's data key on stdin instead of the passphrase, so its peak RSS is
# the operation's, not Argon2id's (64 MiB uncalibrated, up to 512 MiB calibrated, freed
# before any export could start). It is started through /bin/sh, which forks it: a child
# exec'd straight from this (large) process would inherit our peak in its ru_maxrss.


def data_key(store_dir: Path) -> bytes:
    result = vault.unlock(StoreLayout(store_dir), corpus.PASSPHRASE)
    assert result.data_key is not None
    return result.data_key


def open_unlocked(store_dir: Path, key: bytes) -> Store:
    """Store.open without the KDF (the key was derived once, by the parent)."""
    layout = StoreLayout(store_dir)
    return Store(layout, key, make_engine(layout.database, key), OpenInfo(kdf_seconds=0.0))


def _run_child(key: bytes, args: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        ["/bin/sh", "-c", '"$@"; exit $?', "sh", sys.executable, str(CHILD), "child", *args],
        input=key.hex(),
        capture_output=True,
        text=True,
        env=child_env(),
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child {args[0]} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def export_child(
    store_dir: Path, key: bytes, out: Path, recipient: str, profile: Path | None = None
) -> dict[str, Any]:
    extra = ["--profile", str(profile)] if profile else []
    return _run_child(key, ["export", str(store_dir), str(out), recipient, *extra])


def import_child(
    c: BundleCorpus, work: Path, bundle: Path, profile: Path | None = None
) -> dict[str, Any]:
    """Import `bundle` into a fresh copy of the pristine coordinator store (then remove it)."""
    shutil.copytree(c.coordinator_dir, work)
    try:
        extra = ["--profile", str(profile)] if profile else []
        return _run_child(c.coordinator_key, ["import", str(work), str(bundle), *extra])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _rss() -> dict[str, float]:
    status = Path("/proc/self/status").read_text()
    hwm = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    return {
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "vm_hwm_mb": round(hwm / 1024, 1),  # the same peak, from the kernel's mm counters
    }


@dataclass(frozen=True)
class _Timing:
    seconds: float
    cpu_s: float  # user + system CPU of this process (all its threads) during the call


def _timed(call: Callable[[], Any], profile: str | None) -> tuple[Any, _Timing]:
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    cpu, start = time.process_time(), time.perf_counter()
    result = profiler.runcall(call) if profiler else call()
    timing = _Timing(time.perf_counter() - start, time.process_time() - cpu)
    if profiler:
        profiler.dump_stats(profile)
    return result, timing


def _child_export(store: Store, out: Path, recipient: str, profile: str | None) -> dict:
    from fieldreport.bundle.export import export_bundle
    from fieldreport.crypto import age

    rss_open = _rss()["rss_mb"]
    total = [0]

    def progress(done: int, whole: int) -> None:
        total[0] = whole

    result, timing = _timed(
        lambda: export_bundle(store, out, [age.parse_recipient(recipient)], progress), profile
    )
    return {
        "seconds": timing.seconds,
        "cpu_s": timing.cpu_s,
        "plaintext_bytes": total[0],
        "bundle_bytes": result.size,
        "revisions": result.revisions,
        "attachments": result.attachments,
        "rss_open_mb": rss_open,
        **_rss(),
    }


def _child_import(store: Store, bundle: Path, profile: str | None) -> dict:
    from fieldreport.bundle.importer import import_bundle

    rss_open = _rss()["rss_mb"]
    total = [0]

    def progress(done: int, whole: int) -> None:
        total[0] = whole

    helper = _HelperWatch()
    result, timing = _timed(lambda: import_bundle(store, bundle, progress), profile)
    helper.stop()
    if result.status != "imported":
        raise RuntimeError(f"import said {result.status}")
    return {
        "seconds": timing.seconds,
        # This process and its report-parsing helper: the work both cores had to share.
        "cpu_s": timing.cpu_s + helper.cpu_s,
        "helper_cpu_s": helper.cpu_s,
        "plaintext_bytes": total[0],
        "new_revisions": result.new_revisions,
        "attachments": result.attachments,
        "rss_open_mb": rss_open,
        **_rss(),
        "helper_rss_mb": round(helper.peak_kb / 1024, 1),
    }


class _HelperWatch:
    """Peak RSS and CPU time of the helper processes an import starts
    (bundle/revision_parser.py), read from /proc every 20 ms while it runs (the CPU a helper
    spends after the last look, at most 20 ms of it, is not counted). getrusage(RUSAGE_CHILDREN)
    cannot say either: on Linux it counts the forked copy of this process that exists for an
    instant before the exec, and a helper that is not waited for is not counted at all."""

    _TICK = os.sysconf("SC_CLK_TCK")  # /proc's unit of CPU time (Linux only, like /proc)

    def __init__(self) -> None:
        self.peak_kb = 0
        self._cpu_ticks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    @property
    def cpu_s(self) -> float:
        return sum(self._cpu_ticks.values()) / self._TICK

    def _watch(self) -> None:
        while not self._stop.wait(0.02):
            for process in multiprocessing.active_children():
                self._look(process.pid)

    def _look(self, pid: int | None) -> None:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return
        for line in status.splitlines():
            if line.startswith("VmHWM"):
                self.peak_kb = max(self.peak_kb, int(line.split()[1]))
        # Fields after the ")" that ends the command name: utime and stime are 12th and 13th.
        fields = stat.rsplit(")", 1)[1].split()
        self._cpu_ticks[pid or 0] = int(fields[11]) + int(fields[12])

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()  # first: active_children() is not safe from two threads at once
        for process in multiprocessing.active_children():  # a last look at what still runs
            self._look(process.pid)


# ----- the baselines: CLI pipelines on the same files / the same bundle ----------------------


def _pipeline(command: str) -> float:
    start = time.perf_counter()
    subprocess.run(["bash", "-o", "pipefail", "-c", command], check=True)
    return time.perf_counter() - start


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_attachments(folder: Path) -> None:
    """fsync each extracted attachment and its folder. Ours keeps the reports in its
    database (one commit); the ~10k small report files are not fsync'd one by one here."""
    attachments = folder / "attachments"
    for path in attachments.iterdir():
        _fsync_file(path)
    _fsync_file(attachments)


def age_export_baseline(c: BundleCorpus, out: Path) -> dict[str, float]:
    """`tar cf - FILES | zstd -1 | age -r R > out`, then fsync(out): ours fsyncs its bundle."""
    members = " ".join(shlex.quote(m) for m in c.plain_members())
    seconds = _pipeline(
        f"tar cf - -C {shlex.quote(str(c.plain_dir))} {members} | zstd -1 -q -c"
        f" | age -r {shlex.quote(c.recipient)} > {shlex.quote(str(out))}"
    )
    start = time.perf_counter()
    _fsync_file(out)
    fsync_s = time.perf_counter() - start
    return {"seconds": seconds + fsync_s, "pipeline_s": seconds, "fsync_s": fsync_s}


def age_import_baseline(bundle: Path, identity_file: Path, folder: Path) -> dict[str, float]:
    """`age -d -i ID bundle | zstd -d | tar -x -C DIR`, then fsync every attachment written
    (ours fsyncs every attachment it stages and commits its database)."""
    folder.mkdir(parents=True)
    seconds = _pipeline(
        f"age -d -i {shlex.quote(str(identity_file))} {shlex.quote(str(bundle))}"
        f" | zstd -d -q -c | tar -x -C {shlex.quote(str(folder))}"
    )
    start = time.perf_counter()
    _fsync_attachments(folder)
    fsync_s = time.perf_counter() - start
    return {"seconds": seconds + fsync_s, "pipeline_s": seconds, "fsync_s": fsync_s}


class Gpg:
    """A throwaway GNUPGHOME with one generated key without a passphrase."""

    def __init__(self, home: Path) -> None:
        home.mkdir(mode=0o700, parents=True)
        self.home = home
        self.env = {**os.environ, "GNUPGHOME": str(home)}
        quiet = {"check": True, "env": self.env, "capture_output": True}
        subprocess.run(
            [
                "gpg",
                "--batch",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "",
                "--quick-gen-key",
                "FieldReport benchmark <bench@example.invalid>",
                "default",
                "default",
                "never",
            ],
            **quiet,
        )
        listing = subprocess.run(
            ["gpg", "--batch", "--with-colons", "--list-secret-keys"], text=True, **quiet
        ).stdout
        rows = [line.split(":") for line in listing.splitlines()]
        self.fingerprint = next(r[9] for r in rows if r[0] == "fpr")
        self.algo = {"1": "rsa", "18": "ecdh", "22": "eddsa"}.get(
            next(r[3] for r in rows if r[0] == "sec"), "?"
        )

    def sign_encrypt(self, c: BundleCorpus, out: Path) -> dict[str, float]:
        """`tar cf - FILES | gpg --batch --sign --encrypt -r KEY > out`, then fsync(out)."""
        members = " ".join(shlex.quote(m) for m in c.plain_members())
        start = time.perf_counter()
        subprocess.run(
            [
                "bash",
                "-o",
                "pipefail",
                "-c",
                f"tar cf - -C {shlex.quote(str(c.plain_dir))} {members}"
                " | gpg --batch --yes --pinentry-mode loopback --passphrase ''"
                f" --sign --encrypt -r {self.fingerprint} > {shlex.quote(str(out))}",
            ],
            check=True,
            env=self.env,
        )
        seconds = time.perf_counter() - start
        start = time.perf_counter()
        _fsync_file(out)
        fsync_s = time.perf_counter() - start
        return {"seconds": seconds + fsync_s, "pipeline_s": seconds, "fsync_s": fsync_s}

    def close(self) -> None:
        subprocess.run(["gpgconf", "--kill", "gpg-agent"], env=self.env, check=False)


def mbps(nbytes: int, seconds: float) -> float:
    return nbytes / MB / seconds


def flat(rss_half: float, rss_full: float) -> bool:
    return rss_full <= rss_half * (1 + FLAT_TOLERANCE)


def child_main() -> int:
    """bundle_child.py's work: one export or import, its figures as JSON on stdout."""
    parser = argparse.ArgumentParser(description="child process of P4/P5 (not run by hand)")
    sub = parser.add_subparsers(dest="what", required=True)
    child = sub.add_parser("child")
    child.add_argument("op", choices=("export", "import"))
    child.add_argument("store", type=Path)
    child.add_argument("path", type=Path)
    child.add_argument("recipient", nargs="?")
    child.add_argument("--profile")
    args = parser.parse_args()
    store = open_unlocked(args.store, bytes.fromhex(sys.stdin.read().strip()))
    if args.op == "export":
        result = _child_export(store, args.path, args.recipient, args.profile)
    else:
        result = _child_import(store, args.path, args.profile)
    store.close()
    print(json.dumps(result))
    return 0
