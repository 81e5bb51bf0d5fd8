"""What a start pays for its study material: checking the TOML, or reading the cache back.

Run: python bench/bench_content.py [--runs 200] [--content DIR]

Rows, interleaved in one run so they see the same machine load:

- read back from the cache (checksummed JSON, every field checked): what a start
  pays when the material is unchanged;
- the same model from a pickle: the format the cache used before, which ran any
  code its file named; the baseline of the ratio column;
- loading and checking the TOML: what a start pays on a miss (and ``check``).

In a fresh process also the one-off import of the parts each path needs
(``json`` for the cache, ``tomllib`` and the loader for the TOML).
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from backend_tui.content.cache import fingerprint, read_cache, write_cache
from backend_tui.content.loader import load_content
from backend_tui.paths import bundled_content_dir

# What the app has imported anyway before it reads its material: not counted.
IMPORT_TIME = """
import time, re, datetime, zlib, pathlib
t = time.perf_counter()
{statement}
print(time.perf_counter() - t)
"""


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def fresh_import(statement: str, runs: int) -> list[float]:
    """Seconds to run ``statement`` as the first thing a new interpreter does."""
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", IMPORT_TIME.format(statement=statement)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        times.append(float(out))
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--content", type=Path, default=None)
    args = parser.parse_args(argv)
    root = (args.content or bundled_content_dir()).resolve()

    content = load_content(root)
    key = fingerprint(root)
    with tempfile.TemporaryDirectory(prefix="bt-bench-") as tmp:
        cache = Path(tmp) / "content.json"
        write_cache(cache, key, content)
        pickled = Path(tmp) / "content.pickle"
        pickled.write_bytes(pickle.dumps((key, content), protocol=pickle.HIGHEST_PROTOCOL))
        assert read_cache(cache, key, root) == content

        rows: dict[str, Callable[[], object]] = {
            "read back from the cache (JSON, checked)": lambda: read_cache(cache, key, root),
            "the same from a pickle (baseline)": lambda: pickle.loads(pickled.read_bytes()),
            "load and check the TOML (a miss)": lambda: load_content(root),
        }
        times: dict[str, list[float]] = {name: [] for name in rows}
        for _ in range(args.runs):
            for name, run in rows.items():
                start = time.perf_counter()
                run()
                times[name].append(time.perf_counter() - start)

        print(f"study material of {root}, {args.runs} runs each, interleaved\n")
        print("| path | median | p95 | ratio to pickle |")
        print("|---|---|---|---|")
        baseline = statistics.median(times["the same from a pickle (baseline)"])
        for name, values in times.items():
            median = statistics.median(values)
            print(
                f"| {name} | {median * 1000:.2f} ms | {p95(values) * 1000:.2f} ms "
                f"| {median / baseline:.1f}x |"
            )
        print(
            f"\ncache file {cache.stat().st_size:,} bytes, pickle {pickled.stat().st_size:,} bytes"
        )

    imports = {
        "json (the cache)": "import json",
        "pickle (the old cache)": "import pickle",
        "tomllib and the loader (a miss)": "import backend_tui.content.loader",
    }
    runs = max(5, args.runs // 20)
    print(f"\none-off import in a fresh interpreter, {runs} runs each\n")
    print("| import | median | p95 |")
    print("|---|---|---|")
    for name, statement in imports.items():
        values = fresh_import(statement, runs)
        print(
            f"| {name} | {statistics.median(values) * 1000:.2f} ms | {p95(values) * 1000:.2f} ms |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
