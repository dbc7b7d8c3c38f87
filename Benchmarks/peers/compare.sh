#!/usr/bin/env bash
# Two Metronome binaries on the peer benchmark's quotes, alternating, with the C baseline in every
# round: the medians (min–max) of the engine run (`wall time` of the report), the whole process
# and the peak RSS. For measuring a change on this noisy machine (docs/performance.md).
#
#   BEFORE=.build/old/metronome AFTER=.build/release/metronome Benchmarks/peers/compare.sh
#
# Environment: BEFORE, AFTER (binaries; AFTER defaults to .build/release/metronome), ROUNDS
# (default 8). Needs out/peers/quotes.csv (Benchmarks/peers/run.sh writes it).
set -euo pipefail
cd "$(dirname "$0")/../.."
before=${BEFORE:?"set BEFORE to the binary to compare against"}
after=${AFTER:-.build/release/metronome}
rounds=${ROUNDS:-8}
out=out/peers
[[ -f $out/quotes.csv ]] || { echo "compare.sh: $out/quotes.csv is missing (run Benchmarks/peers/run.sh once)" >&2; exit 2; }
cc -O2 -o "$out/baseline" Benchmarks/peers/baseline.c -lm
results=$(mktemp)
trap 'rm -f "$results" "$results".*' EXIT
echo "compare.sh: $rounds rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$rounds"); do
    for side in before after; do
        binary=$before; [[ $side == after ]] && binary=$after
        started=$(date +%s%N)
        /usr/bin/time -f %M -o "$results.rss" "$binary" run Benchmarks/peers/one-strategy-csv.yaml > "$results.report"
        ended=$(date +%s%N)
        engine=$(awk '/^wall time/ {print $3}' "$results.report")
        echo "$side $engine $(( ended - started )) $(cat "$results.rss")" >> "$results"
    done
    started=$(date +%s%N)
    "$out/baseline" "$out/quotes.csv" > /dev/null
    echo "c-baseline - $(( $(date +%s%N) - started )) -" >> "$results"
    echo "compare.sh: round $round/$rounds done" >&2
done
echo "compare.sh: load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    side, engine, process_ns, rss = line.split()
    rows.setdefault(side, []).append((engine, int(process_ns) / 1e9, rss))
def cell(values, unit, digits=3):
    return f"{statistics.median(values):.{digits}f} {unit} ({min(values):.{digits}f}–{max(values):.{digits}f})"
print("| binary | engine run | whole process | peak RSS |")
print("|---|---|---|---|")
for side in ("before", "after", "c-baseline"):
    runs = rows[side]
    engine = cell([float(r[0]) for r in runs], "s") if runs[0][0] != "-" else "–"
    rss = cell([int(r[2]) / 1000 for r in runs], "MB", 1) if runs[0][2] != "-" else "–"
    print(f"| {side} | {engine} | {cell([r[1] for r in runs], 's')} | {rss} |")
PY
