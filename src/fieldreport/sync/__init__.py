"""Outbox, HTTP client and scheduling for the relay (issue 5). No Qt, no web framework."""
