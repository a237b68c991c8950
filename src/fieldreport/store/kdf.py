"""Argon2id key derivation and its calibration (RFC 9106, security.md "Local store").

The parameters never go below the floor (t=3, m=64 MiB, p=4: RFC 9106's second recommended
option). At `init` they are raised until one derivation takes about 0.6 s on this machine:
the cost is the real protection of a seized disk image, the failed-unlock counter only slows
the program's own path.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

FLOOR_TIME_COST = 3
FLOOR_MEMORY_KIB = 64 * 1024
FLOOR_LANES = 4
MAX_MEMORY_KIB = 512 * 1024  # beyond this, add passes instead: field laptops have 4–8 GB
TARGET_SECONDS = 0.75  # inside security.md's 0.5–1 s, with room for a busy machine
LOWEST_ACCEPTED, HIGHEST_ACCEPTED = 0.85, 1.25  # of the target, after measuring
CORRECTION_ROUNDS = 2
OUTPUT_LENGTH = 64  # 32 bytes wrap the data key, 32 bytes check for the duress passphrase
# Tests and CI may skip calibration (the floor is still used); never lowers anything.
SKIP_CALIBRATION_ENV = "FIELDREPORT_KDF_NO_CALIBRATION"


@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    time_cost: int = FLOOR_TIME_COST
    memory_kib: int = FLOOR_MEMORY_KIB
    lanes: int = FLOOR_LANES

    def __post_init__(self) -> None:
        if len(self.salt) != 16:
            raise ValueError("Argon2id salt must be 16 bytes")
        if self.time_cost < FLOOR_TIME_COST or self.memory_kib < FLOOR_MEMORY_KIB or self.lanes < 1:
            raise ValueError("Argon2id parameters below the floor (t=3, m=64 MiB)")

    def to_json(self) -> dict[str, object]:
        return {
            "alg": "argon2id",
            "salt": self.salt.hex(),
            "t": self.time_cost,
            "m_kib": self.memory_kib,
            "p": self.lanes,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> KdfParams:
        if data.get("alg") != "argon2id":
            raise ValueError("unknown key derivation algorithm")
        t, m, p, salt = data.get("t"), data.get("m_kib"), data.get("p"), data.get("salt")
        if not (isinstance(t, int) and isinstance(m, int) and isinstance(p, int)):
            raise ValueError("Argon2id parameters must be integers")
        if not isinstance(salt, str):
            raise ValueError("Argon2id salt missing")
        if m > 4 * 1024 * 1024 or t > 64 or p > 64:
            # A tampered key file must not make us allocate unbounded memory or spin forever.
            raise ValueError("Argon2id parameters beyond the sane maximum")
        return cls(salt=bytes.fromhex(salt), time_cost=t, memory_kib=m, lanes=p)


def derive(passphrase: str, params: KdfParams) -> bytes:
    """Argon2id(passphrase) → 64 bytes."""
    kdf = Argon2id(
        salt=params.salt,
        length=OUTPUT_LENGTH,
        iterations=params.time_cost,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(passphrase.encode("utf-8"))


def _timed(params: KdfParams) -> float:
    start = time.perf_counter()
    derive("calibration", params)
    return time.perf_counter() - start


def _scaled(salt: bytes, factor: float) -> KdfParams:
    """The floor's cost multiplied by `factor`: memory first (what makes GPU and ASIC attacks
    expensive), then passes once memory reaches its cap."""
    memory = min(MAX_MEMORY_KIB, int(FLOOR_MEMORY_KIB * factor) // 1024 * 1024)
    memory = max(memory, FLOOR_MEMORY_KIB)
    remaining = factor * FLOOR_MEMORY_KIB / memory
    time_cost = max(FLOOR_TIME_COST, round(FLOOR_TIME_COST * remaining))
    return KdfParams(salt=salt, time_cost=time_cost, memory_kib=memory)


def calibrate(target_seconds: float = TARGET_SECONDS) -> KdfParams:
    """Parameters at or above the floor taking about `target_seconds` on this machine.

    Cost does not scale exactly linearly with memory (caches, page faults), so the choice is
    measured and corrected, a few times at most.
    """
    salt = os.urandom(16)
    floor = KdfParams(salt=salt)
    if os.environ.get(SKIP_CALIBRATION_ENV) == "1":
        return floor
    floor_seconds = max(_timed(floor), 1e-3)
    factor = target_seconds / floor_seconds
    if factor <= 1.0:
        return floor
    params = _scaled(salt, factor)
    for _ in range(CORRECTION_ROUNDS):
        elapsed = max(_timed(params), 1e-3)
        if LOWEST_ACCEPTED * target_seconds <= elapsed <= HIGHEST_ACCEPTED * target_seconds:
            break
        factor *= target_seconds / elapsed
        params = _scaled(salt, max(factor, 1.0))
    return params
