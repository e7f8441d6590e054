"""Messages that stay short however much went wrong: the first few items, "…另有 29,990 处", and the full
list written to a file the message names, so thirty thousand problems never become a megabyte-long line."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

SHOWN = 5


def lists_folder() -> Path:
    """Where full lists go: a folder of the system's temporary directory (always writable, cleaned by
    the system), one file per message."""
    return Path(tempfile.gettempdir()) / "shenbao-lists"


def write_full_list(lines: Sequence[str], stem: str, folder: Path | None = None) -> Path | None:
    """Write `lines` to a new UTF-8 text file; None when it cannot be written (the message then only
    says how many more there are)."""
    folder = folder or lists_folder()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"{stem}-{stamp}-", suffix=".txt", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.writelines(f"{line}\n" for line in lines)
    except OSError:
        return None
    return Path(name)


def capped(
    items: Sequence[str], *, stem: str, shown: int = SHOWN, separator: str = "；", unit: str = "处"
) -> str:
    """`items` joined on one line when there are at most `shown`; else the first `shown`, how many more,
    and the file holding all of them."""
    if len(items) <= shown:
        return separator.join(items)
    head = separator.join(items[:shown])
    more = f"…另有 {len(items) - shown:,} {unit}"
    path = write_full_list(items, stem)
    return f"{head}{separator}{more}" + (f"（完整列表见 {path}）" if path else "")
