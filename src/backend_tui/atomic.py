"""One way to write a file so that a crash leaves the old file or the new one, never half.

Used for every file the program writes whole: saved progress, the content cache, the
SSH server's key and name files, and learner preferences. Imports nothing of ours.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (a rename is durable only once its folder is)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(
    path: Path,
    data: bytes,
    *,
    backup: Path | None = None,
    mode: int | None = None,
    durable: bool = True,
) -> None:
    """Replace ``path`` with ``data``: written under a unique temporary name, then renamed.

    With ``backup``, the file being replaced becomes the backup. ``mode`` sets the new
    file's permission bits before any data is written (0o600 for secrets). ``durable``
    flushes the data and the folder to disk; a cache that is only a speed-up may skip it.
    Raises ``OSError`` on failure and leaves no temporary file behind.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if backup is not None and path.exists():
            os.replace(path, backup)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(path.parent)


__all__ = ["atomic_write", "fsync_dir"]
