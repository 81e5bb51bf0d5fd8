"""Saved progress: round trips, damaged files, orphans, profile names."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import tomllib
from pathlib import Path

import pytest
from helpers.study import Clock, make_cards, make_content, open_at, settings_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend_tui import atomic, paths
from backend_tui.study import open_study
from backend_tui.study import snapshot as snapshot_mod
from backend_tui.study import store as store_mod
from backend_tui.study.journal import parse_entries
from backend_tui.study.service import StudyService
from backend_tui.study.snapshot import Progress


def _folder(data_dir: Path, profile: str = "learner") -> Path:
    return data_dir / "profiles" / profile


def _same(a: Progress, b: Progress) -> None:
    assert a.cards == b.cards
    assert a.days == b.days
    assert a.quizzes == b.quizzes
    assert a.reviews_total == b.reviews_total


def _answer(service: StudyService, deck: str, *ratings: int) -> list[str]:
    session = service.start_review(deck)
    ids = []
    for rating in ratings:
        session.answer(rating)
        assert session.last_review_id is not None
        ids.append(session.last_review_id)
    return ids


# One step of a random history: (deck index, rating, minutes to wait, undo after?)
steps = st.lists(
    st.tuples(
        st.integers(0, 4),
        st.integers(1, 4),
        st.integers(0, 60 * 24 * 20),
        st.booleans(),
    ),
    max_size=25,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(history=steps, quiz=st.lists(st.booleans(), max_size=5), compact=st.booleans())
def test_save_load_round_trip(
    tmp_path: Path, history: list[tuple[int, int, int, bool]], quiz: list[bool], compact: bool
) -> None:
    decks = ("role", "duties", "skills", "career", "all")
    with tempfile.TemporaryDirectory(dir=tmp_path) as where:
        data = Path(where)
        clock = Clock()
        content = make_content(3)
        service = open_at(data, content, clock, new_per_day=5)
        for deck_index, rating, wait, undo in history:
            clock.advance(minutes=wait)
            session = service.start_review(decks[deck_index])
            if session.finished:
                continue
            session.answer(rating)
            if undo:
                session.undo()
        if quiz:
            session = service.start_quiz("all", seed=len(quiz))
            for right in quiz:
                session.answer(3 if right else 1, correct=right)
            session.end()
        if compact:
            service.compact()
        loaded = open_at(data, content, clock, new_per_day=5)
        _same(loaded.progress, service.progress)
        assert loaded.decks() == service.decks()
        assert loaded.heatmap() == service.heatmap()
        # The snapshot alone, read back, is the same too.
        service.compact()
        text = (_folder(data) / "progress.toml").read_text()
        _same(Progress.from_toml(text), service.progress)
        kept = service._store.review_log()
        assert len(kept) == service.reviews_total()


def _history_with_snapshots(data: Path, clock: Clock) -> tuple[StudyService, list[str]]:
    """Three answers: one in each of two snapshots, one still in the journal."""
    content = make_content(3)
    service = open_at(data, content, clock)
    ids = _answer(service, "role", 3)
    service.compact()
    clock.advance(minutes=1)
    ids += _answer(service, "duties", 4)
    service.compact()
    clock.advance(minutes=1)
    ids += _answer(service, "skills", 1)
    return service, ids


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda text: text.replace("=", "", 3), id="bad-toml"),
        pytest.param(lambda text: text.replace("reps = 1", 'reps = "one"'), id="wrong-type"),
        pytest.param(lambda text: text[: len(text) // 2], id="truncated"),
        pytest.param(lambda text: "", id="empty"),
    ],
)
def test_damaged_progress_is_moved_aside_and_backup_used(tmp_path: Path, damage: object) -> None:
    clock = Clock()
    service, ids = _history_with_snapshots(tmp_path, clock)
    folder = _folder(tmp_path)
    progress = folder / "progress.toml"
    damaged = damage(progress.read_text())  # type: ignore[operator]
    progress.write_text(damaged)

    clock.advance(minutes=1)
    reopened = open_at(tmp_path, make_content(3), clock)
    assert len(reopened.warnings) == 1
    warning = reopened.warnings[0]
    assert "could not be read" in warning and "progress.corrupt-20261102T120300Z.toml" in warning
    assert (folder / "progress.corrupt-20261102T120300Z.toml").read_text() == damaged
    # The newest good copy plus the journals written after it: nothing lost.
    _same(reopened.progress, service.progress)
    assert {r.id for r in reopened._store.review_log()} == set(ids)
    # And the recovered state is saved again straight away.
    assert Progress.from_toml(progress.read_text()).cards == service.progress.cards


def test_both_snapshots_damaged_rebuilds_from_journals(tmp_path: Path) -> None:
    clock = Clock()
    service, _ = _history_with_snapshots(tmp_path, clock)
    folder = _folder(tmp_path)
    (folder / "progress.toml").write_text("schema_version = [")
    (folder / "progress.bak.toml").write_text("cards = 3\nschema_version = 1\n")
    reopened = open_at(tmp_path, make_content(3), clock)
    assert len(reopened.warnings) == 2
    assert len(list(folder.glob("progress.corrupt-*.toml"))) == 1
    assert len(list(folder.glob("progress.bak.corrupt-*.toml"))) == 1
    _same(reopened.progress, service.progress)


def test_damaged_journal_block_is_reported_and_the_rest_kept(tmp_path: Path) -> None:
    clock = Clock()
    content = make_content(3)
    service = open_at(tmp_path, content, clock)
    ids = _answer(service, "role", 3, 3, 3)
    journal = _folder(tmp_path) / "journal.jsonl"
    original = journal.read_bytes()
    # Damage the middle answer's rating: still valid JSON, but the checksum differs.
    start = original.index(ids[1].encode())
    at = original.index(b'"rating": 3', start)
    journal.write_bytes(original[:at] + b'"rating": 4' + original[at + 11 :])

    reopened = open_at(tmp_path, content, clock)
    assert len(reopened.warnings) == 1 and "1 damaged entry" in reopened.warnings[0]
    copies = list(_folder(tmp_path).glob("journal.corrupt-*.jsonl"))
    assert len(copies) == 1 and copies[0].read_bytes() != original
    assert set(reopened.progress.cards) == {"c-role-0", "c-role-2"}
    # Warned once: the recovered state was written to a new snapshot.
    assert open_at(tmp_path, content, clock).warnings == []


def test_answer_cut_short_is_dropped_silently_and_overwritten(tmp_path: Path) -> None:
    clock = Clock()
    content = make_content(3)
    service = open_at(tmp_path, content, clock)
    _answer(service, "role", 3)
    journal = _folder(tmp_path) / "journal.jsonl"
    whole = journal.read_bytes()
    line = whole[whole.index(b'{"kind"') :]
    journal.write_bytes(whole + line[: len(line) // 2])  # a crash mid-write

    reopened = open_at(tmp_path, content, clock)
    assert reopened.warnings == []
    assert set(reopened.progress.cards) == {"c-role-0"}
    ids = _answer(reopened, "role", 4)
    parsed = parse_entries(journal.read_bytes())
    assert parsed.bad == 0 and len(parsed.entries) == 2
    assert ids[0] in journal.read_text()
    assert all(json.loads(row) for row in journal.read_text().splitlines())


def test_damaged_journal_header_is_moved_aside(tmp_path: Path) -> None:
    clock = Clock()
    content = make_content(3)
    service = open_at(tmp_path, content, clock)
    _answer(service, "role", 3, 3)
    journal = _folder(tmp_path) / "journal.jsonl"
    journal.write_bytes(journal.read_bytes().replace(b'"seq": 1', b'"seq": "x"', 1))
    reopened = open_at(tmp_path, content, clock)
    assert len(reopened.warnings) == 1 and "journal.corrupt-" in reopened.warnings[0]
    _same(reopened.progress, service.progress)


def test_unknown_keys_are_tolerated(tmp_path: Path) -> None:
    clock = Clock()
    content = make_content(2)
    service = open_at(tmp_path, content, clock)
    _answer(service, "role", 3)
    service.compact()
    progress = _folder(tmp_path) / "progress.toml"
    text = progress.read_text()
    text = text.replace("schema_version = 1", 'schema_version = 1\ncolour = "blue"')
    text = text.replace("reps = 1", "reps = 1\nmood = 3")
    progress.write_text(text)
    reopened = open_at(tmp_path, content, clock)
    assert reopened.warnings == []
    _same(reopened.progress, service.progress)


def test_older_schema_is_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    content = make_content(2)
    service = open_at(tmp_path, content, clock)
    _answer(service, "role", 3)
    service.compact()
    progress = _folder(tmp_path) / "progress.toml"
    # Pretend version 1 named the review count "total" and version 2 is current.
    old = progress.read_text().replace("reviews_total", "total")
    progress.write_text(old)

    def rename(raw: dict[str, object]) -> dict[str, object]:
        raw["reviews_total"] = raw.pop("total")
        return raw

    monkeypatch.setattr(snapshot_mod, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(snapshot_mod.MIGRATIONS, 1, rename)
    reopened = open_at(tmp_path, content, clock)
    assert reopened.warnings == []
    assert reopened.reviews_total() == 1


def test_newer_schema_is_read_and_a_copy_kept(tmp_path: Path) -> None:
    clock = Clock()
    content = make_content(2)
    service = open_at(tmp_path, content, clock)
    _answer(service, "role", 3)
    service.compact()
    progress = _folder(tmp_path) / "progress.toml"
    newer = progress.read_text().replace("schema_version = 1", "schema_version = 9")
    progress.write_text(newer)
    reopened = open_at(tmp_path, content, clock)
    assert len(reopened.warnings) == 1 and "newer version" in reopened.warnings[0]
    assert (_folder(tmp_path) / "progress.v9.toml").read_text() == newer
    _same(reopened.progress, service.progress)
    assert open_at(tmp_path, content, clock).warnings == []  # said once, copied once
    assert len(list(_folder(tmp_path).glob("progress.v9*"))) == 1


def test_progress_of_removed_cards_is_kept(tmp_path: Path) -> None:
    clock = Clock()
    cards = make_cards(2)
    service = open_at(tmp_path, make_content(cards=cards), clock)
    _answer(service, "role", 3, 3)
    assert service.orphaned_ids() == []

    fewer = tuple(c for c in cards if c.id != "c-role-1")
    reopened = open_at(tmp_path, make_content(cards=fewer), clock)
    assert reopened.orphaned_ids() == ["c-role-1"]
    assert reopened.cards_seen() == 1
    _answer(reopened, "duties", 3)
    reopened.compact()
    saved = tomllib.loads((_folder(tmp_path) / "progress.toml").read_text())
    assert "c-role-1" in saved["cards"]
    # Back in the content, the card continues where it was.
    back = open_at(tmp_path, make_content(cards=cards), clock)
    assert back.progress.cards["c-role-1"] == service.progress.cards["c-role-1"]


@pytest.mark.parametrize("name", ["../evil", "a/b", "", ".hidden", "x" * 65, "a b", "é"])
def test_unsafe_profile_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(paths.ProfileNameError):
        open_study(settings_for(tmp_path / "data", name), make_content(1))
    assert not (tmp_path / "data").exists()
    assert not (tmp_path / "evil").exists()


def test_profiles_are_separate(tmp_path: Path) -> None:
    clock = Clock()
    content = make_content(2)
    ann = open_at(tmp_path, content, clock, profile="ann")
    _answer(ann, "role", 3)
    bob = open_at(tmp_path, content, clock, profile="bob")
    assert bob.reviews_total() == 0 and ann.reviews_total() == 1
    assert sorted(p.name for p in (tmp_path / "profiles").iterdir()) == ["ann", "bob"]


def test_journal_is_folded_after_enough_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_mod, "COMPACT_MIN", 4)
    clock = Clock()
    content = make_content(10)
    service = open_at(tmp_path, content, clock, new_per_day=100)
    ids = _answer(service, "all", *([3] * 13))
    folder = _folder(tmp_path)
    history = sorted(p.name for p in (folder / "history").iterdir())
    assert history == ["journal-000001.jsonl", "journal-000002.jsonl"]
    in_journal = len(parse_entries((folder / "journal.jsonl").read_bytes()).entries)
    saved = Progress.from_toml((folder / "progress.toml").read_text())
    assert saved.journal_seq == 2 and saved.reviews_total + in_journal == 13
    assert [r.id for r in service._store.review_log()] == ids
    _same(open_at(tmp_path, content, clock).progress, service.progress)

    # A crash between writing the snapshot and starting a new journal: the
    # journal is recognised as folded already, not counted twice.
    store = service._store
    with store.locked():
        store.progress.journal_seq = store._seq
        atomic.atomic_write(folder / "progress.toml", store.progress.to_toml(clock()).encode())
    again = open_at(tmp_path, content, clock)
    assert again.reviews_total() == 13
    assert (folder / "history" / "journal-000003.jsonl").exists()
    assert [r.id for r in again._store.review_log()] == ids


def test_saved_times_are_utc(tmp_path: Path) -> None:
    clock = Clock(dt.datetime(2026, 11, 2, 20, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    service = open_at(tmp_path, make_content(1), clock)
    _answer(service, "role", 3)
    service.compact()
    text = (_folder(tmp_path) / "progress.toml").read_text()
    assert "last_review = 2026-11-02 13:00:00+00:00" in text
