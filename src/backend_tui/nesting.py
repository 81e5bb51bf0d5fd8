"""How deeply a TOML or JSON text nests, found without parsing it.

``tomllib`` and ``json`` recurse once per level of ``[`` / ``{``: a file of a few
hundred kilobytes of brackets ends in a ``RecursionError`` whose traceback alone
is thousands of lines. Scanning first turns such a file into an ordinary "too
deeply nested" error before any parser sees it. Imports nothing of ours.
"""

from __future__ import annotations

import re

# Strings are skipped (their brackets are text), multi-line ones included, so a
# bracket hidden in a string can neither raise nor lower the count; comments too.
_TOKEN_RE = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""'
    r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*"
    r"|[\[\]{}]"
)


def nesting_depth(text: str, limit: int) -> int:
    """Deepest nesting of arrays and tables in ``text``, counted up to ``limit + 1``.

    A ``[table]`` header counts as one level, as an inline array does; the scan stops
    as soon as the depth passes ``limit``, so a hostile text costs no more than a
    short one.
    """
    depth = deepest = 0
    for match in _TOKEN_RE.finditer(text):
        char = match.group()
        if char == "[" or char == "{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        elif char == "]" or char == "}":
            depth = max(0, depth - 1)
    return deepest


__all__ = ["nesting_depth"]
