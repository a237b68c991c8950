"""Export reports from a store to one file: filter, partner-safe step, writer, atomic write."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

from fieldreport.exports.context import ExportContext
from fieldreport.exports.filters import ExportFilter, iter_reports
from fieldreport.exports.partner_safe import make_partner_safe
from fieldreport.exports.registry import get_format
from fieldreport.fsutil import atomic_writer
from fieldreport.store.store import Store


def plaintext_warning(out: Path) -> str:
    """What the CLI prints and the GUI shows after every export: the file is in the clear."""
    return f"{out} is not encrypted; store it on an encrypted disk and delete it when done"


def export_reports(
    store: Store,
    fmt: str,
    out: Path,
    flt: ExportFilter,
    ctx: ExportContext,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the reports `flt` selects to `out` in format `fmt`; returns how many.

    The file appears whole or not at all (a failed export leaves an older file untouched).
    `progress` is called with the number of reports read so far (the total is not known
    up front without a second pass).
    """
    writer = get_format(fmt)
    if ctx.partner_safe != flt.partner_safe:
        raise ValueError("the filter and the context disagree on partner-safe")
    with (
        contextlib.closing(_selected(store, flt, ctx, progress)) as reports,
        atomic_writer(out) as handle,
    ):
        return writer.write(reports, handle, ctx)


def _selected(
    store: Store,
    flt: ExportFilter,
    ctx: ExportContext,
    progress: Callable[[int], None] | None,
) -> Generator[dict[str, Any], None, None]:
    for done, doc in enumerate(iter_reports(store, flt), start=1):
        yield make_partner_safe(doc, ctx.taxonomy, ctx.lang) if flt.partner_safe else doc
        if progress is not None:
            progress(done)
