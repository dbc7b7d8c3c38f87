#!/usr/bin/env bash
# Groups the inputs `make fuzz` saved (.build-fuzz-runs/artifacts/<name>/) by where they fail:
# reruns each one through its target and prints, per failure site (the first frame in
# Metronome's own code, file:line), how many inputs hit it and the smallest of them.
# Run from the repository root after `make fuzz`.
set -uo pipefail

runs=.build-fuzz-runs/artifacts
binaries=.build-fuzz/release
export SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0

target_of() {
    case "$1" in
        journal) echo JournalReaderFuzzer ;;
        scenario) echo ScenarioLoaderFuzzer ;;
        live) echo LiveLineFuzzer ;;
    esac
}

for directory in "$runs"/*/; do
    name="$(basename "$directory")"
    target="$(target_of "$name")"
    [ -n "$target" ] || continue
    declare -A count=() smallest=()
    for input in "$directory"crash-* "$directory"timeout-* "$directory"oom-*; do
        [ -f "$input" ] || continue
        kind="$(basename "$input" | cut -d- -f1)"
        site="$(timeout 120 "$binaries/$target" -timeout=60 "$input" 2>&1 \
            | grep -oE '/(Kernel|Actors|Scenarios)/[^ ]+\.swift:[0-9]+' | head -1)"
        site="$kind at ${site:-"(no frame in Metronome: rerun it alone)"}"
        count[$site]=$(( ${count[$site]:-0} + 1 ))
        if [ -z "${smallest[$site]:-}" ] || [ "$(wc -c < "$input")" -lt "$(wc -c < "${smallest[$site]}")" ]; then
            smallest[$site]="$input"
        fi
    done
    echo "$target:"
    if [ "${#count[@]}" -eq 0 ]; then echo "  no findings"; fi
    for site in "${!count[@]}"; do
        echo "  ${count[$site]} × $site — smallest: ${smallest[$site]} ($(wc -c < "${smallest[$site]}") bytes)"
    done
    unset count smallest
done
