"""Signed, encrypted sync bundles (issue 3)."""
