#!/usr/bin/env bash
# make test's Slurm check (docs/scale-out.md): a throw-away two-node cluster on loopback
# (local-cluster.sh), a 4-shard chaos suite submitted through `metronome slurm chaos --submit`,
# a wait for the dependent merge job's status file, and a comparison of the merged report with
# the local `--jobs 2` run of the same seeds: byte-identical but for the wall time. The daemons
# are stopped by their pids whatever happens. Skipped, saying why, where Slurm cannot be installed.
#   scripts/slurm/test-slurm.sh [BINARY]      (default .build/release/metronome)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
binary="$(realpath "${1:-$root/.build/release/metronome}")"
seeds="${SLURM_TEST_SEEDS:-1..8}"
scenario="${SLURM_TEST_SCENARIO:-one-strategy}"
until="${SLURM_TEST_UNTIL:-2h}"

for program in slurmctld slurmd sbatch munged; do
    if ! command -v "$program" >/dev/null 2>&1; then
        echo "metronome: SKIPPED the Slurm test: $program is missing and could not be installed (apt-get install slurmctld slurmd slurm-client munge)"
        exit 0
    fi
done
if [ "$(id -u)" -ne 0 ]; then
    echo "metronome: SKIPPED the Slurm test: its daemons run as root (SlurmUser=root) and this is not root"
    exit 0
fi

work="$(mktemp -d /tmp/metronome-slurm.XXXXXX)"
cluster="$work/cluster"
shared="$work/shared"
cleanup() {
    "$root/scripts/slurm/local-cluster.sh" stop "$cluster" || true
    if [ "${keep:-0}" = 1 ]; then echo "metronome: the Slurm test's files are in $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
keep=1
eval "$("$root/scripts/slurm/local-cluster.sh" start "$cluster")"
echo "metronome: local Slurm up ($(sinfo -h -N -o '%N' | tr '\n' ' ')), SLURM_CONF=$SLURM_CONF"

started=$(date +%s.%N)
"$binary" slurm chaos "$scenario" --seeds "$seeds" --until "$until" --shards 4 --out "$shared" --submit
status_file="$shared/slurm/merge.status"
for _ in $(seq 1200); do
    [ -s "$status_file" ] && break
    sleep 0.5
done
finished=$(date +%s.%N)
if [ ! -s "$status_file" ]; then
    echo "metronome: FAIL: the merge job wrote no status in 600 s; the queue and the shards' logs:" >&2
    squeue >&2 || true
    tail -n 20 "$shared"/slurm/*.out >&2 || true
    exit 1
fi
slurm_status="$(cat "$status_file")"

local_started=$(date +%s.%N)
set +e
"$binary" chaos "$scenario" --seeds "$seeds" --until "$until" --jobs 2 --out "$shared" --quiet --report-json "$work/local.json" > "$work/local.out"
local_status=$?
set -e
local_finished=$(date +%s.%N)

python3 - "$shared/report.json" "$work/local.json" "$slurm_status" "$local_status" "$started" "$finished" "$local_started" "$local_finished" <<'PY'
import json, sys
merged_path, local_path, slurm_status, local_status = sys.argv[1:5]
started, finished, local_started, local_finished = map(float, sys.argv[5:9])
wall = ('"wall_seconds"', '"seeds_per_minute"')
def lines(path):
    return [line for line in open(path).read().splitlines() if not line.strip().startswith(wall)]
merged, local = lines(merged_path), lines(local_path)
runs = json.load(open(local_path))["runs"]
print(f"metronome: Slurm, 4 shards: {runs} seeds in {finished - started:.1f} s = {runs / (finished - started) * 60:.1f} seeds/min (submit to merged report)")
print(f"metronome: local --jobs 2:   {runs} seeds in {local_finished - local_started:.1f} s = {runs / (local_finished - local_started) * 60:.1f} seeds/min")
if slurm_status != local_status:
    sys.exit(f"metronome: FAIL: the merge exited {slurm_status}, the local run {local_status}")
if merged != local:
    diff = [f"  merged: {a}\n  local:  {b}" for a, b in zip(merged, local) if a != b][:5]
    sys.exit("metronome: FAIL: the merged report differs from the local run's:\n" + "\n".join(diff) + f"\n  ({len(merged)} against {len(local)} lines)")
print(f"metronome: the Slurm-merged report equals the local --jobs 2 report ({len(merged)} lines, wall times aside); exit status {slurm_status} both")
PY
keep=0
