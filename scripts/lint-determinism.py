#!/usr/bin/env python3
"""Determinism lint for Metronome's kernel and actor code.

Usage:
    python3 scripts/lint-determinism.py DIR [DIR ...]
    python3 scripts/lint-determinism.py --self-test

Scans every *.swift file under the given directories (recursively) for APIs that make a run
depend on anything but its inputs and its seed: the wall clock, the system random generator,
threads and dispatch queues, the global concurrent executor, and hash-ordered iteration of
Dictionary / Set. A line may opt out with a trailing comment `// det-ok: <reason>`; the reason
is required. Comments and string literals are ignored when matching (code inside a string
interpolation `\\( ... )` is still checked).

Exit status: 0 clean, 1 violations, 2 usage error. See docs/determinism.md.
Standard library only (Python 3.11).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from typing import Callable, Optional

# --------------------------------------------------------------------------------------------
# Stripping comments and string literals
# --------------------------------------------------------------------------------------------


@dataclass
class Stripped:
    """The source with comment text and string-literal contents blanked out.

    `code` has exactly the same length and line structure as the original, so an offset in it
    is an offset in the original. `line_comments` maps a 1-based line number to the `//`
    comments on that line, as (offset, full text including the slashes).
    """

    code: str
    line_comments: dict[int, list[tuple[int, str]]]


def _blank(ch: str) -> str:
    return ch if ch == "\n" else " "


def strip_source(src: str) -> Stripped:
    out: list[str] = []
    comments: dict[int, list[tuple[int, str]]] = {}
    n = len(src)
    i = 0
    line = 1
    # Stack of contexts. "code" entries carry the paren depth of an interpolation
    # (None for the top level); "string" entries carry (hashes, multiline).
    stack: list[tuple] = [("code", None)]

    def emit(text: str, blank: bool) -> None:
        nonlocal line
        if blank:
            out.append("".join(_blank(c) for c in text))
        else:
            out.append(text)
        line += text.count("\n")

    while i < n:
        kind = stack[-1][0]
        c = src[i]
        if kind == "code":
            depth = stack[-1][1]
            if src.startswith("//", i):
                j = src.find("\n", i)
                j = n if j < 0 else j
                comments.setdefault(line, []).append((i, src[i:j]))
                emit(src[i:j], True)
                i = j
                continue
            if src.startswith("/*", i):
                # Swift block comments nest.
                nest = 0
                j = i
                while j < n:
                    if src.startswith("/*", j):
                        nest += 1
                        j += 2
                    elif src.startswith("*/", j):
                        nest -= 1
                        j += 2
                        if nest == 0:
                            break
                    else:
                        j += 1
                emit(src[i:j], True)
                i = j
                continue
            m = re.match(r'(#*)("""|")', src[i:i + 64]) if c in '#"' else None
            if m:
                hashes = len(m.group(1))
                multiline = m.group(2) == '"""'
                emit(m.group(0), False)
                i += len(m.group(0))
                stack.append(("string", hashes, multiline))
                continue
            if depth is not None:
                if c == "(":
                    stack[-1] = ("code", depth + 1)
                elif c == ")":
                    if depth == 0:
                        # End of interpolation: back into the string.
                        stack.pop()
                        emit(c, False)
                        i += 1
                        continue
                    stack[-1] = ("code", depth - 1)
            emit(c, False)
            i += 1
            continue

        # Inside a string literal.
        _, hashes, multiline = stack[-1]
        closer = ('"""' if multiline else '"') + "#" * hashes
        if src.startswith(closer, i):
            emit(closer, False)
            i += len(closer)
            stack.pop()
            continue
        escape = "\\" + "#" * hashes
        if src.startswith(escape, i):
            k = i + len(escape)
            if k < n and src[k] == "(":
                # Interpolation: its contents are code.
                emit(src[i:k + 1], True)
                i = k + 1
                stack.append(("code", 0))
                continue
            # Any other escape: blank the backslash and the escaped character.
            j = min(k + 1, n)
            emit(src[i:j], True)
            i = j
            continue
        if c == "\n" and not multiline:
            # Unterminated single-line string: recover at the end of the line.
            stack.pop()
            emit(c, False)
            i += 1
            continue
        emit(c, True)
        i += 1

    return Stripped("".join(out), comments)


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


@dataclass
class Violation:
    line: int
    column: int
    what: str
    rule: str
    hint: str


def _balanced_end(code: str, open_index: int) -> int:
    """Index just past the bracket matching the one at open_index (or len(code))."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    i = open_index
    while i < len(code):
        c = code[i]
        if c in pairs:
            stack.append(pairs[c])
        elif stack and c == stack[-1]:
            stack.pop()
            if not stack:
                return i + 1
        i += 1
    return len(code)


def _no_using_argument(code: str, m: re.Match) -> bool:
    """For `.random(` and friends: banned unless `using:` appears in the argument list."""
    open_index = m.end() - 1
    args = code[open_index:_balanced_end(code, open_index)]
    return re.search(r"\busing\s*:", args) is None


def _thread_as_type(code: str, m: re.Match) -> bool:
    after = code[m.end():m.end() + 40]
    if re.match(r"\s*[.({]", after):
        return True
    before = code[max(0, m.start() - 40):m.start()].rstrip()
    return before.endswith(":")


@dataclass
class Rule:
    pattern: re.Pattern
    what: Callable[[re.Match], str] | str
    rule: str
    hint: str
    check: Optional[Callable[[str, re.Match], bool]] = None


HINT_CLOCK = "the context's clock (context.now / context.clock)"
HINT_TIMER = "a kernel timer (context.schedule) or context.clock"
HINT_RANDOM = "context.random (RandomStream)"
HINT_EXEC = "Task(executorPreference: context.executor)"
HINT_THREADS = "kernel tasks on the kernel executor (Task(executorPreference: context.executor))"
HINT_ORDER = "OrderedDictionary or sorted keys"

RULES: list[Rule] = [
    # Wall clock
    Rule(re.compile(r"\bDate\s*\(\s*\)"), "Date()", "wall clock", HINT_CLOCK),
    Rule(re.compile(r"\bDate\s*\.\s*now\b"), "Date.now", "wall clock", HINT_CLOCK),
    Rule(re.compile(r"\bDate\s*\(\s*timeIntervalSinceNow\b"), "Date(timeIntervalSinceNow:)",
         "wall clock", HINT_CLOCK),
    Rule(re.compile(r"\b(ContinuousClock|SuspendingClock)\b"), lambda m: m.group(1),
         "wall clock", HINT_CLOCK),
    Rule(re.compile(r"\b(clock_gettime\w*|gettimeofday|mach_absolute_time|mach_continuous_time)\b"),
         lambda m: m.group(1), "wall clock", HINT_CLOCK),
    Rule(re.compile(r"\btime\s*\(\s*nil\s*\)"), "time(nil)", "wall clock", HINT_CLOCK),
    Rule(re.compile(r"\b(DispatchTime|DispatchWallTime)\s*\.\s*now\b"), lambda m: m.group(1) + ".now",
         "wall clock", HINT_CLOCK),
    # Global concurrent executor
    Rule(re.compile(r"\bTask\s*\.\s*sleep\b"), "Task.sleep", "global executor / wall clock",
         HINT_TIMER),
    Rule(re.compile(r"\bTask\s*\.\s*detached\b"), "Task.detached", "global executor", HINT_EXEC),
    # Threads and queues
    Rule(re.compile(r"\bDispatchQueue\b"), "DispatchQueue", "threads", HINT_THREADS),
    Rule(re.compile(r"\bThread\b"), "Thread", "threads", HINT_THREADS, _thread_as_type),
    Rule(re.compile(r"\bpthread_create\b"), "pthread_create", "threads", HINT_THREADS),
    # Randomness
    Rule(re.compile(r"\bSystemRandomNumberGenerator\b"), "SystemRandomNumberGenerator",
         "unseeded randomness", HINT_RANDOM),
    Rule(re.compile(r"\.\s*(random|randomElement|shuffled|shuffle)\s*\("),
         lambda m: "." + m.group(1) + "() without using:", "unseeded randomness",
         HINT_RANDOM + ", or pass using: &context.random", _no_using_argument),
    Rule(re.compile(r"\b(arc4random\w*|drand48)\b"), lambda m: m.group(1), "unseeded randomness",
         HINT_RANDOM),
    Rule(re.compile(r"\bUUID\s*\(\s*\)"), "UUID()", "unseeded randomness",
         "context.ids (IDGenerator)"),
    # Swift's hashing is seeded per process
    Rule(re.compile(r"\.\s*hashValue\b"), ".hashValue", "per-process hash seed",
         "XXH64 or RandomStream.fnv1a64 (portable, fixed)"),
    Rule(re.compile(r"\bHasher\s*\("), "Hasher()", "per-process hash seed",
         "XXH64 or RandomStream.fnv1a64 (portable, fixed)"),
]

# --------------------------------------------------------------------------------------------
# Dictionary / Set iteration (heuristic)
# --------------------------------------------------------------------------------------------

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"


def _is_dictionary_type(code: str, open_index: int) -> tuple[bool, int]:
    """Is the bracketed type/literal starting at open_index `[K: V]` (top-level colon)?"""
    end = _balanced_end(code, open_index)
    inner = code[open_index + 1:end - 1]
    depth = 0
    for ch in inner:
        if ch in "([{<":
            depth += 1
        elif ch in ")]}>":
            depth -= 1
        elif ch == ":" and depth == 0:
            return True, end
    return False, end


def collect_unordered_names(code: str) -> set[str]:
    names: set[str] = set()
    # name: [K: V]   /   name: [K: V]?   /   name = [K: V]()
    for m in re.finditer(rf"\b({IDENT})\s*(:|=)\s*\[", code):
        is_dict, end = _is_dictionary_type(code, m.end() - 1)
        if not is_dict or _is_type_in_annotation(code, m.start(1)):
            continue
        names.add(m.group(1))
    # name: Dictionary<   name: Set<   (word boundary: OrderedDictionary / OrderedSet don't match)
    for m in re.finditer(rf"\b({IDENT})\s*:\s*(?:Swift\s*\.\s*)?(?:Dictionary|Set)\s*<", code):
        names.add(m.group(1))
    # name = [:]   /   name: SomeType = [:]   (unless the type is ordered: OrderedDictionary,
    # KeyValuePairs)
    for m in re.finditer(rf"\b({IDENT})\s*(:[^=\n;{{}}]*)?=\s*\[\s*:\s*\]", code):
        annotation = m.group(2) or ""
        if re.search(r"Ordered|KeyValuePairs", annotation):
            continue
        names.add(m.group(1))
    # name = Set(...) / Set<T>(...) / Dictionary(...) / Dictionary<K, V>(...)
    for m in re.finditer(rf"\b({IDENT})\s*=\s*(?:Swift\s*\.\s*)?(?:Dictionary|Set)\b\s*[(<]", code):
        names.add(m.group(1))
    # Keywords can't be variable names; drop anything odd that slipped in.
    return {n for n in names if n not in SWIFT_KEYWORDS}


def _is_type_in_annotation(code: str, start: int) -> bool:
    """Is the identifier at `start` the (possibly qualified) type of an annotation, as
    `Metadata` in `var metadata: Logger.Metadata = [:]`?"""
    line_start = code.rfind("\n", 0, start) + 1
    prefix = code[max(line_start, start - 200):start]
    return re.search(r"(:\s*|\.)[\w.]*$", prefix) is not None


SWIFT_KEYWORDS = {
    "self", "Self", "let", "var", "case", "default", "in", "return", "for", "where", "if",
    "else", "guard", "switch", "func", "init", "static", "private", "public", "internal",
}

ITERATING_METHODS = (
    "forEach", "map", "compactMap", "flatMap", "filter", "reduce", "first", "enumerated",
    "joined", "makeIterator", "popFirst", "allSatisfy", "contains(where",
)


def _for_in_sequences(code: str):
    """Yield (start, expression) for each `for <pattern> in <expression> {`."""
    for m in re.finditer(r"\bfor\b(?:\s+(?:try\s+)?(?:await\s+)?(?:case\s+)?)[^{}\n;=:]*?\s+in\s+", code):
        start = m.end()
        i = start
        depth = 0
        while i < len(code):
            ch = code[i]
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth -= 1
            elif ch == "{" and depth <= 0:
                break
            elif depth <= 0 and re.match(r"\bwhere\b", code[i:i + 6]) and (i == 0 or not (code[i - 1].isalnum() or code[i - 1] == "_")):
                break
            i += 1
        yield start, code[start:i]


def dictionary_iteration(code: str) -> list[tuple[int, str]]:
    """Offsets and descriptions of probable hash-ordered iterations."""
    found: list[tuple[int, str]] = []
    names = collect_unordered_names(code)

    for start, expr in _for_in_sequences(code):
        text = " ".join(expr.split())
        if re.search(r"\bsorted\b", text):
            continue
        bare = re.sub(r"^(?:try\s+|await\s+)*", "", text)
        bare_compact = re.sub(r"\s*\.\s*", ".", bare)
        m = re.match(rf"(?:self\.)?({IDENT})(.*)$", bare_compact)
        flagged = None
        if m and m.group(1) in names and not m.group(2).startswith(("[", "(")):
            flagged = f"iterating '{m.group(1)}' (Dictionary/Set) with for-in"
        elif re.search(r"\.(keys|values)(\.lazy|\.enumerated\(\)|\.reversed\(\))*$", bare_compact):
            flagged = "iterating .keys/.values with for-in"
        if flagged:
            offset = start + (len(expr) - len(expr.lstrip()))
            found.append((offset, flagged))

    if names:
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        methods = "|".join(re.escape(x) for x in ITERATING_METHODS)
        pat = re.compile(
            rf"(?<![\w.])(?:self\s*\.\s*)?({alternatives})\b((?:\s*\.\s*(?:keys|values|lazy))*)"
            rf"\s*\.\s*({methods})\b"
        )
        for m in pat.finditer(code):
            chain = re.sub(r"\s+", "", m.group(2))
            found.append((m.start(), f"'{m.group(1)}{chain}.{m.group(3)}' (Dictionary/Set iteration)"))
    return found


# --------------------------------------------------------------------------------------------
# Checking a file
# --------------------------------------------------------------------------------------------

DET_OK = re.compile(r"^//\s*det-ok\s*:(.*)$")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for idx, ch in enumerate(text):
        if ch == "\n":
            starts.append(idx + 1)
    return starts


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1, offset - starts[lo] + 1


def check_source(src: str) -> list[Violation]:
    stripped = strip_source(src)
    code = stripped.code
    starts = _line_starts(code)

    # Escape markers per line: True = valid (has reason), False = missing reason.
    markers: dict[int, bool] = {}
    violations: list[Violation] = []
    for line, texts in stripped.line_comments.items():
        for offset, text in texts:
            m = DET_OK.match(text)
            if not m:
                continue
            if m.group(1).strip():
                markers[line] = True
            else:
                markers.setdefault(line, False)
                col = _position(starts, offset)[1]
                violations.append(Violation(
                    line, col, "'// det-ok:' without a reason", "escape marker",
                    "'// det-ok: <why this line is deterministic anyway>'"))

    raw: list[tuple[int, str, str, str]] = []
    for rule in RULES:
        for m in rule.pattern.finditer(code):
            if rule.check and not rule.check(code, m):
                continue
            what = rule.what(m) if callable(rule.what) else rule.what
            raw.append((m.start(), what, rule.rule, rule.hint))
    for offset, what in dictionary_iteration(code):
        raw.append((offset, what, "hash-ordered iteration", HINT_ORDER))

    seen: set[tuple[int, str]] = set()
    for offset, what, rule, hint in raw:
        line, col = _position(starts, offset)
        if markers.get(line) is True:
            continue
        if (offset, rule) in seen:
            continue
        seen.add((offset, rule))
        violations.append(Violation(line, col, what, rule, hint))
    violations.sort(key=lambda v: (v.line, v.column))
    return violations


def format_violation(path: str, v: Violation) -> str:
    if v.rule == "escape marker":
        return f"{path}:{v.line}:{v.column}: error: {v.what} is not allowed; write {v.hint}"
    return (f"{path}:{v.line}:{v.column}: error: {v.what} is banned in deterministic code "
            f"({v.rule}); use {v.hint} or mark the line '// det-ok: <reason>'")


def swift_files(directory: str) -> list[str]:
    result = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".swift"):
                result.append(os.path.join(root, name))
    return result


# --------------------------------------------------------------------------------------------
# Self-test
# --------------------------------------------------------------------------------------------

SELF_TEST_CASES: list[tuple[str, int]] = [
    ("let h = name.hashValue", 1),
    ("var hasher = Hasher()", 1),
    ("let h = XXH64.hash(bytes)", 0),
    # Wall clock
    ("let t = Date()", 1),
    ("let t = Foundation.Date( )", 1),
    ("let t = Date.now", 1),
    ("let t = Date(timeIntervalSinceNow: 5)", 1),
    ("let t = Date(timeIntervalSince1970: 5)", 0),
    ("let c = ContinuousClock()\nlet t = c.now", 1),
    ("let t = SuspendingClock.now", 1),
    ("func f(_ c: some Clock) {}\nlet x = MyClock.now", 0),
    ("clock_gettime(CLOCK_MONOTONIC, &ts)", 1),
    ("gettimeofday(&tv, nil)", 1),
    ("let s = time(nil)", 1),
    ("let s = runtime(nil)", 0),
    ("let t = mach_absolute_time()", 1),
    ("let d = DispatchTime.now() + 1", 1),
    ("let t = context.now", 0),
    # Executor
    ("try await Task.sleep(for: .seconds(1))", 1),
    ("Task.detached { work() }", 1),
    ("Task(executorPreference: context.executor) { work() }", 0),
    ("try Task.checkCancellation()", 0),
    # Threads
    ("DispatchQueue.main.async { }", 1),
    ("let q = DispatchQueue(label: \"x\")", 1),
    ("Thread.sleep(forTimeInterval: 1)", 1),
    ("let t = Thread { }", 1),
    ("final class Worker: Thread {}", 1),
    ("var owner = KernelThread()\nif executor.isOnKernelThread {}\nExecutorGuards.setKernelThread(true)", 0),
    ("pthread_create(&tid, nil, body, nil)", 1),
    ("pthread_mutex_lock(&mutex); pthread_cond_wait(&cond, &mutex)", 0),
    # Randomness
    ("var g = SystemRandomNumberGenerator()", 1),
    ("let x = Int.random(in: 0..<10)", 1),
    ("let x = Double.random(in: 0..<1, using: &context.random)", 0),
    ("let x: Bool = .random()", 1),
    ("let e = items.randomElement()", 1),
    ("let e = items.randomElement(using: &rng)", 0),
    ("let s = items.shuffled()", 1),
    ("items.shuffle()", 1),
    ("items.shuffle(using: &context.random)", 0),
    ("let r = arc4random_uniform(6)", 1),
    ("let r = drand48()", 1),
    ("let id = UUID()", 1),
    ("let id = UUID(uuidString: s)", 0),
    ("let u = context.random.nextDouble()", 0),
    # Dictionary / Set iteration
    ("var prices: [String: Int] = [:]\nfor (k, v) in prices { use(k, v) }", 1),
    ("var prices: [String: [Int]] = [:]\nfor k in prices.keys.sorted() { use(k) }", 0),
    ("var prices: [String: Int] = [:]\nfor k in prices.keys { use(k) }", 1),
    ("var prices: [String: Int] = [:]\nfor v in self.prices.values { use(v) }", 1),
    ("var prices: [String: Int] = [:]\nlet s = prices.sorted(by: { $0.key < $1.key })", 0),
    ("var prices: [String: Int] = [:]\nlet m = prices.values.min()\nlet n = prices.max(by: f)", 0),
    ("var prices: [String: Int] = [:]\nprices.forEach { print($0) }", 1),
    ("var prices: [String: Int] = [:]\nlet a = prices.map { $0.value }", 1),
    ("var prices: [String: Int] = [:]\nlet a = prices.values.reduce(0, +)", 1),
    ("var prices: [String: Int] = [:]\nlet a = prices.first", 1),
    ("var prices: [String: Int] = [:]\nlet a = prices[key].map { $0 + 1 }", 0),
    ("var seen = Set<Int>()\nfor s in seen { use(s) }", 1),
    ("var seen: Set<Int> = []\nlet f = seen.filter { $0 > 1 }", 1),
    ("var ordered: OrderedSet<Int> = []\nfor s in ordered { use(s) }", 0),
    ("var ordered: OrderedDictionary<String, Int> = [:]\nfor (k, v) in ordered { use(k, v) }", 0),
    ("var meta: Logger.Metadata = [:]\nmeta.forEach { print($0) }", 1),
    ("func wait(for duration: Duration, in region: Region) {}", 0),
    ("let book = Dictionary(grouping: xs, by: f)\nbook.compactMap { $0 }", 1),
    ("let xs: [Int] = [1, 2]\nfor x in xs { use(x) }", 0),
    ("for x in other.values { use(x) }", 1),
    ("for x in other.values.sorted() { use(x) }", 0),
    ("for i in 0..<n where i > 1 { use(i) }", 0),
    ("var m: [Int: Int] = [:]\nfor x in m[key] ?? [] { use(x) }", 0),
    # Escape hatch
    ("let t = Date()  // det-ok: live clock reads the wall", 0),
    ("let t = Date()  // det-ok:", 2),
    ("let t = Date()  // det-ok:    ", 2),
    ("let x = 1  // det-ok:", 1),
    ("let t = Date()\n// det-ok: wrong line", 1),
    # Comments and strings don't match
    ("/// Never call `Date()` or `Thread.sleep` here.\nlet x = 1", 0),
    ("/* Task.detached { } \n /* nested Date() */ UUID() */ let y = 2", 0),
    ("let s = \"Date() and Int.random(in: 0..<3)\"", 0),
    ("let s = \"escaped \\\" Date() \\\\\"; let t = 3", 0),
    ("let s = \"\"\"\n  Date()\n  Thread.sleep\n  \"\"\"\nlet x = 1", 0),
    ("let s = #\"raw \"Date()\" here\"#", 0),
    ("let s = \"at \\(Date())\"", 1),
    ("let s = \"\\(x.map { \"\\(y)\" }) Date()\"", 0),
    ("let s = \"\"\"\n\\(UUID())\n\"\"\"", 1),
    ("let s = \"// det-ok: not a comment\"; let t = Date()", 1),
]


def self_test() -> int:
    failures = 0
    for index, (snippet, expected) in enumerate(SELF_TEST_CASES, 1):
        got = check_source(snippet)
        if len(got) != expected:
            failures += 1
            print(f"FAIL case {index}: expected {expected} violation(s), got {len(got)}")
            print("  snippet: " + snippet.replace("\n", "\n           "))
            for v in got:
                print("  " + format_violation("<snippet>", v))
    total = len(SELF_TEST_CASES)
    if failures:
        print(f"determinism lint self-test: {failures} of {total} cases failed")
        return 1
    print(f"determinism lint self-test: all {total} cases passed")
    return 0


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

USAGE = "usage: lint-determinism.py DIR [DIR ...]   |   lint-determinism.py --self-test"


def main(argv: list[str]) -> int:
    args = argv[1:]
    if args in (["-h"], ["--help"]):
        print((__doc__ or USAGE).strip())
        return 0
    if args == ["--self-test"]:
        return self_test()
    if not args:
        print("lint-determinism: no directories given", file=sys.stderr)
        print(USAGE, file=sys.stderr)
        return 2
    for arg in args:
        if arg.startswith("-"):
            print(f"lint-determinism: unknown option '{arg}'", file=sys.stderr)
            print(USAGE, file=sys.stderr)
            return 2
    for arg in args:
        if not os.path.isdir(arg):
            what = "is not a directory" if os.path.exists(arg) else "does not exist"
            print(f"lint-determinism: '{arg}' {what} (cwd: {os.getcwd()})", file=sys.stderr)
            return 2

    files_checked = 0
    files_with_violations = 0
    total = 0
    for directory in args:
        for path in swift_files(directory):
            files_checked += 1
            try:
                with open(path, encoding="utf-8", errors="replace") as handle:
                    src = handle.read()
            except OSError as error:
                print(f"lint-determinism: cannot read {path}: {error}", file=sys.stderr)
                return 2
            violations = check_source(src)
            if violations:
                files_with_violations += 1
                total += len(violations)
                for v in violations:
                    print(format_violation(path, v))
    if total:
        print(f"determinism lint: {total} violation{'s' if total != 1 else ''} in "
              f"{files_with_violations} file{'s' if files_with_violations != 1 else ''}")
        return 1
    print(f"determinism lint: {files_checked} files checked, no violations")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
