#!/usr/bin/env python3
"""Writes calm-day widened to N symbols (10 sectors), to measure how `metronome validate` scales.

    python3 scripts/wide-scenario.py 4000 > /tmp/wide-4000.yaml
    /usr/bin/time -v .build/debug/metronome validate /tmp/wide-4000.yaml

`--feed gbm` writes a plain GBM feed instead of the correlated synthetic one.
"""
import argparse
import pathlib
import re

parser = argparse.ArgumentParser()
parser.add_argument("symbols", type=int)
parser.add_argument("--feed", choices=["synthetic", "gbm"], default="synthetic")
arguments = parser.parse_args()

library = pathlib.Path(__file__).resolve().parent.parent / "Scenarios" / "Library" / "calm-day.yaml"
text = library.read_text()
universe = "universe:\n" + "".join(
    f"  - {{ symbol: S{index:05d}, sector: sector{index % 10} }}\n" for index in range(arguments.symbols))
text = re.sub(r"universe:\n(  - .*\n)+", universe, text)
if arguments.feed == "gbm":
    feed = ("feeds:\n  - { name: market, type: gbm, interval: 1m, drift: 0.05, volatility: 0.15, "
            "initial_price: 100.00, spread_ticks: 2, max_size: 500, latency: 300us }\n\n")
    text = re.sub(r"feeds:\n(.*\n)*?\n(?=# The default weights)", feed, text)
    text = re.sub(r"  - \{ name: (sentiment|insider|macro|money-flows|flow|causal|hedging|learning|undervalued|top-performers|value),.*\n", "", text)
print(text, end="")
