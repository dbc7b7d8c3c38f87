# Sourced by the benchmark scripts (replay/measure.sh, nautilus/compare.sh), from the repository
# root: the command line they share and the release binary they measure.
#
#   benchmark_arguments "$0" "$@"   # --skip-build, -h/--help (the script's header comment)
#   release_binary                  # builds unless --skip-build; sets $metronome

# Parses the shared arguments; sets `build` (1 unless --skip-build) and `benchmark_name`. Help prints the calling
# script's header: its comment lines from the second down to `set -euo pipefail`.
benchmark_arguments() {
    local script=$1
    shift
    benchmark_name=$(basename "$script")
    build=1
    for argument in "$@"; do
        case $argument in
            --skip-build) build=0 ;;
            -h|--help) sed -n '2,/^set -euo/p' "$script" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
            *) echo "$benchmark_name: unknown argument $argument (try --help)" >&2; exit 2 ;;
        esac
    done
}

# Builds metronome in release (unless --skip-build) and checks the binary is there.
release_binary() {
    metronome=.build/release/metronome
    if (( build )); then
        swift build -c release --product metronome
    fi
    [[ -x $metronome ]] || { echo "$benchmark_name: no $metronome (run without --skip-build)" >&2; exit 1; }
}
