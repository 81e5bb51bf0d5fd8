"""The checked-content cache: a start reads it back, and never trusts it when it should not."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from backend_tui.content import ContentError, load_content, load_content_cached
from backend_tui.content import loader as content_loader
from backend_tui.content.cache import cache_file

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, copy)
    return copy


def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, parsing the TOML fails the test: only the cache may answer."""

    def fail(root: Path) -> None:
        raise AssertionError(f"content was parsed again: {root}")

    monkeypatch.setattr(content_loader, "load_content", fail)


def edit(path: Path, old: str, new: str) -> None:
    before = path.stat().st_mtime_ns
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    # A file rewritten within the clock's resolution keeps its time; move it on.
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_second_start_reads_the_checked_content_back(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = load_content_cached(root, cache)
    assert cache_file(cache, root).is_file()
    assert first == load_content(root)

    no_loading(monkeypatch)
    assert load_content_cached(root, cache) == first


def test_an_edited_file_is_read_again(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = load_content_cached(root, cache)
    role = root / "en" / "role.toml"
    title = before["en"].sections["role"].title
    edit(role, title, "A Title Edited Since")

    after = load_content_cached(root, cache)
    assert after["en"].sections["role"].title == "A Title Edited Since"
    # ... and that is what the next start reads back.
    assert load_content_cached(root, cache) == after


def test_broken_content_is_reported_every_time_and_never_cached(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_content_cached(root, cache)
    edit(root / "en" / "role.toml", "title", "titel")

    for _ in range(2):
        with pytest.raises(ContentError) as caught:
            load_content_cached(root, cache)
        assert any("titel" in str(p) for p in caught.value.problems)


def test_a_damaged_cache_file_is_only_a_miss(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = load_content_cached(root, cache)
    stored = cache_file(cache, root)
    for damage in (b"", b"not a pickle", stored.read_bytes()[:100]):
        stored.write_bytes(damage)
        assert load_content_cached(root, cache) == expected
        assert stored.read_bytes() not in (b"", b"not a pickle")


def test_an_unwritable_cache_folder_still_loads(root: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert load_content_cached(root, blocker / "cache") == load_content(root)
    assert list(tmp_path.glob("a-file*")) == [blocker]


def test_two_content_folders_do_not_share_an_entry(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    other = tmp_path / "other"
    shutil.copytree(root, other)
    edit(other / "en" / "role.toml", load_content(root)["en"].sections["role"].title, "Other")
    assert load_content_cached(root, cache) != load_content_cached(other, cache)
    assert load_content_cached(other, cache)["en"].sections["role"].title == "Other"


def test_a_file_that_appears_is_read(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_content_cached(root, cache)
    # A cards file in one language only: the loader must see it (and object).
    (root / "en" / "cards.toml").write_text("", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content_cached(root, cache)
    assert any("cards.toml" in str(p) for p in caught.value.problems)


def test_files_the_loader_never_reads_do_not_matter(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = load_content_cached(root, cache)
    (root / "teacher-notes").mkdir()
    (root / "teacher-notes" / "week1.txt").write_text("not study material", encoding="utf-8")
    (root / "README.md").write_text("about this folder", encoding="utf-8")
    no_loading(monkeypatch)
    assert load_content_cached(root, cache) == first


def test_a_glossary_that_appears_or_changes_is_read(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for lang in ("id", "en"):  # the fixture's own glossary: start from none
        (root / lang / "glossary.toml").unlink(missing_ok=True)
    assert load_content_cached(root, cache)["en"].terms == ()
    for lang in ("id", "en"):
        (root / lang / "glossary.toml").write_text(
            '[[terms]]\nid = "api"\nterm = "API"\nmeaning = "How programs talk."\n',
            encoding="utf-8",
        )
    assert [t.term for t in load_content_cached(root, cache)["en"].terms] == ["API"]
    edit(root / "en" / "glossary.toml", '"API"', '"Interface"')
    terms = load_content_cached(root, cache)["en"].terms
    assert [t.term for t in terms] == ["Interface"]
    assert load_content_cached(root, cache)["en"].terms == terms


class _RunsCode:
    """Unpickling this runs ``touch``: what a planted pickle would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_runs_nothing(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = load_content(root)
    marker = tmp_path / "ran"
    planted = pickle.dumps(_RunsCode(marker))
    stored = cache_file(cache, root)
    stored.parent.mkdir(parents=True, exist_ok=True)
    # where this version reads, and where the pickle-based version used to
    for path in (stored, stored.with_suffix(".pickle")):
        path.write_bytes(planted)
        assert load_content_cached(root, cache) == expected
    assert not marker.exists()
    assert stored.read_bytes().startswith(b"backend-tui content cache ")


def forge(stored: Path, old: str, new: str, *, fix_checksum: bool) -> None:
    """Change a text inside the cache file, with its checksum left as it was or made to match."""
    head, _, body = stored.read_bytes().partition(b"\n")
    assert old.encode() in body
    body = body.replace(old.encode(), new.encode())
    if fix_checksum:
        head = head[: -len("00000000")] + f"{zlib.crc32(body):08x}".encode()
    stored.write_bytes(head + b"\n" + body)


def test_a_forged_cache_file_is_not_shown(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    title = load_content_cached(root, cache)["en"].sections["role"].title
    stored = cache_file(cache, root)

    forge(stored, title, "Send your password to evil.example", fix_checksum=False)
    assert load_content_cached(root, cache)["en"].sections["role"].title == title
    # ... and the file was written again from the TOML
    assert b"evil.example" not in stored.read_bytes()

    # A matching checksum does not make a control character text.
    forge(stored, title, "\\u001b]52;c;ZXZpbA==\\u0007", fix_checksum=True)
    assert load_content_cached(root, cache)["en"].sections["role"].title == title
    forge(stored, title, "Title\x9b2J", fix_checksum=True)  # C1 CSI, written as it is
    assert load_content_cached(root, cache)["en"].sections["role"].title == title


def test_a_cache_file_of_the_wrong_shape_is_a_miss(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    expected = load_content_cached(root, cache)
    stored = cache_file(cache, root)
    head, _, real = stored.read_bytes().partition(b"\n")
    extra_field = real.replace(b'"languages":{"id":[', b'"languages":{"id":[1,', 1)
    assert extra_field != real
    # valid JSON with a valid checksum, but not the model this version writes
    for body in (b"[]", b'{"key": 1}', extra_field):
        checksum = f"{zlib.crc32(body):08x}".encode()
        stored.write_bytes(head[:-8] + checksum + b"\n" + body)
        assert load_content_cached(root, cache) == expected


def test_every_kind_of_record_comes_back_equal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Note cards, glossary terms, salaries, an exchange rate: all read back as written."""
    from helpers.content_files import CARDS, make_content

    root = make_content(
        tmp_path / "content",
        id__cards=CARDS.replace('type = "basic"\n', 'type = "basic"\norigin = "note"\n'),
        en__cards=CARDS.replace('type = "basic"\n', 'type = "basic"\norigin = "note"\n'),
    )
    for lang in ("id", "en"):
        (root / lang / "glossary.toml").write_text(
            '[[terms]]\nid = "api"\nterm = "API"\nmeaning = "M"\nsee = "duties.a"\n',
            encoding="utf-8",
        )
    cache = tmp_path / "cache"
    first = load_content_cached(root, cache)
    assert first["en"].cards[0].origin == "note"
    assert first["en"].sections["career"].exchange_rate is not None
    assert first == load_content(root)
    assert cache_file(cache, root).read_bytes().count(b'"note"') == 2
    # Read back, not loaded again: a record the cache cannot read would be a miss on
    # every start, which equal content alone would never show.
    no_loading(monkeypatch)
    assert load_content_cached(root, cache) == first


START_FROM_CACHE = """
import sys
from pathlib import Path
from backend_tui.content import load_content_cached
load_content_cached(Path(sys.argv[1]), Path(sys.argv[2]))
print(",".join(m for m in ("tomllib", "backend_tui.content.loader", "pickle") if m in sys.modules))
"""


def test_a_start_from_the_cache_loads_no_parser_and_no_pickle(root: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_content_cached(root, cache)
    result = subprocess.run(
        [sys.executable, "-c", START_FROM_CACHE, str(root), str(cache)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == ""
