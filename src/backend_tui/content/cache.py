"""Checked content kept between starts, so a start need not parse and check the TOML again.

Reading and checking both languages is about 30 ms, a twentieth of the time to the
first frame; reading back the checked result is a few ms. The cache is keyed by
every content file's size and modification time, the program's version and Python's,
so an edited file, an upgrade or a changed checker is never answered from it. Content
with problems is never cached: its problems are reported on every start. The cache
is only an optimisation: any failure to read or write it falls back to loading.

The file is data, never code: JSON of the model, rebuilt field by field into the
model's records, every field's type checked and every text held to the same rule as
the TOML (no control characters). A checksum over the whole file is checked before
anything in it is used, then the key. A damaged, stale or tampered file is a miss:
the content is loaded from the TOML and the file written again. The checksum is not
a signature (anyone who may write the cache folder may write a matching one), so
when serving, the cache lives in a folder the server owns, not in a learner's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

from backend_tui import __version__
from backend_tui.atomic import atomic_write
from backend_tui.content import model
from backend_tui.content.model import (
    CARDS_FILE,
    GLOSSARY_FILE,
    LANGUAGES,
    SECTION_IDS,
    Content,
    Language,
    Section,
)

Reader = Callable[[object], Any]

_FORMAT = 2
"""1 was a pickle; 2 is checksummed JSON."""
_MAGIC = b"backend-tui content cache"
_CODE = Path(__file__).resolve().parent
"""The loader and model: a change to them (a source checkout) invalidates the cache."""

# The loader's rule for text (``schema.CONTROL_RE``), applied to the stored JSON as a
# whole: two quick scans instead of one search per text. JSON writes DEL and C1 as
# they are, and C0 as escapes (\u001b, \r, \b, \f; newline and tab as \n, \t).
# Escapes are matched left to right, so an escaped backslash (\\) is passed over
# whole and never taken for the start of another escape.
_RAW_CONTROL = re.compile(r"[\x7f-\x9f]")
_ESCAPE = re.compile(r"\\(?:u00[01][0-9a-fA-F]|u007[fF]|u00[89][0-9a-fA-F]|[bfr]|.)")


def _holds_control(text: str) -> bool:
    if _RAW_CONTROL.search(text):
        return True
    return any(len(m.group()) > 2 or m.group()[1] in "bfr" for m in _ESCAPE.finditer(text))


def _stamp(path: Path) -> list[object]:
    try:
        info = path.stat()
    except FileNotFoundError:
        return [str(path), -1, -1]  # a missing file is part of what was checked
    return [str(path), info.st_size, info.st_mtime_ns]


def fingerprint(root: Path) -> list[object]:
    """What the checked content depends on; equal fingerprints mean equal content.

    Exactly the files the loader reads (present or not), so a mistaken
    ``--content ~`` costs a few stats, not a walk of the whole folder. Made of
    lists, texts and numbers: it is stored as JSON and compared as read back.
    """
    names = [f"{section}.toml" for section in SECTION_IDS] + [CARDS_FILE, GLOSSARY_FILE]
    files = [root / lang / name for lang in LANGUAGES for name in names]
    code = sorted(_CODE.glob("*.py"))
    return [
        _FORMAT,
        __version__,
        sys.version,
        [_stamp(p) for p in code],
        [_stamp(p) for p in files],
    ]


def cache_file(cache_dir: Path, root: Path) -> Path:
    """One file per content folder, named after the folder's absolute path.

    A checksum, not a cryptographic hash (hashlib costs a start more than the rest of
    the cache): two folders sharing a name only overwrite each other's entry, as the
    entry holds every file's path and is checked against them.
    """
    digest = zlib.crc32(str(root.resolve()).encode())
    return cache_dir / f"content-{digest:08x}.json"


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
    cached = read_cache(path, key, root)
    if cached is not None:
        return cached
    content = _load(root)
    write_cache(path, key, content)
    return content


def _load(root: Path) -> Content:
    # Imported only when needed: a start from the cache never loads the TOML parser.
    from backend_tui.content.loader import load_content

    return load_content(root)


# --------------------------------------------------------------------------- file format
#
#   backend-tui content cache <checksum: 8 hex digits>\n
#   {"key": <fingerprint>, "content": <the model as JSON>}
#
# The checksum is CRC-32 of everything after the first line.


def read_cache(path: Path, key: list[object], root: Path) -> Content | None:
    """The content stored in ``path`` for ``key``, or None: missing, damaged, stale or forged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, newline, body = data.partition(b"\n")
    if not newline or head != _MAGIC + b" " + _checksum(body):
        return None
    try:
        import json  # not before a cache is found: the TOML path never needs it

        text = body.decode()
        if _holds_control(text):
            return None
        stored = json.loads(text)
        if not isinstance(stored, dict) or stored.get("key") != key:
            return None
        return _content(stored["content"], root)
    except (ValueError, TypeError, KeyError, RecursionError):
        # Not what this version writes: a miss, never an error.
        return None


def write_cache(path: Path, key: list[object], content: Content) -> None:
    # Written whole under a temporary name, then renamed: two starts at once (a class
    # on one server) each write a complete file and the last one wins. The cache is only
    # a speed-up, so it is not flushed to disk and a failure to write it is ignored.
    import json

    body = json.dumps(
        {"key": key, "content": _plain(content)}, ensure_ascii=False, separators=(",", ":")
    ).encode()
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, _MAGIC + b" " + _checksum(body) + b"\n" + body, durable=False)


def _checksum(body: bytes) -> bytes:
    return f"{zlib.crc32(body):08x}".encode()


# --------------------------------------------------------------------------- model <-> JSON


def _plain(content: Content) -> dict[str, Any]:
    """The model as JSON values: records as lists of their fields, in field order."""

    def record(value: Any) -> Any:
        if isinstance(value, tuple):
            return [record(v) for v in value]  # records and tuples alike
        if isinstance(value, dict):
            return {k: record(v) for k, v in value.items()}
        if isinstance(value, Path):
            return str(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    return {"languages": {code: record(lang) for code, lang in content.languages.items()}}


def _text(value: object) -> str:
    if type(value) is not str:
        raise ValueError("not text")
    return value


def _int(value: object) -> int:
    if type(value) is not int:
        raise ValueError("not a whole number")
    return value


def _flag(value: object) -> bool:
    if type(value) is not bool:
        raise ValueError("not true or false")
    return value


def _number(value: object) -> float:
    if type(value) not in (int, float):
        raise ValueError("not a number")
    return float(value)  # type: ignore[arg-type]


def _list(value: object) -> list[Any]:
    if type(value) is not list:
        raise ValueError("not a list")
    return value


def _texts(value: object) -> tuple[str, ...]:
    return tuple([_text(v) for v in _list(value)])


def _date(value: object) -> dt.date:
    return dt.date.fromisoformat(_text(value))


def _path(value: object) -> Path:
    return Path(_text(value))


def _sections(value: object) -> dict[str, Section]:
    if type(value) is not dict or list(value) != list(SECTION_IDS):
        raise ValueError("not the sections")
    read = _reader(Section)
    return {sid: read(v) for sid, v in value.items()}


# Each record is read by the types its model declares (``model.py``'s annotations),
# so a field added to the model is read back with no change here. A record of the
# wrong length or a field of the wrong type is a ValueError: a miss like any other.

_SIMPLE: dict[str, Reader] = {
    "str": _text,
    "int": _int,
    "bool": _flag,
    "float": _number,
    "Path": _path,
    "dt.date": _date,
    "tuple[str, ...]": _texts,
    "dict[str, Section]": _sections,
}
_MANY = re.compile(r"tuple\[(\w+), \.\.\.\]")
_readers: dict[type, Reader] = {}


def _converter(annotation: str) -> Reader:
    if annotation.endswith(" | None"):
        inner = _converter(annotation.removesuffix(" | None"))
        return lambda value: None if value is None else inner(value)
    if annotation in _SIMPLE:
        return _SIMPLE[annotation]
    many = _MANY.fullmatch(annotation)
    if many:
        item = _converter(many.group(1))
        return lambda value: tuple([item(v) for v in _list(value)])
    named = getattr(model, annotation)
    if isinstance(named, type) and issubclass(named, tuple):
        return _reader(named)
    allowed = get_args(named)  # a Literal: the values allowed
    if not allowed or not all(type(a) is str for a in allowed):
        raise TypeError(f"the cache cannot read a field of type {annotation}")

    def choice(value: object) -> str:
        if value not in allowed:
            raise ValueError("not one of the allowed values")
        return value  # type: ignore[return-value]

    return choice


def _reader(record: Any) -> Reader:
    """The reader of one kind of record, stored as the list of its fields."""
    known = _readers.get(record)
    if known is not None:
        return known
    annotations = record.__annotations__
    # NamedTuple keeps string annotations as ForwardRef("...")
    fields = [
        _converter(getattr(annotations[name], "__forward_arg__", annotations[name]))
        for name in record._fields
    ]
    count = len(fields)

    def read(value: object) -> Any:
        if type(value) is not list or len(value) != count:
            raise ValueError("not this record")
        return record(*[convert(v) for convert, v in zip(fields, value, strict=True)])

    _readers[record] = read
    return read


def _content(value: object, root: Path) -> Content:
    if type(value) is not dict or type(value.get("languages")) is not dict:
        raise ValueError("not content")
    languages = value["languages"]
    if list(languages) != list(LANGUAGES):
        raise ValueError("not the languages")
    read = _reader(Language)
    content = Content(root=root, languages={code: read(v) for code, v in languages.items()})
    if any(lang.code != code for code, lang in content.languages.items()):
        raise ValueError("a language under another's name")
    return content
