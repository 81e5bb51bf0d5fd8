"""`backend-tui stats`: table and JSON, bad profile names, broken content."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from helpers.study import (
    FIXTURE,
    Clock,
    fixture_content,
    make_cards,
    make_content,
    open_at,
    settings_for,
)

from backend_tui.cli import main
from backend_tui.study import open_study


def _study(data: Path) -> None:
    """Two reviews and a quiz on the fixture content, plus progress on a removed card."""
    clock = Clock()
    service = open_at(data, fixture_content(), clock)
    session = service.start_review("duties")
    session.answer(4)
    session.answer(1)
    session.end()
    quiz = service.start_quiz("role", seed=1)
    quiz.answer(3, correct=True)
    quiz.answer(1, correct=False)
    quiz.end()
    gone = make_content(cards=make_cards(1, prefix="old"))
    old = open_at(data, gone, clock).start_review("skills")
    old.answer(3)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["stats", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _study(tmp_path)
    code, out, err = _run(
        capsys,
        "--json",
        "--data-dir",
        str(tmp_path),
        "--profile",
        "learner",
        "--content",
        str(FIXTURE),
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["profile"] == "learner"
    assert data["reviews_total"] == 3
    assert data["cards_seen"] == 2
    assert data["orphaned_cards"] == ["old-skills-0"]
    assert isinstance(data["due_today"], int) and isinstance(data["streak_days"], int)
    assert set(data["decks"]) == {"role", "duties", "skills", "career", "all"}
    role, duties = data["decks"]["role"], data["decks"]["duties"]
    assert role["best_quiz_score"] == role["last_quiz_score"] == 50.0
    assert duties["best_quiz_score"] is None
    # One unit for every share: percent, 0 to 100, one decimal.
    now = {d.deck: d for d in open_study(settings_for(tmp_path), fixture_content()).decks()}
    assert duties["total"] == 2 and duties["mastery"] == round(now["duties"].mastery * 100, 1)
    assert data["decks"]["all"]["mastery"] == round(now["all"].mastery * 100, 1)
    assert data["quizzes"][0]["score"] == 50.0 and data["quizzes"][0]["complete"]
    assert data["suspended_cards"] == []
    assert data["warnings"] == []


def test_stats_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _study(tmp_path)
    code, out, _ = _run(
        capsys, "--data-dir", str(tmp_path), "--profile", "learner", "--content", str(FIXTURE)
    )
    assert code == 0
    assert "Profile learner: 3 reviews, 2 cards seen" in out
    # Deck titles as the app shows them (the locale is not Indonesian here).
    titles = ("Role", "Duties", "Skills", "Career", "All")
    rows = [line for line in out.splitlines() if line.startswith(titles)]
    assert [row.split()[0] for row in rows] == list(titles)
    assert "50%" in out
    assert "old-skills-0" in out
    # Numbers are right-aligned: every cell of a numeric column ends at the same place.
    heading = next(line for line in out.splitlines() if line.startswith("Deck"))
    cards_end = heading.index("Cards") + len("Cards")
    assert all(row[cards_end - 1].isdigit() and row[cards_end] == " " for row in rows), rows


def test_stats_of_an_unknown_profile_is_an_error_listing_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(
        capsys,
        "--json",
        "--data-dir",
        str(tmp_path),
        "--profile",
        "nobody",
        "--content",
        str(FIXTURE),
    )
    assert (code, out) == (1, "")
    assert "no profile named 'nobody'" in err and "none yet" in err
    assert list(tmp_path.iterdir()) == []  # looking created nothing
    _study(tmp_path)
    code, out, err = _run(
        capsys, "--data-dir", str(tmp_path), "--profile", "lerner", "--content", str(FIXTURE)
    )
    assert code == 1 and out == ""
    assert "'lerner'" in err and "profiles there: learner" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_stats_of_an_unknown_profile_in_indonesian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], json_flag: list[str]
) -> None:
    args = ["--data-dir", str(tmp_path), "--content", str(FIXTURE), "--lang", "id"]
    code, out, err = _run(capsys, *json_flag, *args, "--profile", "nobody")
    assert (code, out) == (1, "")
    assert err == (
        f"backend-tui: tidak ada profil bernama 'nobody' di {tmp_path} (belum ada profil di sana)\n"
    )
    _study(tmp_path)
    code, out, err = _run(capsys, *json_flag, *args, "--profile", "lerner")
    assert (code, out) == (1, "")
    assert err == (
        f"backend-tui: tidak ada profil bernama 'lerner' di {tmp_path} (profil yang ada: learner)\n"
    )


def test_stats_of_a_bad_profile_name_in_indonesian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "--data-dir", str(tmp_path), "--profile", "../x", "--lang", "id")
    assert (code, out) == (2, "")
    assert err.startswith("backend-tui: nama profil '../x' tidak diizinkan: pakai 1-64 huruf")


def test_stats_lists_suspended_cards_and_early_quizzes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    service = open_at(tmp_path, fixture_content(), Clock())
    session = service.start_review("duties")
    suspended = session.current_id()
    assert session.set_aside("suspend")
    quiz = service.start_quiz("role", seed=1)
    quiz.answer(3, correct=True)
    quiz.end()
    code, out, _ = _run(
        capsys, "--data-dir", str(tmp_path), "--profile", "learner", "--content", str(FIXTURE)
    )
    assert code == 0
    assert f"Suspended (1; a review skips them): {suspended}" in out
    assert "Ended early (never a Best or Last): 1 quiz; latest 1 of 2 answered, 1 right" in out
    code, out, _ = _run(
        capsys,
        "--json",
        "--data-dir",
        str(tmp_path),
        "--profile",
        "learner",
        "--content",
        str(FIXTURE),
    )
    data = json.loads(out)
    assert data["suspended_cards"] == [suspended]
    assert data["decks"]["duties"]["suspended"] == 1
    assert data["decks"]["role"]["best_quiz_score"] is None  # ended early: never a Best
    assert data["quizzes"][0]["complete"] is False


def test_stats_reports_a_damaged_save(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _study(tmp_path)
    (tmp_path / "profiles" / "learner" / "progress.toml").write_text("nonsense = [")
    code, out, _ = _run(
        capsys, "--data-dir", str(tmp_path), "--profile", "learner", "--content", str(FIXTURE)
    )
    assert code == 0
    assert "warning:" in out and "could not be read" in out
    assert "3 reviews" in out


@pytest.mark.parametrize("name", ["../up", "a/b", ".x", "-x"])
def test_stats_refuses_unsafe_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, out, err = _run(capsys, "--data-dir", str(tmp_path), f"--profile={name}")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "not allowed" in err
    assert list(tmp_path.iterdir()) == []


def test_stats_with_broken_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "content"
    shutil.copytree(FIXTURE, broken)
    cards = broken / "en" / "cards.toml"
    cards.write_text(cards.read_text().replace('type = "basic"', 'type = "basik"', 1))
    code, out, err = _run(
        capsys, "--data-dir", str(tmp_path / "data"), "--profile", "p", "--content", str(broken)
    )
    assert code == 1 and out == ""
    assert "cards.toml:" in err and "problem" in err
    assert "Traceback" not in err


def test_stats_uses_bundled_content_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "profiles" / "p").mkdir(parents=True)
    code, out, _ = _run(capsys, "--json", "--data-dir", str(tmp_path), "--profile", "p")
    assert code == 0
    assert json.loads(out)["decks"]["all"]["total"] > 0


def _suspended_and_early(data: Path) -> str:
    """A suspended card and a quiz ended early; returns the suspended card's id."""
    service = open_at(data, fixture_content(), Clock())
    session = service.start_review("duties")
    suspended = session.current_id()
    assert suspended is not None and session.set_aside("suspend")
    quiz = service.start_quiz("role", seed=1)
    quiz.answer(3, correct=True)
    quiz.end()
    return suspended


INDONESIAN_LINES = [
    "Profil learner: 0 ulasan, 0 kartu sudah dilihat, 0 jatuh tempo hari ini, beruntun 0 hari",
    "Ditangguhkan (1; ulasan melewatinya): {suspended}",
    "Berhenti di tengah (tidak pernah jadi Terbaik atau Terakhir): 1 kuis; terakhir 1 dari 2"
    " dijawab, 1 benar",
]
ENGLISH_WORDS = ("Profile", "reviews", "Suspended", "Ended early", "Deck", "Best quiz", "Leeches")


@pytest.mark.parametrize("how", ["--lang", "after", "saved", "locale"])
def test_stats_table_in_indonesian_chosen_like_the_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    suspended = _suspended_and_early(tmp_path)
    monkeypatch.setenv("LC_ALL", "id_ID.UTF-8" if how == "locale" else "en_US.UTF-8")
    if how == "saved":
        (tmp_path / "profiles" / "learner" / "preferences.toml").write_text('lang = "id"\n')
    where = ["--data-dir", str(tmp_path), "--profile", "learner", "--content", str(FIXTURE)]
    if how == "--lang":
        code = main(["--lang", "id", "stats", *where])
    elif how == "after":
        code = main(["stats", *where, "--lang", "id"])
    else:
        code = main(["stats", *where])
    out = capsys.readouterr().out
    assert code == 0
    for line in INDONESIAN_LINES:
        assert line.format(suspended=suspended) in " ".join(out.split()), out
    # Every heading whole at 80 columns (one word a line), never cut short.
    for word in ("Dek", "Kartu", "Jatuh", "tempo", "Dipelajari", "Penguasaan", "terbaik"):
        assert re.search(rf"(^| ){word}( |$)", out, re.MULTILINE), word
    assert "…" not in out
    for word in ENGLISH_WORDS:
        assert word not in out, word


def test_stats_lang_wins_over_the_saved_choice_and_json_stays_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _suspended_and_early(tmp_path)
    monkeypatch.setenv("LC_ALL", "id_ID.UTF-8")
    (tmp_path / "profiles" / "learner" / "preferences.toml").write_text('lang = "id"\n')
    where = ["--data-dir", str(tmp_path), "--profile", "learner", "--content", str(FIXTURE)]
    assert main(["stats", "--lang", "en", *where]) == 0
    out = capsys.readouterr().out
    assert "Suspended (1; a review skips them)" in out and "Ditangguhkan" not in out
    assert main(["stats", "--json", *where]) == 0
    assert set(json.loads(capsys.readouterr().out)["decks"]["all"]) >= {"due", "best_quiz_score"}


def test_stats_warnings_in_indonesian(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _study(tmp_path)
    (tmp_path / "profiles" / "learner" / "progress.toml").write_text("nonsense = [")
    where = ["--data-dir", str(tmp_path), "--profile", "learner", "--content", str(FIXTURE)]
    assert main(["stats", "--lang", "id", *where]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "peringatan: Progres tersimpan" in out and "tidak bisa dibaca" in out
    assert "bukan TOML yang sah" in out
    assert "warning:" not in out and "could not be read" not in out


@pytest.mark.parametrize("before", [True, False], ids=["before-stats", "after-stats"])
def test_stats_options_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], before: bool
) -> None:
    _study(tmp_path)
    options = ["--data-dir", str(tmp_path), "--profile", "learner", "--content", str(FIXTURE)]
    argv = [*options, "stats", "--json"] if before else ["stats", "--json", *options]
    code = main(argv)
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["profile"] == "learner" and data["reviews_total"] == 3
    assert set(data["decks"]) == {"role", "duties", "skills", "career", "all"}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_stats_table_fits_80_columns_with_every_heading_and_title_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    from helpers.app import FULL_CONTENT

    from backend_tui.content import load_content
    from backend_tui.reports import deck_titles
    from backend_tui.ui.strings import text

    # A whole course: its deck titles ("Karir & Gaji") are the longest a table holds.
    open_study(settings_for(tmp_path), load_content(FULL_CONTENT))
    monkeypatch.setenv("COLUMNS", "80")
    where = ["--data-dir", str(tmp_path), "--profile", "learner", "--content", str(FULL_CONTENT)]
    assert main(["stats", "--lang", lang, *where]) == 0
    lines = capsys.readouterr().out.splitlines()
    heading = lines.index(next(line for line in lines if line.startswith("─"))) - 1
    table = lines[heading - 1 :]
    assert all(len(line) <= 80 for line in table), table
    assert "…" not in "\n".join(table)
    words = " ".join(table[:2]).split()
    for key in (
        "column_deck",
        "stats_column_cards",
        "column_due",
        "column_new",
        "column_learned",
        "column_mastery",
        "stats_column_best",
        "stats_column_last",
        "stats_column_leeches",
    ):
        assert all(word in words for word in text(lang, key).split()), key
    # One line per deck, its title whole.
    for title in deck_titles(load_content(FULL_CONTENT), lang).values():
        assert any(line.startswith(title + " ") for line in table[3:]), (title, table)
