#!/usr/bin/env bash
# Installs the system packages Metronome needs, only when they are missing.
# Idempotent and quiet when everything is already there; uses sudo only if not root.
set -euo pipefail
# With --test, also (best effort) Chromium, which the HTML report test renders in headless mode,
# and Slurm with munge, which `make slurm-test` runs a local cluster of (scripts/slurm); without
# them those tests are skipped.
# With --reference, only a Python venv in .build/reference-venv with the packages that compute the
# metrics' reference values (scripts/metrics-reference.py, docs/metrics.md); the tests do not need
# it: they read the committed values.

# With --python, a venv in .build/python-venv with the Gymnasium environment's package
# (python/, installed editable) and pytest; with --python-bench, also gym-anytrading for the
# steps-per-second comparison (docs/python.md).
if [ "${1:-}" = "--python" ] || [ "${1:-}" = "--python-bench" ]; then
    root="$(cd "$(dirname "$0")/.." && pwd)"
    venv="$root/.build/python-venv"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    packages=(gymnasium==1.4.0 numpy==2.4.6 pytest==9.2.0)
    [ "${1:-}" = "--python-bench" ] && packages+=(gym-anytrading==2.0.0 pandas==3.1.1)
    "$venv/bin/pip" install --quiet --disable-pip-version-check "${packages[@]}"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e "$root/python" 2>/dev/null \
        || "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps -e "$root/python"
    exit 0
fi

if [ "${1:-}" = "--reference" ]; then
    venv="$(dirname "$0")/../.build/reference-venv"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet empyrical-reloaded==0.7.1 scipy==1.17.1 numpy==2.4.6 arch==8.0.0
    echo "metronome: reference venv ready: $venv/bin/python scripts/metrics-reference.py"
    exit 0
fi

optional=()
if [ "${1:-}" = "--test" ]; then
    # Each entry is one group, installed (or not) on its own.
    command -v chromium >/dev/null 2>&1 || optional+=("chromium")
    for program in slurmctld slurmd sbatch munged; do
        command -v "$program" >/dev/null 2>&1 || { optional+=("slurmctld slurmd slurm-client munge"); break; }
    done
fi

missing=()
pkg-config --exists libzstd 2>/dev/null || missing+=(libzstd-dev)
pkg-config --exists zlib 2>/dev/null || missing+=(zlib1g-dev)
pkg-config --exists liblz4 2>/dev/null || missing+=(liblz4-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v zstd >/dev/null 2>&1 || missing+=(zstd)
command -v lz4 >/dev/null 2>&1 || missing+=(lz4)
command -v python3 >/dev/null 2>&1 || missing+=(python3)

if [ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ]; then
    exit 0
fi

echo "metronome: installing missing system packages: ${missing[*]} ${optional[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "metronome: apt-get not found; please install: ${missing[*]}" >&2
    exit 2
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "metronome: not root and no sudo; please install: ${missing[*]}" >&2
        exit 2
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    echo "metronome: installed ${missing[*]}"
fi
for group in "${optional[@]}"; do
    # shellcheck disable=SC2086  # a group is several package names
    if $SUDO apt-get install -y -qq --no-install-recommends $group >/dev/null 2>&1; then
        echo "metronome: installed $group (for the HTML report and Slurm tests)"
    else
        echo "metronome: warning: could not install $group; the test that needs it will be skipped" >&2
    fi
done
