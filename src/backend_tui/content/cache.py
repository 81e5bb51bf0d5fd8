"""Checked content kept between starts, so a start need not parse and check the TOML again.

Reading and checking both languages is about 30 ms, a twentieth of the time to the
first frame; reading back the checked result is about 3 ms. The cache is keyed by
every content file's size and modification time, the program's version and Python's,
so an edited file, an upgrade or a changed checker is never answered from it. Content
with problems is never cached: its problems are reported on every start. The cache
is only an optimisation: any failure to read or write it falls back to loading.
"""

from __future__ import annotations

import contextlib
import pickle
import sys
import zlib
from pathlib import Path

from backend_tui import __version__
from backend_tui.atomic import atomic_write
from backend_tui.content.model import CARDS_FILE, GLOSSARY_FILE, LANGUAGES, SECTION_IDS, Content

_FORMAT = 1
_CODE = Path(__file__).resolve().parent
"""The loader and model: a change to them (a source checkout) invalidates the cache."""


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        info = path.stat()
    except FileNotFoundError:
        return (str(path), -1, -1)  # a missing file is part of what was checked
    return (str(path), info.st_size, info.st_mtime_ns)


def fingerprint(root: Path) -> tuple[object, ...]:
    """What the checked content depends on; equal fingerprints mean equal content.

    Exactly the files the loader reads (present or not), so a mistaken
    ``--content ~`` costs a few stats, not a walk of the whole folder.
    """
    names = [f"{section}.toml" for section in SECTION_IDS] + [CARDS_FILE, GLOSSARY_FILE]
    files = [root / lang / name for lang in LANGUAGES for name in names]
    code = sorted(_CODE.glob("*.py"))
    return (
        _FORMAT,
        __version__,
        sys.version,
        tuple(_stamp(p) for p in code),
        tuple(_stamp(p) for p in files),
    )


def cache_file(cache_dir: Path, root: Path) -> Path:
    """One file per content folder, named after the folder's absolute path.

    A checksum, not a cryptographic hash (hashlib costs a start more than the rest of
    the cache): two folders sharing a name only overwrite each other's entry, as the
    entry holds every file's path and is checked against them.
    """
    digest = zlib.crc32(str(root.resolve()).encode())
    return cache_dir / f"content-{digest:08x}.pickle"


def load_content_cached(root: Path, cache_dir: Path | None) -> Content:
    """The checked content of ``root``: from the cache when still valid, else loaded.

    Raises :class:`~backend_tui.content.errors.ContentError` exactly as loading does.
    ``cache_dir`` None skips the cache.
    """
    if cache_dir is None or not root.is_dir():
        return _load(root)
    try:
        key = fingerprint(root)
    except OSError:
        return _load(root)
    path = cache_file(cache_dir, root)
    cached = _read(path, key)
    if cached is not None:
        return cached
    content = _load(root)
    _write(path, key, content)
    return content


def _load(root: Path) -> Content:
    # Imported only when needed: a start from the cache never loads the TOML parser.
    from backend_tui.content.loader import load_content

    return load_content(root)


def _read(path: Path, key: tuple[object, ...]) -> Content | None:
    try:
        with path.open("rb") as stream:
            stored = pickle.load(stream)
    except Exception:
        # Missing, damaged, or from another version: a miss, never an error.
        return None
    if (
        isinstance(stored, tuple)
        and len(stored) == 2
        and stored[0] == key
        and isinstance(stored[1], Content)
    ):
        return stored[1]
    return None


def _write(path: Path, key: tuple[object, ...], content: Content) -> None:
    # Written whole under a temporary name, then renamed: two starts at once (a class
    # on one server) each write a complete file and the last one wins. The cache is only
    # a speed-up, so it is not flushed to disk and a failure to write it is ignored.
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps((key, content), protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(path, data, durable=False)
