#!/usr/bin/env bash
# Builds Examples/custom-agent — a package outside Metronome's own targets that registers an agent
# type, a message type and the other kinds of component — and checks what docs/extending.md promises: its own metronome runs a scenario using the
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
# It sent its own message type, and the package's gate check that receives it refused chasing.
assert agents["breakout"]["messages"] > 10 and "messages" not in agents["sentiment"], agents
assert report["gate"]["by_reason"].get("custom_check", 0) > 0, report["gate"]
PY
grep -q "^messages .* of package types, sent by agents (breakout " "$work/run.txt" || fail "the report does not count the package's messages: $(cat "$work/run.txt")"
# Its sizing rule (fixed-lots, 2 lots) named every target in place of Kelly sizing.
"$custom" log cat "$work/breakout.mlog" --type intent > "$work/intents.txt" || fail "log cat --type intent failed"
python3 - "$work/intents.txt" <<'PY' || fail "the package's sizing rule did not size the intents"
import json, sys
targets = {json.loads(line)["target"] for line in open(sys.argv[1])}
assert targets == {-2, 0, 2}, sorted(targets)
PY
"$custom" log cat "$work/breakout.mlog" --type package > "$work/package.txt" || fail "log cat --type package failed"
python3 - "$work/package.txt" "$work/run.json" <<'PY' || fail "the package's messages are not on the record by name: $(head -3 "$work/package.txt")"
import json, sys
messages = [json.loads(line) for line in open(sys.argv[1])]
sent = {a["name"]: a for a in json.load(open(sys.argv[2]))["agents"]}["breakout"]["messages"]
assert len(messages) == sent, (len(messages), sent)
assert all(m["message"] == "breakout" and m["direction"] in (1.0, -1.0) and m["range_width"] > 0 for m in messages), messages[:3]
PY
"$custom" replay "$work/breakout.mlog" --verify > "$work/replay.txt" 2>&1 || fail "replay did not verify: $(tail -5 "$work/replay.txt")"
grep -q "^verified: both digests equal the recording" "$work/replay.txt" || fail "the replay did not say it verified: $(tail -3 "$work/replay.txt")"
"$custom" log cat "$work/breakout.mlog" --type custom > "$work/custom.txt" || fail "log cat --type custom failed"
grep -q '"custom":"range_width"' "$work/custom.txt" || fail "the package's own value is not on the record by name: $(head -3 "$work/custom.txt")"
if "$plain" replay "$work/breakout.mlog" > "$work/plain.txt" 2>&1; then
    fail "metronome replayed a log whose agent type it does not register"
fi
grep -q "'range-breakout' version 1" "$work/plain.txt" || fail "the refusal does not name the component: $(cat "$work/plain.txt")"
"$custom" chaos "$package/breakout.yaml" --seeds 1..2 --jobs 2 --out "$work/chaos" > "$work/chaos.txt" 2>&1 \
    || fail "the chaos suite failed: $(tail -20 "$work/chaos.txt")"
grep -q "every invariant held on every seed" "$work/chaos.txt" || fail "chaos: $(tail -5 "$work/chaos.txt")"
# The package's policy decider: a run records its actions, the package's executable replays it,
# metronome refuses the log, and a bad parameter is named at its line.
"$custom" run "$package/trend.yaml" --record "$work/trend.mlog" --report-json "$work/trend.json" > "$work/trend.txt" \
    || fail "the trend policy run failed: $(cat "$work/trend.txt")"
python3 - "$work/trend.json" <<'PY' || fail "the report does not show the package's policy deciding and its gate check cutting"
import json, sys
report = json.load(open(sys.argv[1]))
policy = report["policy"]
assert policy["decisions"] == 48 and policy["intents"] > 5, policy
# The package's gate check (max-notional, 2,500 EUR) cut the policy's 40 lots.
assert report["gate"]["by_reason"].get("custom_check", 0) > 0, report["gate"]
PY
# Its routing rule (limit-first) sent every order as a limit order.
"$custom" log cat "$work/trend.mlog" --type order > "$work/trend-orders.txt" || fail "log cat --type order failed"
python3 - "$work/trend-orders.txt" <<'PY' || fail "the package's routing rule did not decide the order types"
import json, sys
types = [json.loads(line)["order_type"] for line in open(sys.argv[1])]
assert types and set(types) == {"limit"}, sorted(set(types))
PY
"$custom" replay "$work/trend.mlog" --verify > "$work/trend-replay.txt" 2>&1 || fail "the trend replay did not verify: $(tail -5 "$work/trend-replay.txt")"
grep -q "^verified: both digests equal the recording" "$work/trend-replay.txt" || fail "the trend replay did not say it verified"
if "$plain" replay "$work/trend.mlog" > "$work/trend-plain.txt" 2>&1; then
    fail "metronome replayed a log whose policy decider it does not register"
fi
grep -q "component types 'range-breakout' version 1, 'trend' version 1" "$work/trend-plain.txt" || fail "the refusal does not name the decider: $(cat "$work/trend-plain.txt")"
sed 's/lookback: 3/lookback: 9/' "$package/trend.yaml" > "$work/bad-trend.yaml"
if "$custom" validate "$work/bad-trend.yaml" > "$work/bad-trend.txt" 2>&1; then fail "a lookback beyond the window was accepted"; fi
grep -q "bad-trend.yaml:.*lookback" "$work/bad-trend.txt" || fail "the bad parameter is not named at its line: $(cat "$work/bad-trend.txt")"
# The package's feed type: its quotes reach the pipeline, the run replays, metronome does not know
# the type, and a bad line of the file is named.
"$custom" run "$package/own-feed.yaml" --record "$work/own-feed.mlog" --report-json "$work/own-feed.json" > "$work/own-feed.txt" \
    || fail "the own-feed run failed: $(cat "$work/own-feed.txt")"
python3 - "$work/own-feed.json" <<'PY' || fail "the report does not show the package's feed's quotes"
import json, sys
report = json.load(open(sys.argv[1]))
assert report["inputs"] == 2160 and report["policy"]["decisions"] == 36, (report["inputs"], report["policy"])
# The package's venue adapter (touch) filled every order at once, at 0.50 EUR each.
assert report["fills"] == report["orders"] > 0 and report["fees"] == f"{0.5 * report['fills']:.2f}", (report["orders"], report["fills"], report["fees"])
PY
"$custom" replay "$work/own-feed.mlog" --verify > "$work/own-feed-replay.txt" 2>&1 || fail "the own-feed replay did not verify: $(tail -5 "$work/own-feed-replay.txt")"
grep -q "^verified: both digests equal the recording" "$work/own-feed-replay.txt" || fail "the own-feed replay did not say it verified"
if "$plain" validate "$package/own-feed.yaml" > "$work/own-feed-plain.txt" 2>&1; then fail "metronome accepted a feed type it does not register"; fi
grep -q "unknown feed type 'semicolon-quotes'" "$work/own-feed-plain.txt" || fail "the refusal does not name the feed type: $(cat "$work/own-feed-plain.txt")"
mkdir "$work/bad-feed"
head -20 "$package/quotes.txt" | sed 's/;ACME;/;ACME;x/' > "$work/bad-feed/quotes.txt"
cp "$package/own-feed.yaml" "$work/bad-feed/"
if "$custom" validate "$work/bad-feed/own-feed.yaml" > "$work/bad-feed.txt" 2>&1; then fail "a bad data line was accepted"; fi
grep -q "quotes.txt:2: expected two prices" "$work/bad-feed.txt" || fail "the bad line is not named: $(cat "$work/bad-feed.txt")"
echo "example package: run, record, replay, refusal by metronome and a chaos suite all as documented; its message type, sizing rule, policy decider, feed type, gate checks, venue adapter and routing rule too"
