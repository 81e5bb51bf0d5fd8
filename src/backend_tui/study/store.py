"""One learner's saved progress on disk.

A profile folder holds::

    progress.toml        snapshot: every card's state, reviews per day, quizzes
    progress.bak.toml    the snapshot before the last one (fallback if progress.toml breaks)
    journal.toml         answers since the snapshot, appended and fsynced one by one
    history/journal-NNNNNN.toml   earlier journals, kept: the full review log
    lock                 empty; flock()ed around every read-merge-write

Every answer appends one block to ``journal.toml`` under an exclusive lock, after
reading whatever other instances appended since; so two apps on one profile never
lose each other's answers and an answer costs one small write + fsync, whatever
the size of the history. Once the journal is long enough it is folded into a new
snapshot (written atomically: temp file, fsync, replace, fsync the folder) and
moved to ``history/``. Start-up reads the snapshot and a short journal only.

The journal and the history are the source of truth: the snapshot records which
journal it includes (``journal_seq``), so progress can always be rebuilt from an
older snapshot, or from nothing, by replaying the journals after it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import re
import tomllib
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

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
JOURNAL = "journal.toml"
HISTORY = "history"
LOCK = "lock"

_SEGMENT_RE = re.compile(r"^journal-(\d{6,})(?:-\d{8}T\d{6}Z)?\.toml$")
_CRC_RE = re.compile(r"^# crc32 ([0-9a-f]{8})$")

COMPACT_MIN = 64
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
    days: dict[dt.date, int] = field(default_factory=dict)
    """Reviews per local day."""
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
            self.days[entry.day] = self.days.get(entry.day, 0) + 1
            current = self.cards.get(entry.card)
            if current is None or entry.at >= current.last_review:
                self.cards[entry.card] = entry.after
        elif isinstance(entry, Undo):
            self.reviews_total = max(0, self.reviews_total - 1)
            left = self.days.get(entry.day, 0) - 1
            if left > 0:
                self.days[entry.day] = left
            else:
                self.days.pop(entry.day, None)
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

    # ------------------------------------------------------------------ snapshot

    def to_toml(self, now: dt.datetime) -> str:
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "saved_at": now,
            "journal_seq": self.journal_seq,
            "reviews_total": self.reviews_total,
            "days": {day.isoformat(): n for day, n in sorted(self.days.items())},
            "cards": {cid: self.cards[cid].to_toml() for cid in sorted(self.cards)},
            "quizzes": [q.to_toml() for q in sorted(self.quizzes.values(), key=_quiz_key)],
        }
        header = (
            "# backend-tui saved progress. Written by the app; safe to read, copy and back up.\n"
        )
        return header + tomli_w.dumps(data)

    @classmethod
    def from_toml(cls, text: str) -> Progress:
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SaveFileError(f"not valid TOML ({exc})") from None
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
        for key, count in days.items():
            try:
                day = dt.date.fromisoformat(key)
            except ValueError:
                raise RecordError(f"days: {key!r} is not a date") from None
            if not isinstance(count, int) or isinstance(count, bool):
                raise RecordError(f"days: {key!r} is not a whole number")
            progress.days[day] = count
        for cid, state in cards.items():
            progress.cards[cid] = CardState.from_toml(state, f"cards.{cid}")
        for index, item in enumerate(quizzes):
            quiz = Quiz.from_toml(item, f"quizzes[{index}]")
            progress.quizzes[quiz.id] = quiz
        return progress


def _quiz_key(quiz: Quiz) -> tuple[dt.datetime, str]:
    return quiz.at, quiz.id


# ---------------------------------------------------------------------- journal


def entry_block(entry: Entry) -> bytes:
    """One journal block: the entry as TOML, closed by a checksum line.

    The checksum tells a complete block from one cut short by a crash or power
    loss, which is then ignored (it was never reported as saved).
    """
    body = tomli_w.dumps({entry_kind(entry): [entry.to_toml()]})
    data = body.encode()
    return data + f"# crc32 {zlib.crc32(data):08x}\n\n".encode()


@dataclass
class Parsed:
    entries: list[Entry]
    end: int
    """Offset just after the last complete block."""
    bad: int
    """Blocks that are damaged (not counting a cut-short last one)."""


def _split_blocks(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of every ``[[kind]]`` block in ``data``."""
    starts = [m.start() for m in re.finditer(rb"(?m)^\[\[", data)]
    return [(s, starts[i + 1] if i + 1 < len(starts) else len(data)) for i, s in enumerate(starts)]


def _parse_block(chunk: bytes) -> Entry | None:
    text = chunk.rstrip(b"\n")
    body, _, last = text.rpartition(b"\n")
    match = _CRC_RE.match(last.decode("ascii", "replace"))
    body += b"\n"
    if not match or int(match.group(1), 16) != zlib.crc32(body):
        return None
    try:
        raw = tomllib.loads(body.decode())
        ((kind, rows),) = raw.items()
        (row,) = rows
        return ENTRY_KINDS[kind].from_toml(row, kind)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


def parse_entries(data: bytes, base: int = 0) -> Parsed:
    """Entries of a journal chunk that starts at file offset ``base``."""
    entries: list[Entry] = []
    blocks = _split_blocks(data)
    end = base + (blocks[0][0] if blocks else len(data))
    bad = 0
    for index, (start, stop) in enumerate(blocks):
        entry = _parse_block(data[start:stop])
        if entry is None:
            if index == len(blocks) - 1:
                break  # cut short while being written: never acknowledged
            bad += 1
        else:
            entries.append(entry)
        end = base + stop
    return Parsed(entries, end, bad)


def journal_header(seq: int, now: dt.datetime) -> bytes:
    text = (
        "# backend-tui journal: one block per answer, oldest first.\n"
        "# Each block ends with a checksum line; blocks are folded into progress.toml.\n"
    )
    data = {"journal": {"schema_version": SCHEMA_VERSION, "seq": seq, "created": now}}
    return (text + tomli_w.dumps(data) + "\n").encode()


def read_header(data: bytes) -> int:
    """The journal's sequence number, or raise :class:`SaveFileError`."""
    blocks = _split_blocks(data)
    head = data[: blocks[0][0]] if blocks else data
    try:
        raw = tomllib.loads(head.decode())
        seq = raw["journal"]["seq"]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, KeyError, TypeError):
        raise SaveFileError("journal header unreadable") from None
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise SaveFileError("journal header has a bad seq")
    return seq


# ---------------------------------------------------------------------- files


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, backup: Path | None = None) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file.

    With ``backup``, the file being replaced becomes the backup.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    if backup is not None and path.exists():
        os.replace(path, backup)
    os.replace(tmp, path)
    fsync_dir(path.parent)


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
        history = self.folder / HISTORY
        segments: list[tuple[int, Path]] = []
        if history.is_dir():
            for name in os.listdir(history):
                match = _SEGMENT_RE.match(name)
                if match:
                    segments.append((int(match.group(1)), history / name))
        segments.sort()
        for seq, path in segments:
            if seq > self.progress.journal_seq:
                # Only after a fallback to an older snapshot (or none).
                recovered = True
                self._apply_file(path, whole=True)
        self._seq = max([self.progress.journal_seq, *(s for s, _ in segments)])
        self._offset = 0
        self._journal_entries = 0
        journal = self.folder / JOURNAL
        try:
            data = journal.read_bytes()
        except FileNotFoundError:
            data = None
        if data is not None:
            try:
                seq = read_header(data)
            except SaveFileError:
                self._move_aside(journal, "journal", "answer journal", "bad header")
                parsed = parse_entries(data)
                for entry in parsed.entries:
                    self.progress.apply(entry)
                recovered = True
            else:
                if seq > self.progress.journal_seq:
                    parsed = parse_entries(data)
                    if parsed.bad:
                        self._keep_copy(journal, data, "journal", parsed.bad)
                        recovered = True
                    for entry in parsed.entries:
                        self.progress.apply(entry)
                    self._seq, self._offset = seq, parsed.end
                    self._journal_entries = len(parsed.entries)
                else:
                    # Folded already; a crash came between snapshot and rotation.
                    self._seq = max(self._seq, seq)
                    self._rotate()
        if recovered or self._offset == 0:
            self._compact()

    def _read_snapshot(self) -> Progress:
        for name, what in ((PROGRESS, "saved progress"), (BACKUP, "backup of saved progress")):
            path = self.folder / name
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                continue
            try:
                progress = Progress.from_toml(data.decode())
            except (SaveFileError, UnicodeDecodeError, KeyError) as exc:
                self._move_aside(path, name.removesuffix(".toml"), what, str(exc))
                continue
            if progress.source_version > SCHEMA_VERSION:
                # Written by a newer release: what it adds would be lost on the
                # next snapshot, so keep the file as it is.
                target = self._free_name(f"progress.v{progress.source_version}")
                atomic_write(target, data)
                self.warnings.append(
                    f"Your progress was saved by a newer version of backend-tui; a copy was"
                    f" kept as {target.name} in {self.folder}."
                )
            return progress
        return Progress()

    def _move_aside(self, path: Path, stem: str, what: str, why: str) -> None:
        target = self._free_name(f"{stem}.corrupt-{utc_stamp(self.now())}")
        os.replace(path, target)
        fsync_dir(self.folder)
        self.warnings.append(
            f"The {what} {path} could not be read ({why}); it was kept as {target.name}"
            " and your progress continues from the newest good copy."
        )

    def _keep_copy(self, path: Path, data: bytes, stem: str, bad: int) -> None:
        target = self._free_name(f"{stem}.corrupt-{utc_stamp(self.now())}")
        atomic_write(target, data)
        self.warnings.append(
            f"{bad} damaged entr{'y' if bad == 1 else 'ies'} in {path} could not be read;"
            f" a copy was kept as {target.name} and every readable answer was kept."
        )

    def _free_name(self, stem: str) -> Path:
        target = self.folder / f"{stem}.toml"
        n = 1
        while target.exists():
            target = self.folder / f"{stem}-{n}.toml"
            n += 1
        return target

    def _apply_file(self, path: Path, *, whole: bool) -> None:
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
            block = entry_block(entry)
            journal = self.folder / JOURNAL
            with open(journal, "r+b") as fh:
                # Drop a block cut short by an earlier crash before writing after it.
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

        Proportional to the snapshot, so folding costs a constant amount per
        answer on average and start-up reads at most about twice the snapshot.
        """
        return max(COMPACT_MIN, len(self.progress.cards) // 3)

    def _compact(self) -> None:
        """Write the snapshot including the current journal, then start a new journal."""
        self.progress.journal_seq = self._seq
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic_write(
            self.folder / PROGRESS,
            self.progress.to_toml(self.now()).encode(),
            backup=self.folder / BACKUP,
        )
        self._rotate()

    def _rotate(self) -> None:
        journal = self.folder / JOURNAL
        if journal.exists():
            history = self.folder / HISTORY
            history.mkdir(exist_ok=True)
            target = history / f"journal-{self._seq:06d}.toml"
            if target.exists():
                target = history / f"journal-{self._seq:06d}-{utc_stamp(self.now())}.toml"
            os.replace(journal, target)
            fsync_dir(history)
        self._seq += 1
        header = journal_header(self._seq, self.now())
        atomic_write(journal, header)
        self._offset = len(header)
        self._journal_entries = 0
