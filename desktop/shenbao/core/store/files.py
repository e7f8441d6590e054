"""Files the store hands out (bundles, park tables): written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from shenbao.core.store.db import StoreError


def write_atomically(
    out: Path, fill: Callable[[Path], object], check: Callable[[Path], None] | None = None
) -> Path:
    """`fill(tmp)` writes a temporary file beside `out`, `check(tmp)` may read it back and raise; then it
    is renamed to `out`. A file under its name is therefore complete; a failure leaves no partial file."""
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
    except OSError as err:
        raise StoreError(f"{out}: 无法写入（{err.strerror}）") from None
    tmp = Path(name)
    try:
        os.close(fd)
        fill(tmp)
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        if check is not None:
            check(tmp)
        os.replace(tmp, out)
    except OSError as err:
        raise StoreError(f"{out}: 无法写入（{err.strerror}）") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return out
