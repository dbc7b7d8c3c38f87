#!/usr/bin/env python3
"""Prints the peer benchmark's table from the files Benchmarks/peers/run.sh leaves in
out/peers/rounds: per engine the engine-run time and the whole-process time (median and min–max
over the rounds), the peak RSS (median), the orders, and each figure's ratio to Metronome's; then
the figures each engine reports apart (compile, load, loop alone), the versions and the load
average.

    python3 Benchmarks/peers/summarize.py out/peers/rounds --rounds 3 --versions out/peers/versions.json \\
        --load-before "1.02 0.98 1.10" --load-after "1.20 1.01 1.08"

Per round and engine run.sh leaves `<engine>-<round>.json` (the engine's own figures), `.rss`
(kilobytes, /usr/bin/time %M) and `.process-ns` (the command's wall time in nanoseconds).
"""

import argparse
import json
import os
import statistics
import sys

ENGINES = [
    ("metronome", "Metronome"),
    ("hftbacktest", "hftbacktest"),
    ("nautilus", "NautilusTrader (Rust engine, built-in EmaCross)"),
    ("nautilus-python", "NautilusTrader (Cython engine, Python EMACross)"),
    ("c-baseline", "C baseline"),
]


def read_number(path: str) -> int:
    with open(path) as file:
        text = file.read().strip()
    try:
        return int(text.splitlines()[-1])
    except (ValueError, IndexError):
        sys.exit(f"summarize.py: {path}: expected a whole number on its last line, found {text!r}")


def read_figures(path: str) -> dict:
    """The engine's figures: a JSON object on the file's last non-empty line (Metronome's report
    is a whole JSON file instead)."""
    with open(path) as file:
        text = file.read()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        lines = [line for line in text.splitlines() if line.strip()]
        try:
            return json.loads(lines[-1])
        except (json.JSONDecodeError, IndexError):
            sys.exit(f"summarize.py: {path}: expected a JSON object (the engine's figures), found {text[-200:]!r}")


def engine_rounds(directory: str, engine: str, rounds: int) -> list:
    """One dict per round that ran: engine-run seconds, process seconds, RSS MB, orders, extras."""
    results = []
    for round_number in range(1, rounds + 1):
        stem = os.path.join(directory, f"{engine}-{round_number}")
        if not os.path.exists(stem + ".json"):
            continue
        figures = read_figures(stem + ".json")
        if engine == "metronome":
            figures = {"engine_seconds": figures["wall_seconds"], "orders": figures["orders"],
                       "quotes": figures["inputs"], "fills": figures.get("fills")}
        elif engine == "c-baseline":
            # Its engine run is the whole program: reading the CSV and the loop, as Metronome's
            # run reads the CSV as it goes; the loop alone is listed apart.
            figures["engine_seconds"] = figures["total_seconds"]
        figures["process_seconds"] = read_number(stem + ".process-ns") / 1e9
        figures["rss_megabytes"] = read_number(stem + ".rss") / 1024
        results.append(figures)
    return results


def spread(values: list, digits: int = 3) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def ratio(value: float, reference: float) -> str:
    if reference <= 0:
        return "–"
    multiple = value / reference
    return f"{multiple:.3f}×" if multiple < 0.1 else f"{multiple:.2f}×" if multiple < 10 else f"{multiple:.0f}×"


def orders_text(engine: str, runs: list) -> str:
    counts = sorted({run["orders"] for run in runs})
    text = "/".join(f"{count:,}" for count in counts)
    if engine == "nautilus-python":
        # EMACross flips with a close and an open: two orders per change of side after the first.
        sides = sorted({run["changes_of_side"] for run in runs})
        text += " (" + "/".join(f"{count:,}" for count in sides) + " changes of side)"
    return text


def extras(engine: str, runs: list) -> list:
    """The figures an engine reports besides its engine-run time, as (label, median text)."""
    def median(key: str) -> str:
        return spread([run[key] for run in runs])
    if engine == "metronome":
        return []
    if engine == "hftbacktest":
        return [("numba compile (warm-up on the first 2,000 quotes, not in the engine time)", median("compile_seconds")),
                ("loading the npz (not in the engine time)", median("load_seconds")),
                ("building the HashMapMarketDepthBacktest (not in the engine time)", median("setup_seconds"))]
    if engine in ("nautilus", "nautilus-python"):
        lines = [("event loop only (`run(streaming=True)` over the chunks, with the purges)", median("loop_seconds")),
                 ("`end()`", median("end_seconds")),
                 ("CSV → QuoteTicks (not in the engine time)", median("load_seconds"))]
        if engine == "nautilus":
            lines.append(("QuoteTicks → pyo3 QuoteTicks (not in the engine time)", median("convert_to_pyo3_seconds")))
        return lines + [("`add_data` (not in the engine time)", median("add_data_seconds"))]
    if engine == "c-baseline":
        return [("EMA loop alone (quotes already in arrays)", spread([run["loop_seconds"] for run in runs], 6))]
    return []


def crossings_check(measured: dict) -> str:
    """Whether the engines traded the same crossings: one order per change of side (Metronome,
    hftbacktest, the C baseline), one fewer for NautilusTrader's Rust EmaCross (no side before
    its first cross), and as many changes of side for its Python EMACross."""
    changes = {}
    for engine, runs in measured.items():
        for run in runs:
            if engine == "nautilus":
                changes.setdefault(engine, set()).add(run["orders"] + 1)
            elif engine == "nautilus-python":
                changes.setdefault(engine, set()).add(run["changes_of_side"])
            else:
                changes.setdefault(engine, set()).add(run["orders"])
    counts = sorted(set().union(*changes.values()))
    if len(counts) == 1:
        return f"same crossings: every engine took {counts[0]:,} changes of side"
    detail = ", ".join(f"{engine} {'/'.join(f'{count:,}' for count in sorted(values))}" for engine, values in changes.items())
    return f"the engines did NOT take the same number of changes of side: {detail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory")
    parser.add_argument("--rounds", type=int, required=True)
    parser.add_argument("--versions", required=True, help="JSON object: name → version")
    parser.add_argument("--load-before", required=True)
    parser.add_argument("--load-after", required=True)
    arguments = parser.parse_args()

    measured = {engine: engine_rounds(arguments.directory, engine, arguments.rounds) for engine, _ in ENGINES}
    if not measured["metronome"]:
        sys.exit("summarize.py: no Metronome rounds: the ratios need them")
    quote_counts = {run["quotes"] for runs in measured.values() for run in runs}
    if len(quote_counts) != 1:
        sys.exit(f"summarize.py: the engines did not all read the same number of quotes: {sorted(quote_counts)}")
    reference = {key: statistics.median(run[key] for run in measured["metronome"])
                 for key in ("engine_seconds", "process_seconds", "rss_megabytes")}

    print(f"\n{quote_counts.pop():,} quotes, {arguments.rounds} round{'s' if arguments.rounds > 1 else ''} (engines alternating within each round); "
          "median (min–max); ratios are the engine's median ÷ Metronome's\n")
    print("| engine | engine run, s | whole process, s | peak RSS, MB | orders | engine run ÷ Metronome | process ÷ Metronome | RSS ÷ Metronome |")
    print("|---|---|---|---|---|---|---|---|")
    for engine, label in ENGINES:
        runs = measured[engine]
        if not runs:
            if engine != "nautilus-python":  # an extra, run only when ENGINES names it
                print(f"| {label} | not run | | | | | | |")
            continue
        engine_seconds = [run["engine_seconds"] for run in runs]
        process_seconds = [run["process_seconds"] for run in runs]
        rss = statistics.median(run["rss_megabytes"] for run in runs)
        rounds_note = "" if len(runs) == arguments.rounds else f" ({len(runs)} rounds)"
        print(f"| {label}{rounds_note} | {spread(engine_seconds, 4)} | {spread(process_seconds)} | {rss:.0f} | "
              f"{orders_text(engine, runs)} | {ratio(statistics.median(engine_seconds), reference['engine_seconds'])} | "
              f"{ratio(statistics.median(process_seconds), reference['process_seconds'])} | {ratio(rss, reference['rss_megabytes'])} |")

    lines = [(label, name, text) for engine, label in ENGINES if measured[engine]
             for name, text in extras(engine, measured[engine])]
    if lines:
        print("\nApart from the engine-run time (s, median (min–max)):\n")
        for label, name, text in lines:
            print(f"- {label}: {name}: {text}")
    print("\n- " + crossings_check(measured))
    with open(arguments.versions) as file:
        versions = json.load(file)
    print("\n- versions: " + "; ".join(f"{name} {version}" for name, version in versions.items()))
    print(f"- load average (1, 5, 15 min) before the rounds: {arguments.load_before}; after: {arguments.load_after}")


if __name__ == "__main__":
    main()
