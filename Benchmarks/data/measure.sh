#!/usr/bin/env bash
# Reading data files: rows per second and peak memory (docs/performance.md, "Reading data
# files"; docs/data.md). Not part of `make test`: it writes a 1,000,000-quote tick CSV (≈ 60 MB)
# and its copies, and reads each several times.
#
#   Benchmarks/data/measure.sh                            # builds the release binary first
#   BEFORE=/path/to/older/metronome Benchmarks/data/measure.sh --skip-build   # and compares with another binary
#   RUNS=5 Benchmarks/data/measure.sh --skip-build
#
# Writes out/data/quotes-1m.csv with Benchmarks/nautilus/make_quotes.py (1,000,000 quotes of one
# symbol, fixed seed), its gzip and zstd copies, and the same quotes laid out as a Polygon.io
# quotes flat file (read with `layout: polygon-quotes`), with a one-feed scenario for each. Reading
# rate: `metronome validate` reads every row of a scenario's data file as a run does (best of
# RUNS wall times, less the same command on a one-row file: the process start and the YAML),
# rows ÷ that time. Peak memory: /usr/bin/time's maximum resident set size of `metronome run` on
# Benchmarks/nautilus/one-strategy-csv.yaml (the same million quotes through a strategy).
set -euo pipefail

script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/../.."
source Benchmarks/release-binary.sh
benchmark_arguments "$script" "$@"
release_binary
runs=${RUNS:-3}
out=out/data
mkdir -p "$out" out/nautilus

quotes=$out/quotes-1m.csv
if [[ ! -s $quotes ]]; then
    echo "writing $quotes" >&2
    python3 Benchmarks/nautilus/make_quotes.py --output "$quotes"
fi
[[ -s out/nautilus/quotes-1m.csv ]] || cp "$quotes" out/nautilus/quotes-1m.csv
[[ -s $quotes.gz ]] || gzip -k -f "$quotes"
[[ -s $quotes.zst ]] || zstd -q -k -f "$quotes"
polygon=$out/quotes-1m-polygon.csv
if [[ ! -s $polygon ]]; then
    # The tick CSV's quotes as a Polygon.io quotes file: its column order, nanosecond SIP times.
    python3 - "$quotes" "$polygon" <<'PY'
import datetime, sys
source, target = sys.argv[1], sys.argv[2]
with open(source) as rows, open(target, "w") as out:
    out.write("ticker,ask_exchange,ask_price,ask_size,bid_exchange,bid_price,bid_size,conditions,indicators,participant_timestamp,sequence_number,sip_timestamp,tape,trf_timestamp\n")
    for number, row in enumerate(rows):
        time, symbol, kind, bid, ask, bid_size, ask_size = row.split(",")[:7]
        if kind != "quote":
            continue
        when = datetime.datetime.strptime(time, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
        ns = (int(when.timestamp()) * 1_000_000 + when.microsecond) * 1_000
        out.write(f"{symbol},12,{ask},{ask_size},11,{bid},{bid_size},1,,{ns - 1000},{number},{ns},3,\n")
PY
fi
head -2 "$quotes" > "$out/one-row.csv"

# scenario NAME FEED: a one-symbol scenario over the quotes' 70 hours whose one feed is FEED.
scenario() {
    cat > "$out/$1.yaml" <<YAML
version: 1
name: $1
start: 2024-03-01T14:30:00Z
duration: 70h
universe:
  - { symbol: ACME, price_precision: 2 }
feeds:
  - { $2 }
agents:
  - { type: ema-cross, fast: 40, slow: 160 }
YAML
}
scenario one-row "type: csv, path: one-row.csv"
scenario plain "type: csv, path: quotes-1m.csv"
scenario gzip "type: csv, path: quotes-1m.csv.gz"
scenario zstd "type: csv, path: quotes-1m.csv.zst"
scenario layout "type: csv, layout: polygon-quotes, path: quotes-1m-polygon.csv"

# best BINARY ARGS…: the best wall time (s, to the millisecond) and the largest peak RSS (KiB) of `runs` runs.
best() {
    local binary=$1 best_seconds="" peak=0
    shift
    for _ in $(seq "$runs"); do
        local started=$EPOCHREALTIME
        /usr/bin/time -f '%M' -o "$out/time" "$binary" "$@" > /dev/null
        local seconds kib
        seconds=$(awk "BEGIN {printf \"%.3f\", $EPOCHREALTIME - $started}")
        read -r kib < "$out/time"
        if [[ -z $best_seconds ]] || awk "BEGIN {exit !($seconds < $best_seconds)}"; then best_seconds=$seconds; fi
        (( kib > peak )) && peak=$kib
    done
    echo "$best_seconds $peak"
}

rows=$(grep -c ',quote,' "$quotes")
binaries=("$metronome")
[[ -n ${BEFORE:-} ]] && binaries=("$BEFORE" "$metronome")
printf '| binary | file | wall s (best of %s) | rows/s | validate peak RSS MiB |\n|---|---|---|---|---|\n' "$runs"
for binary in "${binaries[@]}"; do
    read -r start _ < <(best "$binary" validate "$out/one-row.yaml")
    for name in plain gzip zstd layout; do
        # An older binary may not know layouts.
        "$binary" validate "$out/$name.yaml" > /dev/null 2>&1 || { printf '| %s | %s | — | — | — |\n' "$binary" "$name"; continue; }
        read -r seconds kib < <(best "$binary" validate "$out/$name.yaml")
        rate=$(awk "BEGIN {printf \"%.0f\", $rows / ($seconds - $start)}")
        printf '| %s | %s | %s | %s | %s |\n' "$binary" "$name" "$seconds" "$rate" "$(( kib / 1024 ))"
    done
done
printf '\n| binary | run of one-strategy-csv: wall s (best of %s) | peak RSS MiB |\n|---|---|---|\n' "$runs"
for binary in "${binaries[@]}"; do
    read -r seconds kib < <(best "$binary" run Benchmarks/nautilus/one-strategy-csv.yaml --quiet)
    printf '| %s | %s | %s |\n' "$binary" "$seconds" "$(( kib / 1024 ))"
done
