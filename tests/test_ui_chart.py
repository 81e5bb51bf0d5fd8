# ruff: noqa: RUF001  (the chart prints typographic dashes; the tests check them)
"""The salary chart: both ranges on one annual USD scale, the article's words kept."""

from __future__ import annotations

from backend_tui.content.model import Content
from backend_tui.ui.widgets.salary_chart import annual_usd, chart_text


def test_idr_per_month_becomes_usd_per_year(fixture_content: Content) -> None:
    career = fixture_content["en"].sections["career"]
    indonesia = next(s for s in career.salaries if s.id == "indonesia")
    low, high = annual_usd(indonesia, career.exchange_rate) or (0, 0)
    assert round(low) == round(7_500_000 * 12 / 16_500) == 5455
    assert round(high) == round(10_500_000 * 12 / 16_500) == 7636


def test_chart_text_states_rate_date_and_assumed_period(fixture_content: Content) -> None:
    career = fixture_content["en"].sections["career"]
    out = " ".join(chart_text(career, "en", 76).plain.split())
    assert "≈ USD 5,455–7,636 / year, at ~16,500 IDR per USD as of Nov 27, 2026, approximate" in out
    assert "USD 70,000–160,000 / year" in out
    # The article's own figures, verbatim.
    assert "“Rp7.500.000 – Rp10.500.000”" in out
    assert "“USD 70,000 – USD 160,000 per year”" in out
    assert "The article gives no period; monthly is assumed" in out
    assert "USD 160,000" in out  # the end of the one shared axis


def test_the_english_quote_says_it_is_a_translation(fixture_content: Content) -> None:
    english = chart_text(fixture_content["en"].sections["career"], "en", 76).plain
    indonesian = chart_text(fixture_content["id"].sections["career"], "id", 76).plain
    assert "The article says (translated from Indonesian): “" in english
    assert "Kata artikel: “" in indonesian and "translated" not in indonesian


def test_chart_bars_share_one_scale(fixture_content: Content) -> None:
    career = fixture_content["en"].sections["career"]
    lines = chart_text(career, "en", 80).plain.splitlines()
    bars = {line.split()[0]: line for line in lines if "█" in line}
    indonesia, us = bars["Indonesia"], bars["United"]
    assert indonesia.count("█") < us.count("█")
    assert indonesia.index("█") < us.index("█")
    assert len(indonesia) == len(us)


def test_period_note_only_when_the_article_gives_no_period(fixture_content: Content) -> None:
    career = fixture_content["id"].sections["career"]
    stated = tuple(s._replace(period_stated=True) for s in career.salaries)
    out = chart_text(career._replace(salaries=stated), "id", 76).plain
    assert "tidak menyebut periodenya" not in out
    assert "tidak menyebut periodenya" in chart_text(career, "id", 76).plain


def test_missing_rate_is_said_not_drawn(fixture_content: Content) -> None:
    career = fixture_content["en"].sections["career"]._replace(exchange_rate=None)
    out = chart_text(career, "en", 76).plain
    assert "No exchange rate for IDR" in out
    assert "USD 70,000–160,000 / year" in out


def test_indonesian_figures_group_thousands_with_dots(fixture_content: Content) -> None:
    """An Indonesian reader takes a comma for a decimal mark: 16.500, not 16,500."""
    career = fixture_content["id"].sections["career"]
    out = " ".join(chart_text(career, "id", 76).plain.split())
    assert "≈ USD 5.455–7.636 / tahun, dengan ~16.500 IDR per USD per 27 Nov 2026" in out
    assert "USD 70.000–160.000 / tahun" in out
    assert "USD 160.000" in out  # the axis
    assert "16,500" not in out and "5,455" not in out
