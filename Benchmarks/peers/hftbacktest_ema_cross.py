#!/usr/bin/env python3
"""The hftbacktest side of the peer benchmark (Benchmarks/peers/README.md), for hftbacktest 2.4.4.

`convert` turns the tick CSV (Benchmarks/nautilus/make_quotes.py) into hftbacktest's event array
once, saved as an npz: each quote becomes Level-2 depth events at its time (exchange and local
time alike: no feed latency) — the previous bid and ask levels set to 0 when the price moved,
then the new bid and ask levels with their sizes — so the book's best bid and ask are the quote's.

`run` replays that array in a `HashMapMarketDepthBacktest` (tick 0.01, lot 1, linear asset,
constant order latency 2 ms like the Metronome scenario's broker, 1 bp fee, no partial fills) and
runs, in a numba `@njit` function, the EMA cross of Metronome's `ema-cross` agent on the mid of
the book after each quote: EMAs 40 / 160 starting at the first mid, a side once more than 160
quotes were seen (long 1 when fast > slow, short 1 otherwise), and on every change of side one
market order for the difference (a flip is one order of 2, as Metronome's signal trader sends).
The strategy steps the clock one quote interval at a time (`elapse`), and counts the quotes it
saw so a wrong step would show.

Timed apart: loading the npz, a warm-up on the first quotes (numba compiles the strategy for the
backtest's type there), building the full backtest; the engine-run time is the strategy call on
the full backtest alone.

    out/peers/hftbacktest-venv/bin/python Benchmarks/peers/hftbacktest_ema_cross.py convert out/peers/quotes.csv out/peers/quotes.npz
    out/peers/hftbacktest-venv/bin/python Benchmarks/peers/hftbacktest_ema_cross.py run out/peers/quotes.npz   # one JSON line
"""

import argparse
import csv
import datetime
import json
import sys
import time

import numpy as np
from numba import njit

import hftbacktest
from hftbacktest import (BUY_EVENT, DEPTH_EVENT, EXCH_EVENT, GTC, LOCAL_EVENT, MARKET, SELL_EVENT, BacktestAsset,
                         HashMapMarketDepthBacktest, event_dtype)

FAST_PERIOD, SLOW_PERIOD = 40, 160
TICK_SIZE = 0.01
ORDER_LATENCY_NANOSECONDS = 2_000_000
FEE_RATE = 0.0001
WARM_UP_QUOTES = 2_000


def read_quotes(path: str) -> tuple:
    """Times (ns since the epoch), bid and ask (cents), bid and ask sizes of the CSV's quote rows."""
    times, bids, asks, bid_sizes, ask_sizes = [], [], [], [], []
    with open(path, newline="") as file:
        rows = csv.reader(file)
        header = next(rows, None)
        if header is None or header[:7] != ["time", "symbol", "kind", "bid", "ask", "bid_size", "ask_size"]:
            sys.exit(f"{path}, line 1: expected the header time,symbol,kind,bid,ask,bid_size,ask_size,…")
        for line_number, row in enumerate(rows, start=2):
            if not row or row[0].startswith("#") or row[2] != "quote":
                continue
            try:
                stamp = datetime.datetime.fromisoformat(row[0])
                times.append(int(stamp.timestamp()) * 1_000_000_000 + stamp.microsecond * 1_000)
                bids.append(round(float(row[3]) * 100))
                asks.append(round(float(row[4]) * 100))
                bid_sizes.append(float(row[5]))
                ask_sizes.append(float(row[6]))
            except (ValueError, IndexError) as error:
                sys.exit(f"{path}, line {line_number}: expected an ISO time, bid, ask, bid_size, ask_size ({error})")
    if not times:
        sys.exit(f"{path}: expected at least one quote row")
    return (np.array(times, np.int64), np.array(bids, np.int64), np.array(asks, np.int64),
            np.array(bid_sizes), np.array(ask_sizes))


def quote_events(times, bids, asks, bid_sizes, ask_sizes) -> np.ndarray:
    """The depth events that make each quote the book's top: old levels cleared first, so the book
    is never crossed, then the new levels."""
    events = np.zeros(4 * len(times), event_dtype)
    count = 0
    bid_flags = EXCH_EVENT | LOCAL_EVENT | BUY_EVENT | DEPTH_EVENT
    ask_flags = EXCH_EVENT | LOCAL_EVENT | SELL_EVENT | DEPTH_EVENT
    for index in range(len(times)):
        moves = []
        if index > 0 and bids[index] != bids[index - 1]:
            moves.append((bid_flags, bids[index - 1], 0.0))
        if index > 0 and asks[index] != asks[index - 1]:
            moves.append((ask_flags, asks[index - 1], 0.0))
        moves.append((bid_flags, bids[index], bid_sizes[index]))
        moves.append((ask_flags, asks[index], ask_sizes[index]))
        for flags, cents, size in moves:
            event = events[count]
            event["ev"], event["exch_ts"], event["local_ts"] = flags, times[index], times[index]
            event["px"], event["qty"] = cents * TICK_SIZE, size
            count += 1
    return events[:count]


@njit
def trade(hbt, fast_above_slow, side, orders):
    """Long 1 when the fast EMA is above the slow one, short 1 otherwise: one market order for the
    difference on a change of side. Returns the new side and order count."""
    wanted = 1 if fast_above_slow else -1
    if wanted == side:
        return side, orders
    orders += 1
    depth = hbt.depth(0)
    quantity = float(abs(wanted - side))
    if wanted > side:
        hbt.submit_buy_order(0, orders, depth.best_ask, quantity, GTC, MARKET, False)
    else:
        hbt.submit_sell_order(0, orders, depth.best_bid, quantity, GTC, MARKET, False)
    hbt.clear_inactive_orders(0)
    return wanted, orders


@njit
def ema_cross(hbt, quote_interval_nanoseconds, fast_period, slow_period):
    """Runs the EMA cross to the end of the data; returns (quotes seen, orders, position, fills)."""
    fast_weight = 2.0 / (fast_period + 1)
    slow_weight = 2.0 / (slow_period + 1)
    fast = 0.0
    slow = 0.0
    seen = 0
    side = 0
    orders = 0
    # The clock starts unset: elapse(0) moves it to the first quote, then each step is one quote.
    # The step that reaches the last quote answers 1 (end of data) with that quote applied.
    status = hbt.elapse(0)
    while status == 0 or status == 1:
        depth = hbt.depth(0)
        mid = (depth.best_bid_tick + depth.best_ask_tick) * 0.5
        if seen == 0:
            fast = mid
            slow = mid
        else:
            fast += fast_weight * (mid - fast)
            slow += slow_weight * (mid - slow)
        seen += 1
        if seen > slow_period:
            side, orders = trade(hbt, fast > slow, side, orders)
        if status == 1:
            break
        status = hbt.elapse(quote_interval_nanoseconds)
    return seen, orders, hbt.position(0), hbt.state_values(0).num_trades


def backtest(events: np.ndarray):
    asset = (BacktestAsset()
             .data(events)
             .linear_asset(1.0)
             .constant_order_latency(ORDER_LATENCY_NANOSECONDS, 0)
             .risk_adverse_queue_model()
             .no_partial_fill_exchange()
             .trading_value_fee_model(FEE_RATE, FEE_RATE)
             .tick_size(TICK_SIZE)
             .lot_size(1.0))
    return HashMapMarketDepthBacktest([asset])


def convert(csv_path: str, npz_path: str) -> None:
    started = time.perf_counter()
    events = quote_events(*read_quotes(csv_path))
    np.savez_compressed(npz_path, data=events)
    print(f"hftbacktest: wrote {len(events):,} depth events to {npz_path} in {time.perf_counter() - started:.1f} s")


def run(npz_path: str) -> None:
    started = time.perf_counter()
    events = np.load(npz_path)["data"]
    times = events["exch_ts"]
    quotes = int(np.count_nonzero(np.diff(times)) + 1)
    interval = int(times[-1] - times[0]) // max(quotes - 1, 1)
    load_seconds = time.perf_counter() - started

    # The warm-up: the first quotes' events, enough for the strategy to trade, so numba compiles every path.
    warm_up_events = events[:int(np.searchsorted(times, times[0] + WARM_UP_QUOTES * interval))].copy()
    started = time.perf_counter()
    warm_up = backtest(warm_up_events)
    ema_cross(warm_up, interval, FAST_PERIOD, SLOW_PERIOD)
    warm_up.close()
    compile_seconds = time.perf_counter() - started

    started = time.perf_counter()
    full = backtest(events)
    setup_seconds = time.perf_counter() - started
    started = time.perf_counter()
    seen, orders, position, fills = ema_cross(full, interval, FAST_PERIOD, SLOW_PERIOD)
    engine_seconds = time.perf_counter() - started
    full.close()
    print(json.dumps({
        "engine": "hftbacktest", "version": hftbacktest.__version__, "quotes": quotes, "quotes_seen": seen,
        "events": len(events), "orders": orders, "fills": fills, "final_position": position,
        "load_seconds": load_seconds, "compile_seconds": compile_seconds, "setup_seconds": setup_seconds,
        "engine_seconds": engine_seconds,
    }))
    if seen != quotes:
        sys.exit(f"hftbacktest: the strategy saw {seen:,} quotes of {quotes:,}: the step does not match the quotes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    convert_command = commands.add_parser("convert", help="CSV → npz event array")
    convert_command.add_argument("csv")
    convert_command.add_argument("npz")
    run_command = commands.add_parser("run", help="run the strategy on the npz; prints one JSON line")
    run_command.add_argument("npz")
    arguments = parser.parse_args()
    if arguments.command == "convert":
        convert(arguments.csv, arguments.npz)
    else:
        run(arguments.npz)


if __name__ == "__main__":
    main()
