"""Saved progress against hostile files: deep nesting, huge files, nan/inf, odd ids,
planted symbolic links and read-only profiles. Never a crash, never a link followed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from helpers.study import FIXTURE, Clock, fixture_content, make_content, open_at

from backend_tui.cli import main
from backend_tui.nesting import nesting_depth
from backend_tui.study import store as store_mod
from backend_tui.study.journal import parse_entries
from backend_tui.study.service import StudyService
from backend_tui.study.snapshot import Progress, SaveFileError


def _folder(data_dir: Path) -> Path:
    return data_dir / "profiles" / "learner"


def _answered(data_dir: Path, clock: Clock, ratings: tuple[int, ...] = (3, 3)) -> StudyService:
    """A profile with cards in its snapshot, a backup, history and one answer in the
    journal."""
    service = open_at(data_dir, make_content(3), clock)
    session = service.start_review("role")
    for rating in ratings:
        session.answer(rating)
    service._store.compact()
    service.start_review("role").answer(3)
    return service


def _signed(raw: dict[str, object]) -> bytes:
    """A journal line carrying a correct checksum, whatever it holds."""
    head = json.dumps(raw)[:-1].encode()
    return head + b', "crc32": "' + f"{zlib.crc32(head):08x}".encode() + b'"}\n'


def _a_review_line(service: StudyService) -> dict[str, object]:
    journal = _folder(service._store.folder.parent.parent) / "journal.jsonl"
    line = journal.read_bytes().splitlines()[1]
    raw: dict[str, object] = json.loads(line)
    del raw["crc32"]
    return raw


DEEP_TOML = {
    "arrays": "schema_version = 1\nx = " + "[" * 100_000 + "\n",
    "inline-tables": "schema_version = 1\nx = " + "{a = " * 5_000 + "1" + "}" * 5_000 + "\n",
    "hidden-in-a-multiline-string": (
        'schema_version = 1\nx = [[[[ """\n]]]]\n""", ' + "[" * 50_000 + "\n"
    ),
}


@pytest.mark.parametrize("text", DEEP_TOML.values(), ids=DEEP_TOML.keys())
def test_deeply_nested_progress_is_moved_aside(tmp_path: Path, text: str) -> None:
    clock = Clock()
    before = _answered(tmp_path, clock).progress
    folder = _folder(tmp_path)
    (folder / "progress.toml").write_text(text)
    (folder / "progress.cache.json").unlink()

    reopened = open_at(tmp_path, make_content(3), clock)
    assert len(reopened.warnings) == 1
    assert "nested more than 16 levels deep" in reopened.warnings[0]
    [aside] = folder.glob("progress.corrupt-*.toml")
    assert aside.read_text() == text
    assert reopened.progress.cards == before.cards  # from the backup and the journal


def test_nesting_scan_counts_only_real_brackets() -> None:
    assert nesting_depth('[a]\nb = [[1, 2], "[[[["]  # [[[[\n', 16) == 2
    assert nesting_depth("x = '''\n[[[[\n'''\n", 16) == 0
    assert nesting_depth("[" * 1_000_000, 16) == 17  # stops as soon as it is too deep


def test_oversized_progress_is_moved_aside_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    _answered(tmp_path, clock)
    folder = _folder(tmp_path)
    monkeypatch.setattr(store_mod, "MAX_FILE_BYTES", 4096)
    (folder / "progress.toml").write_text("schema_version = 1\n" + "# padding\n" * 1000)
    reopened = open_at(tmp_path, make_content(3), clock)
    assert any("larger than" in w for w in reopened.warnings)
    assert len(list(folder.glob("progress.corrupt-*.toml"))) == 1


def test_nested_journal_line_is_a_damaged_entry(tmp_path: Path) -> None:
    clock = Clock()
    service = _answered(tmp_path, clock, (3,))
    raw = _a_review_line(service)
    raw["extra"] = json.loads("[" * 500 + "]" * 500)
    journal = _folder(tmp_path) / "journal.jsonl"
    deep = _signed(raw)[:-1].replace(b"[]", b"[" * 100_000 + b"]" * 100_000) + b"\n"
    journal.write_bytes(journal.read_bytes() + _signed(raw) + deep)
    assert parse_entries(journal.read_bytes()).bad == 2

    reopened = open_at(tmp_path, make_content(3), clock)
    assert len(reopened.warnings) == 1 and "2 damaged entries" in reopened.warnings[0]
    assert reopened.progress.cards == service.progress.cards


def test_stats_and_the_app_survive_a_nested_progress_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    service = open_at(tmp_path, fixture_content(), clock)
    service.start_review("duties").answer(3)
    folder = _folder(tmp_path)
    for name in ("progress.toml", "progress.bak.toml"):
        (folder / name).write_text(DEEP_TOML["arrays"])
    code = main(["stats", "--data-dir", str(tmp_path), "--profile", "learner"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in out + err and "RecursionError" not in out + err
    assert "nested more than 16 levels deep" in out
    assert "1 reviews" in out or "1 review" in out
    assert len(list(folder.glob("progress*.corrupt-*.toml"))) == 2


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("stability", "nan"),
        ("stability", "inf"),
        ("stability", "-3.0"),
        ("stability", "0.0"),
        ("difficulty", "-inf"),
        ("difficulty", "11.0"),
        ("reps", "-1"),
        ("step", "99999999999"),
    ],
)
def test_absurd_numbers_in_progress_are_damage(tmp_path: Path, key: str, value: str) -> None:
    clock = Clock()
    before = _answered(tmp_path, clock).progress
    folder = _folder(tmp_path)
    progress = folder / "progress.toml"
    text = progress.read_text()
    # The snapshot's first card gets the bad value (added if the card has no such key).
    at = text.index("[cards.")
    header_end = text.index("\n", at) + 1
    progress.write_text(text[:header_end] + f"{key} = {value}\n" + text[header_end:])
    (folder / "progress.cache.json").unlink()
    for line in progress.read_text().splitlines():
        if line.startswith(f"{key} = ") and line != f"{key} = {value}":
            progress.write_text(progress.read_text().replace(line + "\n", "", 1))
            break

    reopened = open_at(tmp_path, make_content(3), clock)
    assert len(reopened.warnings) == 1 and "out of range" in reopened.warnings[0]
    assert reopened.progress.cards == before.cards
    # Scheduling goes on from the good copy.
    reopened.start_review("duties").answer(3)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -1.0, 1e300])
def test_nan_and_inf_in_a_journal_line_are_damage(tmp_path: Path, bad: float) -> None:
    clock = Clock()
    service = _answered(tmp_path, clock, (3,))
    raw = _a_review_line(service)
    after = dict(raw["after"])  # type: ignore[call-overload]
    after["stability"] = bad
    raw["after"] = after
    journal = _folder(tmp_path) / "journal.jsonl"
    journal.write_bytes(journal.read_bytes() + _signed(raw))
    reopened = open_at(tmp_path, make_content(3), clock)
    assert "1 damaged entry" in " ".join(reopened.warnings)
    assert reopened.progress.cards == service.progress.cards


@pytest.mark.parametrize("card", ["c-role-0\n", "[/x]", "C-ROLE-0", "", "c" * 200])
def test_card_ids_in_progress_must_match_whole(tmp_path: Path, card: str) -> None:
    clock = Clock()
    service = _answered(tmp_path, clock, (3,))
    raw = _a_review_line(service)
    raw["card"] = card
    raw["id"] = "another-review"
    journal = _folder(tmp_path) / "journal.jsonl"
    journal.write_bytes(journal.read_bytes() + _signed(raw))
    assert parse_entries(journal.read_bytes()).bad == 1

    progress = Progress.from_raw({"schema_version": 1})
    assert progress.cards == {}
    text = (_folder(tmp_path) / "progress.toml").read_text()
    with pytest.raises(SaveFileError, match="is not a card id"):
        Progress.from_toml(text.replace("[cards.c-role-0]", f"[cards.{json.dumps(card)}]"))


def test_a_planted_lock_link_is_set_aside_not_followed(tmp_path: Path) -> None:
    clock = Clock()
    _answered(tmp_path, clock)
    folder = _folder(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours")
    (folder / "lock").unlink()
    (folder / "lock").symlink_to(victim)

    reopened = open_at(tmp_path, make_content(3), clock)
    assert any("lock file" in w and "symbolic link" in w for w in reopened.warnings)
    assert not (folder / "lock").is_symlink() and (folder / "lock").is_file()
    [aside] = folder.glob("lock.link-*")
    assert aside.is_symlink()
    reopened.start_review("duties").answer(4)
    assert victim.read_text() == "not yours"


def test_a_planted_history_link_is_set_aside_not_followed(tmp_path: Path) -> None:
    clock = Clock()
    service = _answered(tmp_path, clock)
    folder = _folder(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(folder / "history", elsewhere)
    (folder / "history").symlink_to(elsewhere, target_is_directory=True)
    listed = sorted(p.name for p in elsewhere.iterdir())

    reopened = open_at(tmp_path, make_content(3), clock)
    assert reopened.progress.cards == service.progress.cards
    session = reopened.start_review("skills")
    for _ in range(3):
        session.answer(3)
    reopened._store.compact()  # rotates the journal into history/
    assert any("history folder" in w and "symbolic link" in w for w in reopened.warnings)
    assert sorted(p.name for p in elsewhere.iterdir()) == listed
    assert (folder / "history").is_dir() and not (folder / "history").is_symlink()
    assert list((folder / "history").iterdir())


def test_a_planted_progress_link_is_not_read(tmp_path: Path) -> None:
    clock = Clock()
    _answered(tmp_path, clock)
    folder = _folder(tmp_path)
    secret = tmp_path / "secret.toml"
    secret.write_text("schema_version = 1\n")
    (folder / "progress.toml").unlink()
    (folder / "progress.toml").symlink_to(secret)
    reopened = open_at(tmp_path, make_content(3), clock)
    assert any("symbolic link" in w for w in reopened.warnings)
    assert secret.read_text() == "schema_version = 1\n"
    assert not (folder / "progress.toml").is_symlink()


def _read_only_stats(data_dir: Path) -> subprocess.CompletedProcess[str]:
    """``backend-tui stats`` with the profile on a read-only file system (root) or in
    folders without write permission (anyone else)."""
    command = [sys.executable, "-m", "backend_tui", "stats", "--data-dir", str(data_dir)]
    command += ["--profile", "learner", "--content", str(FIXTURE)]
    if os.geteuid() != 0:
        for folder in (data_dir, *data_dir.rglob("*")):
            if folder.is_dir():
                folder.chmod(0o555)
        return subprocess.run(command, capture_output=True, text=True, timeout=120)
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare: no way to make a read-only folder")
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, str(data_dir), *command],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if "mount:" in done.stderr or "unshare:" in done.stderr:
        pytest.skip(f"cannot mount read-only here: {done.stderr.strip()}")
    return done


def test_stats_reads_a_read_only_profile(tmp_path: Path) -> None:
    clock = Clock()
    service = open_at(tmp_path, fixture_content(), clock)
    session = service.start_review("duties")
    session.answer(3)
    session.answer(4)
    folder = _folder(tmp_path)
    (folder / "lock").unlink()  # opening the lock must not need to create it
    (folder / "progress.cache.json").unlink()  # nor may a missing cache be written
    files = sorted(p.name for p in folder.iterdir())

    done = _read_only_stats(tmp_path)
    try:
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert "Profile learner: 2 reviews" in done.stdout
        assert sorted(p.name for p in folder.iterdir()) == files
    finally:
        for path in (tmp_path, *tmp_path.rglob("*")):
            if path.is_dir():
                path.chmod(0o755)
