#!/usr/bin/env bash
# Builds Examples/custom-agent — a package outside Metronome's own targets that registers an agent
# type — and checks what docs/extending.md promises: its own metronome runs a scenario using the
# type, records it, replays it exactly, runs a chaos suite on it; Metronome's own executable
# refuses the log, naming the missing component.
set -euo pipefail
cd "$(dirname "$0")/.."
package=Examples/custom-agent
# Metronome is a path dependency here: without re-planning, SwiftPM can miss source files added to
# it since the example was last built.
swift build --package-path "$package" --product metronome-custom --disable-build-manifest-caching
custom="$package/.build/debug/metronome-custom"
plain=.build/debug/metronome
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "example package: $*" >&2; exit 1; }

"$custom" validate "$package/breakout.yaml" > "$work/validate.txt" || fail "validate failed: $(cat "$work/validate.txt")"
"$custom" run "$package/breakout.yaml" --until 1h --record "$work/breakout.mlog" --record-signals --report-json "$work/run.json" > "$work/run.txt" \
    || fail "run failed: $(cat "$work/run.txt")"
python3 - "$work/run.json" <<'PY' || fail "the report does not show the package's agent emitting signals"
import json, sys
report = json.load(open(sys.argv[1]))
agents = {a["name"]: a for a in report["agents"]}
assert agents["breakout"]["type"] == "range-breakout" and agents["breakout"]["signals"] > 100, agents.get("breakout")
PY
"$custom" replay "$work/breakout.mlog" > "$work/replay.txt" 2>&1 || fail "replay did not verify: $(tail -5 "$work/replay.txt")"
"$custom" log cat "$work/breakout.mlog" --type custom > "$work/custom.txt" || fail "log cat --type custom failed"
grep -q '"custom":"range_width"' "$work/custom.txt" || fail "the package's own value is not on the record by name: $(head -3 "$work/custom.txt")"
if "$plain" replay "$work/breakout.mlog" > "$work/plain.txt" 2>&1; then
    fail "metronome replayed a log whose agent type it does not register"
fi
grep -q "component type 'range-breakout' version 1" "$work/plain.txt" || fail "the refusal does not name the component: $(cat "$work/plain.txt")"
"$custom" chaos "$package/breakout.yaml" --seeds 1..2 --jobs 2 --out "$work/chaos" > "$work/chaos.txt" 2>&1 \
    || fail "the chaos suite failed: $(tail -20 "$work/chaos.txt")"
grep -q "every invariant held on every seed" "$work/chaos.txt" || fail "chaos: $(tail -5 "$work/chaos.txt")"
echo "example package: run, record, replay, refusal by metronome and a chaos suite all as documented"
