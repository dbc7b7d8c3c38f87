#!/usr/bin/env python3
"""Prints the side-by-side table from the files Benchmarks/nautilus/compare.sh leaves in
out/nautilus: best and median over the runs of each figure, the ratios, the trading counts that
show both engines traded the same crossings, and the machine.

    python3 Benchmarks/nautilus/summarize.py out/nautilus 3 1.221.0
"""

import json
import os
import platform
import statistics
import subprocess
import sys


def load(directory: str, name: str, runs: int) -> list:
    return [json.load(open(os.path.join(directory, f"{name}-{run}.json"))) for run in range(1, runs + 1)]


def numbers(directory: str, name: str, runs: int) -> list:
    return [int(open(os.path.join(directory, f"{name}-{run}.txt")).read().strip()) for run in range(1, runs + 1)]


def machine(nautilus_version: str) -> str:
    model = "unknown CPU"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory_kilobytes = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    swift_version = next((line.strip() for line in swift if "Swift version" in line), "unknown")
    return (f"{model}, {os.cpu_count()} cores, {memory_kilobytes / 1024 / 1024:.0f} GiB, {platform.system()} {platform.release()}; "
            f"{swift_version}; Python {platform.python_version()}, nautilus_trader {nautilus_version}")


def main() -> None:
    directory, runs, nautilus_version = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    metronome = load(directory, "metronome", runs)
    nautilus = load(directory, "nautilus", runs)
    engine_only = load(directory, "nautilus-engine-only", runs)
    minute_bars = load(directory, "nautilus-minute-bars", runs)
    metronome_process = [value / 1e9 for value in numbers(directory, "process-metronome", runs)]
    nautilus_process = [value / 1e9 for value in numbers(directory, "process-nautilus", runs)]
    metronome_rss = [value / 1024 for value in numbers(directory, "process-metronome-rss", runs)]
    metronome_load = [value / 1e9 for value in numbers(directory, "process-metronome-load", runs)]

    ticks = metronome[0]["inputs"]
    if any(report["inputs"] != ticks for report in metronome) or any(figures["ticks"] != ticks for figures in nautilus + engine_only + minute_bars):
        sys.exit(f"the runs did not all read the same number of ticks ({ticks})")

    rows = [
        ("Metronome: engine (`wall_seconds` of the run: kernel.run(), CSV already parsed)",
         [report["wall_seconds"] for report in metronome]),
        ("Metronome: whole `metronome run` process (start, YAML, CSV → records, wiring, run, report)",
         metronome_process),
        ("NautilusTrader: `engine.run()` (event loop + end(); QuoteTicks already built)",
         [figures["run_seconds"] for figures in nautilus]),
        ("NautilusTrader: event loop only (`run(streaming=True)`, without end()'s post-run statistics)",
         [figures["loop_seconds"] for figures in nautilus]),
        ("NautilusTrader: whole process (start, imports, CSV → QuoteTicks, add_data, engine.run())",
         nautilus_process),
        ("NautilusTrader without a strategy: `engine.run()` (data and venue only)",
         [figures["run_seconds"] for figures in engine_only]),
        ("NautilusTrader, EMACross example unchanged on 1-minute mid bars (not the same strategy): `engine.run()`",
         [figures["run_seconds"] for figures in minute_bars]),
    ]
    print(f"\n{ticks:,} quotes, {runs} runs each; best and median\n")
    print("| run | wall s (best / median) | ticks/s (best / median) |")
    print("|---|---|---|")
    medians = {}
    bests = {}
    for label, seconds in rows:
        best, median = min(seconds), statistics.median(seconds)
        bests[label], medians[label] = best, median
        print(f"| {label} | {best:.3f} / {median:.3f} | {ticks / best:,.0f} / {ticks / median:,.0f} |")

    def ratio(numerator: str, denominator: str) -> str:
        return (f"{bests[denominator] / bests[numerator]:.1f}× best, "
                f"{medians[denominator] / medians[numerator]:.1f}× median")

    labels = [label for label, _ in rows]
    print()
    print(f"- Metronome engine ÷ NautilusTrader engine.run(): {ratio(labels[0], labels[2])}")
    print(f"- Metronome engine ÷ NautilusTrader event loop only: {ratio(labels[0], labels[3])}")
    print(f"- whole Metronome process ÷ whole NautilusTrader process: {ratio(labels[1], labels[4])}")
    print(f"- Metronome engine (a decision on every quote) ÷ NautilusTrader's example on 1-minute bars (a decision a minute): "
          f"{ratio(labels[0], labels[6])}")
    print(f"- Metronome engine ÷ the 67,000 ticks/s the issue quotes for NautilusTrader: "
          f"{ticks / bests[labels[0]] / 67_000:.1f}× best, {ticks / medians[labels[0]] / 67_000:.1f}× median")
    print()
    print(f"- loading outside the timed engine, median: Metronome process − engine "
          f"{statistics.median(metronome_process) - medians[labels[0]]:.3f} s, `metronome run --until 1s` "
          f"(start, YAML, CSV → records, wiring) {statistics.median(metronome_load):.3f} s (best {min(metronome_load):.3f} s); "
          f"NautilusTrader CSV → QuoteTicks "
          f"{statistics.median(f['load_seconds'] for f in nautilus):.3f} s + add_data {statistics.median(f['add_data_seconds'] for f in nautilus):.3f} s")
    print(f"- peak RSS, median: Metronome {statistics.median(metronome_rss):.0f} MB, "
          f"NautilusTrader {statistics.median(f['peak_rss_megabytes'] for f in nautilus):.0f} MB")
    first, other = metronome[0], nautilus[0]
    print(f"- trading: Metronome {first['orders']:,} orders (one per change of side; a flip is one order of 2), "
          f"{first['fills']:,} fills, {first['events']:,} events; NautilusTrader {other['crossings']:,} changes of side, "
          f"{other['orders']:,} orders ({other['filled_orders']:,} filled; a flip is a close and an open)")
    print(f"- machine: {machine(nautilus_version)}")


if __name__ == "__main__":
    main()
