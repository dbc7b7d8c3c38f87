#!/usr/bin/env python3
"""Runs the pinned library runs of Tests/ScenariosTests/GoldenDigestTests.swift through the release
binary and compares events and both digests: the test suite runs a debug build, and users run the
release one, so `make test` checks that the release build decides exactly the same; and that the
release build refuses the chaos self-test's planted bug, a test hook of debug builds.

Only the runs of the current log format are checked (the entries without `definition:` or
`trace:`); the release binary records and digests nothing else.

    python3 scripts/check-release-digests.py [--binary .build/release/metronome]

Exit 0 when every run matches, 1 when one differs, 2 on bad usage or an unreadable pin.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "Tests", "ScenariosTests", "GoldenDigestTests.swift")
ENTRY = re.compile(r'Golden\(scenario: "([\w-]+)", length: ([^,]+), events: ([\d_]+), digest: "(\w+)", '
                   r'decisionDigest: "(\w+)"(,[^)]*)?\)')
# The length expressions the pins use, in the CLI's --until words.
LENGTHS = {"nil": None, "2 * hour": "2h", "hour": "1h", "hour / 6": "10m"}


def pinned_runs():
    text = open(GOLDEN, encoding="utf-8").read()
    runs = []
    for match in ENTRY.finditer(text):
        scenario, length, events, digest, decision, rest = match.groups()
        if rest and ("definition:" in rest or "trace:" in rest):
            continue
        if length.strip() not in LENGTHS:
            sys.exit(f"check-release-digests: {GOLDEN}: no --until for the length '{length}' of {scenario}")
        runs.append((scenario, LENGTHS[length.strip()], int(events.replace("_", "")), digest, decision))
    if not runs:
        sys.exit(f"check-release-digests: {GOLDEN}: no pinned run of the current format found")
    return runs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "metronome"))
    arguments = parser.parse_args()
    if not os.access(arguments.binary, os.X_OK):
        print(f"check-release-digests: no binary at {arguments.binary} (make build)", file=sys.stderr)
        return 2
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        for scenario, until, events, digest, decision in pinned_runs():
            report = os.path.join(scratch, f"{scenario}.json")
            command = [arguments.binary, "run", scenario, "--quiet", "--report-json", report]
            if until:
                command += ["--until", until]
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            if result.returncode != 0:
                print(f"FAIL {scenario}: exit {result.returncode}: {result.stderr.strip()}")
                failures += 1
                continue
            figures = json.load(open(report, encoding="utf-8"))
            found = (figures.get("events"), figures.get("digest"), figures.get("decision_digest"))
            label = f"{scenario} ({'--until ' + until if until else 'whole'})"
            if found == (events, digest, decision):
                print(f"ok   {label}: {events:,} events, digest {digest}, decision_digest {decision}")
            else:
                print(f"FAIL {label}: release build {found}, pinned {(events, digest, decision)}")
                failures += 1
    failures += check_planted_bug_refused(arguments.binary)
    return 1 if failures else 0


def check_planted_bug_refused(binary):
    """The chaos self-test's planted bug is a test hook of debug builds (docs/chaos.md): the
    release binary must refuse a scenario that asks for it, at the `planted_bug` line."""
    with open(os.path.join(ROOT, "Scenarios", "Library", "calm-day.yaml"), encoding="utf-8") as source:
        text = source.read().rstrip("\n") + "\n"
    if "\nchaos:" in text:
        sys.exit("check-release-digests: calm-day.yaml has a chaos: section; pick another scenario for the planted-bug check")
    line = text.count("\n") + 2
    with tempfile.TemporaryDirectory() as scratch:
        path = os.path.join(scratch, "planted.yaml")
        with open(path, "w", encoding="utf-8") as scenario:
            scenario.write(text + "chaos:\n  planted_bug: duplicate-fills\n")
        result = subprocess.run([binary, "validate", path], cwd=ROOT, capture_output=True, text=True)
    output = result.stdout + result.stderr
    if result.returncode != 0 and f"planted.yaml:{line}:" in output and "test hook of debug builds" in output:
        print(f"ok   planted_bug refused by the release build at line {line}")
        return 0
    print(f"FAIL planted_bug: the release build should refuse it at line {line} (exit {result.returncode}): {output.strip()}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
