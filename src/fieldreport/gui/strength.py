"""A rough passphrase strength estimate for the meter of the first-run wizard (no Qt).

It estimates guessing entropy from length and character classes, then removes what makes a
passphrase predictable: repeated characters, sequences, and words every cracker tries first.
It is a nudge towards several random words, not a guarantee.
"""

from __future__ import annotations

import itertools
import math
import re

COMMON = {
    "password", "motdepasse", "azerty", "qwerty", "123456", "admin", "welcome", "bienvenue",
    "soleil", "bonjour", "secret", "fieldreport", "mali", "bamako", "letmein", "iloveyou",
}  # fmt: skip
MIN_ACCEPTED = 2  # scores: 0 very weak, 1 weak, 2 fair, 3 good, 4 strong
MIN_LENGTH = 10


def entropy_bits(passphrase: str) -> float:
    if not passphrase:
        return 0.0
    pool = 0
    if re.search(r"[a-z]", passphrase):
        pool += 26
    if re.search(r"[A-Z]", passphrase):
        pool += 26
    if re.search(r"[0-9]", passphrase):
        pool += 10
    if re.search(r"[^a-zA-Z0-9]", passphrase):
        pool += 33
    # Repeats and runs ("aaaa", "1234", "abcd") add almost nothing.
    effective = 1
    for previous, char in itertools.pairwise(passphrase):
        if char == previous or abs(ord(char) - ord(previous)) == 1:
            continue
        effective += 1
    bits = effective * math.log2(max(pool, 2))
    lowered = passphrase.lower()
    for word in COMMON:
        if word in lowered:
            bits -= len(word) * math.log2(max(pool, 2)) * 0.8
    return max(0.0, bits)


def score(passphrase: str) -> int:
    """0 (very weak) … 4 (strong)."""
    if len(passphrase) < MIN_LENGTH:
        return 0 if len(passphrase) < 6 else min(1, int(entropy_bits(passphrase) // 40))
    bits = entropy_bits(passphrase)
    for limit, value in ((90, 4), (65, 3), (45, 2), (28, 1)):
        if bits >= limit:
            return value
    return 0


def acceptable(passphrase: str) -> bool:
    return len(passphrase) >= MIN_LENGTH and score(passphrase) >= MIN_ACCEPTED
