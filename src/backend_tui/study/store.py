"""One learner's saved progress on disk: the profile folder, its lock, recovery.

A profile folder holds::

    progress.toml         snapshot: every card's state, reviews per day, quizzes (TOML)
    progress.bak.toml     the snapshot before it (fallback if progress.toml breaks)
    progress.cache.json   the snapshot again, in a form that loads fast; used only
                          while its checksum matches progress.toml, rebuilt freely
    journal.jsonl         answers since the snapshot, one JSON line each, fsynced
    history/journal-NNNNNN.jsonl   earlier journals, kept: the full review log
    lock                  empty; flock()ed around every read-merge-write

The formats live beside this module: the snapshot and its migrations in
:mod:`.snapshot`, the journal line in :mod:`.journal`. This module holds what
touches the disk.

Every answer appends one line to ``journal.jsonl`` under an exclusive lock,
after reading whatever other instances appended since; so two apps on one
profile never lose each other's answers, and an answer costs one small write +
fsync whatever the size of the history. Once the journal is long enough it is
folded into a new snapshot (written atomically by :func:`backend_tui.atomic.atomic_write`:
temp file, fsync, replace, fsync the folder) and moved to ``history/``. Start-up
reads the snapshot and a short journal only.

The journals are the source of truth: the snapshot records which journal it
includes (``journal_seq``), so progress can always be rebuilt from an older
snapshot, or from nothing, by replaying the journals after it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import re
import stat
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from backend_tui.atomic import atomic_write, fsync_dir
from backend_tui.study.journal import dumps, entry_line, journal_header, parse_entries, read_header
from backend_tui.study.notices import Notice, os_reason, reason
from backend_tui.study.records import Entry, Review, Undo
from backend_tui.study.saving import SaveFailed
from backend_tui.study.snapshot import Progress, SaveFileError, snapshot_text

PROGRESS = "progress.toml"
BACKUP = "progress.bak.toml"
CACHE = "progress.cache.json"
JOURNAL = "journal.jsonl"
HISTORY = "history"
LOCK = "lock"

_SEGMENT_RE = re.compile(r"^journal-(\d{6,})(?:-\d{8}T\d{6}Z)?\.jsonl$")

COMPACT_MIN = 32
"""Fewest journal entries that trigger folding into the snapshot."""

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest saved file read (snapshot, cache, a journal): 100,000 cards take ~30 MB.
Anything larger is not ours and is set aside unread instead of filling memory."""


def utc_stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


# ---------------------------------------------------------------------- files

_NOT_WRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)


def read_saved(path: Path) -> bytes | None:
    """A saved file's bytes; ``None`` if there is none.

    Raises :class:`SaveFileError` for a symbolic link (never followed: a link planted
    in a profile folder must not make us read, or later write, another file), for
    anything but a regular file, and for a file too large to be ours.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SaveFileError("symlink", "a symbolic link, not followed") from None
        raise
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise SaveFileError("not_file", "not a regular file")
        data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise SaveFileError("too_large", "larger than {mb} MB", mb=MAX_FILE_BYTES // (1024 * 1024))
    return data


class Store:
    """Reads and writes one profile folder. Not thread-safe; one per app."""

    def __init__(
        self, folder: Path, now: Callable[[], dt.datetime], *, read_only: bool = False
    ) -> None:
        self.folder = folder
        self.now = now
        self.warnings: list[str] = []
        self.progress = Progress()
        self._seq = 0
        """Sequence number of the journal read so far."""
        self._offset = 0
        """Bytes of journal.toml already applied to ``progress``."""
        self._journal_entries = 0
        self._lock_fd: int | None = None
        self.unsaved: list[Entry] = []
        """Entries whose save failed, oldest first: applied to ``progress`` already and
        written by the next save that works. Lost only if the app ends before then."""
        self.forced_read_only = read_only
        """Read-only on purpose (asked for, or the profile could not be opened for
        writing): stays so, where a folder found unwritable is tried again each save."""
        self.read_only = read_only
        """Set when the profile folder cannot be written (a read-only disk or
        permissions), or asked for by a reader that must not disturb a running
        app (`class`): progress is read without a lock and nothing is written,
        created, moved or repaired."""

    # ------------------------------------------------------------------ locking

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        if self._lock_fd is not None:  # re-entrant
            yield
            return
        fd = self._open_lock()
        if fd is None:
            yield  # read-only: nobody writes here, nothing to exclude
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._lock_fd = fd
            yield
        finally:
            self._lock_fd = None
            os.close(fd)  # closing releases the flock

    def _open_lock(self) -> int | None:
        """The lock file, opened without following a link; ``None`` when read-only."""
        flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
        if self.forced_read_only:
            self.read_only = True
            return None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.folder / LOCK, flags, 0o600)
            self.read_only = False  # writable (again): answers kept meanwhile can be saved
            return fd
        except OSError as exc:
            if exc.errno in _NOT_WRITABLE:
                self.read_only = True
                return None
            if exc.errno != errno.ELOOP:
                raise
        # A symbolic link planted where the lock belongs: set aside, never followed.
        lock = self.folder / LOCK
        if self._set_aside_link(lock, "lock file"):
            return os.open(lock, flags, 0o600)
        self.read_only = True
        return None

    def _set_aside_link(self, path: Path, what: str) -> bool:
        """Move a symbolic link found at ``path`` aside and report it; False if it
        could not be moved (a read-only folder). The link's target is never touched."""
        target = self._free_name(f"{path.name}.link-{utc_stamp(self.now())}", "")
        try:
            if not path.is_symlink():  # another instance moved it already
                return True
            os.rename(path, target)
        except OSError:
            self.warnings.append(
                Notice(
                    "link_kept",
                    "The {what} {path} is a symbolic link; it was not followed and progress"
                    " is only read, not saved.",
                    what=what,
                    path=path,
                )
            )
            return False
        self.warnings.append(
            Notice(
                "link_moved",
                "The {what} {path} was a symbolic link; it was not followed and was kept"
                " as {target}.",
                what=what,
                path=path,
                target=target.name,
            )
        )
        return True

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        """(Re)build ``progress`` from disk. Never raises for damaged files."""
        with self.locked():
            if not self.read_only:
                self._load_locked()
                return
            # No lock to hold: read until two looks at the files agree, so a save
            # made meanwhile by a writer elsewhere is never half seen.
            for _ in range(5):
                before = self._fingerprint()
                warnings = list(self.warnings)
                self._load_locked()
                if self._fingerprint() == before:
                    break
                self.warnings = warnings

    def _fingerprint(self) -> list[tuple[int, int, int]]:
        marks = []
        for name in (PROGRESS, JOURNAL):
            try:
                info = os.lstat(self.folder / name)
            except OSError:
                marks.append((0, 0, 0))
            else:
                marks.append((info.st_ino, info.st_size, info.st_mtime_ns))
        return marks

    def _load_locked(self) -> None:
        if self.folder.is_dir() and not self.read_only:
            for name in os.listdir(self.folder):
                # Temp files are only written under the lock we hold: any left
                # is from a writer that died before replacing its target.
                if name.startswith(".") and name.endswith(".tmp"):
                    (self.folder / name).unlink(missing_ok=True)
        self.progress = self._read_snapshot()
        recovered = False
        journal = self.folder / JOURNAL
        seq: int | None = None
        try:
            data = read_saved(journal)
        except SaveFileError as exc:
            self._move_aside(journal, "journal", "answer journal", exc.reason)
            data, recovered = None, True
        if data is not None:
            try:
                seq = read_header(data)
            except SaveFileError as exc:
                self._move_aside(journal, "journal", "answer journal", exc.reason)
                recovered = True
        self._seq = self.progress.journal_seq
        self._offset = 0
        self._journal_entries = 0
        if seq != self.progress.journal_seq + 1:
            # Not the usual snapshot + the journal after it (a fallback to an
            # older snapshot, a lost journal): replay what the snapshot lacks.
            # Skipped otherwise so start-up never lists a long history.
            recovered |= self._replay_history(below=seq)
        if data is not None and seq is None:
            for entry in parse_entries(data).entries:  # salvage what is readable
                self.progress.apply(entry)
        elif data is not None and seq is not None and seq > self.progress.journal_seq:
            parsed = parse_entries(data)
            if parsed.bad:
                self._keep_copy(journal, data, "journal", parsed.bad)
                recovered = True
            for entry in parsed.entries:
                self.progress.apply(entry)
            self._seq, self._offset = seq, parsed.end
            self._journal_entries = len(parsed.entries)
        elif seq is not None:
            # Folded already: a crash came between the snapshot and the rotation.
            self._seq = max(self._seq, seq)
            if not self.read_only:
                self._rotate()
        if (recovered or self._offset == 0) and not self.read_only:
            self._compact()
        for entry in self.unsaved:  # kept in memory from failed saves: not lost by a reload
            self.progress.apply(entry)

    def _history(self) -> Path | None:
        """The ``history/`` folder if there is one that is a real folder.

        A symbolic link there is moved aside and reported, never followed: journals
        would be read from, and rotated into, wherever it points.
        """
        history = self.folder / HISTORY
        try:
            mode = os.lstat(history).st_mode
        except FileNotFoundError:
            return None
        if stat.S_ISLNK(mode):
            self._set_aside_link(history, "history folder")
            return None
        return history if stat.S_ISDIR(mode) else None

    def _replay_history(self, below: int | None) -> bool:
        """Apply history journals newer than the snapshot; True if there were any."""
        history = self._history()
        if history is None:
            return False
        segments: list[tuple[int, str]] = []
        for name in os.listdir(history):
            match = _SEGMENT_RE.match(name)
            if match:
                segments.append((int(match.group(1)), name))
        applied = False
        for seq, name in sorted(segments):
            self._seq = max(self._seq, seq)
            if seq > self.progress.journal_seq and (below is None or seq < below):
                self._apply_file(history / name)
                applied = True
        return applied

    def _read_snapshot(self) -> Progress:
        for name, what in ((PROGRESS, "saved progress"), (BACKUP, "backup of saved progress")):
            path = self.folder / name
            try:
                data = read_saved(path)
                if data is None:
                    continue
                cached = self._read_cache(data) if name == PROGRESS else None
                progress = cached or Progress.from_toml(data.decode())
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                # ValueError covers SaveFileError and UnicodeDecodeError.
                self._move_aside(path, name.removesuffix(".toml"), what, reason(exc))
                continue
            if name == PROGRESS and cached is None and not self.read_only:
                self._write_cache(data, progress)
            if progress.from_newer_release and not self.read_only:
                # Written by a newer release: what it adds would be lost on the
                # next snapshot, so keep the file as it is.
                kept = self.folder / f"progress.v{progress.source_version}.toml"
                if kept.exists() and kept.read_bytes() == data:
                    return progress  # copied and reported already
                target = self._free_name(f"progress.v{progress.source_version}")
                atomic_write(target, data)
                self.warnings.append(
                    Notice(
                        "newer_version",
                        "Your progress was saved by a newer version of backend-tui; a copy was"
                        " kept as {target} in {folder}.",
                        target=target.name,
                        folder=self.folder,
                    )
                )
            return progress
        return Progress()

    def _read_cache(self, snapshot: bytes) -> Progress | None:
        """The snapshot from the JSON cache, if the cache was made from exactly these bytes."""
        try:
            data = read_saved(self.folder / CACHE)
            # Made from the snapshot, the cache has about as many brackets as it
            # (a card is a table in both): a bound on its nesting before parsing.
            brackets = snapshot.count(b"[") + snapshot.count(b"{") + 16
            if data is None or data.count(b"{") + data.count(b"[") > brackets:
                return None
            raw = json.loads(data)
            if raw["size"] != len(snapshot) or raw["crc32"] != zlib.crc32(snapshot):
                return None
            return Progress.from_raw(raw["snapshot"])
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None  # a cache only: progress.toml is read instead

    def _move_aside(self, path: Path, stem: str, what: str, why: Notice) -> None:
        if self.read_only:
            self.warnings.append(
                Notice(
                    "damaged_left",
                    "The {what} {path} could not be read ({why}); it was left as it is"
                    " (the folder is read-only) and progress is read from the newest good copy.",
                    what=what,
                    path=path,
                    why=why,
                )
            )
            return
        target = self._free_name(f"{stem}.corrupt-{utc_stamp(self.now())}", path.suffix)
        os.replace(path, target)
        fsync_dir(self.folder)
        self.warnings.append(
            Notice(
                "damaged_moved",
                "The {what} {path} could not be read ({why}); it was kept as {target}"
                " and your progress continues from the newest good copy.",
                what=what,
                path=path,
                why=why,
                target=target.name,
            )
        )

    def _keep_copy(self, path: Path, data: bytes, stem: str, bad: int) -> None:
        if self.read_only:
            self.warnings.append(
                Notice(
                    "entries_skipped",
                    "{bad} damaged entries in {path} were skipped.",
                    bad=bad,
                    path=path,
                )
            )
            return
        target = self._free_name(f"{stem}.corrupt-{utc_stamp(self.now())}", path.suffix)
        atomic_write(target, data)
        self.warnings.append(
            Notice(
                "entries_copied",
                "{bad} damaged entr" + ("y" if bad == 1 else "ies") + " in {path} could not"
                " be read; a copy was kept as {target} and every readable answer was kept.",
                bad=bad,
                path=path,
                target=target.name,
            )
        )

    def _free_name(self, stem: str, suffix: str = ".toml") -> Path:
        target = self.folder / f"{stem}{suffix}"
        n = 1
        while target.exists() or target.is_symlink():
            target = self.folder / f"{stem}-{n}{suffix}"
            n += 1
        return target

    def _apply_file(self, path: Path) -> None:
        try:
            data = read_saved(path)
        except SaveFileError as exc:
            self.warnings.append(
                Notice("unreadable", "Could not read {path}: {why}.", path=path, why=exc.reason)
            )
            return
        except OSError as exc:
            self.warnings.append(
                Notice("unreadable", "Could not read {path}: {why}.", path=path, why=os_reason(exc))
            )
            return
        if data is None:
            return
        parsed = parse_entries(data)
        if parsed.bad:
            self.warnings.append(
                Notice(
                    "entries_skipped",
                    "{bad} damaged entries in {path} were skipped.",
                    bad=parsed.bad,
                    path=path,
                )
            )
        for entry in parsed.entries:
            self.progress.apply(entry)

    def review_log(self) -> list[Review]:
        """Every review kept (history and journal), undone ones left out, in saving order.

        Reads every journal ever written: for reports and tests, not for start-up.
        """
        files: list[Path] = []
        history = self._history()
        if history is not None:
            files += sorted(p for p in history.iterdir() if _SEGMENT_RE.match(p.name))
        files.append(self.folder / JOURNAL)
        reviews: dict[str, Review] = {}
        undone: set[str] = set()
        for path in files:
            try:
                data = read_saved(path)
            except (SaveFileError, OSError):
                continue  # reported when progress was loaded
            if data is None:
                continue
            for entry in parse_entries(data).entries:
                if isinstance(entry, Review):
                    reviews.setdefault(entry.id, entry)
                elif isinstance(entry, Undo):
                    undone.add(entry.id)
        return [r for rid, r in reviews.items() if rid not in undone]

    def compact(self) -> None:
        """Fold the journal into a new snapshot now."""
        with self.locked():
            self.refresh()
            self._compact()

    # ------------------------------------------------------------------ writing

    def refresh(self) -> None:
        """Apply what other instances appended since we last looked (caller holds the lock)."""
        try:
            fd = os.open(self.folder / JOURNAL, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:  # gone, or a link planted since: load() sorts it out
            seq = 0
        else:
            with os.fdopen(fd, "rb") as fh:
                try:
                    seq = read_header(fh.read(4096))
                except SaveFileError:
                    seq = 0
                fh.seek(self._offset)
                data = fh.read(MAX_FILE_BYTES)
        if seq != self._seq or seq == 0:
            # Another instance compacted (or something broke): start over.
            self._load_locked()
            return
        if data:
            parsed = parse_entries(data, self._offset)
            for entry in parsed.entries:
                if entry in self.unsaved:
                    # A failed save's line reached the file after all: it is applied
                    # already, and is not written twice.
                    self.unsaved.remove(entry)
                    continue
                self.progress.apply(entry)
            self._offset = parsed.end
            self._journal_entries += len(parsed.entries)

    def append(self, make: Callable[[Progress], Entry]) -> Entry:
        """Durably add one entry built from the freshest progress; returns it.

        The lock spans re-reading, building and writing, so an entry is always
        computed from every answer saved before it. Entries kept from earlier failed
        saves are written first, in order.

        When the entry cannot be written (disk full, read-only file system, a folder
        without permission) it is still built and applied to ``progress``, kept in
        :attr:`unsaved`, and :class:`SaveFailed` is raised: the caller tells the
        learner and goes on; the next save (or :meth:`flush`) writes it.
        """
        entry: Entry | None = None
        try:
            with self._writing():
                entry = make(self.progress)
                self._write(entry)
                self.progress.apply(entry)
                self._compact_if_due()
                return entry
        except OSError as exc:
            if entry is None:
                entry = make(self.progress)
            self.unsaved.append(entry)
            self.progress.apply(entry)
            raise SaveFailed(exc, self.folder / JOURNAL) from exc

    def flush(self) -> bool:
        """Write the entries kept from failed saves; True when none is left.

        Raises :class:`SaveFailed` when writing still fails (they stay kept).
        """
        if not self.unsaved:
            return True
        try:
            with self._writing():
                self._compact_if_due()
        except OSError as exc:
            raise SaveFailed(exc, self.folder / JOURNAL) from exc
        return True

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Locked, up to date, and with entries kept from failed saves written first."""
        with self.locked():
            if self.read_only:
                raise PermissionError(errno.EROFS, "read-only profile folder")
            self.refresh()
            self._flush_locked()
            yield

    def _flush_locked(self) -> None:
        # Already applied to progress when they were kept: written, not applied again.
        while self.unsaved:
            self._write(self.unsaved[0])
            self.unsaved.pop(0)

    def _write(self, entry: Entry) -> None:
        block = entry_line(entry)
        fd = os.open(self.folder / JOURNAL, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
        with os.fdopen(fd, "r+b") as fh:
            # Drop a line cut short by an earlier crash (or a write that failed half
            # way, on a full disk) before writing after it.
            fh.truncate(self._offset)
            fh.seek(self._offset)
            try:
                fh.write(block)
                fh.flush()
                os.fsync(fh.fileno())
            except OSError:
                # Not reported as saved, so not left in the file either: the entry is
                # kept in memory and written again later, once.
                with contextlib.suppress(OSError):
                    fh.truncate(self._offset)
                raise
        self._offset += len(block)
        self._journal_entries += 1

    def _compact_if_due(self) -> None:
        if self._journal_entries <= self.compact_after() or self.unsaved:
            return
        try:
            self._compact()
        except OSError as exc:
            # The answers are safe in the journal, which is the source of truth;
            # folding is tried again after a later answer.
            self.warnings.append(
                Notice(
                    "fold_failed",
                    "Could not fold answers into {file}: {why}.",
                    file=PROGRESS,
                    why=os_reason(exc),
                )
            )

    def compact_after(self) -> int:
        """Journal length that triggers folding into the snapshot.

        Proportional to the snapshot, so folding costs about the same per answer
        on average whatever the deck size, and the journal start-up reads stays
        small next to the snapshot.
        """
        return max(COMPACT_MIN, len(self.progress.cards) // 8)

    def _compact(self) -> None:
        """Write the snapshot including the current journal, then start a new journal."""
        self.progress.journal_seq = self._seq
        self.folder.mkdir(parents=True, exist_ok=True)
        raw = self.progress.to_raw(self.now())
        snapshot = snapshot_text(raw).encode()
        atomic_write(self.folder / PROGRESS, snapshot, backup=self.folder / BACKUP)
        self._write_cache(snapshot, self.progress, raw)
        self._rotate()

    def _write_cache(
        self, snapshot: bytes, progress: Progress, raw: dict[str, Any] | None = None
    ) -> None:
        if raw is None:
            raw = progress.to_raw(self.now())
        cache = {"size": len(snapshot), "crc32": zlib.crc32(snapshot), "snapshot": raw}
        # Not durable: a cache lost or cut short in a crash is simply not used.
        atomic_write(self.folder / CACHE, dumps(cache).encode(), durable=False)

    def _rotate(self) -> None:
        journal = self.folder / JOURNAL
        if journal.exists():
            history = self._history() or self.folder / HISTORY
            history.mkdir(exist_ok=True)
            target = history / f"journal-{self._seq:06d}.jsonl"
            if target.exists():
                target = history / f"journal-{self._seq:06d}-{utc_stamp(self.now())}.jsonl"
            os.replace(journal, target)
            fsync_dir(history)
        self._seq += 1
        header = journal_header(self._seq, self.now())
        atomic_write(journal, header)
        self._offset = len(header)
        self._journal_entries = 0


__all__ = [
    "BACKUP",
    "COMPACT_MIN",
    "JOURNAL",
    "PROGRESS",
    "Store",
    "read_saved",
]
