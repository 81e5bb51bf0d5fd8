"""The bundled study material: clean, complete, faithful, same ids in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from backend_tui.content import SECTION_IDS, Content, Section, load_content
from backend_tui.paths import bundled_content_dir


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(bundled_content_dir())


def section(content: Content, lang: str, section_id: str) -> Section:
    return content[lang].sections[section_id]


def texts(sec: Section) -> str:
    return "\n".join([sec.intro, *(item.body for item in sec.items)])


def test_bundled_content_is_clean(content: Content) -> None:
    assert set(content.languages) == {"id", "en"}
    for lang in content.languages.values():
        assert list(lang.sections) == list(SECTION_IDS)


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_both_languages_hold_the_same_ids(content: Content, section_id: str) -> None:
    id_, en = section(content, "id", section_id), section(content, "en", section_id)
    assert [(i.id, i.number) for i in id_.items] == [(i.id, i.number) for i in en.items]
    assert [s.id for s in id_.salaries] == [s.id for s in en.salaries]
    assert [r.id for r in id_.references] == [r.id for r in en.references]


def test_both_languages_hold_the_same_cards(content: Content) -> None:
    id_cards = [(c.id, c.source, c.kind) for c in content["id"].cards]
    en_cards = [(c.id, c.source, c.kind) for c in content["en"].cards]
    assert id_cards == en_cards


def test_item_ids_are_the_agreed_ones(content: Content) -> None:
    ids = {sid: [i.id for i in section(content, "id", sid).items] for sid in SECTION_IDS}
    assert ids == {
        "role": ["definition", "goal", "languages", "understanding", "collaboration", "importance"],
        "duties": [
            "servers",
            "databases",
            "api",
            "integrations",
            "auth",
            "monitoring",
            "collaboration",
        ],
        "skills": [
            "languages",
            "databases",
            "api",
            "git",
            "servers",
            "security",
            "testing",
            "rest",
            "frontend",
            "soft-skills",
        ],
        "career": ["positions", "workplaces", "salary", "outlook"],
    }


@pytest.mark.parametrize("lang", ["id", "en"])
def test_duties_and_skills_are_numbered_as_in_the_article(content: Content, lang: str) -> None:
    assert [i.number for i in section(content, lang, "duties").items] == list(range(1, 8))
    assert [i.number for i in section(content, lang, "skills").items] == list(range(1, 11))
    assert all(i.number is None for i in section(content, lang, "role").items)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_technologies_named_by_the_article(content: Content, lang: str) -> None:
    def tech(section_id: str, item_id: str) -> list[str]:
        item = section(content, lang, section_id).item(item_id)
        assert item is not None
        return list(item.technologies)

    assert tech("role", "languages") == ["Python", "Java", "Golang"]
    assert tech("skills", "languages") == ["Java", "Python", "Ruby", "PHP", "Node.js"]
    assert {"MySQL", "PostgreSQL", "MongoDB", "Cassandra"} <= set(tech("skills", "databases"))
    assert tech("skills", "git") == ["Git"]
    assert tech("skills", "servers") == ["Docker", "Kubernetes"]
    assert tech("skills", "rest") == ["REST"]
    assert tech("skills", "frontend") == ["HTML", "CSS", "JavaScript"]
    # every technology listed is also named in the item's own text
    for sec in content[lang].sections.values():
        for item in sec.items:
            for name in item.technologies:
                assert name in item.body, (sec.id, item.id, name)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_salaries_keep_the_articles_figures(content: Content, lang: str) -> None:
    career = section(content, lang, "career")
    indonesia, us_europe = career.salaries
    assert (indonesia.id, indonesia.currency, indonesia.low, indonesia.high) == (
        "indonesia",
        "IDR",
        7_500_000,
        10_500_000,
    )
    assert (indonesia.period, indonesia.period_stated) == ("month", False)
    assert (us_europe.id, us_europe.currency, us_europe.low, us_europe.high) == (
        "us-europe",
        "USD",
        70_000,
        160_000,
    )
    assert (us_europe.period, us_europe.period_stated) == ("year", True)
    # the figures in the quoted words are left exactly as the article writes them
    assert "Rp7.500.000" in indonesia.original
    assert "Rp 10.500.000" in indonesia.original
    assert "USD 70,000" in us_europe.original
    assert "160,000" in us_europe.original
    rate = career.exchange_rate
    assert rate is not None
    assert (rate.currency, rate.per_usd, rate.as_of, rate.approximate) == (
        "IDR",
        16500,
        dt.date(2026, 11, 27),
        True,
    )
    assert rate.note


def test_indonesian_salary_quotes_the_article_verbatim(content: Content) -> None:
    indonesia, us_europe = section(content, "id", "career").salaries
    assert indonesia.original == (
        "Dari segi gaji, backend engineer di Indonesia bisa mendapatkan mulai dari"
        " Rp7.500.000 hingga Rp 10.500.000"
    )
    assert us_europe.original == (
        "Di negara lain seperti Amerika Serikat dan Eropa, gaji bisa jauh lebih tinggi."
        " Mulai dari USD 70,000 hingga 160,000 per tahun, tergantung lokasi dan pengalaman."
    )


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_four_positions_and_two_references(content: Content, lang: str) -> None:
    career = section(content, lang, "career")
    positions = career.item("positions")
    assert positions is not None
    for name in ("Backend Developer", "Full Stack Developer", "DevOps Engineer", "Cloud Engineer"):
        assert name in positions.body
    assert [(r.id, r.title) for r in career.references] == [
        ("backend-fundamentals", "How to Become a Good Backend Engineer (Fundamentals)"),
        (
            "engineer-vs-developer",
            "Backend Engineer vs. Backend Developer: Skills, Roles, and Responsibilities",
        ),
    ]


# Sentences copied from the article: the Indonesian text must hold them word for word.
ARTICLE_PHRASES = {
    "role": [
        "Backend engineer adalah pahlawan di balik layar yang memastikan aplikasi dan situs web"
        " berjalan dengan lancar dan efisien.",
        "Tujuannya supaya pengguna dapat menikmati pengalaman yang mulus dan responsif.",
        "seperti Python, Java, dan tentu saja, Golang untuk membangun dan memelihara",
        "arsitektur perangkat lunak, keamanan data, dan skalabilitas",
        "bekerja sama dengan tim frontend, desainer, dan manajer produk",
        "menjadi bagian penting dari setiap tim pengembangan teknologi",
    ],
    "duties": [
        "pahami dulu tugas-tugasnya agar kamu siap menghadapi tantangan di dunia backend",
        "Server ini harus mampu menangani permintaan dari banyak pengguna sekaligus",
        "Database adalah jantung dari aplikasi.",
        "kemampuan dalam SQL atau NoSQL sangat dibutuhkan di sini",
        "API memungkinkan komunikasi antara frontend dan backend.",
        "seperti pembayaran online atau layanan email",
        "Keamanan adalah prioritas utama.",
        "mengimplementasikan sistem login, token, dan enkripsi data",
        "mendeteksi, menganalisis, dan memperbaiki bug atau masalah yang muncul",
        "Komunikasi dan kolaborasi yang baik sangat penting di sini.",
    ],
    "skills": [
        "seperti Java, Python, Ruby, PHP, atau Node.js adalah hal yang wajib",
        "baik SQL (MySQL, PostgreSQL) maupun NoSQL (MongoDB, Cassandra), sangat penting",
        "API adalah jembatan antara frontend dan backend dalam sebuah aplikasi.",
        "Git adalah alat yang sangat penting untuk kolaborasi dan pengelolaan kode.",
        "containerization dengan Docker, dan orchestrasi dengan Kubernetes",
        "termasuk enkripsi data, otentikasi, dan otorisasi",
        "familiar dengan unit testing, integration testing, dan tools debugging",
        "REST adalah standar yang umum digunakan untuk komunikasi antara client dan server.",
        "memahami dasar-dasar frontend seperti HTML, CSS, dan JavaScript",
        "kemampuan komunikasi, kerja sama tim, dan problem-solving sangat penting",
    ],
    "career": [
        "Backend Developer, Full Stack Developer, DevOps Engineer, hingga Cloud Engineer",
        "Profesi ini banyak dibutuhkan di perusahaan teknologi, startup, dan organisasi besar.",
        "mulai dari Rp7.500.000 hingga Rp 10.500.000",
        "Mulai dari USD 70,000 hingga 160,000 per tahun, tergantung lokasi dan pengalaman.",
        "menjadi backend engineer adalah pilihan yang sangat menarik dan potensial",
    ],
}


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_indonesian_text_quotes_the_article(content: Content, section_id: str) -> None:
    text = texts(section(content, "id", section_id))
    missing = [p for p in ARTICLE_PHRASES[section_id] if p not in text]
    assert missing == []


def test_english_text_keeps_the_key_facts(content: Content) -> None:
    role = texts(section(content, "en", "role"))
    assert "hero behind the scenes" in role
    assert "smooth, responsive experience" in role
    duties = texts(section(content, "en", "duties"))
    assert "The database is the heart of the application." in duties
    career = texts(section(content, "en", "career"))
    assert "From USD 70,000 to 160,000 per year, depending on location and experience." in career


def test_the_article_is_kept_apart_from_study_notes(content: Content) -> None:
    for lang in content.languages.values():
        for sec in lang.sections.values():
            for item in sec.items:
                # plain text in the terminal: no Markdown marks
                for text in (item.body, item.note, sec.intro):
                    assert "**" not in text and "`" not in text and "\n#" not in text
                assert len(item.note) < 300, (lang.code, sec.id, item.id)
                assert not item.note or item.note not in item.body
    noted = [
        item
        for sid in ("duties", "skills")
        for item in section(content, "en", sid).items
        if item.note
    ]
    assert len(noted) >= 12


def test_promotion_and_page_furniture_are_left_out(content: Content) -> None:
    for lang in content.languages.values():
        for sec in lang.sections.values():
            for word in ("Freepik", "Baca Juga", "Bootcamp", "dibimbing.id", "MinDi", "[Buka]"):
                assert word not in texts(sec), (lang.code, sec.id, word)
            notes = "".join(i.note for i in sec.items)
            for word in ("Freepik", "Baca Juga", "MinDi", "[Buka]"):
                assert word not in notes, (lang.code, sec.id, word)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_study_note_says_where_the_material_comes_from(content: Content, lang: str) -> None:
    # The promotion is left out of the text, but the learner is told whose post it is.
    languages = section(content, lang, "role").item("languages")
    assert languages is not None
    assert "dibimbing.id" in languages.note and "Golang" in languages.note


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_duty_and_skill_has_three_article_cards_and_salary_weighs_no_more(
    content: Content, lang: str
) -> None:
    counts: dict[str, int] = {}
    for card in content[lang].cards:
        if card.origin == "article":
            counts[card.source] = counts.get(card.source, 0) + 1
    duties = [counts.get(f"duties.{i.id}", 0) for i in section(content, lang, "duties").items]
    skills = [counts.get(f"skills.{i.id}", 0) for i in section(content, lang, "skills").items]
    assert min(duties + skills) >= 3
    assert counts["career.salary"] <= max(duties)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_study_note_cards_and_the_glossary_are_there(content: Content, lang: str) -> None:
    notes = [c for c in content[lang].cards if c.origin == "note"]
    assert len(notes) >= 25
    terms = content[lang].terms
    assert len(terms) >= 20
    assert all(t.see for t in terms)
    # the words an Indonesian reader meets in English are explained
    named = " ".join(t.term.lower() for t in terms)
    for word in ("deployment", "containerization", "load balancing", "version control"):
        assert word in named, word
    assert "unit testing" in named


def test_glossary_terms_match_between_languages(content: Content) -> None:
    id_terms = [(t.id, t.see) for t in content["id"].terms]
    en_terms = [(t.id, t.see) for t in content["en"].terms]
    assert id_terms == en_terms


def test_the_shipped_material_passes_the_strict_check(
    content: Content, capsys: pytest.CaptureFixture[str]
) -> None:
    """The smoke test of what ships: it loads, both languages agree, every item has cards,
    and ``check --strict`` has nothing to say.

    Every other test of the app runs on fixtures in tests/fixtures, so improving the
    material never breaks them; this one keeps the material itself honest.
    """
    from backend_tui.cli import main

    assert main(["check", "--strict", str(bundled_content_dir())]) == 0, capsys.readouterr().err
    for lang in content.languages.values():
        tested = {card.source for card in lang.cards}
        for sec in lang.sections.values():
            assert {f"{sec.id}.{item.id}" for item in sec.items} <= tested, (lang.code, sec.id)
