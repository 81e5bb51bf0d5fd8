"""What a content problem says: every kind, by key, with its English words.

A problem's message is a :class:`Message`: the English sentence itself (tests, logs
and the server read it as a plain string) that also keeps the key and the values it
was made from, so the command line and the app say it in the run's language through
the catalogue (``ui/strings.py``, which takes its English from :data:`ENGLISH` and
holds the other languages). This package loads no words of the app's own.

Values from the files (keys, ids, paths, texts) are shown as they are; a value that
is itself a :class:`Message` (what a table is, what kind of value a key wants) is
said in the same language as the sentence around it.
"""

from __future__ import annotations

ENGLISH: dict[str, str] = {
    # ---------------------------------------------------------- reading a file
    "problem_no_folder": "no such content folder: give a folder holding id/ and en/",
    "problem_cannot_read": "cannot read the file: {detail}",
    "problem_too_large": "is larger than {mb} MB: split it or shorten it",
    "problem_not_utf8": "is not UTF-8 text: save the file as UTF-8",
    "problem_too_deep": "lists or inline tables nest more than {depth} deep: flatten them",
    "problem_not_toml": "is not valid TOML: {reason}",
    "problem_recursion": "nests too deep to read: flatten its lists and inline tables",
    # ---------------------------------------------------------- keys and values
    "problem_unknown_key": "unknown key {key!r} in {what}: {fix} (allowed: {allowed})",
    "problem_did_you_mean": "did you mean '{hint}'?",
    "problem_remove_it": "remove it",
    "problem_missing_key": "{what} is missing '{key}': add {key} = <{kind}>",
    "problem_wrong_kind": "'{key}' in {what} must be {kind}, not {type}",
    "problem_control": (
        "'{key}' in {what} holds the control character {control}: remove it"
        " (text may hold newlines and tabs, no other control characters)"
    ),
    "problem_empty": "'{key}' in {what} is empty: write the text or remove it",
    "problem_empty_entry": "'{key}' in {what} has an empty entry: remove it",
    "problem_kind_str": "text in quotes",
    "problem_kind_int": "a whole number",
    "problem_kind_bool": "true or false",
    "problem_kind_number": "a number",
    "problem_kind_date": "a date like 2026-01-31",
    "problem_kind_strlist": 'a list of texts, like ["a", "b"]',
    "problem_kind_table": "a table",
    "problem_kind_tablelist": "a list of tables",
    "problem_bad_id": (
        "id {value!r} of {what} is not a valid id: use lowercase letters, digits,"
        " '-' and '_', starting with a letter or digit"
    ),
    "problem_duplicate_id": "duplicate {what} id '{value}' (first at line {first}): rename one",
    # ---------------------------------------------------------- what a table is
    "problem_row": "{what} ([[{table}]] #{n})",
    "problem_an_item": "an item",
    "problem_a_salary_range": "a salary range",
    "problem_a_reference": "a reference",
    "problem_a_card": "a card",
    "problem_a_term": "a term",
    "problem_an_option": "an option",
    "problem_item": "item",
    "problem_salary_range": "salary range",
    "problem_salary": "salary",
    "problem_reference": "reference",
    "problem_card": "card",
    "problem_term": "term",
    # ---------------------------------------------------------- one language's files
    "problem_bad_ref": (
        '{key} {ref!r} must be <section>.<item> with section one of {sections} (e.g. "duties.api")'
    ),
    "problem_no_such_item": "{key} {ref!r} names no item of {file} (its items: {known})",
    "problem_no_items": "'items' is empty: a section needs at least one item",
    "problem_no_rate": (
        "salary '{id}' is in {currency} but there is no {table} with"
        ' currency = "{currency}": add one so it can be drawn in USD'
    ),
    "problem_per_usd": "'per_usd' must be a number more than 0, like 16500",
    "problem_period": '\'period\' must be "month" or "year", not {value!r}',
    "problem_salary_bounds": "salary needs 0 <= low <= high, not low = {low}, high = {high}",
    "problem_currency": (
        '\'currency\' must be a three-letter code like "IDR" or "USD", not {value!r}'
    ),
    "problem_card_type": 'card type {kind!r} is unknown: use "basic", "choice" or "typed"',
    "problem_origin": (
        '\'origin\' must be "article" (it tests the article) or "note" (a study note),'
        " not {origin!r}"
    ),
    "problem_option_count": "a choice card needs 2 to 4 options (keys a-d pick them)",
    "problem_one_correct": (
        "a choice card needs exactly one option with correct = true, it has {correct}"
    ),
    "problem_options_not_choice": "only choice cards have options; this card is {kind}",
    "problem_no_answers": 'a typed card needs answers = ["accepted answer", ...] (not empty)',
    "problem_answers_not_typed": "only typed cards have answers; this card is {kind}",
    # ---------------------------------------------------------- the two languages
    "problem_missing_file": "missing file: every language needs {file}",
    "problem_no_translation": ("has no counterpart {other}: add a translation with the same ids"),
    "problem_no_counterpart": "has no counterpart {other}: add one with the same {what}",
    "problem_card_ids": "card ids",
    "problem_term_ids": "term ids in the same order",
    "problem_missing_id": (
        "{what} '{value}' is here but not in {other}: add it there with the same id,"
        " or remove it here"
    ),
    "problem_number_differs": (
        "item '{id}' has number {number} here but {twin} in {other}: numbers follow the article"
    ),
    "problem_card_differs": (
        "card '{id}' is {kind} of {source} here but {twin_kind} of {twin_source} in {other}:"
        " translations keep type and source"
    ),
    "problem_origin_differs": (
        'card \'{id}\' has origin "{origin}" here but "{twin}" in {other}: a card is a'
        " study note in both languages or in neither"
    ),
    "problem_options_differ": (
        "card '{id}' options differ from {other}: keep the same number of options and the"
        " correct one in the same place"
    ),
    "problem_term_order": (
        "term '{id}' is out of order: {other} has '{theirs}' here; keep the terms in the"
        " same order in both languages"
    ),
    "problem_term_see": (
        "term '{id}' has see = {see!r} here but {twin!r} in {other}: a term points at the"
        " same place in both languages"
    ),
    # ---------------------------------------------------------- check --strict
    "problem_warning": "warning: {message}",
    "problem_same_front": (
        "card '{id}' asks the same as card '{first}' (line {line}): reword one or remove one"
    ),
    "problem_distractor": (
        "card '{id}' has a wrong option equal to the right one ({option!r}):"
        " write a different distractor"
    ),
    "problem_own_answer": (
        "card '{id}' does not accept its own answer {answer!r} when typed as written:"
        " write it as a learner would type it"
    ),
    "problem_thin_item_one": (
        "item '{id}' has {count} card: write at least {min} so it is practised from two sides"
    ),
    "problem_thin_item": (
        "item '{id}' has {count} cards: write at least {min} so it is practised from two sides"
    ),
    "problem_answer_counts": (
        "card '{id}' accepts {mine} answers here but {theirs} in {other}: a learner should"
        " have as many ways to be right in either language"
    ),
}
"""Every kind of problem (and every phrase one is made of), by key: its English text."""


class Message(str):
    """A problem's English sentence, with the ``key`` and ``values`` it was made from."""

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, /, **values: object) -> Message:
        message = super().__new__(cls, ENGLISH[key].format(**values))
        message.key = key
        message.values = values
        return message


__all__ = ["ENGLISH", "Message"]
