# ruff: noqa: RUF001  (typographic dashes and signs are intended in these texts)
"""The app's own words (not the study material), in every content language.

The study text comes from the content folder; these are the labels around it.
"""

from __future__ import annotations

_STRINGS: dict[str, dict[str, str]] = {
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
    """The label ``key`` in ``lang`` (English when the language is unknown)."""
    table = _STRINGS.get(lang, _STRINGS["en"])
    template = table.get(key, _STRINGS["en"][key])
    return template.format(**values) if values else template
