"""Keyrings for the real command in a subprocess (PYTHON_KEYRING_BACKEND=tests.reliability.keyrings.X):
one kept in a JSON file (SHENBAO_TEST_KEYRING) so it outlives the process, and the same one failing
as the system's do when their service is gone or locked, with errors of their own kind (D-Bus,
Security framework, win32) rather than keyring's."""

from __future__ import annotations

import json
import os

import keyring.backend


class PlatformError(Exception):
    """What a platform keyring raises that is not a keyring.errors.KeyringError."""


class FileKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def _entries(self) -> dict[str, str]:
        try:
            with open(os.environ["SHENBAO_TEST_KEYRING"], encoding="utf-8") as handle:
                return json.load(handle)
        except FileNotFoundError:
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._entries().get(f"{service}|{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = {**self._entries(), f"{service}|{username}": password}
        with open(os.environ["SHENBAO_TEST_KEYRING"], "w", encoding="utf-8") as handle:
            json.dump(entries, handle)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._entries()
        entries.pop(f"{service}|{username}", None)
        with open(os.environ["SHENBAO_TEST_KEYRING"], "w", encoding="utf-8") as handle:
            json.dump(entries, handle)


class GoneKeyring(FileKeyring):
    """The file keyring whose service has gone away: every call fails."""

    def get_password(self, service: str, username: str) -> str | None:
        raise PlatformError("org.freedesktop.DBus.Error.ServiceUnknown")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PlatformError("org.freedesktop.DBus.Error.ServiceUnknown")

    def delete_password(self, service: str, username: str) -> None:
        raise PlatformError("org.freedesktop.DBus.Error.ServiceUnknown")
