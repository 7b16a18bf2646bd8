"""Expected errors: each carries a Chinese message a teacher can act on.

Bugs are ordinary exceptions and go to the crash handler; anything a user can cause
(bad file, locked database, wrong input) is a :class:`KnownError`.
"""

from __future__ import annotations


class KnownError(Exception):
    """An expected failure with a message for the user (Chinese, says what to do)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DatabaseMissing(KnownError):
    pass


class NotALiushouDatabase(KnownError):
    pass


class DatabaseTooNew(KnownError):
    pass


class DatabaseLocked(KnownError):
    pass


class DiskFull(KnownError):
    pass


class ValidationFailed(KnownError):
    """Input that breaks a rule; ``errors`` maps field name to a Chinese reason."""

    def __init__(self, errors: dict[str, str]) -> None:
        joined = "；".join(errors.values())
        super().__init__(f"有内容需要修改：{joined}")
        self.errors = errors


class NotFound(KnownError):
    pass
