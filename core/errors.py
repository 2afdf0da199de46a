"""Domain exceptions: what went wrong in Waspada's words, translated to HTTP in api/errors.py."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One bad field and why, as a client should read it."""

    field: str
    reason: str
    type: str = "value_error"
    location: str = "body"


class WaspadaError(Exception):
    """Base of every domain error; the message is safe to show to the caller."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(WaspadaError):
    """Input that is well-formed but wrong for the domain (unknown code, future time...)."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.reason}" for e in errors))
        self.errors = errors

    @classmethod
    def single(
        cls, field: str, reason: str, type: str = "value_error", location: str = "body"
    ) -> InvalidInput:
        return cls([FieldError(field, reason, type, location)])


class UnknownKabupaten(InvalidInput):
    def __init__(self, kode: str, field: str = "kabupaten_kode") -> None:
        super().__init__(
            [FieldError(field, f"{field} '{kode}' is not a known kabupaten/kota code", "unknown")]
        )
        self.kode = kode


class Unauthenticated(WaspadaError):
    """No usable credential: missing, unknown or revoked token."""


class Forbidden(WaspadaError):
    """The caller is known but may not do this here."""


class NotFound(WaspadaError):
    """Nothing there, or nothing the caller may know is there."""


class Conflict(WaspadaError):
    """The request contradicts what is stored."""


class IdempotencyConflict(Conflict):
    """The same report id was sent earlier with different content; nothing was changed."""


class IllegalTransition(Conflict):
    """A status change the report workflow does not allow."""


class Throttled(WaspadaError):
    """Too many failed attempts from one address (or for one username): wait, then try again."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
