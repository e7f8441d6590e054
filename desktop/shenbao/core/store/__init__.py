"""The local store: one SQLite file per data folder holding every profile, declaration and draft, with
backups, encrypted sensitive fields, and bundles and park tables to carry enterprises between laptops.

Importing this package loads sqlite-utils only when `Store` is used; the command line imports it inside
its handlers so that other commands start fast."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shenbao.core.store.db import DamagedStoreError, NewerStoreError, StoreError, data_folder

if TYPE_CHECKING:
    from shenbao.core.store.repository import Change, Declaration, EnterpriseRow, Store

__all__ = [
    "Change",
    "DamagedStoreError",
    "Declaration",
    "EnterpriseRow",
    "NewerStoreError",
    "Store",
    "StoreError",
    "data_folder",
]


def __getattr__(name: str) -> Any:
    if name in ("Store", "Declaration", "EnterpriseRow", "Change"):
        from shenbao.core.store import repository

        return getattr(repository, name)
    raise AttributeError(name)
