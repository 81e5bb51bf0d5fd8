# ruff: noqa: RUF001  (typographic dashes and signs are intended in these texts)
"""The app's own words (not the study material), in every content language.

The study text comes from the content folder; these are the labels around it.
Every word the app shows goes through :func:`text` (or :func:`label`, for a
binding's description); ``docs/terms.md`` lists the one Indonesian term used for
each concept. A lookup is two dict reads: nothing here costs start-up.

Adding a string: one key in BOTH tables below (a test fails when a key is
missing in a language or used nowhere). Strings are plain text, never markup.
A content problem's English is in ``content/problems.py``, beside the checks.
"""

from __future__ import annotations

from collections.abc import Mapping

from backend_tui.content.problems import ENGLISH as PROBLEMS

LANGUAGES = ("en", "id")
"""The languages of the app's words: the same as the content's."""

PSEUDO_OPEN = "⟦"
PSEUDO_CLOSE = "⟧"
"""The pseudo-locale wraps every string in these, so a test can find text that bypassed
the catalogue: whatever is on screen outside them (and is not study material) did."""

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        # ---------------------------------------------------------------- tab row
        "lang_badge": "EN",
        "lang_name": "English",
        "drill_tab": "Drill",
        # ------------------------------------------- key bar (short) and help (long)
        "key_search": "Search",
        "help_search": "Search the material and jump to an entry",
        "key_language": "Language",
        "help_language": "Switch language: Indonesian or English (remembered)",
        "key_help": "Help",
        "help_help": "Show or close this list of keys",
        "key_quit": "Quit",
        "help_quit": "Quit (every answer is already saved)",
        "group_tabs": "Tabs",
        "key_tab": "Tab",
        "help_tab": "Show a tab: 1 is the first on the tab row",
        "group_cycle": "Prev/next",
        "key_previous_tab": "Previous tab",
        "help_previous_tab": "Show the previous tab",
        "key_next_tab": "Next tab",
        "help_next_tab": "Show the next tab",
        "key_focus": "Focus",
        "help_focus": "Move the focus between the list and the text",
        "group_move": "Move",
        "key_down": "Down",
        "key_up": "Up",
        "help_cancel": "Close without changing anything",
        "key_top": "First",
        "key_bottom": "Last",
        "help_ends": "Go to the first or the last row",
        "help_move": "Move in a list, or scroll the text",
        "key_scroll": "Scroll",
        "help_scroll_page": "Scroll the text a page up or down",
        "help_scroll_ends": "Scroll the text to the top or the bottom",
        "key_close": "Close",
        "help_close_help": "Close this help",
        "key_review": "Review",
        "help_review": "Review the highlighted deck: the cards that are due",
        "key_quiz": "Quiz",
        "help_quiz": "Quiz yourself on the highlighted deck (your schedule stays as it is)",
        "key_next": "Next",
        "help_next": "Reveal or check the answer; then go on with the suggested grade",
        "key_check": "Check",
        "help_check": "Check the typed answer",
        "group_pick": "Pick",
        "key_pick": "Pick",
        "help_pick": "Pick an option",
        "key_previous_option": "Previous option",
        "key_next_option": "Next option",
        "group_grade": "Grade",
        "help_grade": "Grade yourself: Again, Hard, Good, Easy",
        "key_undo": "Undo",
        "help_undo": "Undo the last answer",
        "key_source": "Source",
        "help_source": "Look at the card's source entry; the drill waits on the same card",
        "key_end": "End",
        "help_end": "End the drill and see the summary",
        "key_back_to_drill": "Back to Drill",
        "help_back_to_drill": "Back to the Drill tab",
        "key_undo_last": "Undo last answer",
        # ----------------------------------------------------------------- help
        "help_title": "Keys",
        "help_close": "Escape or ? closes this help.",
        # -------------------------------------------------------------- palette
        "palette_placeholder": "Search the material…",
        "palette_no_matches": "No matches found",
        "go_to_tab": "Go to tab",
        "command_language": "Language",
        "command_language_help": "Switch between Indonesian and English",
        "command_help": "Help",
        "command_help_help": "Show every key",
        "command_quit": "Quit",
        "command_quit_help": "Quit the app (every answer is already saved)",
        # ------------------------------------------------------------- notices
        "quit_title": "Do you want to quit?",
        "quit_hint": "Press {keys} to quit the app",
        "cannot_screenshot": "Screenshots are not available in a shared session.",
        "cannot_suspend": "Suspending is not available in a shared session.",
        "not_found": "That entry is not in this content.",
        "progress_warning": "Your progress",
        "notice_link_kept": (
            "The {what} {path} is a symbolic link; it was not followed and progress"
            " is only read, not saved."
        ),
        "notice_link_moved": (
            "The {what} {path} was a symbolic link; it was not followed and was kept as {target}."
        ),
        "notice_damaged_left": (
            "The {what} {path} could not be read ({why}); it was left as it is"
            " (the folder is read-only) and progress is read from the newest good copy."
        ),
        "notice_damaged_moved": (
            "The {what} {path} could not be read ({why}); it was kept as {target}"
            " and your progress continues from the newest good copy."
        ),
        "notice_entries_skipped": "{bad} damaged entries in {path} were skipped.",
        "notice_entries_copied": (
            "{bad} damaged entries in {path} could not be read; a copy was kept as {target}"
            " and every readable answer was kept."
        ),
        "notice_unreadable": "Could not read {path}: {why}.",
        "notice_fold_failed": "Could not fold answers into {file}: {why}.",
        "notice_newer_version": (
            "Your progress was saved by a newer version of backend-tui; a copy was"
            " kept as {target} in {folder}."
        ),
        "notice_read_only_open": (
            "Your progress in {folder} could not be opened for saving ({why});"
            " it is shown read-only: answers are kept only until you quit."
        ),
        "notice_read_only_folder": (
            "Your progress folder {folder} cannot be written; it is shown read-only:"
            " answers are kept only until you quit."
        ),
        "notice_preferences_damaged": (
            "Your preferences could not be read ({why}); the file was kept as {path}"
            " and the defaults are used."
        ),
        "file_progress": "saved progress",
        "file_backup": "backup of saved progress",
        "file_journal": "answer journal",
        "file_history": "history folder",
        "file_lock": "lock file",
        "preferences_not_saved": "Your language could not be saved: {reason}",
        # ------------------------------------------------ stats and check (the commands)
        "stats_warning": "warning:",
        "stats_profile": "Profile {profile}: {reviews}, {seen}, {due}, streak {streak}",
        "stats_review": "{n} review",
        "stats_reviews": "{n} reviews",
        "stats_card_seen": "{n} card seen",
        "stats_cards_seen": "{n} cards seen",
        "stats_due": "{n} due today",
        "stats_column_cards": "Cards",
        "stats_column_best": "Best quiz",
        "stats_column_last": "Last quiz",
        "stats_column_leeches": "Leeches",
        "stats_suspended": "Suspended ({n}; a review skips them): {cards}",
        "stats_ended_early": (
            "Ended early (never a Best or Last): {quizzes}; latest {answered} of {total}"
            " answered, {right} right"
        ),
        "stats_orphans": "Progress kept for cards no longer in the content ({n}): {cards}",
        "check_ok": "{root}: ok ({languages}; {cards} cards per language{strict})",
        "check_ok_terms": (
            "{root}: ok ({languages}; {cards} cards, {terms} glossary terms per language{strict})"
        ),
        "check_strict": "; strict",
        "check_problem": "{n} problem in {where}",
        "check_problems": "{n} problems in {where}",
        "check_warning": "{n} warning in {where}",
        "check_warnings": "{n} warnings in {where}",
        # ---------------------------------------- why a command stops (after "backend-tui:")
        "error_profile_name": (
            "profile name {name} is not allowed: use 1-64 letters, digits, '.', '_' or '-',"
            " starting with a letter or digit"
        ),
        "error_cannot_save": (
            "cannot save progress in {folder}: {why} (choose another place with --data-dir)"
        ),
        "stats_no_profile": "no profile named {profile!r} in {folder} (profiles there: {profiles})",
        "stats_no_profile_yet": (
            "no profile named {profile!r} in {folder} (profiles there: none yet)"
        ),
        "stats_cannot_open": "cannot open saved progress in {folder}: {why}",
        "class_no_data": "no data folder at {folder}",
        "class_cannot_release": "cannot change names: {why}",
        "class_not_bound": "{name} is not bound to a key",
        "class_released": (
            "{name} is free: the next key to log in with it owns it; progress stays in {folder}"
        ),
        "serve_port": "--port must be 0-65535, not {port}",
        "serve_at_least_1": "{option} must be at least 1",
        "serve_more_than_0": "{option} must be more than 0 seconds",
        "serve_names_unreadable": "cannot read the names in {folder}: {why}",
        "serve_cannot_listen": "cannot listen on {host}:{port}: {why}",
        "serve_bindings_unreadable": "{path}: cannot read key bindings: {why}",
        "serve_bindings_bad": "{path}: 'profiles' must be a table",
        "serve_host_key_unreadable": "cannot read host key {path}: {why}",
        "serve_host_key_unwritable": "cannot write host key {path}: {why}",
        "serve_keys_unreadable": "cannot read authorized keys {path}: {why}",
        "serve_keys_fields": "{where}: expected 'key-type base64-key profile'",
        "serve_keys_not_key": "{where}: not a public key: {detail}",
        "serve_keys_no_profile": '{where}: no profile: add profile="name" or a comment',
        "serve_keys_bad_profile": "{where}: {why}",
        "serve_keys_twice": "{where}: key already listed for profile {profile!r}",
        "serve_keys_none": "{path}: no keys listed",
        "serve_listening": "backend-tui serve: listening on {host}:{port}",
        "serve_host_key": "host key {fingerprint} ({path})",
        "serve_host_key_new": "host key {fingerprint} ({path}, new)",
        "serve_progress_in": "progress in {folder}",
        "serve_only_keys": "only the {n} keys in {file}",
        "serve_connect": "learners connect with:  {command}",
        "serve_this_machine": "THIS-MACHINE",
        "serve_name_is_profile": (
            "NAME is their profile; the first key to log in with a name owns it"
        ),
        "serve_stop": "stop with Ctrl-C (or SIGTERM)",
        # ----------------------- what the server writes on a learner's terminal
        "ssh_no_commands": (
            "running commands is not allowed here; connect with plain `ssh` to study"
        ),
        "ssh_file_transfer": "file transfer (scp, sftp) is not available on this server",
        "ssh_no_subsystem": "the {name!r} subsystem is not available on this server",
        "ssh_needs_terminal": "this server needs a terminal; connect with `ssh -t`",
        "ssh_name_taken": "the name {name!r} belongs to another key; log in with your own name.",
        "ssh_key_has_name": (
            "your key already belongs to the name {own!r}; log in as {own}"
            " (a key has one name on this server; ask your teacher to free it)."
        ),
        "ssh_too_many_names": (
            "too many new names were taken from your address this hour; try again later"
        ),
        "ssh_cannot_save_name": "the server cannot save your login; try later",
        "ssh_shutting_down": "the server is shutting down",
        "ssh_full": "the server is full ({n} learners); try again in a few minutes",
        "ssh_starting": "starting, one moment...",
        "ssh_app_failed": "the app could not be started; please tell your teacher",
        "ssh_goodbye_shutdown": "the server is shutting down; your progress is saved. Goodbye.",
        "ssh_goodbye_idle_minutes": (
            "no key pressed for {n:.0f} minutes; your progress is saved. Goodbye."
        ),
        "ssh_goodbye_idle_seconds": (
            "no key pressed for {n:g} seconds; your progress is saved. Goodbye."
        ),
        # ------------------------------------------ the command line's help (-h)
        "cli_usage": "usage: ",
        "cli_positionals": "positional arguments",
        "cli_options": "options",
        "cli_help": "show this help and exit",
        "cli_version": "show the version and exit",
        "cli_description": "Study what a backend engineer does, by keyboard, in the terminal.",
        "cli_content": "load study material from DIR (same format as the bundled content/)",
        "cli_data_dir": "where progress is saved (default: {env} or the user data folder)",
        "cli_profile": "whose progress to use (default: {env} or your user name)",
        "cli_lang": "content language (default: from the locale)",
        "cli_check": "validate a content folder and list every problem",
        "cli_check_dir": "content folder (default: bundled)",
        "cli_check_lang": "language of what it prints (default: from the locale)",
        "cli_strict": (
            "also warn about cards that teach badly (duplicate questions, a distractor equal"
            " to the answer, ...); any warning then fails the check"
        ),
        "cli_stats": "show a learner's progress",
        "cli_json": "print JSON instead of a table",
        "cli_stats_lang": (
            "language of the table (default: the learner's choice with l, else the locale)"
        ),
        "cli_serve": "serve the app to a class over SSH",
        "cli_host": "address to bind (default: 127.0.0.1)",
        "cli_port": "port (default: 2222)",
        "cli_serve_data_dir": "root of every learner's progress",
        "cli_host_key": "ed25519 host key (made if missing)",
        "cli_authorized_keys": (
            "only these keys may log in; the profile comes from each key's entry"
        ),
        "cli_serve_content": "study material to serve",
        "cli_serve_lang": (
            "language a learner starts in until they choose one with l (default: from the locale)"
        ),
        "cli_launcher": (
            "fork: each session is forked from a process that has loaded the app once"
            " (fast); exec: each session starts a fresh process (default: fork)"
        ),
        "cli_limits": "limits",
        "cli_with_default": "{help} (default: %(default)s)",
        "cli_max_sessions": "learners studying at once; one more is told the server is full",
        "cli_idle_timeout": (
            "no key pressed for this long: the app saves and the learner is logged out"
        ),
        "cli_login_timeout": "time a connection has to log in (and then to ask for a terminal)",
        "cli_max_unauthenticated": (
            "connections still logging in, from all addresses; more are closed at once"
        ),
        "cli_max_unauthenticated_per_address": (
            "connections still logging in from one address; more are closed at once"
        ),
        "cli_connections_per_minute": (
            "new connections per address per minute (a class behind one NAT address shares it)"
        ),
        "cli_names_per_hour": (
            "new names one address may take per hour, without --authorized-keys"
        ),
        "cli_class": "a teacher's view of the class: every learner's progress",
        "cli_class_description": (
            "With no subcommand: a live overview of the class, refreshed as answers land."
            " Only reads progress, so it is safe while `serve` runs."
        ),
        "cli_class_lang": "language of the overview",
        "cli_class_data_dir": "the folder `serve --data-dir` uses",
        "cli_list": "one line per learner: a table, JSON or CSV",
        "cli_list_json": "a JSON list, one object per learner",
        "cli_list_csv": "CSV, for a spreadsheet",
        "cli_release": "free a name from its key (its progress stays); safe while serving",
        "cli_release_name": "the profile name to free",
        "class_learner": "{n} learner",
        "class_learners": "{n} learners",
        "class_list_caption": "per deck: mastery, then best/last quiz score",
        # ------------------------------------- why a file could not be read or written
        "reason_too_deep": "nested more than {levels} levels deep",
        "reason_not_toml": "not valid TOML",
        "reason_not_toml_at": "not valid TOML (line {line}, column {column})",
        "reason_bad_version": "its schema_version is missing or wrong",
        "reason_bad_header": "its first line (the journal header) is damaged",
        "reason_symlink": "a symbolic link, not followed",
        "reason_not_file": "not a regular file",
        "reason_too_large": "larger than {mb} MB",
        "reason_bad_entry": "a saved value is missing or wrong ({where})",
        "reason_not_utf8": "not UTF-8 text",
        "reason_damaged": "damaged data ({detail})",
        "os_enospc": "no space left on the disk",
        "os_edquot": "your disk quota is used up",
        "os_erofs": "the file system is read-only",
        "os_eacces": "permission denied",
        "os_eperm": "operation not permitted",
        "os_eio": "the disk reported an input/output error",
        "os_enoent": "no such file or folder",
        "os_enotdir": "a part of the path is not a folder",
        "os_eisdir": "a folder, not a file",
        "os_eexist": "the file already exists",
        "os_emfile": "too many files open in the app",
        "os_enfile": "too many files open on the system",
        "os_enametoolong": "the file name is too long",
        "os_efbig": "the file is too large",
        "os_ebusy": "the file or device is busy",
        "os_eloop": "too many symbolic links in the path",
        "os_enomem": "not enough memory",
        "os_eaddrinuse": "the address is already in use",
        "os_eaddrnotavail": "the address is not one of this machine's",
        "os_other": "system error {name}",
        # -------------------------------------------------------------- reading
        "introduction": "Introduction",
        "study_note": "Study note (not from the article)",
        "technologies": "Technologies",
        "references": "References",
        "no_items": "This section has no entries.",
        # ---------------------------------------------------------------- chart
        "chart_title": "Salary per year, on one US dollar scale",
        "chart_converted": (
            "≈ USD {low}–{high} / year, at ~{rate} {currency} per USD as of {date}{approx}"
        ),
        "approximate": ", approximate",
        "chart_usd": "USD {low}–{high} / year",
        # The English material is a translation of an Indonesian article: say so.
        "chart_article": "The article says (translated from Indonesian): “{original}”",
        "chart_no_period": "The article gives no period; monthly is assumed (×12 for a year).",
        "chart_rate_missing": "No exchange rate for {currency}: this range cannot be drawn.",
        "chart_none": "The content lists no salary ranges.",
        # ------------------------------------------------------------ Drill tab
        "drill_heading": "Drill: review what is due, or quiz yourself on a deck",
        "column_deck": "Deck",
        "column_due": "Due",
        "column_new": "New",
        "column_learned": "Learned",
        "column_mastery": "Mastery",
        "column_best": "Best",
        "column_last": "Last",
        "all_decks": "All",
        "streak": "Streak: {days}",
        "heatmap_caption": "Reviews, last 12 weeks",
        "heatmap_less": "less",
        "heatmap_more": "more",
        "weekdays": "Mo Tu We Th Fr Sa Su",
        "nothing_due": (
            "{deck}: nothing is due now. Press t for a quiz, or + for {more} more new cards."
        ),
        # ---------------------------------------------------- drill: what next, setting aside
        "key_leave_field": "Leave field",
        "help_leave_field": (
            "Leave the answer field: then u, o, l, ? and q work; Escape again ends the drill"
        ),
        "hint_typed_left": "Enter: back to typing · Escape: end the drill",
        "key_back_to_card": "Back to card",
        "help_back_to_card": "Close the source and go back to the same card",
        "source_title": "Source · {place}",
        "source_hint": "Escape or o: back to the card, just as you left it",
        "key_bury": "Bury",
        "help_bury": "Bury the card until tomorrow (u takes it back)",
        "key_suspend": "Suspend",
        "help_suspend": "Suspend the card until you take it back (u, now)",
        "card_buried": "Buried until tomorrow. u takes it back.",
        "card_suspended": "Suspended: no review shows it until you take it back (u).",
        "card_taken_back": "Taken back: the card is in this drill again.",
        "set_aside_in_quiz": "A quiz buries and suspends nothing: your schedule stays as it is.",
        "saved_again": "Saved: the answers kept in memory are written now.",
        "nothing_due_next": (
            "{deck}: nothing is due now. Next card in {wait}, at {time}."
            " Press t for a quiz, or + for {more} more new cards."
        ),
        "wait_hours": "{h} h {m} min",
        "wait_minutes": "{m} min",
        "more_new_added": "{n} more new cards today: press Enter on a deck.",
        "key_more_new": "More new",
        "help_more_new": "Add 10 new cards for today, on top of the daily limit",
        "key_new_limit": "New a day",
        "help_new_limit": "Set how many new cards a day a review brings",
        "new_limit_title": "New cards a day (0–999), then Enter; Escape cancels",
        "new_limit_saved": "New cards a day: {n}.",
        "new_limit_bad": "Type a whole number from 0 to 999.",
        "quiz_chart_caption": "Quiz scores · {deck} · 0–100%",
        "quiz_chart_latest": "latest {latest} · best {best} · {quizzes} done",
        "quiz_chart_none": "No quiz done to the end yet: press t.",
        "quiz_chart_early": "{n} ended early (not counted)",
        "no_cards": "{deck} has no cards.",
        # ----------------------------------------------------------------- drill
        "mode_review": "Review",
        "mode_quiz": "Quiz",
        "card_counter": "Card {n} of {total}",
        "leech": "⚑ leech",
        "cards_left": "New {new} · Learning {learning} · Review {review}",
        "save_failed": (
            "Could not save: {reason} ({path}). Your answers are kept and saved as soon as"
            " writing works again."
        ),
        "leech_suspended": (
            "Forgotten 8 times, this card is a leech: it is suspended. Study its entry (o),"
            " then take it back with u if you want it now."
        ),
        "hint_basic": "Recall the answer, then press Enter to reveal it.",
        "hint_choice": "Pick with a-{last} or ↑/↓, then press Enter.",
        "hint_typed": "Type the answer and press Enter.",
        "answer_placeholder": "Type your answer, then Enter",
        "right": "✓ Right",
        "wrong": "✗ Wrong",
        "right_with_typo": "≈ Right, with a typo",
        "hard_suggested": "Hard suggested",
        "you_typed": "you typed",
        "typed_nothing": "(nothing)",
        "expected": "expected",
        "nothing_to_undo": "Nothing to undo.",
        "grade_1": "Again",
        "grade_2": "Hard",
        "grade_3": "Good",
        "grade_4": "Easy",
        # --------------------------------------------------------------- summary
        "summary_finished": "{mode} finished · {deck}",
        "summary_ended_early": "{mode} ended early · {deck}",
        "summary_review_cards_value": "{answered} answered, {right} right, {left} left",
        "summary_score_partial": "{score} of the cards answered (ended early: not a Best)",
        "summary_unsaved": (
            "{n} answer(s) could not be saved yet: they are kept and written as soon as the"
            " disk allows. Quitting now loses them."
        ),
        "summary_cards": "Cards",
        "summary_cards_value": "{answered} of {total} answered, {right} right",
        "summary_accuracy": "Accuracy",
        "summary_score": "Quiz score",
        "summary_time": "Time",
        "summary_grades": "Grades",
        "summary_mastery": "Mastery",
        "summary_points": "{change} points",
        "summary_quiz_note": "The quiz left your review schedule as it was.",
        "summary_keys": "Enter or Esc: back to the Drill tab · u: undo the last answer",
        # ------------------------------------------------ numbers, units, dates
        "months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        "date": "{month} {day}, {year}",
        "days": "{n} days",
        "day": "{n} day",
        "quizzes": "{n} quizzes",
        "quiz": "{n} quiz",
        "seconds": "{s}s",
        "minutes_seconds": "{m}m {s}s",
        "hours_minutes": "{h}h {m}m",
        "interval_minutes": "{n}m",
        "interval_hours": "{n}h",
        "interval_days": "{n}d",
        "interval_months": "{n}mo",
        "interval_years": "{n}y",
        # ------------------------------------------------- class overview (teachers)
        "class_title": "Class: {learners} · updated {updated}",
        "class_empty": ("No learners yet in {folder}. Each appears here after their first login."),
        "class_sort_by": "Sort:",
        "class_col_profile": "Learner",
        "class_col_seen": "Last seen",
        "class_col_reviews": "Reviews",
        "class_col_streak": "Streak",
        "class_col_due": "Due",
        "class_col_mastery": "Mastery",
        "class_col_key": "Key",
        "class_col_quiz": "quiz best/last",
        "class_key_language": "Language",
        "class_key_quit": "Quit",
        "class_seen_now": "just now",
        "class_seen_minutes": "{n} min ago",
        "class_seen_hours": "{n} h ago",
        "class_seen_days": "{n} d ago",
        "note_card": "✎ Study note card (not from the article)",
        "note_cards_in": "Study-note cards are in the decks · n leaves them out",
        "note_cards_out": "Study-note cards are left out of the decks · n puts them back",
        "not_saved": "Could not save this choice: {error}",
        "glossary_title": "Glossary",
        "glossary_count": "{count} terms the material uses, explained",
        "glossary_see": "Used in: {place}",
        "glossary_hint": "Enter opens where the term is used · Escape closes",
        "glossary_none": "This material has no glossary.",
        "key_glossary": "Glossary",
        "key_open": "Open",
        "help_glossary": "The glossary: the English terms the material uses, explained",
        "help_glossary_open": "Open where the highlighted term is used",
        "help_glossary_close": "Close the glossary",
        "key_note_cards": "Note cards",
        "help_note_cards": "Put the study-note cards in or out of every deck (remembered)",
    },
    "id": {
        "lang_badge": "ID",
        "lang_name": "Bahasa Indonesia",
        "drill_tab": "Latihan",
        "key_search": "Cari",
        "help_search": "Cari di materi dan lompat ke entrinya",
        "key_language": "Bahasa",
        "help_language": "Ganti bahasa: Indonesia atau Inggris (diingat)",
        "key_help": "Bantuan",
        "help_help": "Tampilkan atau tutup daftar tombol ini",
        "key_quit": "Keluar",
        "help_quit": "Keluar (semua jawaban sudah tersimpan)",
        "group_tabs": "Tab",
        "key_tab": "Tab",
        "help_tab": "Tampilkan tab: 1 adalah tab pertama di baris tab",
        "group_cycle": "Sebelum/berikut",
        "key_previous_tab": "Tab sebelumnya",
        "help_previous_tab": "Tampilkan tab sebelumnya",
        "key_next_tab": "Tab berikutnya",
        "help_next_tab": "Tampilkan tab berikutnya",
        "key_focus": "Fokus",
        "help_focus": "Pindahkan fokus antara daftar dan teks",
        "group_move": "Gerak",
        "key_down": "Turun",
        "key_up": "Naik",
        "help_cancel": "Tutup tanpa mengubah apa pun",
        "key_top": "Pertama",
        "key_bottom": "Terakhir",
        "help_ends": "Ke baris pertama atau terakhir",
        "help_move": "Bergerak di daftar, atau menggulir teks",
        "key_scroll": "Gulir",
        "help_scroll_page": "Gulir teks satu halaman ke atas atau ke bawah",
        "help_scroll_ends": "Gulir teks ke awal atau ke akhir",
        "key_close": "Tutup",
        "help_close_help": "Tutup bantuan ini",
        "key_review": "Ulas",
        "help_review": "Ulas dek yang disorot: kartu yang sudah jatuh tempo",
        "key_quiz": "Kuis",
        "help_quiz": "Kuis diri sendiri dengan dek yang disorot (jadwal ulas tidak berubah)",
        "key_next": "Lanjut",
        "help_next": "Tampilkan atau periksa jawaban; lalu lanjut dengan nilai yang disarankan",
        "key_check": "Periksa",
        "help_check": "Periksa jawaban yang diketik",
        "group_pick": "Pilih",
        "key_pick": "Pilih",
        "help_pick": "Pilih satu opsi",
        "key_previous_option": "Opsi sebelumnya",
        "key_next_option": "Opsi berikutnya",
        "group_grade": "Nilai",
        "help_grade": "Beri nilai diri sendiri: Ulangi, Sulit, Baik, Mudah",
        "key_undo": "Batal",
        "help_undo": "Batalkan jawaban terakhir",
        "key_source": "Sumber",
        "help_source": "Lihat entri sumber kartu ini; latihan menunggu di kartu yang sama",
        "key_end": "Akhiri",
        "help_end": "Akhiri latihan dan lihat ringkasannya",
        "key_back_to_drill": "Kembali",
        "help_back_to_drill": "Kembali ke tab Latihan",
        "key_undo_last": "Batal",
        "help_title": "Tombol",
        "help_close": "Escape atau ? menutup bantuan ini.",
        "palette_placeholder": "Cari di materi…",
        "palette_no_matches": "Tidak ada yang cocok",
        "go_to_tab": "Buka tab",
        "command_language": "Bahasa",
        "command_language_help": "Ganti antara bahasa Indonesia dan Inggris",
        "command_help": "Bantuan",
        "command_help_help": "Tampilkan semua tombol",
        "command_quit": "Keluar",
        "command_quit_help": "Keluar dari aplikasi (semua jawaban sudah tersimpan)",
        "quit_title": "Mau keluar?",
        "quit_hint": "Tekan {keys} untuk keluar dari aplikasi",
        "cannot_screenshot": "Tangkapan layar tidak tersedia di sesi bersama.",
        "cannot_suspend": "Menangguhkan aplikasi tidak tersedia di sesi bersama.",
        "not_found": "Entri itu tidak ada di konten ini.",
        "progress_warning": "Progres belajarmu",
        "notice_link_kept": (
            "{what} {path} adalah tautan simbolis; tautan itu tidak diikuti dan progres"
            " hanya dibaca, tidak disimpan."
        ),
        "notice_link_moved": (
            "{what} {path} ternyata tautan simbolis; tautan itu tidak diikuti dan disimpan"
            " sebagai {target}."
        ),
        "notice_damaged_left": (
            "{what} {path} tidak bisa dibaca ({why}); file itu dibiarkan (foldernya hanya-baca)"
            " dan progres dibaca dari salinan baik yang terbaru."
        ),
        "notice_damaged_moved": (
            "{what} {path} tidak bisa dibaca ({why}); file itu disimpan sebagai {target}"
            " dan progresmu berlanjut dari salinan baik yang terbaru."
        ),
        "notice_entries_skipped": "{bad} entri rusak di {path} dilewati.",
        "notice_entries_copied": (
            "{bad} entri rusak di {path} tidak bisa dibaca; salinannya disimpan sebagai"
            " {target} dan setiap jawaban yang terbaca tetap ada."
        ),
        "notice_unreadable": "Tidak bisa membaca {path}: {why}.",
        "notice_fold_failed": "Jawaban tidak bisa digabungkan ke {file}: {why}.",
        "notice_newer_version": (
            "Progresmu disimpan oleh versi backend-tui yang lebih baru; salinannya disimpan"
            " sebagai {target} di {folder}."
        ),
        "notice_read_only_open": (
            "Progresmu di {folder} tidak bisa dibuka untuk disimpan ({why}); progres"
            " ditampilkan hanya-baca: jawaban hanya tersimpan sampai kamu keluar."
        ),
        "notice_read_only_folder": (
            "Folder progresmu {folder} tidak bisa ditulisi; progres ditampilkan hanya-baca:"
            " jawaban hanya tersimpan sampai kamu keluar."
        ),
        "notice_preferences_damaged": (
            "Pilihanmu tidak bisa dibaca ({why}); filenya disimpan sebagai {path}"
            " dan pengaturan bawaan dipakai."
        ),
        "file_progress": "Progres tersimpan",
        "file_backup": "Cadangan progres tersimpan",
        "file_journal": "Jurnal jawaban",
        "file_history": "Folder riwayat",
        "file_lock": "File kunci",
        "preferences_not_saved": "Pilihan bahasamu tidak bisa disimpan: {reason}",
        "stats_warning": "peringatan:",
        "stats_profile": "Profil {profile}: {reviews}, {seen}, {due}, beruntun {streak}",
        "stats_review": "{n} ulasan",
        "stats_reviews": "{n} ulasan",
        "stats_card_seen": "{n} kartu sudah dilihat",
        "stats_cards_seen": "{n} kartu sudah dilihat",
        "stats_due": "{n} jatuh tempo hari ini",
        "stats_column_cards": "Kartu",
        "stats_column_best": "Kuis terbaik",
        "stats_column_last": "Kuis terakhir",
        "stats_column_leeches": "Sering lupa",
        "stats_suspended": "Ditangguhkan ({n}; ulasan melewatinya): {cards}",
        "stats_ended_early": (
            "Berhenti di tengah (tidak pernah jadi Terbaik atau Terakhir): {quizzes}; terakhir"
            " {answered} dari {total} dijawab, {right} benar"
        ),
        "stats_orphans": (
            "Progres disimpan untuk kartu yang sudah tidak ada di materi ({n}): {cards}"
        ),
        "check_ok": "{root}: beres ({languages}; {cards} kartu per bahasa{strict})",
        "check_ok_terms": (
            "{root}: beres ({languages}; {cards} kartu, {terms} istilah glosarium per"
            " bahasa{strict})"
        ),
        "check_strict": "; ketat",
        "check_problem": "{n} masalah di {where}",
        "check_problems": "{n} masalah di {where}",
        "check_warning": "{n} peringatan di {where}",
        "check_warnings": "{n} peringatan di {where}",
        "error_profile_name": (
            "nama profil {name} tidak diizinkan: pakai 1-64 huruf, angka, '.', '_' atau '-',"
            " diawali huruf atau angka"
        ),
        "error_cannot_save": (
            "progres tidak bisa disimpan di {folder}: {why} (pilih tempat lain dengan --data-dir)"
        ),
        "stats_no_profile": (
            "tidak ada profil bernama {profile!r} di {folder} (profil yang ada: {profiles})"
        ),
        "stats_no_profile_yet": (
            "tidak ada profil bernama {profile!r} di {folder} (belum ada profil di sana)"
        ),
        "stats_cannot_open": "progres tersimpan di {folder} tidak bisa dibuka: {why}",
        "class_no_data": "tidak ada folder data di {folder}",
        "class_cannot_release": "nama tidak bisa diubah: {why}",
        "class_not_bound": "{name} tidak terikat ke kunci mana pun",
        "class_released": (
            "{name} sudah bebas: kunci berikutnya yang masuk dengan nama itu menjadi pemiliknya;"
            " progresnya tetap di {folder}"
        ),
        "serve_port": "--port harus 0-65535, bukan {port}",
        "serve_at_least_1": "{option} paling sedikit 1",
        "serve_more_than_0": "{option} harus lebih dari 0 detik",
        "serve_names_unreadable": "nama-nama di {folder} tidak bisa dibaca: {why}",
        "serve_cannot_listen": "tidak bisa menerima koneksi di {host}:{port}: {why}",
        "serve_bindings_unreadable": "{path}: ikatan nama ke kunci tidak bisa dibaca: {why}",
        "serve_bindings_bad": "{path}: 'profiles' harus berupa tabel",
        "serve_host_key_unreadable": "kunci host {path} tidak bisa dibaca: {why}",
        "serve_host_key_unwritable": "kunci host {path} tidak bisa ditulis: {why}",
        "serve_keys_unreadable": "daftar kunci yang diizinkan {path} tidak bisa dibaca: {why}",
        "serve_keys_fields": "{where}: formatnya harus 'key-type base64-key profile'",
        "serve_keys_not_key": "{where}: bukan kunci publik: {detail}",
        "serve_keys_no_profile": (
            '{where}: tidak ada profil: tambahkan profile="nama" atau sebuah komentar'
        ),
        "serve_keys_bad_profile": "{where}: {why}",
        "serve_keys_twice": "{where}: kunci ini sudah terdaftar untuk profil {profile!r}",
        "serve_keys_none": "{path}: tidak ada kunci yang terdaftar",
        "serve_listening": "backend-tui serve: menerima koneksi di {host}:{port}",
        "serve_host_key": "kunci host {fingerprint} ({path})",
        "serve_host_key_new": "kunci host {fingerprint} ({path}, baru)",
        "serve_progress_in": "progres di {folder}",
        "serve_only_keys": "hanya {n} kunci di {file} yang boleh masuk",
        "serve_connect": "pelajar masuk dengan:  {command}",
        "serve_this_machine": "MESIN-INI",
        "serve_name_is_profile": (
            "NAME adalah profil mereka; kunci pertama yang masuk dengan sebuah nama menjadi"
            " pemiliknya"
        ),
        "serve_stop": "hentikan dengan Ctrl-C (atau SIGTERM)",
        # ----------------------- what the server writes on a learner's terminal
        "ssh_no_commands": (
            "menjalankan perintah tidak diizinkan di sini; masuk dengan `ssh` biasa untuk belajar"
        ),
        "ssh_file_transfer": "transfer file (scp, sftp) tidak tersedia di server ini",
        "ssh_no_subsystem": "subsistem {name!r} tidak tersedia di server ini",
        "ssh_needs_terminal": "server ini memerlukan terminal; masuk dengan `ssh -t`",
        "ssh_name_taken": "nama {name!r} milik kunci lain; masuk dengan namamu sendiri.",
        "ssh_key_has_name": (
            "kuncimu sudah terikat ke nama {own!r}; masuk sebagai {own}"
            " (di server ini satu kunci hanya punya satu nama; minta gurumu melepaskannya)."
        ),
        "ssh_too_many_names": (
            "terlalu banyak nama baru dari alamatmu dalam satu jam ini; coba lagi nanti"
        ),
        "ssh_cannot_save_name": "server tidak bisa menyimpan data login-mu; coba lagi nanti",
        "ssh_shutting_down": "server sedang dimatikan",
        "ssh_full": "server penuh ({n} pelajar); coba lagi beberapa menit lagi",
        "ssh_starting": "sedang dimulai, tunggu sebentar...",
        "ssh_app_failed": "aplikasi tidak bisa dijalankan; tolong beri tahu gurumu",
        "ssh_goodbye_shutdown": (
            "server sedang dimatikan; progres belajarmu sudah tersimpan. Sampai jumpa."
        ),
        "ssh_goodbye_idle_minutes": (
            "tidak ada tombol yang ditekan selama {n:.0f} menit;"
            " progres belajarmu sudah tersimpan. Sampai jumpa."
        ),
        "ssh_goodbye_idle_seconds": (
            "tidak ada tombol yang ditekan selama {n:g} detik;"
            " progres belajarmu sudah tersimpan. Sampai jumpa."
        ),
        "cli_usage": "pemakaian: ",
        "cli_positionals": "argumen posisi",
        "cli_options": "opsi",
        "cli_help": "tampilkan bantuan ini lalu keluar",
        "cli_version": "tampilkan versinya lalu keluar",
        "cli_description": "Pelajari pekerjaan backend engineer dengan keyboard, di terminal.",
        "cli_content": "muat materi belajar dari DIR (formatnya sama dengan content/ bawaan)",
        "cli_data_dir": "tempat progres disimpan (bawaan: {env} atau folder data pengguna)",
        "cli_profile": "progres siapa yang dipakai (bawaan: {env} atau nama penggunamu)",
        "cli_lang": "bahasa konten (bawaan: dari locale)",
        "cli_check": "periksa folder konten dan tampilkan setiap masalahnya",
        "cli_check_dir": "folder konten (bawaan: yang disertakan)",
        "cli_check_lang": "bahasa keluarannya (bawaan: dari locale)",
        "cli_strict": (
            "juga beri peringatan untuk kartu yang kurang baik untuk belajar (pertanyaan kembar,"
            " pengecoh yang sama dengan jawabannya, ...); satu peringatan saja membuat"
            " pemeriksaan gagal"
        ),
        "cli_stats": "tampilkan progres seorang pelajar",
        "cli_json": "cetak JSON, bukan tabel",
        "cli_stats_lang": (
            "bahasa tabelnya (bawaan: pilihan pelajar dengan l, kalau tidak ada dari locale)"
        ),
        "cli_serve": "sajikan aplikasi ke satu kelas lewat SSH",
        "cli_host": "alamat yang didengarkan (bawaan: 127.0.0.1)",
        "cli_port": "port (bawaan: 2222)",
        "cli_serve_data_dir": "folder induk progres semua pelajar",
        "cli_host_key": "kunci host ed25519 (dibuat kalau belum ada)",
        "cli_authorized_keys": (
            "hanya kunci-kunci ini yang boleh masuk; profilnya diambil dari entri tiap kunci"
        ),
        "cli_serve_content": "materi belajar yang disajikan",
        "cli_serve_lang": (
            "bahasa awal pelajar sampai ia memilih sendiri dengan l (bawaan: dari locale)"
        ),
        "cli_launcher": (
            "fork: setiap sesi di-fork dari proses yang sudah memuat aplikasi sekali (cepat);"
            " exec: setiap sesi memulai proses baru (bawaan: fork)"
        ),
        "cli_limits": "batas",
        "cli_with_default": "{help} (bawaan: %(default)s)",
        "cli_max_sessions": (
            "jumlah pelajar yang belajar bersamaan; pelajar berikutnya diberi tahu servernya penuh"
        ),
        "cli_idle_timeout": (
            "tidak ada tombol ditekan selama ini: aplikasi menyimpan dan pelajar dikeluarkan"
        ),
        "cli_login_timeout": "waktu bagi koneksi untuk masuk (lalu untuk meminta terminal)",
        "cli_max_unauthenticated": (
            "koneksi yang masih dalam proses masuk, dari semua alamat; kelebihannya langsung"
            " ditutup"
        ),
        "cli_max_unauthenticated_per_address": (
            "koneksi yang masih dalam proses masuk dari satu alamat; kelebihannya langsung ditutup"
        ),
        "cli_connections_per_minute": (
            "koneksi baru per alamat per menit (satu kelas di balik satu alamat NAT berbagi"
            " batas ini)"
        ),
        "cli_names_per_hour": (
            "nama baru yang boleh diambil satu alamat per jam, tanpa --authorized-keys"
        ),
        "cli_class": "tampilan guru untuk kelasnya: progres setiap pelajar",
        "cli_class_description": (
            "Tanpa subperintah: ringkasan kelas yang diperbarui setiap ada jawaban masuk."
            " Hanya membaca progres, jadi aman dipakai selagi `serve` berjalan."
        ),
        "cli_class_lang": "bahasa ringkasannya",
        "cli_class_data_dir": "folder yang dipakai `serve --data-dir`",
        "cli_list": "satu baris per pelajar: tabel, JSON atau CSV",
        "cli_list_json": "daftar JSON, satu objek per pelajar",
        "cli_list_csv": "CSV, untuk spreadsheet",
        "cli_release": (
            "lepaskan nama dari kuncinya (progresnya tetap ada); aman selagi server berjalan"
        ),
        "cli_release_name": "nama profil yang dilepaskan",
        # ------------------------- content problems (English: content/problems.py)
        "problem_no_folder": "folder konten tidak ada: berikan folder yang berisi id/ dan en/",
        "problem_cannot_read": "file tidak bisa dibaca: {detail}",
        "problem_too_large": "lebih besar dari {mb} MB: pecah atau persingkat isinya",
        "problem_not_utf8": "bukan teks UTF-8: simpan file sebagai UTF-8",
        "problem_too_deep": (
            "daftar atau tabel inline bersarang lebih dari {depth} tingkat: ratakan"
        ),
        "problem_not_toml": "bukan TOML yang sah: {reason}",
        "problem_recursion": (
            "bersarang terlalu dalam untuk dibaca: ratakan daftar dan tabel inline-nya"
        ),
        "problem_unknown_key": (
            "kunci {key!r} tidak dikenal di {what}: {fix} (yang boleh: {allowed})"
        ),
        "problem_did_you_mean": "maksudnya '{hint}'?",
        "problem_remove_it": "hapus saja",
        "problem_missing_key": (
            "{what} tidak punya '{key}', padahal wajib diisi: tambahkan {key} = <{kind}>"
        ),
        "problem_wrong_kind": "'{key}' di {what} harus berupa {kind}, bukan {type}",
        "problem_control": (
            "'{key}' di {what} berisi karakter kontrol {control}: hapus karakter itu"
            " (teks boleh berisi baris baru dan tab, tidak boleh karakter kontrol lain)"
        ),
        "problem_empty": "'{key}' di {what} kosong: tulis teksnya atau hapus kuncinya",
        "problem_empty_entry": "'{key}' di {what} punya entri kosong: hapus entri itu",
        "problem_kind_str": "teks dalam tanda kutip",
        "problem_kind_int": "bilangan bulat",
        "problem_kind_bool": "true atau false",
        "problem_kind_number": "angka",
        "problem_kind_date": "tanggal seperti 2026-01-31",
        "problem_kind_strlist": 'daftar teks, seperti ["a", "b"]',
        "problem_kind_table": "tabel",
        "problem_kind_tablelist": "daftar tabel",
        "problem_bad_id": (
            "id {value!r} pada {what} tidak sah: pakai huruf kecil, angka, '-' dan '_',"
            " diawali huruf atau angka"
        ),
        "problem_duplicate_id": (
            "id {what} '{value}' dipakai dua kali (pertama di baris {first}): ganti salah satunya"
        ),
        "problem_row": "{what} ([[{table}]] #{n})",
        "problem_an_item": "item",
        "problem_a_salary_range": "rentang gaji",
        "problem_a_reference": "referensi",
        "problem_a_card": "kartu",
        "problem_a_term": "istilah",
        "problem_an_option": "opsi",
        "problem_item": "item",
        "problem_salary_range": "rentang gaji",
        "problem_salary": "gaji",
        "problem_reference": "referensi",
        "problem_card": "kartu",
        "problem_term": "istilah",
        "problem_bad_ref": (
            "{key} {ref!r} harus berbentuk <section>.<item>, dengan section salah satu dari"
            ' {sections} (misalnya "duties.api")'
        ),
        "problem_no_such_item": (
            "{key} {ref!r} tidak menunjuk item mana pun di {file} (item yang ada: {known})"
        ),
        "problem_no_items": "'items' kosong: satu bagian perlu paling sedikit satu item",
        "problem_no_rate": (
            "gaji '{id}' dalam {currency}, tapi tidak ada {table} dengan"
            ' currency = "{currency}": tambahkan agar bisa digambar dalam USD'
        ),
        "problem_per_usd": "'per_usd' harus berupa angka lebih dari 0, misalnya 16500",
        "problem_period": '\'period\' harus "month" atau "year", bukan {value!r}',
        "problem_salary_bounds": (
            "gaji harus memenuhi 0 <= low <= high, bukan low = {low}, high = {high}"
        ),
        "problem_currency": (
            '\'currency\' harus kode tiga huruf seperti "IDR" atau "USD", bukan {value!r}'
        ),
        "problem_card_type": (
            'tipe kartu {kind!r} tidak dikenal: pakai "basic", "choice" atau "typed"'
        ),
        "problem_origin": (
            '\'origin\' harus "article" (menguji artikel) atau "note" (catatan belajar),'
            " bukan {origin!r}"
        ),
        "problem_option_count": "kartu choice perlu 2 sampai 4 opsi (dipilih dengan tombol a-d)",
        "problem_one_correct": (
            "kartu choice perlu tepat satu opsi dengan correct = true, sekarang ada {correct}"
        ),
        "problem_options_not_choice": (
            "hanya kartu choice yang punya options; kartu ini bertipe {kind}"
        ),
        "problem_no_answers": (
            'kartu typed perlu answers = ["jawaban yang diterima", ...] (tidak boleh kosong)'
        ),
        "problem_answers_not_typed": (
            "hanya kartu typed yang punya answers; kartu ini bertipe {kind}"
        ),
        "problem_missing_file": "file tidak ada: setiap bahasa perlu {file}",
        "problem_no_translation": (
            "tidak punya pasangan {other}: tambahkan terjemahannya dengan id yang sama"
        ),
        "problem_no_counterpart": "tidak punya pasangan {other}: tambahkan dengan {what} yang sama",
        "problem_card_ids": "id kartu",
        "problem_term_ids": "id istilah dalam urutan yang sama",
        "problem_missing_id": (
            "{what} '{value}' ada di sini tapi tidak ada di {other}: tambahkan di sana dengan id"
            " yang sama, atau hapus dari sini"
        ),
        "problem_number_differs": (
            "item '{id}' bernomor {number} di sini tapi {twin} di {other}: nomor mengikuti artikel"
        ),
        "problem_card_differs": (
            "kartu '{id}' bertipe {kind} untuk {source} di sini tapi {twin_kind} untuk"
            " {twin_source} di {other}: terjemahan memakai tipe dan sumber yang sama"
        ),
        "problem_origin_differs": (
            'kartu \'{id}\' ber-origin "{origin}" di sini tapi "{twin}" di {other}: sebuah'
            " kartu menjadi catatan belajar di kedua bahasa atau tidak sama sekali"
        ),
        "problem_options_differ": (
            "opsi kartu '{id}' berbeda dari {other}: pakai jumlah opsi yang sama dan opsi yang"
            " benar di posisi yang sama"
        ),
        "problem_term_order": (
            "urutan istilah '{id}' tidak sama: {other} punya '{theirs}' di sini; susun istilah"
            " dalam urutan yang sama di kedua bahasa"
        ),
        "problem_term_see": (
            "istilah '{id}' punya see = {see!r} di sini tapi {twin!r} di {other}: sebuah istilah"
            " menunjuk ke tempat yang sama di kedua bahasa"
        ),
        "problem_warning": "peringatan: {message}",
        "problem_same_front": (
            "kartu '{id}' menanyakan hal yang sama dengan kartu '{first}' (baris {line}):"
            " ubah kalimat salah satunya atau hapus salah satunya"
        ),
        "problem_distractor": (
            "kartu '{id}' punya opsi salah yang sama dengan jawaban benarnya ({option!r}):"
            " tulis pengecoh yang lain"
        ),
        "problem_own_answer": (
            "kartu '{id}' tidak menerima jawabannya sendiri {answer!r} bila diketik apa adanya:"
            " tulis seperti pelajar akan mengetiknya"
        ),
        "problem_thin_item_one": (
            "item '{id}' hanya punya {count} kartu: tulis paling sedikit {min} agar dilatih dari"
            " dua sisi"
        ),
        "problem_thin_item": (
            "item '{id}' punya {count} kartu: tulis paling sedikit {min} agar dilatih dari dua sisi"
        ),
        "problem_answer_counts": (
            "kartu '{id}' menerima {mine} jawaban di sini tapi {theirs} di {other}: pelajar harus"
            " punya cara benar yang sama banyaknya di kedua bahasa"
        ),
        "class_learner": "{n} pelajar",
        "class_learners": "{n} pelajar",
        "class_list_caption": "per dek: penguasaan, lalu skor kuis terbaik/terakhir",
        "reason_too_deep": "bersarang lebih dari {levels} tingkat",
        "reason_not_toml": "bukan TOML yang sah",
        "reason_not_toml_at": "bukan TOML yang sah (baris {line}, kolom {column})",
        "reason_bad_version": "schema_version-nya tidak ada atau salah",
        "reason_bad_header": "baris pertamanya (kepala jurnal) rusak",
        "reason_symlink": "tautan simbolik, tidak diikuti",
        "reason_not_file": "bukan file biasa",
        "reason_too_large": "lebih besar dari {mb} MB",
        "reason_bad_entry": "ada nilai tersimpan yang hilang atau salah ({where})",
        "reason_not_utf8": "bukan teks UTF-8",
        "reason_damaged": "data rusak ({detail})",
        "os_enospc": "disk penuh",
        "os_edquot": "kuota disk-mu sudah habis",
        "os_erofs": "sistem file hanya-baca",
        "os_eacces": "izin ditolak",
        "os_eperm": "operasi tidak diizinkan",
        "os_eio": "disk melaporkan galat baca/tulis",
        "os_enoent": "file atau folder tidak ada",
        "os_enotdir": "sebagian jalurnya bukan folder",
        "os_eisdir": "berupa folder, bukan file",
        "os_eexist": "file sudah ada",
        "os_emfile": "terlalu banyak file terbuka di aplikasi",
        "os_enfile": "terlalu banyak file terbuka di sistem",
        "os_enametoolong": "nama file terlalu panjang",
        "os_efbig": "file terlalu besar",
        "os_ebusy": "file atau perangkat sedang dipakai",
        "os_eloop": "terlalu banyak tautan simbolik di jalurnya",
        "os_enomem": "memori tidak cukup",
        "os_eaddrinuse": "alamatnya sudah dipakai",
        "os_eaddrnotavail": "alamat itu bukan milik mesin ini",
        "os_other": "galat sistem {name}",
        "introduction": "Pengantar",
        "study_note": "Catatan belajar (bukan dari artikel)",
        "technologies": "Teknologi",
        "references": "Referensi",
        "no_items": "Bagian ini tidak punya entri.",
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
        "drill_heading": "Latihan: ulas yang jatuh tempo, atau kuis diri sendiri dengan satu dek",
        "column_deck": "Dek",
        "column_due": "Jatuh tempo",
        "column_new": "Baru",
        "column_learned": "Dipelajari",
        "column_mastery": "Penguasaan",
        "column_best": "Terbaik",
        "column_last": "Terakhir",
        "all_decks": "Semua",
        "streak": "Beruntun: {days}",
        "heatmap_caption": "Ulasan, 12 minggu terakhir",
        "heatmap_less": "sedikit",
        "heatmap_more": "banyak",
        "weekdays": "Sn Sl Rb Km Jm Sb Mg",
        "nothing_due": (
            "{deck}: belum ada yang jatuh tempo. Tekan t untuk kuis, atau + untuk {more} kartu"
            " baru lagi."
        ),
        # ---------------------------------------------------- drill: what next, setting aside
        "key_leave_field": "Keluar kolom",
        "help_leave_field": (
            "Keluar dari kolom jawaban: lalu u, o, l, ? dan q bisa dipakai;"
            " Escape sekali lagi mengakhiri latihan"
        ),
        "hint_typed_left": "Enter: kembali mengetik · Escape: akhiri latihan",
        "key_back_to_card": "Kembali ke kartu",
        "help_back_to_card": "Tutup sumber dan kembali ke kartu yang sama",
        "source_title": "Sumber · {place}",
        "source_hint": "Escape atau o: kembali ke kartu, persis seperti tadi",
        "key_bury": "Tunda",
        "help_bury": "Tunda kartu sampai besok (u membatalkan)",
        "key_suspend": "Tangguhkan",
        "help_suspend": "Tangguhkan kartu sampai kamu membatalkannya (u, sekarang)",
        "card_buried": "Ditunda sampai besok. u membatalkan.",
        "card_suspended": "Ditangguhkan: tidak muncul di ulasan sampai dibatalkan (u).",
        "card_taken_back": "Dibatalkan: kartunya kembali ke latihan ini.",
        "set_aside_in_quiz": "Kuis tidak menunda atau menangguhkan kartu: jadwalmu tetap.",
        "saved_again": "Tersimpan: jawaban yang tadi disimpan sementara sudah ditulis.",
        "nothing_due_next": (
            "{deck}: belum ada yang jatuh tempo. Kartu berikutnya {wait} lagi, pukul {time}."
            " Tekan t untuk kuis, atau + untuk {more} kartu baru lagi."
        ),
        "wait_hours": "{h} jam {m} menit",
        "wait_minutes": "{m} menit",
        "more_new_added": "{n} kartu baru tambahan hari ini: tekan Enter pada dek.",
        "key_more_new": "Baru lagi",
        "help_more_new": "Tambah 10 kartu baru untuk hari ini, di luar batas harian",
        "key_new_limit": "Baru per hari",
        "help_new_limit": "Atur berapa kartu baru per hari yang dibawa ulasan",
        "new_limit_title": "Kartu baru per hari (0–999), lalu Enter; Escape membatalkan",
        "new_limit_saved": "Kartu baru per hari: {n}.",
        "new_limit_bad": "Ketik bilangan bulat dari 0 sampai 999.",
        "quiz_chart_caption": "Skor kuis · {deck} · 0–100%",
        "quiz_chart_latest": "terakhir {latest} · terbaik {best} · {quizzes} selesai",
        "quiz_chart_none": "Belum ada kuis yang selesai: tekan t.",
        "quiz_chart_early": "{n} diakhiri lebih awal (tidak dihitung)",
        "no_cards": "{deck} tidak punya kartu.",
        "mode_review": "Ulas",
        "mode_quiz": "Kuis",
        "card_counter": "Kartu {n} dari {total}",
        "leech": "⚑ sering lupa",
        "cards_left": "Baru {new} · Belajar {learning} · Ulasan {review}",
        "save_failed": (
            "Tidak bisa menyimpan: {reason} ({path}). Jawabanmu disimpan sementara dan"
            " ditulis begitu penyimpanan bisa lagi."
        ),
        "leech_suspended": (
            "Sudah 8 kali lupa: kartu ini ditandai sering lupa dan ditangguhkan. Pelajari"
            " entrinya (o), lalu batalkan dengan u kalau mau mengulangnya sekarang."
        ),
        "hint_basic": "Ingat jawabannya, lalu tekan Enter untuk melihatnya.",
        "hint_choice": "Pilih dengan a-{last} atau ↑/↓, lalu tekan Enter.",
        "hint_typed": "Ketik jawabannya dan tekan Enter.",
        "answer_placeholder": "Ketik jawabanmu, lalu Enter",
        "right": "✓ Benar",
        "wrong": "✗ Salah",
        "right_with_typo": "≈ Benar, ada salah ketik",
        "hard_suggested": "disarankan Sulit",
        "you_typed": "kamu mengetik",
        "typed_nothing": "(kosong)",
        "expected": "seharusnya",
        "nothing_to_undo": "Tidak ada yang bisa dibatalkan.",
        "grade_1": "Ulangi",
        "grade_2": "Sulit",
        "grade_3": "Baik",
        "grade_4": "Mudah",
        "summary_finished": "{mode} selesai · {deck}",
        "summary_ended_early": "{mode} diakhiri lebih awal · {deck}",
        "summary_review_cards_value": "{answered} dijawab, {right} benar, {left} tersisa",
        "summary_score_partial": (
            "{score} dari kartu yang dijawab (diakhiri lebih awal: tidak jadi skor terbaik)"
        ),
        "summary_unsaved": (
            "{n} jawaban belum bisa disimpan: jawaban itu disimpan sementara dan ditulis"
            " begitu disk bisa ditulis lagi. Keluar sekarang akan menghilangkannya."
        ),
        "summary_cards": "Kartu",
        "summary_cards_value": "{answered} dari {total} dijawab, {right} benar",
        "summary_accuracy": "Ketepatan",
        "summary_score": "Skor kuis",
        "summary_time": "Waktu",
        "summary_grades": "Nilai",
        "summary_mastery": "Penguasaan",
        "summary_points": "{change} poin",
        "summary_quiz_note": "Kuis tidak mengubah jadwal ulasmu.",
        "summary_keys": "Enter atau Esc: kembali ke tab Latihan · u: batalkan jawaban terakhir",
        "months": "Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des",
        "date": "{day} {month} {year}",
        "days": "{n} hari",
        "day": "{n} hari",
        "quizzes": "{n} kuis",
        "quiz": "{n} kuis",
        "seconds": "{s} dtk",
        "minutes_seconds": "{m} mnt {s} dtk",
        "hours_minutes": "{h} j {m} mnt",
        "interval_minutes": "{n} mnt",
        "interval_hours": "{n} j",
        "interval_days": "{n} hr",
        "interval_months": "{n} bln",
        "interval_years": "{n} th",
        # ------------------------------------------------- class overview (teachers)
        "class_title": "Kelas: {learners} · diperbarui {updated}",
        "class_empty": (
            "Belum ada pelajar di {folder}. Tiap pelajar muncul di sini setelah login pertama."
        ),
        "class_sort_by": "Urutkan:",
        "class_col_profile": "Pelajar",
        "class_col_seen": "Terakhir aktif",
        "class_col_reviews": "Ulasan",
        "class_col_streak": "Beruntun",
        "class_col_due": "Jatuh tempo",
        "class_col_mastery": "Penguasaan",
        "class_col_key": "Kunci",
        "class_col_quiz": "kuis terbaik/terakhir",
        "class_key_language": "Bahasa",
        "class_key_quit": "Keluar",
        "class_seen_now": "baru saja",
        "class_seen_minutes": "{n} menit lalu",
        "class_seen_hours": "{n} jam lalu",
        "class_seen_days": "{n} hari lalu",
        "note_card": "✎ Kartu catatan belajar (bukan dari artikel)",
        "note_cards_in": "Kartu catatan belajar ikut di dek · n untuk mengeluarkannya",
        "note_cards_out": "Kartu catatan belajar tidak ikut di dek · n untuk memasukkannya lagi",
        "not_saved": "Pilihan ini tidak bisa disimpan: {error}",
        "glossary_title": "Glosarium",
        "glossary_count": "{count} istilah yang dipakai materi, beserta penjelasannya",
        "glossary_see": "Dipakai di: {place}",
        "glossary_hint": "Enter membuka tempat istilah dipakai · Escape menutup",
        "glossary_none": "Materi ini tidak punya glosarium.",
        "key_glossary": "Glosarium",
        "key_open": "Buka",
        "help_glossary": "Glosarium: istilah bahasa Inggris yang dipakai materi, dijelaskan",
        "help_glossary_open": "Buka tempat istilah yang disorot dipakai",
        "help_glossary_close": "Tutup glosarium",
        "key_note_cards": "Kartu catatan",
        "help_note_cards": "Masukkan atau keluarkan kartu catatan belajar dari semua dek (diingat)",
    },
}

# What a content problem says in English lives beside the checks that find it
# (content/problems.py: the content package loads no words of ours); the other
# languages are above.
CATALOGUE["en"].update(PROBLEMS)


def text(lang: str, key: str, /, **values: object) -> str:
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


LIST_KEYS = frozenset({"months", "weekdays"})
"""Keys whose value is a list, one item per space (the code splits them)."""


def pseudo(table: Mapping[str, str]) -> dict[str, str]:
    """``table`` with every string wrapped in the pseudo-locale's markers (for tests).

    A list is wrapped item by item: the code shows its items one at a time.
    """
    return {
        key: (
            " ".join(f"{PSEUDO_OPEN}{item}{PSEUDO_CLOSE}" for item in value.split())
            if key in LIST_KEYS
            else f"{PSEUDO_OPEN}{value}{PSEUDO_CLOSE}"
        )
        for key, value in table.items()
    }
