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
import fcntl
import json
import os
import re
import tomllib
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from backend_tui.atomic import atomic_write, fsync_dir
from backend_tui.study.records import (
    ENTRY_KINDS,
    CardState,
    Entry,
    Quiz,
    RecordError,
    Review,
    Undo,
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

Migration = Callable[[dict[str, Any]], dict[str, Any]]
MIGRATIONS: dict[int, Migration] = {}
"""schema_version -> function turning such a snapshot into the next version's shape."""


class SaveFileError(ValueError):
    """A saved file cannot be used: bad TOML, wrong types, cut short."""


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
        }

    @classmethod
    def from_toml(cls, text: str) -> Progress:
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SaveFileError(f"not valid TOML ({exc})") from None
        return cls.from_raw(raw)

    @classmethod
    def from_raw(cls, raw: dict[str, Any]) -> Progress:
        version = raw.get("schema_version")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise SaveFileError("missing or bad schema_version")
        while version < SCHEMA_VERSION:
            raw = MIGRATIONS[version](raw)
            version += 1
            raw["schema_version"] = max(version, raw.get("schema_version", 0))
        try:
            progress = cls._from_raw(raw)
        except RecordError as exc:
            raise SaveFileError(str(exc)) from None
        progress.source_version = raw["schema_version"]
        return progress

    @classmethod
    def _from_raw(cls, raw: Mapping[str, Any]) -> Progress:
        progress = cls()
        seq = raw.get("journal_seq", 0)
        total = raw.get("reviews_total", 0)
        if not isinstance(seq, int) or not isinstance(total, int):
            raise RecordError("journal_seq and reviews_total must be whole numbers")
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
            progress.cards[cid] = CardState.from_toml(state, f"cards.{cid}")
        for index, item in enumerate(quizzes):
            quiz = Quiz.from_toml(item, f"quizzes[{index}]")
            progress.quizzes[quiz.id] = quiz
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
    cut = line.rfind(_CRC_KEY)
    if cut < 0 or line[cut + len(_CRC_KEY) :] != f'{zlib.crc32(line[:cut]):08x}"}}'.encode():
        return None
    try:
        raw = json.loads(line)
        kind = raw.pop("kind")
        raw.pop("crc32")
        return ENTRY_KINDS[kind].from_toml(raw, kind)
    except (ValueError, KeyError, TypeError, AttributeError):
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
        raise SaveFileError("journal header unreadable") from None
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise SaveFileError("journal header has a bad seq")
    return seq


# ---------------------------------------------------------------------- files


class Store:
    """Reads and writes one profile folder. Not thread-safe; one per app."""

    def __init__(self, folder: Path, now: Callable[[], dt.datetime]) -> None:
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

    # ------------------------------------------------------------------ locking

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        if self._lock_fd is not None:  # re-entrant
            yield
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._lock_fd = fd
            yield
        finally:
            self._lock_fd = None
            os.close(fd)  # closing releases the flock

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        """(Re)build ``progress`` from disk. Never raises for damaged files."""
        with self.locked():
            self._load_locked()

    def _load_locked(self) -> None:
        if self.folder.is_dir():
            for name in os.listdir(self.folder):
                # Temp files are only written under the lock we hold: any left
                # is from a writer that died before replacing its target.
                if name.startswith(".") and name.endswith(".tmp"):
                    (self.folder / name).unlink(missing_ok=True)
        self.progress = self._read_snapshot()
        recovered = False
        journal = self.folder / JOURNAL
        try:
            data: bytes | None = journal.read_bytes()
        except FileNotFoundError:
            data = None
        seq: int | None = None
        if data is not None:
            try:
                seq = read_header(data)
            except SaveFileError:
                self._move_aside(journal, "journal", "answer journal", "bad header")
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
            self._rotate()
        if recovered or self._offset == 0:
            self._compact()

    def _replay_history(self, below: int | None) -> bool:
        """Apply history journals newer than the snapshot; True if there were any."""
        history = self.folder / HISTORY
        if not history.is_dir():
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
                data = path.read_bytes()
            except FileNotFoundError:
                continue
            try:
                cached = self._read_cache(data) if name == PROGRESS else None
                progress = cached or Progress.from_toml(data.decode())
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                # ValueError covers SaveFileError and UnicodeDecodeError.
                self._move_aside(path, name.removesuffix(".toml"), what, str(exc) or "unreadable")
                continue
            if name == PROGRESS and cached is None:
                self._write_cache(data, progress)
            if progress.source_version > SCHEMA_VERSION:
                # Written by a newer release: what it adds would be lost on the
                # next snapshot, so keep the file as it is.
                kept = self.folder / f"progress.v{progress.source_version}.toml"
                if kept.exists() and kept.read_bytes() == data:
                    return progress  # copied and reported already
                target = self._free_name(f"progress.v{progress.source_version}")
                atomic_write(target, data)
                self.warnings.append(
                    f"Your progress was saved by a newer version of backend-tui; a copy was"
                    f" kept as {target.name} in {self.folder}."
                )
            return progress
        return Progress()

    def _read_cache(self, snapshot: bytes) -> Progress | None:
        """The snapshot from the JSON cache, if the cache was made from exactly these bytes."""
        try:
            raw = json.loads((self.folder / CACHE).read_bytes())
            if raw["size"] != len(snapshot) or raw["crc32"] != zlib.crc32(snapshot):
                return None
            return Progress.from_raw(raw["snapshot"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # a cache only: progress.toml is read instead

    def _move_aside(self, path: Path, stem: str, what: str, why: str) -> None:
        target = self._free_name(f"{stem}.corrupt-{utc_stamp(self.now())}", path.suffix)
        os.replace(path, target)
        fsync_dir(self.folder)
        self.warnings.append(
            f"The {what} {path} could not be read ({why}); it was kept as {target.name}"
            " and your progress continues from the newest good copy."
        )

    def _keep_copy(self, path: Path, data: bytes, stem: str, bad: int) -> None:
        target = self._free_name(f"{stem}.corrupt-{utc_stamp(self.now())}", path.suffix)
        atomic_write(target, data)
        self.warnings.append(
            f"{bad} damaged entr{'y' if bad == 1 else 'ies'} in {path} could not be read;"
            f" a copy was kept as {target.name} and every readable answer was kept."
        )

    def _free_name(self, stem: str, suffix: str = ".toml") -> Path:
        target = self.folder / f"{stem}{suffix}"
        n = 1
        while target.exists():
            target = self.folder / f"{stem}-{n}{suffix}"
            n += 1
        return target

    def _apply_file(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.warnings.append(f"Could not read {path}: {exc.strerror}.")
            return
        parsed = parse_entries(data)
        if parsed.bad:
            self.warnings.append(f"{parsed.bad} damaged entries in {path} were skipped.")
        for entry in parsed.entries:
            self.progress.apply(entry)

    def review_log(self) -> list[Review]:
        """Every review kept (history and journal), undone ones left out, in saving order.

        Reads every journal ever written: for reports and tests, not for start-up.
        """
        files: list[Path] = []
        history = self.folder / HISTORY
        if history.is_dir():
            files += sorted(p for p in history.iterdir() if _SEGMENT_RE.match(p.name))
        files.append(self.folder / JOURNAL)
        reviews: dict[str, Review] = {}
        undone: set[str] = set()
        for path in files:
            try:
                data = path.read_bytes()
            except FileNotFoundError:
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
            with open(self.folder / JOURNAL, "rb") as fh:
                try:
                    seq = read_header(fh.read(4096))
                except SaveFileError:
                    seq = 0
                fh.seek(self._offset)
                data = fh.read()
        except FileNotFoundError:
            seq = 0
        if seq != self._seq or seq == 0:
            # Another instance compacted (or something broke): start over.
            self._load_locked()
            return
        if data:
            parsed = parse_entries(data, self._offset)
            for entry in parsed.entries:
                self.progress.apply(entry)
            self._offset = parsed.end
            self._journal_entries += len(parsed.entries)

    def append(self, make: Callable[[Progress], Entry]) -> Entry:
        """Durably add one entry built from the freshest progress; returns it.

        The lock spans re-reading, building and writing, so an entry is always
        computed from every answer saved before it.
        """
        with self.locked():
            self.refresh()
            entry = make(self.progress)
            block = entry_line(entry)
            journal = self.folder / JOURNAL
            with open(journal, "r+b") as fh:
                # Drop a line cut short by an earlier crash before writing after it.
                fh.truncate(self._offset)
                fh.seek(self._offset)
                fh.write(block)
                fh.flush()
                os.fsync(fh.fileno())
            self._offset += len(block)
            self._journal_entries += 1
            self.progress.apply(entry)
            if self._journal_entries > self.compact_after():
                self._compact()
            return entry

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
        # No fsync: a cache lost or cut short in a crash is simply not used.
        tmp = self.folder / f".{CACHE}.{os.getpid()}.tmp"
        tmp.write_text(_dumps(cache))
        os.replace(tmp, self.folder / CACHE)

    def _rotate(self) -> None:
        journal = self.folder / JOURNAL
        if journal.exists():
            history = self.folder / HISTORY
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
