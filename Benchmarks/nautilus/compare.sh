#!/usr/bin/env bash
# Metronome against NautilusTrader on the same 1,000,000 quotes (docs/performance.md, "Side by
# side with NautilusTrader"). Not part of `make test`: it takes minutes and its figures are wall
# time on a shared machine.
#
#   Benchmarks/nautilus/compare.sh                 # build, make the CSV and the venv if missing, 3 runs each
#   RUNS=5 Benchmarks/nautilus/compare.sh --skip-build
#
# Builds metronome in release, writes out/nautilus/quotes-1m.csv if missing
# (make_quotes.py), installs requirements.txt into out/nautilus/venv if missing (PyPI), then runs
# each side RUNS times, one run at a time, and prints best and median of each figure.
set -euo pipefail

script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/../.."
source Benchmarks/release-binary.sh
here=Benchmarks/nautilus
out=out/nautilus
runs=${RUNS:-3}
csv=$out/quotes-1m.csv
venv=${NAUTILUS_VENV:-$out/venv}
benchmark_arguments "$script" "$@"
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: RUNS must be a positive integer" >&2; exit 2; }
mkdir -p "$out"

release_binary
if [[ ! -f $csv ]]; then
    python3 "$here/make_quotes.py" --output "$csv"
fi
if [[ ! -x $venv/bin/python ]]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet -r "$here/requirements.txt"
fi

# Nanoseconds from the monotonic clock, for the whole-process wall times.
now() { python3 -c 'import time; print(time.monotonic_ns())'; }

# The machine is shared: the load average says how much else ran beside the measurements.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rm -f "$out"/metronome-*.json "$out"/nautilus-*.json "$out"/process-*.txt
for run in $(seq 1 "$runs"); do
    echo "metronome run $run/$runs" >&2
    started=$(now)
    /usr/bin/time -f '%M' -o "$out/process-metronome-rss-$run.txt" \
        "$metronome" run "$here/one-strategy-csv.yaml" --quiet --report-json "$out/metronome-$run.json" > /dev/null
    echo $(( $(now) - started )) > "$out/process-metronome-$run.txt"
done
# The same command stopped after one simulated second: start, YAML, CSV → records, wiring and
# four quotes — what the whole process costs besides the run.
for run in $(seq 1 "$runs"); do
    echo "metronome load only, run $run/$runs" >&2
    started=$(now)
    "$metronome" run "$here/one-strategy-csv.yaml" --quiet --until 1s > /dev/null
    echo $(( $(now) - started )) > "$out/process-metronome-load-$run.txt"
done
for run in $(seq 1 "$runs"); do
    echo "nautilus_trader run $run/$runs" >&2
    started=$(now)
    "$venv/bin/python" "$here/ema_cross_nautilus.py" "$csv" --json "$out/nautilus-$run.json" > /dev/null
    echo $(( $(now) - started )) > "$out/process-nautilus-$run.txt"
done
for run in $(seq 1 "$runs"); do
    echo "nautilus_trader without a strategy, run $run/$runs" >&2
    "$venv/bin/python" "$here/ema_cross_nautilus.py" "$csv" --no-strategy --json "$out/nautilus-engine-only-$run.json" > /dev/null
done

for run in $(seq 1 "$runs"); do
    echo "nautilus_trader, EMACross unchanged on 1-minute bars, run $run/$runs" >&2
    "$venv/bin/python" "$here/ema_cross_nautilus.py" "$csv" --minute-bars --json "$out/nautilus-minute-bars-$run.json" > /dev/null
done

python3 "$here/summarize.py" "$out" "$runs" "$("$venv/bin/python" -c 'import nautilus_trader; print(nautilus_trader.__version__)')"
echo "- load average (1, 5, 15 min) before the runs: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
