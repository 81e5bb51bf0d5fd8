"""One learner's saved progress on disk.

A profile folder holds::

    progress.toml         snapshot: every card's state, reviews per day, quizzes (TOML)
    progress.bak.toml     the snapshot before it (fallback if progress.toml breaks)
    progress.cache.json   the snapshot again, in a form that loads fast; used only
                          while its checksum matches progress.toml, rebuilt freely
    journal.jsonl         answers since the snapshot, one JSON line each, fsynced
    history/journal-NNNNNN.jsonl   earlier journals, kept: the full review log
    lock                  empty; flock()ed around every read-merge-write

Every answer appends one line to ``journal.jsonl`` under an exclusive lock,
after reading whatever other instances appended since; so two apps on one
profile never lose each other's answers, and an answer costs one small write +
fsync whatever the size of the history. Once the journal is long enough it is
folded into a new snapshot (written atomically: temp file, fsync, replace, fsync
the folder) and moved to ``history/``. Start-up reads the snapshot and a short
journal only.

The journal is JSON Lines rather than TOML because start-up parses it: Python's
JSON parser is many times faster than ``tomllib``, and one line per answer makes
an answer cut short by a crash easy to tell (no newline, or a checksum that does
not match) and to drop; it was never reported as saved.

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
import tomllib
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from backend_tui.atomic import atomic_write, fsync_dir
from backend_tui.nesting import nesting_depth
from backend_tui.study.notices import Notice, os_reason, reason
from backend_tui.study.records import (
    ENTRY_KINDS,
    CardState,
    Entry,
    Mark,
    Quiz,
    RecordError,
    Review,
    Undo,
    check_card_id,
    entry_kind,
)

SCHEMA_VERSION = 1

PROGRESS = "progress.toml"
BACKUP = "progress.bak.toml"
CACHE = "progress.cache.json"
JOURNAL = "journal.jsonl"
HISTORY = "history"
LOCK = "lock"

_SEGMENT_RE = re.compile(r"^journal-(\d{6,})(?:-\d{8}T\d{6}Z)?\.jsonl$")
_MONTH_RE = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_CRC_KEY = b', "crc32": "'

SNAPSHOT_HEADER = (
    "# backend-tui saved progress. Written by the app; safe to read, copy and back up.\n"
)

COMPACT_MIN = 32
"""Fewest journal entries that trigger folding into the snapshot."""

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest saved file read (snapshot, cache, a journal): 100,000 cards take ~30 MB.
Anything larger is not ours and is set aside unread instead of filling memory."""
MAX_DEPTH = 16
"""Deepest nesting of tables and arrays in a snapshot; ours nests 3 deep. Checked
before parsing, as the parsers recurse once per level."""
MAX_LINE_BYTES = 64 * 1024
"""Longest journal line read; an answer takes well under 2 KB."""
MAX_LINE_BRACKETS = 64
"""Most ``{`` and ``[`` in one journal line (an answer has under 10): a cheap bound
on its nesting, checked before ``json.loads`` recurses into it."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""schema_version -> function turning such a snapshot into the next version's shape."""


class SaveFailed(OSError):
    """An entry could not be written; it is kept in memory (``Store.unsaved``)."""

    def __init__(self, cause: OSError, path: Path) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause), str(path))
        self.path = path
        self.reason = os_reason(cause)
        """The OS's words in lower case, and a key the app says in the learner's language."""


class SaveFileError(ValueError):
    """A saved file cannot be used: bad TOML, wrong types, cut short.

    The message is English (``stats``, logs); ``reason`` carries a key and values
    so the app says the same in the learner's language.
    """

    def __init__(self, key: str, english: str, **values: Any) -> None:
        self.reason = Notice(key, english, **values)
        super().__init__(str(self.reason))


def _too_deep() -> SaveFileError:
    return SaveFileError("too_deep", "nested more than {levels} levels deep", levels=MAX_DEPTH)


def _toml_error(exc: tomllib.TOMLDecodeError) -> SaveFileError:
    # Python 3.11's TOMLDecodeError has no line attributes: its message ends with them.
    where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    if where is None:
        return SaveFileError("not_toml", "not valid TOML ({detail})", detail=exc)
    return SaveFileError(
        "not_toml_at",
        "not valid TOML ({detail})",
        detail=exc,
        line=where[1],
        column=where[2],
    )


def utc_stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass
class Progress:
    """Everything saved for a profile, folded from the snapshot and the journals."""

    cards: dict[str, CardState] = field(default_factory=dict)
    days: dict[str, list[int]] = field(default_factory=dict)
    """Reviews per local day: ``"2026-11"`` -> one count per day of that month.
    A row per month keeps years of history quick to load."""
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    marks: dict[str, Mark] = field(default_factory=dict)
    """Cards suspended or buried (the latest mark of each card)."""
    reviews_total: int = 0
    journal_seq: int = 0
    """Journals up to this number are included in the snapshot."""
    source_version: int = field(default=SCHEMA_VERSION, compare=False)
    """schema_version of the file this was read from."""

    def apply(self, entry: Entry) -> None:
        """Merge one journal entry.

        A card takes the state after its latest review by review time, so entries
        from two instances merge to the same result in either order.
        """
        if isinstance(entry, Review):
            self.reviews_total += 1
            self.add_day(entry.day, 1)
            current = self.cards.get(entry.card)
            if current is None or entry.at >= current.last_review:
                self.cards[entry.card] = entry.after
        elif isinstance(entry, Undo):
            self.reviews_total = max(0, self.reviews_total - 1)
            self.add_day(entry.day, -1)
            current = self.cards.get(entry.card)
            # Only the card's latest review can be taken back without rewriting
            # the ones after it (possibly made by another instance).
            if current is not None and current.last_id == entry.id:
                if entry.restore is None:
                    del self.cards[entry.card]
                else:
                    self.cards[entry.card] = entry.restore
        elif isinstance(entry, Mark):
            mark = self.marks.get(entry.card)
            if mark is None or entry.at >= mark.at:
                self.marks[entry.card] = entry
        else:
            known = self.quizzes.get(entry.id)
            if known is None or entry.rev >= known.rev:
                self.quizzes[entry.id] = entry

    def day_count(self, day: dt.date) -> int:
        """Reviews on ``day`` (a local day)."""
        row = self.days.get(f"{day.year:04d}-{day.month:02d}")
        return row[day.day - 1] if row is not None else 0

    def add_day(self, day: dt.date, delta: int) -> None:
        month = f"{day.year:04d}-{day.month:02d}"
        row = self.days.setdefault(month, [0] * 31)
        row[day.day - 1] = max(0, row[day.day - 1] + delta)
        if not any(row):
            del self.days[month]

    # ------------------------------------------------------------------ snapshot

    def to_toml(self, now: dt.datetime) -> str:
        return snapshot_text(self.to_raw(now))

    def to_raw(self, now: dt.datetime) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "saved_at": now,
            "journal_seq": self.journal_seq,
            "reviews_total": self.reviews_total,
            "days": dict(sorted(self.days.items())),
            "cards": {cid: self.cards[cid].to_toml() for cid in sorted(self.cards)},
            "quizzes": [q.to_toml() for q in sorted(self.quizzes.values(), key=_quiz_key)],
            # Only marks that still set a card aside: one taken back needs no keeping.
            "marks": [self.marks[c].to_toml() for c in sorted(self.marks) if self.marks[c].active],
        }

    @classmethod
    def from_toml(cls, text: str) -> Progress:
        if nesting_depth(text, MAX_DEPTH) > MAX_DEPTH:
            raise _too_deep()
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _toml_error(exc) from None
        except RecursionError:  # the scan above should have caught it
            raise _too_deep() from None
        return cls.from_raw(raw)

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> Progress:
        version = raw.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise SaveFileError("bad_version", "missing or bad schema_version")
        while version < SCHEMA_VERSION:
            raw = MIGRATIONS[version](raw)
            version += 1
            raw["schema_version"] = max(version, raw.get("schema_version", 0))
        try:
            progress = cls._from_raw(raw)
        except RecordError as exc:
            raise SaveFileError(exc.reason.key, str(exc), **exc.reason.values) from None
        progress.source_version = raw["schema_version"]
        return progress

    @classmethod
    def _from_raw(cls, raw: Mapping[str, Any]) -> Progress:
        progress = cls()
        seq = raw.get("journal_seq", 0)
        total = raw.get("reviews_total", 0)
        if (
            not isinstance(seq, int)
            or not isinstance(total, int)
            or isinstance(seq, bool)
            or isinstance(total, bool)
            or seq < 0
            or total < 0
        ):
            raise RecordError("journal_seq and reviews_total must be whole numbers, 0 or more")
        progress.journal_seq, progress.reviews_total = seq, total
        days = raw.get("days", {})
        cards = raw.get("cards", {})
        quizzes = raw.get("quizzes", [])
        if not isinstance(days, dict) or not isinstance(cards, dict):
            raise RecordError("days and cards must be tables")
        if not isinstance(quizzes, list):
            raise RecordError("quizzes must be a list of tables")
        for month, row in days.items():
            if not _MONTH_RE.fullmatch(month):
                raise RecordError(f"days: {month!r} is not a month like 2026-11")
            # Checked with builtins only: years of history stay quick to load.
            if (
                not isinstance(row, list)
                or len(row) > 31
                or not set(map(type, row)) <= {int}
                or min(row, default=0) < 0
            ):
                raise RecordError(f"days.{month}: not a list of up to 31 whole numbers")
            progress.days[month] = row + [0] * (31 - len(row))
        for cid, state in cards.items():
            check_card_id(cid, "cards")
            progress.cards[cid] = CardState.from_toml(state, f"cards.{cid}")
        for index, item in enumerate(quizzes):
            quiz = Quiz.from_toml(item, f"quizzes[{index}]")
            progress.quizzes[quiz.id] = quiz
        marks = raw.get("marks", [])
        if not isinstance(marks, list):
            raise RecordError("marks must be a list of tables")
        for index, item in enumerate(marks):
            mark = Mark.from_toml(item, f"marks[{index}]")
            progress.marks[mark.card] = mark
        return progress


def snapshot_text(raw: dict[str, Any]) -> str:
    """``progress.toml``: tomli-w output, except that each month of ``days`` is
    kept on one line (tomli-w would give every day a line of its own)."""
    rest = {k: v for k, v in raw.items() if k != "days"}
    days = "".join(
        f"{month} = [{', '.join(map(str, row))}]\n" for month, row in raw["days"].items()
    )
    # Last, so that no key of tomli-w's output can land inside [days].
    return (
        SNAPSHOT_HEADER
        + tomli_w.dumps(rest)
        + "\n# Reviews on each day of the month (local days).\n[days]\n"
        + days
    )


def _quiz_key(quiz: Quiz) -> dt.datetime:
    # Sorting is stable: quizzes saved at the same moment keep their saving order.
    return quiz.at


# ---------------------------------------------------------------------- journal


def _iso(value: object) -> str:
    if isinstance(value, dt.date):  # dt.datetime too
        return value.isoformat()
    raise TypeError(f"cannot save {type(value).__name__}")


def _dumps(data: object) -> str:
    return json.dumps(data, default=_iso, ensure_ascii=False)


def entry_line(entry: Entry) -> bytes:
    """One journal line: the entry as JSON, its checksum as the last key."""
    head = _dumps({"kind": entry_kind(entry), **entry.to_toml()})[:-1].encode()
    return head + _CRC_KEY + f'{zlib.crc32(head):08x}"}}\n'.encode()


@dataclass
class Parsed:
    entries: list[Entry]
    end: int
    """Offset just after the last complete line."""
    bad: int
    """Damaged lines (not counting a last line cut short)."""


def _parse_line(line: bytes) -> Entry | None:
    if len(line) > MAX_LINE_BYTES or line.count(b"{") + line.count(b"[") > MAX_LINE_BRACKETS:
        return None
    cut = line.rfind(_CRC_KEY)
    if cut < 0 or line[cut + len(_CRC_KEY) :] != f'{zlib.crc32(line[:cut]):08x}"}}'.encode():
        return None
    try:
        raw = json.loads(line)
        kind = raw.pop("kind")
        raw.pop("crc32")
        return ENTRY_KINDS[kind].from_toml(raw, kind)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None


def parse_entries(data: bytes, base: int = 0) -> Parsed:
    """Entries in a piece of journal that starts at file offset ``base``."""
    entries: list[Entry] = []
    pos = bad = 0
    size = len(data)
    while pos < size:
        newline = data.find(b"\n", pos)
        if newline < 0:
            break  # cut short while being written: never reported as saved
        line = data[pos:newline]
        pos = newline + 1
        if not line.strip() or line.startswith(b'{"journal"'):
            continue
        entry = _parse_line(line)
        if entry is None:
            bad += 1
        else:
            entries.append(entry)
    return Parsed(entries, base + pos, bad)


def journal_header(seq: int, now: dt.datetime) -> bytes:
    head = {"journal": "backend-tui answers", "schema_version": SCHEMA_VERSION, "seq": seq}
    return (_dumps({**head, "created": now}) + "\n").encode()


def read_header(data: bytes) -> int:
    """The journal's sequence number, or raise :class:`SaveFileError`."""
    first, newline, _ = data.partition(b"\n")
    try:
        if not newline:
            raise ValueError
        seq = json.loads(first)["seq"]
    except (ValueError, KeyError, TypeError):
        raise SaveFileError("bad_header", "journal header unreadable") from None
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise SaveFileError("bad_header", "journal header has a bad seq")
    return seq


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
            if progress.source_version > SCHEMA_VERSION and not self.read_only:
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
        atomic_write(self.folder / CACHE, _dumps(cache).encode(), durable=False)

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
