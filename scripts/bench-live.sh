#!/usr/bin/env bash
# Tick-to-order wall latency of a live run fed by `metronome feed serve` over loopback.
#   scripts/bench-live.sh [SCENARIO] [RATE ...]      (defaults: one-strategy 10000 100000)
# Builds release, serves SCENARIO's feed at each RATE lines/s, runs `metronome live` on it until the
# feed ends, and prints the live summary's feed and tick-to-order lines (p50 / p99 / p99.9 / max).
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-one-strategy}"
shift || true
rates=("$@")
[ ${#rates[@]} -eq 0 ] && rates=(10000 100000)
swift build -c release --product metronome >/dev/null
bin=.build/release/metronome
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for rate in "${rates[@]}"; do
    rm -f "$work/port"
    "$bin" feed serve "$scenario" --port 0 --port-file "$work/port" --rate "$rate" --once --quiet &
    server=$!
    for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
    echo "== $scenario at $rate ticks/s"
    "$bin" live "$scenario" --feed "tcp://127.0.0.1:$(cat "$work/port")" --record "$work/live-$rate.mlog" --quiet --report-json "$work/live-$rate.json"
    wait "$server"
    python3 - "$work/live-$rate.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
live, run = report["live"], report["run"]
lat = live.get("tick_to_order")
print(f"ticks admitted {live['feed_admitted']:,} in {run['wall_seconds']:.2f} s · orders {run['orders']:,} · events/s {run['events_per_second']:,.0f}")
if lat:
    print(f"tick-to-order  p50 {lat['p50_ns']/1e3:.1f} µs · p99 {lat['p99_ns']/1e3:.1f} µs · p99.9 {lat['p999_ns']/1e3:.1f} µs · max {lat['max_ns']/1e3:.1f} µs over {lat['count']:,} orders")
else:
    print("no orders")
PY
    "$bin" replay "$work/live-$rate.mlog" --verify --quiet | tail -1
done
