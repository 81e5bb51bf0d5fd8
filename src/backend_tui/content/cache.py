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
from pathlib import Path
from typing import Any

from backend_tui import __version__
from backend_tui.atomic import atomic_write
from backend_tui.content.model import (
    CARDS_FILE,
    GLOSSARY_FILE,
    LANGUAGES,
    SECTION_IDS,
    Card,
    Content,
    ExchangeRate,
    Item,
    Language,
    Option,
    Reference,
    SalaryRange,
    Section,
    Term,
)

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


def _list(value: object) -> list[Any]:
    if type(value) is not list:
        raise ValueError("not a list")
    return value


def _texts(value: object) -> tuple[str, ...]:
    return tuple([_text(v) for v in _list(value)])


def _choice(value: object, allowed: tuple[str, ...]) -> Any:
    if value not in allowed:
        raise ValueError("not one of the allowed values")
    return value


# One reader per record, written out: a start reads about 1,500 fields, and plain
# code is several times faster here than readers composed from small functions.
# A list of the wrong length fails to unpack (ValueError): a miss like any other.


def _item(value: object) -> Item:
    id_, title, body, number, technologies, note = _list(value)
    return Item(
        _text(id_),
        _text(title),
        _text(body),
        None if number is None else _int(number),
        _texts(technologies),
        _text(note),
    )


def _salary(value: object) -> SalaryRange:
    id_, region, currency, low, high, period, original, stated, note = _list(value)
    return SalaryRange(
        _text(id_),
        _text(region),
        _text(currency),
        _int(low),
        _int(high),
        _choice(period, ("month", "year")),
        _text(original),
        _flag(stated),
        _text(note),
    )


def _rate(value: object) -> ExchangeRate | None:
    if value is None:
        return None
    currency, per_usd, as_of, approximate, note = _list(value)
    if type(per_usd) not in (int, float):
        raise ValueError("not a number")
    return ExchangeRate(
        _text(currency),
        float(per_usd),
        dt.date.fromisoformat(_text(as_of)),
        _flag(approximate),
        _text(note),
    )


def _reference(value: object) -> Reference:
    id_, title = _list(value)
    return Reference(_text(id_), _text(title))


def _section(value: object) -> Section:
    id_, tab, title, intro, items, salaries, rate, references, path = _list(value)
    return Section(
        _text(id_),
        _text(tab),
        _text(title),
        _text(intro),
        tuple([_item(v) for v in _list(items)]),
        tuple([_salary(v) for v in _list(salaries)]),
        _rate(rate),
        tuple([_reference(v) for v in _list(references)]),
        Path(_text(path)),
    )


def _option(value: object) -> Option:
    text, correct = _list(value)
    return Option(_text(text), _flag(correct))


def _card(value: object) -> Card:
    id_, source, kind, front, back, options, answers, origin = _list(value)
    return Card(
        _text(id_),
        _text(source),
        _choice(kind, ("basic", "choice", "typed")),
        _text(front),
        _text(back),
        tuple([_option(v) for v in _list(options)]),
        _texts(answers),
        _choice(origin, ("article", "note")),
    )


def _term(value: object) -> Term:
    id_, term, meaning, see, line = _list(value)
    return Term(_text(id_), _text(term), _text(meaning), _text(see), _int(line))


def _language(value: object) -> Language:
    code, sections, cards, terms = _list(value)
    if type(sections) is not dict or list(sections) != list(SECTION_IDS):
        raise ValueError("not the sections")
    return Language(
        _choice(code, LANGUAGES),
        {sid: _section(v) for sid, v in sections.items()},
        tuple([_card(v) for v in _list(cards)]),
        tuple([_term(v) for v in _list(terms)]),
    )


def _content(value: object, root: Path) -> Content:
    if type(value) is not dict or type(value.get("languages")) is not dict:
        raise ValueError("not content")
    languages = value["languages"]
    if list(languages) != list(LANGUAGES):
        raise ValueError("not the languages")
    return Content(root=root, languages={code: _language(v) for code, v in languages.items()})
