"""Files the store hands out (bundles, park tables): written whole or not at all."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

from shenbao.core.phrases import Phrase
from shenbao.core.store.db import (
    REFUSALS,
    StoreError,
    is_temporary_name,
    left_by_dead_process,
    temporary_name,
)
from shenbao.errors import not_replaceable, os_reason


def write_atomically(
    out: Path, fill: Callable[[Path], object], check: Callable[[Path], None] | None = None
) -> Path:
    """`fill(tmp)` writes a temporary file beside `out`, `check(tmp)` may read it back and raise; then it
    is renamed to `out`. A file under its name is therefore complete; a failure leaves no partial file,
    and what a killed writer of the same file left behind is removed first. Messages name `out`."""
    out = Path(out)
    why = not_replaceable(out)  # a folder or a pipe under that name is not replaced by the file
    if why:
        raise StoreError(Phrase(REFUSALS["unwritable"], path=out, why=why))
    folder = out.parent if str(out.parent) else Path(".")
    _remove_stale_parts(folder, out.name)
    tmp = temporary_name(out, ".part")
    try:
        tmp.touch(exist_ok=False)
    except OSError as err:
        raise StoreError(Phrase(REFUSALS["unwritable"], path=out, why=os_reason(err))) from None
    try:
        _fill(fill, tmp, out)
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        if check is not None:
            check(tmp)
        os.replace(tmp, out)
    except OSError as err:
        raise StoreError(Phrase(REFUSALS["unwritable"], path=out, why=os_reason(err))) from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return out


def _remove_stale_parts(folder: Path, name: str) -> None:
    """Remove the temporary files killed writers left in `folder`: under `name`, any (an older program's
    name no writer); under another name, only those carrying our pattern (`.<name>.<pid>.<hex>.part`)
    and a process id that no longer runs: an export killed under a dated name would otherwise stay
    hidden there for good, since nobody exports to that name again. Anyone else's `.part` is left."""
    own = f".{name}."
    with contextlib.suppress(OSError):
        for stale in folder.glob(".*.part"):
            if not stale.name.startswith(own) and not is_temporary_name(stale):
                continue
            if left_by_dead_process(stale):
                with contextlib.suppress(OSError):
                    stale.unlink()


def _fill(fill: Callable[[Path], object], tmp: Path, out: Path) -> None:
    hook = sys.unraisablehook
    sys.unraisablehook = _dropped  # while the file is filled (see _dropped)
    try:
        try:
            fill(tmp)
        except Exception as err:
            if not _is_write_failure(err):
                raise
        else:
            return
        gc.collect()  # the failed writer's leftovers are closed now, while the hook is quiet
    finally:
        sys.unraisablehook = hook
    raise StoreError(f"{out}: 无法写入（磁盘已满或文件超出大小限制）")


def _dropped(_unraisable: object) -> None:
    """A writer's generator that fails again as it is closed (openpyxl's sheet writer on a failed write)
    reports it through sys.unraisablehook, a traceback on standard error after the one-line message;
    the failure that matters is the one raised, so those are dropped while a file is filled."""


def _is_write_failure(err: BaseException) -> bool:
    """A failed write reported by lxml (which writes an .xlsx's sheets through openpyxl) rather than as
    an OSError: a full disk or temporary folder, or a file past the size limit, is IO_ENOSPC/IO_EFBIG."""
    try:
        from lxml.etree import SerialisationError
    except ImportError:
        return False
    return isinstance(err, SerialisationError)
