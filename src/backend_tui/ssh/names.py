"""Which key owns which profile name: one small file per name, one lock for writers.

In the default mode the first key to log in with a name owns it, and a key owns
one name. Each binding is its own file, ``<data_dir>/ssh/names/NAME.toml``, so a
claim writes one small file (a class of 50,000 names costs the same as a class
of 5) and freeing a name deletes one. Every change happens under an exclusive
``fcntl`` lock on ``<data_dir>/ssh/names.lock``: the running server and
``backend-tui class release`` may change names at the same time, and each reads
the file of a name afresh, so a name freed while the server runs is free at once.

Writers block (a lock, an fsync): the server calls :meth:`NameStore.claim` in a
worker thread, never on its event loop.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import asyncssh
import tomli_w

from backend_tui import paths
from backend_tui.atomic import atomic_write
from backend_tui.ssh.config import ServeError, why
from backend_tui.ssh.keys import fingerprint, server_dir
from backend_tui.study.notices import Notice

log = logging.getLogger("backend_tui.ssh")

RECORD_VERSION = 1
LEGACY_FILE = "bindings.toml"
"""Where names were kept before they had a file each; moved in on first start."""


@dataclass(frozen=True, slots=True)
class Binding:
    """The key a profile name belongs to."""

    fingerprint: str
    """SHA256 fingerprint of the key."""
    public_key: str
    """The key in OpenSSH one-line form, so a teacher can see whose it is."""
    bound_at: str
    """UTC time of the first login, ISO 8601."""
    address: str = ""
    """The client address that claimed it, for a teacher tracing a flood of names."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a key may not have a name."""

    reason: str
    """For the server's log."""
    message: Notice
    """For the learner, in their language."""


class NameRecordError(Exception):
    """A name's file exists but cannot be read: nobody may use the name until it is fixed."""


def name_taken(name: str) -> Refusal:
    return Refusal(
        "name bound to another key",
        Notice(
            "ssh_name_taken",
            "the name {name!r} belongs to another key; log in with your own name.",
            name=name,
        ),
    )


def key_has_name(own: str) -> Refusal:
    return Refusal(
        f"key already owns {own!r}",
        Notice(
            "ssh_key_has_name",
            "your key already belongs to the name {own!r}; log in as {own}"
            " (a key has one name on this server; ask your teacher to free it).",
            own=own,
        ),
    )


class NameStore:
    """The names in ``<data_dir>/ssh``; see the module docstring for the layout."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.names_dir = folder / "names"
        self.lock_path = folder / "names.lock"
        # fingerprint -> name, for "one name per key"; checked against the name's
        # file before use, since a release from another process only deletes that.
        self._by_key: dict[str, str] = {}
        self._index_lock = threading.Lock()

    # -- reading --------------------------------------------------------------

    def _record(self, name: str) -> Path:
        return self.names_dir / f"{paths.validate_profile(name)}.toml"

    def get(self, name: str) -> Binding | None:
        """The binding of ``name`` as it is on disk now, or ``None`` when it is free.

        Raises :class:`NameRecordError` for a file that cannot be read and
        :class:`paths.ProfileNameError` for a name that is not a profile name.
        """
        record = self._record(name)
        try:
            raw = tomllib.loads(record.read_text(encoding="utf-8"))
            if raw.get("version") != RECORD_VERSION:
                raise ValueError(f"unknown version {raw.get('version')!r}")
            return Binding(
                fingerprint=_text(raw, "fingerprint"),
                public_key=_text(raw, "public_key"),
                bound_at=str(raw.get("bound_at", "")),
                address=str(raw.get("address", "")),
            )
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:
            raise NameRecordError(f"{record}: {exc}") from None

    def name_for(self, print_: str) -> str | None:
        """The name the key with this fingerprint owns, or ``None``."""
        with self._index_lock:
            name = self._by_key.get(print_)
        if name is None:
            return None
        try:
            binding = self.get(name)
        except NameRecordError:
            return name
        if binding is not None and binding.fingerprint == print_:
            return name
        with self._index_lock:
            if self._by_key.get(print_) == name:
                del self._by_key[print_]
        return None

    def names(self) -> Iterator[tuple[str, Binding]]:
        """Every readable binding; unreadable ones are logged and left out."""
        try:
            entries = sorted(self.names_dir.iterdir())
        except FileNotFoundError:
            return
        for entry in entries:
            if entry.suffix != ".toml" or entry.name.startswith("."):
                continue
            name = entry.stem
            try:
                binding = self.get(name)
            except (NameRecordError, paths.ProfileNameError) as exc:
                log.warning("names: skipping %s: %s", entry, exc)
                continue
            if binding is not None:
                yield name, binding

    def __len__(self) -> int:
        with self._index_lock:
            return len(self._by_key)

    def load(self) -> None:
        """Move in a legacy ``bindings.toml`` if there is one, then index every name.

        A bad entry is logged and skipped; only an unreadable legacy file (whose
        names cannot be known) stops the server, so no name is handed out twice.
        """
        legacy = self.folder / LEGACY_FILE
        if legacy.exists():
            self._migrate(legacy)
        by_key: dict[str, str] = {}
        for name, binding in self.names():
            by_key.setdefault(binding.fingerprint, name)
        with self._index_lock:
            self._by_key = by_key

    def _migrate(self, legacy: Path) -> None:
        try:
            raw = tomllib.loads(legacy.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ServeError.of(
                "serve_bindings_unreadable",
                "{path}: cannot read key bindings: {why}",
                path=legacy,
                why=why(exc),
            ) from None
        profiles = raw.get("profiles", {})
        if not isinstance(profiles, dict):
            raise ServeError.of(
                "serve_bindings_bad", "{path}: 'profiles' must be a table", path=legacy
            )
        with self._locked():
            for name, entry in profiles.items():
                try:
                    paths.validate_profile(name)
                    binding = Binding(
                        fingerprint=str(entry["fingerprint"]),
                        public_key=str(entry["public_key"]),
                        bound_at=str(entry.get("bound_at", "")),
                    )
                except (paths.ProfileNameError, KeyError, TypeError) as exc:
                    log.warning("%s: skipping the entry for %r: %s", legacy, name, exc)
                    continue
                if not self._record(name).exists():
                    self._write(name, binding)
            # Kept, renamed, so a teacher can still see what was there.
            os.replace(legacy, legacy.with_name(LEGACY_FILE + ".moved"))

    # -- writing (blocking: call from a worker thread) ----------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.names_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _write(self, name: str, binding: Binding) -> None:
        doc = {
            "version": RECORD_VERSION,
            "fingerprint": binding.fingerprint,
            "public_key": binding.public_key,
            "bound_at": binding.bound_at,
            "address": binding.address,
        }
        atomic_write(self._record(name), tomli_w.dumps(doc).encode("utf-8"), mode=0o600)

    def claim(self, name: str, key: asyncssh.SSHKey, address: str = "") -> Refusal | None:
        """Bind ``name`` to ``key``; ``None`` when it is (now) theirs, else why not.

        Check and write happen under the lock, so two first logins racing for one
        name, or one key racing for two names, cannot both win.
        Raises ``OSError`` when the binding cannot be saved.
        """
        print_ = fingerprint(key)
        with self._locked():
            try:
                current = self.get(name)
            except NameRecordError as exc:
                log.error("names: %s", exc)
                return name_taken(name)
            if current is not None:
                return None if current.fingerprint == print_ else name_taken(name)
            own = self.name_for(print_)
            if own is not None and own != name:
                return key_has_name(own)
            self._write(
                name,
                Binding(
                    fingerprint=print_,
                    public_key=key.export_public_key("openssh").decode("ascii").strip(),
                    bound_at=datetime.now(UTC).replace(microsecond=0).isoformat(),
                    address=address,
                ),
            )
            with self._index_lock:
                self._by_key[print_] = name
        return None

    def release(self, name: str) -> bool:
        """Free ``name`` (its progress stays); False when it was not bound."""
        record = self._record(name)
        with self._locked():
            try:
                binding = self.get(name)
            except NameRecordError:
                binding = None  # an unreadable record is freed all the same
            try:
                record.unlink()
            except FileNotFoundError:
                return False
            with self._index_lock:
                if binding is not None and self._by_key.get(binding.fingerprint) == name:
                    del self._by_key[binding.fingerprint]
        return True


def release_name(data_dir: Path, name: str) -> bool:
    """Free ``name`` in the server at ``data_dir``, safe while that server runs.

    False when the name was not bound. Raises :class:`paths.ProfileNameError`
    for a name that cannot be a profile, ``OSError`` when the files cannot be
    changed and :class:`ServeError` when the old bindings file cannot be read.
    """
    store = NameStore(server_dir(data_dir))
    if (store.folder / LEGACY_FILE).exists():
        # Not moved in yet: a name freed only here would come back at the next start.
        store.load()
    return store.release(name)


def _text(raw: dict[str, object], field: str) -> str:
    value = raw.get(field)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{field!r} is missing")
    return value
