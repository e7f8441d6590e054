"""Names in the order a Chinese reader looks for them: by pinyin (阿里, 北京, 重庆, 福州 …), as the zh_CN
collation orders them, not by code point (中国 before 北京). A character with two readings (长 in 长沙)
is placed as the collation reads it. The same order whatever the interface's language: the names are
Chinese."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import (
    QCollator,
    QCollatorSortKey,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

ModelIndex = QModelIndex | QPersistentModelIndex


@cache
def collator() -> QCollator:
    found = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    found.setNumericMode(True)  # 2号楼 before 10号楼
    return found


def name_key(name: str) -> QCollatorSortKey:
    """The sort key of a name (or any Chinese text) for Python's sorted()."""
    return collator().sortKey(name)


def ranks(texts: list[str]) -> list[int]:
    """Each text's place in the Chinese collation (equal texts, and texts the collation finds equal,
    share a place): sorting by these integers orders as the collation does, without a comparison
    through Qt for every pair."""
    ordered = sorted(set(texts), key=name_key)
    place: dict[str, int] = {}
    compare = collator().compare
    rank = 0
    for i, text in enumerate(ordered):
        if i and compare(ordered[i - 1], text) != 0:
            rank += 1
        place[text] = rank
    return [place[t] for t in texts]


class CollatingProxy(QSortFilterProxyModel):
    """A sort/filter proxy that orders text by the Chinese collation and everything else as Qt does."""

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if isinstance(a, str) and isinstance(b, str):
            return collator().compare(a, b) < 0
        return bool(super().lessThan(left, right))


__all__ = ["CollatingProxy", "collator", "name_key", "ranks"]
