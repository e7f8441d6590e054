"""The two kinds of error: a known one (bad input, a full disk, a locked database, policy data or a form
that breaks its schema, a measure with nothing to print) told to the user in plain words, and a bug, which
is everything else and reaches the bug dialog with its details.

Every expected error derives from `KnownError` (ProfileError, PolicyDataError, FormError, NotRenderable,
StoreError…), and the interface catches `KnownError` alone: a ValueError or KeyError from a formula is a
bug, never shown as 「暂不能测算」."""

from __future__ import annotations


class KnownError(Exception):
    """An error the user can act on. `str()` is one line of Chinese that names the file and field."""

    def __init__(self, message: str, *, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message
