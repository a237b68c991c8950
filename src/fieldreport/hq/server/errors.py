"""Refusals as the protocol states them: a status, a stable reason word, one line."""

from __future__ import annotations

from typing import Any


class RelayRefusal(Exception):
    def __init__(self, status: int, reason: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": str(self), "reason": self.reason, **self.extra}
