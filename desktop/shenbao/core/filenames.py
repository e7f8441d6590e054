"""The names of files written for the user from what the user typed: an enterprise's name, a profile
file's name. A file system allows 255 bytes a name, and a Chinese character is three in UTF-8: an
enterprise's full name, or a profile named after it with the year's notes, left no room for
「.fj2025.compute_voucher.pdf」 and the writer's temporary 「.<pid>.<hex>.part」, and a batch of 申报书
stopped at the first such name with 「文件名太长」."""

from __future__ import annotations

STEM_BYTES = 150
"""With 「.措施编号.pdf」 (a measure's id is under 40 bytes) and a temporary name's additions (about 25
bytes), well under the 255 bytes a file name may take."""
_FORBIDDEN = frozenset('\\/:*?"<>|')  # what Windows refuses in a name; / and : elsewhere too
_MORE = "…"


def file_stem(text: str, limit: int = STEM_BYTES) -> str:
    """`text` as the first part of a file name every system accepts: the characters Windows refuses,
    control characters and those a disk's name in another encoding left undecodable made `_`, and cut
    at a character to at most `limit` bytes of UTF-8, marked with 「…」 where it was cut."""
    stem = "".join(
        "_" if ch in _FORBIDDEN or ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text
    ).strip(" .")
    stem = stem or "_"
    if len(stem.encode("utf-8")) <= limit:
        return stem
    room = limit - len(_MORE.encode("utf-8"))
    cut = stem.encode("utf-8")[:room].decode("utf-8", "ignore")  # only a cut last character is dropped
    return (cut.rstrip(" .") or "_") + _MORE


class FileStems:
    """Stems for the files written into one folder, each given once: two names alike in their first
    STEM_BYTES bytes (or alike but for case, which Windows and macOS do not tell apart) would otherwise
    print the second enterprise's form over the first. A stem already given gets 「~2」, 「~3」…"""

    def __init__(self, limit: int = STEM_BYTES) -> None:
        self.limit = limit
        self._given: set[str] = set()

    def __call__(self, text: str) -> str:
        stem = file_stem(text, self.limit)
        n = 1
        while stem.casefold() in self._given:
            n += 1
            mark = f"~{n}"
            stem = file_stem(text, self.limit - len(mark)) + mark
        self._given.add(stem.casefold())
        return stem
