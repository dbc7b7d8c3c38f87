#!/usr/bin/env bash
# Builds Metronome's libFuzzer targets and runs each for FUZZ_SECONDS (docs/fuzzing.md).
# Run from the repository root (`make fuzz` does). Exit 0 when no target crashed, timed out or
# ran out of memory; 1 otherwise (the input that did it is under .build-fuzz-runs/artifacts/<name>/).
#
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   which targets, space-separated (default: all three)
#   FUZZ_FLAGS     more libFuzzer flags, e.g. "-fork=1 -ignore_crashes=1" for a long campaign
#                  that goes on after a crash
#   FUZZ_NICE      nice level of the fuzzers (default 19: they must not starve anyone's build)
#   FUZZ_TIMEOUT   seconds one input may take before it counts as a hang (default 30: a niced
#                  fuzzer on a busy machine runs the 53 KB seed log in 0.6 s to over 10 s)
#   FUZZ_SANITIZER sanitizers besides the fuzzer (default address; empty for none)
set -euo pipefail

seconds="${FUZZ_SECONDS:-60}"
targets="${FUZZ_TARGETS:-JournalReaderFuzzer ScenarioLoaderFuzzer LiveLineFuzzer}"
nice_level="${FUZZ_NICE:-19}"
timeout_seconds="${FUZZ_TIMEOUT:-30}"
sanitizer="${FUZZ_SANITIZER-address}"
scratch=.build-fuzz
# Corpora, artifacts and logs: outside SwiftPM's scratch folder, which it may tidy, and absolute,
# since libFuzzer's -fork workers do not resolve relative paths the same way.
root="$(pwd)"
runs="$root/.build-fuzz-runs"

sanitizers="fuzzer${sanitizer:+,$sanitizer}"
echo "fuzz: building the targets (release, -sanitize=$sanitizers) in $scratch"
nice -n "$nice_level" swift build -c release --package-path Tests/Fuzz --scratch-path "$scratch" \
    -Xswiftc "-sanitize=$sanitizers" -Xswiftc -parse-as-library
binaries="$scratch/release"  # SwiftPM's link to the configuration's products

# Scratch folders (Tests/Fuzz/Sources/FuzzSupport/ScratchFile.swift) of fuzzer processes that
# died on a finding: a clean exit removes its own.
remove_dead_scratch_folders() {
    for folder in /dev/shm/metronome-fuzz-* /tmp/metronome-fuzz-*; do
        if [ -d "$folder" ] && ! kill -0 "${folder##*-}" 2>/dev/null; then rm -rf "$folder"; fi
    done
}

# The seed corpus of each target, committed under Tests/Fuzz/Corpus/<name>.
corpus_name() {
    case "$1" in
        JournalReaderFuzzer) echo journal ;;
        ScenarioLoaderFuzzer) echo scenario ;;
        LiveLineFuzzer) echo live ;;
        *) echo "fuzz: unknown target $1" >&2; exit 2 ;;
    esac
}

# A trap must reach libFuzzer's handler at once, not wait for Swift's backtracer. Leak reports
# are off: the Swift runtime's caches look like leaks, and a leak is not what this looks for.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

status=0
summary=()
for target in $targets; do
    name="$(corpus_name "$target")"
    working="$runs/corpus/$name"
    artifacts="$runs/artifacts/$name"
    log="$runs/logs/$name-$(date -u +%Y%m%dT%H%M%SZ).log"  # one per run: a short rerun must not overwrite a campaign's
    mkdir -p "$working" "$artifacts" "$(dirname "$log")"
    dictionary=()
    if [ -f "Tests/Fuzz/Dictionaries/$name.dict" ]; then dictionary=("-dict=$root/Tests/Fuzz/Dictionaries/$name.dict"); fi
    echo "fuzz: $target for ${seconds}s (corpus $working + Tests/Fuzz/Corpus/$name, log $log)"
    set +e
    # shellcheck disable=SC2086 # FUZZ_FLAGS is a list of flags
    nice -n "$nice_level" "$binaries/$target" "$working" "$root/Tests/Fuzz/Corpus/$name" \
        -max_total_time="$seconds" -timeout="$timeout_seconds" -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "${dictionary[@]}" ${FUZZ_FLAGS:-} > "$log" 2>&1
    result=$?
    set -e
    remove_dead_scratch_folders
    executions="$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)"
    rate="$(grep -o 'stat::average_exec_per_sec: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)"
    # With -fork the parent prints "#N: cov: … exec/s: …" and no final stats.
    if [ -z "$executions" ]; then executions="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)"; fi
    if [ -z "$rate" ] && [ -n "$executions" ]; then rate=$((executions / seconds)); fi
    coverage="$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)"
    findings="$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)"
    line="$target: ${executions:-?} executions (${rate:-?}/s), ${coverage:-no coverage line}, exit $result, $findings finding(s) in $artifacts"
    summary+=("$line")
    echo "fuzz: $line"
    if [ "$result" -ne 0 ] || [ "$findings" -ne 0 ]; then
        status=1
    fi
done

echo
echo "fuzz: summary"
for line in "${summary[@]}"; do echo "  $line"; done
if [ "$status" -ne 0 ]; then
    echo
    echo "fuzz: findings by failure site (Tests/Fuzz/triage-findings.sh):"
    ./Tests/Fuzz/triage-findings.sh
    remove_dead_scratch_folders
fi
exit "$status"
