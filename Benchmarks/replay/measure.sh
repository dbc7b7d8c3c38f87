#!/usr/bin/env bash
# Replay memory against log length (docs/performance.md, "Replaying long logs"). Not part of
# `make test`: the longest log holds 100,000,000 quotes (≈ 0.9 GB) and takes minutes to record
# and to replay.
#
#   Benchmarks/replay/measure.sh                    # 1M, 10M, 20M (100M events) and 100M quotes
#   LENGTHS="16m40s 2h46m40s" Benchmarks/replay/measure.sh --skip-build
#
# Records Benchmarks/replay/long-log.yaml (one GBM symbol quoted every millisecond, 1,000,000
# quotes per 16m40s of simulated time) up to each length with `metronome run --until … --record`,
# then replays each log with `metronome replay --verify` under /usr/bin/time and prints, per
# length, the log's records and bytes, the replay's wall time and its peak resident memory.
set -euo pipefail

script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/../.."
source Benchmarks/release-binary.sh
out=out/replay
scenario=Benchmarks/replay/long-log.yaml
lengths=${LENGTHS:-16m40s 2h46m40s 5h33m20s 27h46m40s}
benchmark_arguments "$script" "$@"
mkdir -p "$out"
release_binary

printf '| simulated length | log records | kernel events replayed | log bytes | record: wall s, peak RSS MiB | replay --verify: wall s, peak RSS MiB |\n'
printf '|---|---|---|---|---|---|\n'
for length in $lengths; do
    log=$out/long-log-$length.mlog
    echo "recording $length → $log" >&2
    /usr/bin/time -f '%e %M' -o "$out/record-$length.time" \
        "$metronome" run "$scenario" --until "$length" --record "$log" --quiet > /dev/null
    inspect=$("$metronome" log inspect "$log")
    records=$(awk '$1 == "records" {print $2}' <<< "$inspect")
    events=$(awk '$1 == "events" {print $2}' <<< "$inspect")
    bytes=$(stat -c %s "$log")
    echo "replaying $log" >&2
    /usr/bin/time -f '%e %M' -o "$out/replay-$length.time" \
        "$metronome" replay "$log" --verify --quiet > /dev/null
    read -r record_seconds record_kib < "$out/record-$length.time"
    read -r replay_seconds replay_kib < "$out/replay-$length.time"
    printf '| %s | %s | %s | %s | %s s, %s MiB | %s s, %s MiB |\n' "$length" "$records" "$events" "$bytes" \
        "$record_seconds" "$(( record_kib / 1024 ))" "$replay_seconds" "$(( replay_kib / 1024 ))"
    [[ ${KEEP_LOGS:-0} == 1 ]] || rm -f "$log"
done
