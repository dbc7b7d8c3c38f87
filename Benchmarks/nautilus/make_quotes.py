#!/usr/bin/env python3
"""Writes the tick CSV both engines read in the NautilusTrader side-by-side.

One symbol (ACME), quotes only, in Metronome's tick CSV format (docs/scenarios.md, "Tick CSV"):
the mid follows a geometric Brownian motion like Metronome's `gbm` feed (drift 0.05 and
volatility 0.18 annualized over 252 days of 6.5 hours), rounded to the cent, straddled by a
2-tick spread (bid = mid - 0.01, ask = mid + 0.01), sizes uniform in 1..500, one quote every
250 ms from 2024-03-01T14:30:00.250Z. The generator is Python's Mersenne Twister with a fixed
seed, so the file is the same byte for byte on every machine and Python 3 version (its
`gauss` and `randrange` are specified for a given seed): the figures in docs/performance.md
can be reproduced on the same ticks.

    python3 Benchmarks/nautilus/make_quotes.py --output out/nautilus/quotes-1m.csv
"""

import argparse
import datetime
import math
import os
import random

SECONDS_PER_TRADING_YEAR = 252.0 * 6.5 * 3600.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", default="out/nautilus/quotes-1m.csv", help="CSV to write (default: %(default)s)")
    parser.add_argument("--count", type=int, default=1_000_000, help="quotes to write (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default: %(default)s)")
    arguments = parser.parse_args()
    if arguments.count <= 0:
        parser.error("--count must be positive")

    interval_milliseconds = 250
    drift, volatility = 0.05, 0.18
    step_years = interval_milliseconds / 1000.0 / SECONDS_PER_TRADING_YEAR
    step_drift = (drift - 0.5 * volatility * volatility) * step_years
    step_volatility = volatility * math.sqrt(step_years)
    half_spread_cents, maximum_size = 1, 500

    generator = random.Random(arguments.seed)
    log_price_cents = math.log(10_000.0)  # 100.00
    start = datetime.datetime(2024, 3, 1, 14, 30, tzinfo=datetime.timezone.utc)
    start_milliseconds = int(start.timestamp()) * 1000

    os.makedirs(os.path.dirname(os.path.abspath(arguments.output)), exist_ok=True)
    temporary = arguments.output + ".partial"
    with open(temporary, "w", newline="\n") as file:
        file.write("time,symbol,kind,bid,ask,bid_size,ask_size,price,size,side\n")
        lines = []
        for index in range(1, arguments.count + 1):
            log_price_cents += step_drift + step_volatility * generator.gauss(0.0, 1.0)
            mid = max(round(math.exp(log_price_cents)), 2 * half_spread_cents + 1)
            bid, ask = mid - half_spread_cents, mid + half_spread_cents
            bid_size = 1 + generator.randrange(maximum_size)
            ask_size = 1 + generator.randrange(maximum_size)
            milliseconds = start_milliseconds + index * interval_milliseconds
            stamp = datetime.datetime.fromtimestamp(milliseconds // 1000, tz=datetime.timezone.utc)
            lines.append(f"{stamp:%Y-%m-%dT%H:%M:%S}.{milliseconds % 1000:03d}Z,ACME,quote,"
                         f"{bid // 100}.{bid % 100:02d},{ask // 100}.{ask % 100:02d},{bid_size},{ask_size},,,\n")
            if len(lines) == 100_000:  # bounded memory: write in chunks
                file.writelines(lines)
                lines.clear()
        file.writelines(lines)
    # Only a complete file gets the final name, so an interrupted run is not mistaken for one.
    os.replace(temporary, arguments.output)
    print(f"wrote {arguments.count:,} quotes to {arguments.output}")


if __name__ == "__main__":
    main()
