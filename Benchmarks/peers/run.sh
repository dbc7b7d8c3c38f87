#!/usr/bin/env bash
# Metronome beside its peers on the same quotes (Benchmarks/peers/README.md): the same EMA cross
# (fast 40 / slow 160 on the mid; long 1 above, short 1 below) on Metronome, hftbacktest 2.4.4,
# NautilusTrader 1.231 and a C baseline, alternating engine by engine within each round; prints
# one table. Not part of `make test`: it takes minutes and its figures are wall time.
#
#   Benchmarks/peers/run.sh --install                  # build, venvs from PyPI, 3 rounds on 1,000,000 quotes
#   ROUNDS=5 Benchmarks/peers/run.sh --skip-build
#   QUOTES=20000 ROUNDS=1 Benchmarks/peers/run.sh --skip-build      # a quick check
#   ENGINES="metronome nautilus-python" Benchmarks/peers/run.sh --skip-build
#
# Arguments: --skip-build (reuse .build/release/metronome), --install (create the missing venvs
# under out/peers/ from Benchmarks/peers/requirements-*.txt), -h/--help.
# Environment: ROUNDS (default 3), QUOTES (default 1000000), ENGINES (default "metronome
# hftbacktest nautilus c-baseline"; add nautilus-python for NautilusTrader's Cython engine with
# the Python EMACross example), PYTHON312 (the Python >= 3.12 NautilusTrader needs; default
# pyenv's 3.12.1 if installed, else python3.12 on the PATH).
# Engines whose venv is missing are named with the command that installs them, and skipped.
set -euo pipefail

script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/../.."
source Benchmarks/release-binary.sh
here=Benchmarks/peers
out=out/peers
rounds=${ROUNDS:-3}
quotes=${QUOTES:-1000000}
engines=(${ENGINES:-metronome hftbacktest nautilus c-baseline})
install=0
shared_arguments=()
for argument in "$@"; do
    if [[ $argument == --install ]]; then install=1; else shared_arguments+=("$argument"); fi
done
benchmark_arguments "$script" "${shared_arguments[@]+"${shared_arguments[@]}"}"
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: ROUNDS must be a positive integer, not '$rounds'" >&2; exit 2; }
[[ $quotes =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: QUOTES must be a positive integer, not '$quotes'" >&2; exit 2; }
(( quotes > 2000 )) || { echo "run.sh: QUOTES must be above 2000 (hftbacktest warms up on the first 2000)" >&2; exit 2; }
for engine in "${engines[@]}"; do
    case $engine in
        metronome|hftbacktest|nautilus|nautilus-python|c-baseline) ;;
        *) echo "run.sh: unknown engine '$engine' in ENGINES (metronome hftbacktest nautilus nautilus-python c-baseline)" >&2; exit 2 ;;
    esac
done
mkdir -p "$out"

hftbacktest_python=$out/hftbacktest-venv/bin/python
nautilus_python=$out/nautilus-venv/bin/python
# pyenv's 3.12.1 first: a pyenv shim named python3.12 fails when 3.12 is not the selected version.
pyenv_python312=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")/versions/3.12.1/bin/python3.12
if [[ -n ${PYTHON312:-} ]]; then python312=$PYTHON312
elif [[ -x $pyenv_python312 ]]; then python312=$pyenv_python312
else python312=$(command -v python3.12 || echo python3.12)
fi

# Creates a venv with the pinned requirements: make_venv <directory> <python> <requirements file>.
make_venv() {
    echo "run.sh: installing $3 into $1" >&2
    "$2" -m venv "$1"
    "$1/bin/pip" install --quiet --disable-pip-version-check -r "$3"
}

# Keeps the engines whose venv is there (creating it with --install), naming the others.
available=()
for engine in "${engines[@]}"; do
    case $engine in
        hftbacktest) venv=$out/hftbacktest-venv; python=python3; requirements=$here/requirements-hftbacktest.txt ;;
        nautilus|nautilus-python) venv=$out/nautilus-venv; python=$python312; requirements=$here/requirements-nautilus.txt ;;
        *) available+=("$engine"); continue ;;
    esac
    if [[ ! -x $venv/bin/python ]] && (( install )); then
        [[ -x $python ]] || command -v "$python" > /dev/null \
            || { echo "run.sh: $engine needs $python (set PYTHON312); skipping it" >&2; continue; }
        make_venv "$venv" "$python" "$requirements"
    fi
    if [[ -x $venv/bin/python ]]; then
        available+=("$engine")
    else
        echo "run.sh: skipping $engine: no $venv (run Benchmarks/peers/run.sh --install, or $python -m venv $venv && $venv/bin/pip install -r $requirements)" >&2
    fi
done
engines=("${available[@]}")

release_binary
cc -O2 -o "$out/baseline" "$here/baseline.c" -lm

# The quotes: Benchmarks/nautilus/make_quotes.py's fixed-seed file, remade when QUOTES changes.
csv=$out/quotes.csv
if [[ ! -f $csv || "$(cat "$csv.count" 2>/dev/null)" != "$quotes" ]]; then
    python3 Benchmarks/nautilus/make_quotes.py --count "$quotes" --output "$csv"
    echo "$quotes" > "$csv.count"
    rm -f "$out/quotes.npz"
fi
if [[ " ${engines[*]} " == *" hftbacktest "* && ! -f $out/quotes.npz ]]; then
    "$hftbacktest_python" "$here/hftbacktest_ema_cross.py" convert "$csv" "$out/quotes.npz"
fi

# One engine, one round: its figures (JSON) to rounds/<engine>-<round>.json, the command's wall
# time in nanoseconds to .process-ns and its peak RSS (kB, GNU time %M) to .rss.
measure() {
    local engine=$1 round=$2 stem=$out/rounds/$1-$2
    shift 2
    echo "run.sh: round $round/$rounds: $engine" >&2
    local started
    started=$(date +%s%N)
    case $engine in
        metronome) /usr/bin/time -f %M -o "$stem.rss" "$metronome" run "$here/one-strategy-csv.yaml" --quiet \
                       --report-json "$stem.json" > /dev/null ;;
        hftbacktest) /usr/bin/time -f %M -o "$stem.rss" "$hftbacktest_python" "$here/hftbacktest_ema_cross.py" \
                       run "$out/quotes.npz" > "$stem.json" ;;
        nautilus) /usr/bin/time -f %M -o "$stem.rss" "$nautilus_python" "$here/nautilus_ema_cross.py" \
                       --engine rust "$csv" > "$stem.json" ;;
        nautilus-python) /usr/bin/time -f %M -o "$stem.rss" "$nautilus_python" "$here/nautilus_ema_cross.py" \
                       --engine python "$csv" > "$stem.json" ;;
        c-baseline) /usr/bin/time -f %M -o "$stem.rss" "$out/baseline" "$csv" > "$stem.json" ;;
    esac
    echo $(( $(date +%s%N) - started )) > "$stem.process-ns"
}

# The versions, for the table's footnote.
versions=$out/versions.json
{
    echo "{"
    echo "  \"metronome\": \"$("$metronome" --version 2>/dev/null | head -1 | sed 's/^metronome //') at $(git rev-parse --short HEAD)\","
    echo "  \"Swift\": \"$(swift --version 2>&1 | sed -n 's/.*Swift version \([^ ]*\).*/\1/p' | head -1)\","
    if [[ -x $hftbacktest_python ]]; then
        echo "  \"hftbacktest\": \"$("$hftbacktest_python" -c 'import hftbacktest, numba, platform; print(hftbacktest.__version__, "(numba", numba.__version__ + ", Python", platform.python_version() + ")")')\","
    fi
    if [[ -x $nautilus_python ]]; then
        echo "  \"nautilus_trader\": \"$("$nautilus_python" -c 'import nautilus_trader, pandas, platform; print(nautilus_trader.__version__, "(pandas", pandas.__version__ + ", Python", platform.python_version() + ")")')\","
    fi
    echo "  \"C compiler\": \"$(cc --version | head -1), -O2\","
    echo "  \"machine\": \"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores, $(uname -sr)\""
    echo "}"
} > "$versions"

# The machine is shared: the load average says how much else ran beside the measurements.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rm -rf "$out/rounds"
mkdir -p "$out/rounds"
for round in $(seq 1 "$rounds"); do
    for engine in "${engines[@]}"; do
        measure "$engine" "$round"
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 "$here/summarize.py" "$out/rounds" --rounds "$rounds" --versions "$versions" \
    --load-before "$load_before" --load-after "$load_after"
