"""Files the store hands out (bundles, park tables): written whole or not at all."""

from __future__ import annotations

import contextlib
import glob
import os
from collections.abc import Callable
from pathlib import Path

from shenbao.core.store.db import StoreError, left_by_dead_process, temporary_name


def write_atomically(
    out: Path, fill: Callable[[Path], object], check: Callable[[Path], None] | None = None
) -> Path:
    """`fill(tmp)` writes a temporary file beside `out`, `check(tmp)` may read it back and raise; then it
    is renamed to `out`. A file under its name is therefore complete; a failure leaves no partial file,
    and what a killed writer of the same file left behind is removed first. Messages name `out`."""
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    for stale in folder.glob(f".{glob.escape(out.name)}.*.part"):
        if left_by_dead_process(stale):
            with contextlib.suppress(OSError):
                stale.unlink()
    tmp = temporary_name(out, ".part")
    try:
        tmp.touch(exist_ok=False)
    except OSError as err:
        raise StoreError(f"{out}: 无法写入（{err.strerror}）") from None
    try:
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
