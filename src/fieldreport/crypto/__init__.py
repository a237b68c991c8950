"""Spec-conformant cryptographic formats: age v1, minisign, STREAM. No I/O policy, no Qt."""
