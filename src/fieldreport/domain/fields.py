"""Reusable validators for JSON-like input: each checks one value and names it when refusing.

Every function takes the value as parsed from JSON (so `object`, never trusted) and `field`,
the dotted path used in the error. They return the clean value (stripped text, rounded
coordinate, aware datetime) or raise ReportValidationError with a one-line message that says
what was given and what is allowed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import datetime

from fieldreport.domain.errors import ReportValidationError
from fieldreport.domain.timefmt import EXAMPLE, FORM_MISMATCH, parse_rfc3339

_SHOWN_CHARS = 60  # longest value quoted in a message: errors stay one readable line

# Text may hold line breaks and tabs (narratives); names and titles are single lines.
# Lone surrogates come from JSON escapes like "\ud800": they cannot be encoded as UTF-8, so
# the store and every export would fail on them later.
_BAD_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_BAD_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_UUID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE | re.ASCII
)


def describe(value: object) -> str:
    """A short one-line rendering of `value` for messages ('text', 42, true, null, an array)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "…"
        return repr(shown)  # repr escapes newlines and control characters: one line
    if isinstance(value, int):
        try:
            digits = str(value)
        except ValueError:  # more digits than Python will convert (int_max_str_digits)
            return "a very large integer"
        return digits if len(digits) <= _SHOWN_CHARS else digits[:_SHOWN_CHARS] + "…"
    if isinstance(value, float):
        return repr(value)
    return json_type(value)


def json_type(value: object) -> str:
    """The JSON name of `value`'s type, with its article ("an integer", "null")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "an array"
    return f"a {type(value).__name__}"


def invalid(field: str, problem: str) -> ReportValidationError:
    return ReportValidationError(field, problem)


def wrong_type(field: str, expected: str, value: object) -> ReportValidationError:
    got = json_type(value)
    if isinstance(value, bool | int | float):
        got = f"{got} ({describe(value)})"
    return invalid(field, f"expected {expected}, got {got}")


def join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def expect_object(value: object, field: str, allowed: Sequence[str]) -> Mapping[str, object]:
    """`value` as a mapping, refusing any key not in `allowed` (typos must not vanish)."""
    if not isinstance(value, Mapping):
        if not field:
            got = json_type(value)
            raise ReportValidationError("", f"a report must be a JSON object, got {got}")
        raise wrong_type(field, "an object", value)
    allowed_set = frozenset(allowed)
    unknown = [key for key in value if key not in allowed_set]
    if unknown:
        names = [join(field, key if isinstance(key, str) else describe(key)) for key in unknown]
        quoted = ", ".join(describe(name) for name in names[:5])
        if len(names) > 5:
            quoted += f" and {len(names) - 5} more"
        noun = "field" if len(names) == 1 else "fields"
        message = f"unknown {noun} {quoted} (allowed: {', '.join(allowed)})"
        raise ReportValidationError(names[0], f"unknown {noun}", message=message)
    return value


def array(value: object, field: str, *, max_items: int) -> Sequence[object]:
    if not isinstance(value, list | tuple):
        raise wrong_type(field, "an array", value)
    if len(value) > max_items:
        raise invalid(field, f"has {len(value)} items, at most {max_items} allowed")
    return value


def text(value: object, field: str, *, max_len: int, multiline: bool = False) -> str:
    """Stripped text; refuses control characters (and line breaks unless `multiline`)."""
    if not isinstance(value, str):
        raise wrong_type(field, "text", value)
    if multiline:
        # Windows tools and pasted text bring CR LF; store one newline convention.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.strip()
    bad = (_BAD_IN_TEXT if multiline else _BAD_IN_LINE).search(value)
    if bad is not None:
        raise invalid(field, _bad_character(bad.group(), multiline=multiline))
    if len(value) > max_len:
        raise invalid(field, f"is too long ({len(value)} characters, at most {max_len})")
    return value


def _bad_character(char: str, *, multiline: bool) -> str:
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return f"contains an unpaired surrogate ({code}), which is not valid Unicode"
    if not multiline and char in "\n\r\u2028\u2029":
        return "must be a single line (found a line break)"
    allowed = "line breaks and tabs are allowed" if multiline else "none are allowed here"
    return f"contains the control character {code} ({allowed})"


def required_text(value: object, field: str, *, max_len: int, multiline: bool = False) -> str:
    if value is None:
        raise invalid(field, "is required")
    cleaned = text(value, field, max_len=max_len, multiline=multiline)
    if not cleaned:
        raise invalid(field, "must not be empty")
    return cleaned


def optional_line(value: object, field: str, *, max_len: int) -> str | None:
    """An optional single-line text such as a name: null or blank means not given."""
    if value is None:
        return None
    return text(value, field, max_len=max_len) or None


def integer(value: object, field: str, *, minimum: int, maximum: int) -> int:
    # bool is an int subclass in Python but `true` is not a count or a level in JSON.
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(field, "an integer", value)
    if not minimum <= value <= maximum:
        raise invalid(field, f"{describe(value)} is out of range ({minimum} to {maximum})")
    return value


def coordinate(value: object, field: str, *, limit: int) -> float:
    """Decimal degrees within ±`limit`, rounded to 5 decimals (about 1 m)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise wrong_type(field, "a number", value)
    if isinstance(value, float) and not math.isfinite(value):
        raise invalid(field, f"{describe(value)} is not a finite number")
    # Compare before float(): a huge JSON integer would overflow the conversion.
    if not -limit <= value <= limit:
        raise invalid(field, f"{describe(value)} is out of range (-{limit} to {limit})")
    return round(float(value), 5) + 0.0  # + 0.0 turns -0.0 into 0.0


def code(value: object, field: str, allowed: Sequence[str | int]) -> str:
    """A text code from a vocabulary (taxonomy codes are exact, case included)."""
    if not isinstance(value, str):
        raise wrong_type(field, "text", value)
    value = value.strip()
    if value not in allowed:
        raise invalid(field, f"{describe(value)} is not a valid value (allowed: {_list(allowed)})")
    return value


def int_code(value: object, field: str, allowed: Sequence[str | int]) -> int:
    """An integer code from a vocabulary (severity, precision, credibility)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(field, "an integer", value)
    if value not in allowed:
        raise invalid(field, f"{describe(value)} is not a valid value (allowed: {_list(allowed)})")
    return value


def _list(allowed: Sequence[str | int]) -> str:
    return ", ".join(str(item) for item in allowed)


def uuid(value: object, field: str) -> str:
    """A UUID in canonical 8-4-4-4-12 form, returned in lower case."""
    if not isinstance(value, str):
        raise wrong_type(field, "a UUID as text", value)
    value = value.strip()
    if not _UUID.fullmatch(value):
        raise invalid(field, f"{describe(value)} is not a UUID (e.g. 0192f0c1-7b3a-7c4e-9d2f-…)")
    return value.lower()


def moment(value: object, field: str) -> datetime:
    if not isinstance(value, str):
        raise wrong_type(field, "an RFC 3339 date-time as text", value)
    value = value.strip()
    try:
        return parse_rfc3339(value)
    except ValueError as error:
        reason = "" if str(error) == FORM_MISMATCH else f": {error}"
        raise invalid(
            field,
            f"{describe(value)} is not an RFC 3339 date-time with offset (e.g. {EXAMPLE}){reason}",
        ) from None
