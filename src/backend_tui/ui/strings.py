# ruff: noqa: RUF001  (typographic dashes and signs are intended in these texts)
"""The app's own words (not the study material), in every content language.

The study text comes from the content folder; these are the labels around it.
Every word the app shows goes through :func:`text` (or :func:`label`, for a
binding's description); ``docs/terms.md`` lists the one Indonesian term used for
each concept. A lookup is two dict reads: nothing here costs start-up.

Adding a string: one key in BOTH tables below (a test fails when a key is
missing in a language or used nowhere). Strings are plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("en", "id")
"""The languages of the app's words: the same as the content's."""

PSEUDO_OPEN = "⟦"
PSEUDO_CLOSE = "⟧"
"""The pseudo-locale wraps every string in these, so a test can find text that bypassed
the catalogue: whatever is on screen outside them (and is not study material) did."""

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "lang_badge": "EN",
        "drill_tab": "Drill",
        "introduction": "Introduction",
        "study_note": "Study note (not from the article)",
        "technologies": "Technologies",
        "references": "References",
        "chart_title": "Salary per year, on one US dollar scale",
        "chart_converted": (
            "≈ USD {low}–{high} / year, at ~{rate} {currency} per USD as of {date}{approx}"
        ),
        "approximate": ", approximate",
        "chart_usd": "USD {low}–{high} / year",
        "chart_article": "The article says: “{original}”",
        "chart_no_period": "The article gives no period; monthly is assumed (×12 for a year).",
        "chart_rate_missing": "No exchange rate for {currency}: this range cannot be drawn.",
        "chart_none": "The content lists no salary ranges.",
        "no_items": "This section has no entries.",
        "go_to_tab": "Go to tab",
        "help_title": "Keys",
        "help_close": "Escape or ? closes this help.",
        "cannot_screenshot": "Screenshots are not available in a shared session.",
        "cannot_suspend": "Suspending is not available in a shared session.",
        "not_found": "That entry is not in this content.",
    },
    "id": {
        "lang_badge": "ID",
        "drill_tab": "Latihan",
        "introduction": "Pengantar",
        "study_note": "Catatan belajar (bukan dari artikel)",
        "technologies": "Teknologi",
        "references": "Referensi",
        "chart_title": "Gaji per tahun, pada satu skala dolar AS",
        "chart_converted": (
            "≈ USD {low}–{high} / tahun, dengan ~{rate} {currency} per USD per {date}{approx}"
        ),
        "approximate": ", perkiraan",
        "chart_usd": "USD {low}–{high} / tahun",
        "chart_article": "Kata artikel: “{original}”",
        "chart_no_period": (
            "Artikel tidak menyebut periodenya; dianggap per bulan (×12 untuk setahun)."
        ),
        "chart_rate_missing": "Tidak ada kurs untuk {currency}: rentang ini tidak bisa digambar.",
        "chart_none": "Konten tidak memuat rentang gaji.",
        "no_items": "Bagian ini tidak punya entri.",
        "go_to_tab": "Buka tab",
        "help_title": "Tombol",
        "help_close": "Escape atau ? menutup bantuan ini.",
        "cannot_screenshot": "Tangkapan layar tidak tersedia di sesi bersama.",
        "cannot_suspend": "Menangguhkan aplikasi tidak tersedia di sesi bersama.",
        "not_found": "Entri itu tidak ada di konten ini.",
    },
}


def text(lang: str, key: str, **values: object) -> str:
    """The string ``key`` in ``lang``, its ``{fields}`` filled from ``values``.

    English when the language is unknown; a key missing from English raises KeyError.
    """
    table = CATALOGUE.get(lang, CATALOGUE["en"])
    template = table.get(key)
    if template is None:
        template = CATALOGUE["en"][key]
    return template.format(**values) if values else template


def label(lang: str, key: str) -> str:
    """A binding's description or tooltip: the catalogue's string when ``key`` is a key.

    Bindings declare catalogue keys as descriptions; a binding of Textual's own
    widgets carries English text, shown as it is (the pseudo-locale test finds it).
    """
    found = CATALOGUE.get(lang, CATALOGUE["en"]).get(key)
    if found is None:
        found = CATALOGUE["en"].get(key, key)
    return found


def pseudo(table: Mapping[str, str]) -> dict[str, str]:
    """``table`` with every string wrapped in the pseudo-locale's markers (for tests)."""
    return {key: f"{PSEUDO_OPEN}{value}{PSEUDO_CLOSE}" for key, value in table.items()}
