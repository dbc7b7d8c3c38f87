#!/usr/bin/env python3
"""Kernel vocabulary lint: the kernel knows no trading (issue 20, item 1).

Usage:
    python3 scripts/lint-kernel-vocabulary.py [--pending FILE] [KERNEL_DIR]   (default: Kernel)
    python3 scripts/lint-kernel-vocabulary.py --self-test

Scans every *.swift file under KERNEL_DIR for trading words (TRADING_WORDS) in
- identifiers (camelCase and snake_case split into words: `bidPrice` is "bid" and "price"),
- string literals (error messages and names a user reads),
- DocC symbol references in comments (``Quote``): a comment may say "the total order", but it
  may not point at a trading type.
Plain comment prose is not checked: the kernel's own words (order, position, signal as in a
thread signal) are ordinary English there.

A line may opt out with a trailing comment `// kernel-vocabulary-ok: <reason>` (the reason is
required). Files that still hold trading code while it moves out of the kernel are listed in
scripts/kernel-vocabulary-pending.txt (or FILE; paths relative to the working directory): their
findings are counted, not reported. The list only
shrinks: a listed file that is gone or clean is an error, so it must be taken off the list.

Exit status: 0 clean, 1 findings, 2 usage error. See docs/architecture.md ("The kernel knows no
trading"). Standard library only (Python 3.11).
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
PENDING_LIST = os.path.join(HERE, "kernel-vocabulary-pending.txt")

# Words of the trading domain, lower case. A kernel identifier made of any of them names
# something the kernel should not know; generic words with a trading sense (order, market,
# signal) are included because in an identifier they name the trading thing. "position" is left
# out: the journal's readers and the hash speak of byte positions.
TRADING_WORDS = frozenset("""
    quote quotes bid bids ask asks price prices spread mid
    order orders fill fills trade trades bar bars ohlc
    intent intents forecast forecasts signal signals slate slates indicator indicators
    gate gates portfolio portfolios broker brokers venue venues
    symbol symbols instrument instruments tca pnl cash fee fees kelly cvar drawdown
    agent agents blender sizer router market markets exchange execution
""".split())

EXEMPTION = re.compile(r"//\s*kernel-vocabulary-ok:\s*\S")


def _load_stripper():
    spec = importlib.util.spec_from_file_location("lint_determinism", os.path.join(HERE, "lint-determinism.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules["lint_determinism"] = module
    spec.loader.exec_module(module)
    return module.strip_source


strip_source = _load_stripper()


def words_of(identifier: str) -> list[str]:
    """`bidPrice` → [bid, price]; `LOG_MID` → [log, mid]; `HTTPQuote` → [http, quote]."""
    parts = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+", identifier)
    return [p.lower() for p in parts]


@dataclass
class Finding:
    line: int
    word: str
    where: str  # "identifier", "string" or "doc reference"
    text: str


def _line_of(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1


def check_source(src: str) -> list[Finding]:
    stripped = strip_source(src)
    code = stripped.code
    starts = [0] + [i + 1 for i, c in enumerate(src) if c == "\n"]
    lines = src.split("\n")
    found: list[Finding] = []

    def add(offset: int, token: str, where: str) -> None:
        line = _line_of(starts, offset)
        if EXEMPTION.search(lines[line - 1]):
            return
        for word in words_of(token):
            if word in TRADING_WORDS:
                found.append(Finding(line, word, where, token))
                return

    string_spans: list[tuple[int, int]] = []
    for m in re.finditer(r'"""[\s\S]*?"""|"[^"\n]*"', code):
        string_spans.append((m.start(), m.end()))
        for w in re.finditer(r"[A-Za-z_][A-Za-z0-9_]*", src[m.start():m.end()]):
            add(m.start() + w.start(), w.group(0), "string")
    in_string = lambda offset: any(a <= offset < b for a, b in string_spans)
    for m in re.finditer(r"[A-Za-z_][A-Za-z0-9_]*", code):
        if not in_string(m.start()):
            add(m.start(), m.group(0), "identifier")
    for line, comments in stripped.line_comments.items():
        for offset, text in comments:
            for ref in re.finditer(r"``([^`]+)``", text):
                for w in re.finditer(r"[A-Za-z_][A-Za-z0-9_]*", ref.group(1)):
                    add(offset + ref.start(1) + w.start(), w.group(0), "doc reference")
    # One finding per line and word is enough to read.
    unique: dict[tuple[int, str], Finding] = {}
    for f in found:
        unique.setdefault((f.line, f.word), f)
    return sorted(unique.values(), key=lambda f: (f.line, f.word))


def swift_files(directory: str) -> list[str]:
    paths = []
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".swift"):
                paths.append(os.path.join(root, name))
    return paths


def read_pending(path: str) -> list[str]:
    if not os.path.exists(path):
        return []
    entries = []
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.split("#", 1)[0].strip()
            if line:
                entries.append(line)
    return entries


def lint(directory: str, pending_list: str) -> int:
    pending = read_pending(pending_list)
    pending_findings = 0
    failures: list[str] = []
    files = swift_files(directory)
    relative = {os.path.relpath(p): p for p in files}
    for entry in pending:
        if entry not in relative:
            failures.append(f"{pending_list}: {entry} is listed but no longer exists: take it off the list")
    for rel, path in relative.items():
        with open(path, encoding="utf-8") as handle:
            findings = check_source(handle.read())
        if rel in pending:
            if not findings:
                failures.append(f"{pending_list}: {rel} holds no trading words any more: take it off the list")
            pending_findings += len(findings)
            continue
        for f in findings:
            failures.append(f"{rel}:{f.line}: trading word '{f.word}' in {f.where} `{f.text}` "
                            f"(the kernel knows no trading: move it out of Kernel/, or end the line with "
                            f"`// kernel-vocabulary-ok: <why>`)")
    for failure in failures:
        print(failure)
    listed = [e for e in pending if e in relative]
    if listed:
        print(f"kernel vocabulary: {len(listed)} file(s) still to move out of {directory}/ "
              f"({pending_findings} finding(s)), listed in {os.path.relpath(pending_list)}")
    if failures:
        print(f"kernel vocabulary: {len(failures)} problem(s)")
        return 1
    print(f"kernel vocabulary: {len(files)} files checked, {len(files) - len(listed)} clean, the rest pending")
    return 0


def self_test() -> int:
    cases = [
        ("let x = 1\n", 0),
        ("func logMid(of q: Quote) -> Double { 0 }\n", 2),
        ("var bidPrice: Int64\n", 1),
        ("// a quote goes by, in total order\nlet a = 1\n", 0),
        ("/// See ``Quote``.\nlet a = 1\n", 1),
        ('let s = "unknown order tag"\n', 1),
        ('let s = "message \\(count) bytes"\n', 0),
        ("let q: Quote // kernel-vocabulary-ok: the test of the exemption\n", 0),
        ("let q: Quote // kernel-vocabulary-ok:\n", 1),
        ("let ordering = Ordering.relaxed\n", 0),
        ("var LOG_MID = 0\n", 1),
    ]
    failed = 0
    for src, expected in cases:
        got = len(check_source(src))
        if got != expected:
            failed += 1
            print(f"self-test: {src!r}: {got} finding(s), expected {expected}")
    if words_of("HTTPQuoteID") != ["http", "quote", "id"]:
        failed += 1
        print(f"self-test: words_of('HTTPQuoteID') = {words_of('HTTPQuoteID')}")
    print("self-test: " + ("ok" if failed == 0 else f"{failed} failed"))
    return 0 if failed == 0 else 1


def main(argv: list[str]) -> int:
    arguments = argv[1:]
    if arguments == ["--self-test"]:
        return self_test()
    pending_list = PENDING_LIST
    if arguments[:1] == ["--pending"]:
        if len(arguments) < 2:
            print(__doc__)
            return 2
        pending_list, arguments = arguments[1], arguments[2:]
    if len(arguments) > 1:
        print(__doc__)
        return 2
    directory = arguments[0] if arguments else "Kernel"
    if not os.path.isdir(directory):
        print(f"lint-kernel-vocabulary: {directory} is not a directory")
        return 2
    return lint(directory, pending_list)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
