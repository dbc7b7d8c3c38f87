#!/usr/bin/env python3
"""The NautilusTrader side of the peer benchmark (Benchmarks/peers/README.md), for
nautilus_trader 1.231 (Python >= 3.12).

`--engine rust` (the default, the table's NautilusTrader row): NautilusTrader's Rust backtest
engine through its pyo3 binding (`nautilus_pyo3.BacktestEngine`) running its built-in Rust
`EmaCross` example strategy (`add_builtin_strategy("EmaCross", EmaCrossConfig(...))`, fast 40 /
slow 160): EMAs on the mid of every quote, one market order of 1 when the fast EMA crosses the
slow one — so one order per change of side, as Metronome sends (Metronome flips with one order
of 2, this example with one of 1: its position alternates between 1 and 0, the work per quote
and per crossing is the same). No Python runs per quote.

`--engine python`: the Cython `BacktestEngine` with the `EMACross` example (Python) fed by every
quote's mid, as Benchmarks/nautilus/ema_cross_nautilus.py runs it for 1.221: long 1 above, short
1 below, a flip being a close and an open (two orders).

Both stream the quotes in chunks of 100,000 (`add_data`, `run(streaming=True)`, `clear_data`)
and purge the cache's account events between chunks (`cache.purge_account_events`), then call
`end()`. The engine-run time is the sum of the `run` calls, the purges and `end()`; reading the
CSV, building the QuoteTicks and `add_data` (which sorts) are timed apart.

    out/peers/nautilus-venv/bin/python Benchmarks/peers/nautilus_ema_cross.py out/peers/quotes.csv   # one JSON line
"""

import argparse
import json
import resource
import sys
import time
from decimal import Decimal

import pandas as pd

import nautilus_trader
from nautilus_trader.model.data import QuoteTick
from nautilus_trader.model.identifiers import InstrumentId
from nautilus_trader.model.identifiers import Symbol
from nautilus_trader.model.identifiers import Venue
from nautilus_trader.model.instruments import Equity
from nautilus_trader.model.currencies import EUR
from nautilus_trader.model.objects import Price
from nautilus_trader.model.objects import Quantity
from nautilus_trader.persistence.wranglers import QuoteTickDataWrangler

CHUNK_QUOTES = 100_000
FAST_PERIOD, SLOW_PERIOD = 40, 160


def load_quotes(path: str, instrument: Equity) -> list:
    """The quote rows of a Metronome tick CSV as (Cython) QuoteTicks, ts_event = ts_init = `time`.
    The wrangler takes the prices as doubles and rounds them to the instrument's 2 decimals, which
    gives back the file's cents exactly."""
    frame = pd.read_csv(path, comment="#", usecols=["time", "symbol", "kind", "bid", "ask", "bid_size", "ask_size"],
                        dtype={"symbol": str, "kind": str, "bid": "float64", "ask": "float64",
                               "bid_size": "float64", "ask_size": "float64"})
    frame = frame[(frame["kind"] == "quote") & (frame["symbol"] == instrument.raw_symbol.value)]
    if frame.empty:
        sys.exit(f"{path}: expected quote rows of {instrument.raw_symbol.value}")
    index = pd.to_datetime(frame["time"], utc=True, format="ISO8601")
    frame = frame.set_index(pd.DatetimeIndex(index, name="timestamp"))[["bid", "ask", "bid_size", "ask_size"]]
    return QuoteTickDataWrangler(instrument).process(frame)


def cython_instrument() -> Equity:
    instrument_id = InstrumentId(Symbol("ACME"), Venue("SIM"))
    # Fees as in the Metronome scenario: 1 bp of the traded value.
    return Equity(instrument_id=instrument_id, raw_symbol=Symbol("ACME"), currency=EUR, price_precision=2,
                  price_increment=Price.from_str("0.01"), lot_size=Quantity.from_int(1), ts_event=0, ts_init=0,
                  maker_fee=Decimal("0.0001"), taker_fee=Decimal("0.0001"))


def chunks(ticks: list) -> list:
    return [ticks[start:start + CHUNK_QUOTES] for start in range(0, len(ticks), CHUNK_QUOTES)]


def stream(engine, cache, ticks: list) -> dict:
    """Runs the engine over the ticks chunk by chunk, purging account events between chunks."""
    run_seconds = add_data_seconds = 0.0
    for chunk in chunks(ticks):
        started = time.perf_counter()
        engine.add_data(chunk)
        add_data_seconds += time.perf_counter() - started
        started = time.perf_counter()
        engine.run(streaming=True)
        cache.purge_account_events(chunk[-1].ts_init, 0)
        run_seconds += time.perf_counter() - started
        engine.clear_data()
    started = time.perf_counter()
    engine.end()
    end_seconds = time.perf_counter() - started
    return {"loop_seconds": run_seconds, "end_seconds": end_seconds, "engine_seconds": run_seconds + end_seconds,
            "add_data_seconds": add_data_seconds}


def run_rust(ticks: list) -> dict:
    from nautilus_trader.core import nautilus_pyo3 as pyo3
    started = time.perf_counter()
    pyo3_ticks = QuoteTick.to_pyo3_list(ticks)
    convert_seconds = time.perf_counter() - started
    venue = pyo3.Venue("SIM")
    instrument_id = pyo3.InstrumentId(pyo3.Symbol("ACME"), venue)
    euro = pyo3.Currency.from_str("EUR")
    instrument = pyo3.Equity(instrument_id, pyo3.Symbol("ACME"), euro, 2, pyo3.Price.from_str("0.01"), 0, 0,
                             lot_size=pyo3.Quantity.from_str("1"), maker_fee=0.0001, taker_fee=0.0001)
    # Logging at ERROR: at INFO it logs every order event, which would be timed too.
    engine = pyo3.BacktestEngine(pyo3.BacktestEngineConfig(
        bypass_logging=True, run_analysis=False, logging=pyo3.LoggerConfig(stdout_level=pyo3.LogLevel.ERROR)))
    # A margin account so the strategy can be short, with the Metronome scenario's 500 EUR.
    engine.add_venue(venue, pyo3.OmsType.NETTING, pyo3.AccountType.MARGIN, [pyo3.Money(500, euro)], base_currency=euro)
    engine.add_instrument(instrument)
    engine.add_builtin_strategy("EmaCross", pyo3.EmaCrossConfig(
        instrument_id, pyo3.Quantity.from_str("1"), fast_period=FAST_PERIOD, slow_period=SLOW_PERIOD))
    figures = stream(engine, engine.cache, pyo3_ticks)
    result = engine.get_result()
    figures.update({"engine": "nautilus", "setup": "Rust engine (pyo3 BacktestEngine), built-in Rust EmaCross",
                    "quotes": result.iterations, "orders": result.total_orders,
                    "positions": result.total_positions, "convert_to_pyo3_seconds": convert_seconds,
                    "balance_eur": result.summary.get("account.SIM.balance.EUR.total")})
    engine.dispose()
    return figures


def run_python(ticks: list, instrument: Equity) -> dict:
    from nautilus_trader.backtest.engine import BacktestEngine
    from nautilus_trader.backtest.engine import BacktestEngineConfig
    from nautilus_trader.config import LoggingConfig
    from nautilus_trader.examples.strategies.ema_cross import EMACrossConfig
    from nautilus_trader.model.data import BarType
    from nautilus_trader.model.enums import AccountType
    from nautilus_trader.model.enums import OmsType
    from nautilus_trader.model.identifiers import TraderId
    from nautilus_trader.model.objects import Money
    from nautilus_ema_cross_on_quotes import EMACrossOnQuotes

    engine = BacktestEngine(BacktestEngineConfig(trader_id=TraderId("BACKTESTER-001"),
                                                 logging=LoggingConfig(log_level="ERROR")))
    engine.add_venue(venue=instrument.id.venue, oms_type=OmsType.NETTING, account_type=AccountType.MARGIN,
                     base_currency=EUR, starting_balances=[Money(500, EUR)])
    engine.add_instrument(instrument)
    strategy = EMACrossOnQuotes(EMACrossConfig(
        instrument_id=instrument.id, bar_type=BarType.from_str("ACME.SIM-1-TICK-MID-INTERNAL"),
        trade_size=Decimal(1), fast_ema_period=FAST_PERIOD, slow_ema_period=SLOW_PERIOD,
        subscribe_quote_ticks=True, subscribe_trade_ticks=False, request_bars=False, unsubscribe_data_on_stop=False))
    engine.add_strategy(strategy)
    figures = stream(engine, engine.cache, ticks)
    figures.update({"engine": "nautilus-python", "setup": "Cython BacktestEngine, EMACross example (Python) on every quote",
                    "quotes": len(ticks), "orders": len(engine.cache.orders()), "changes_of_side": strategy.crossings,
                    "balance_eur": str(engine.portfolio.account(instrument.id.venue).balance_total(EUR))})
    engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", help="tick CSV (Benchmarks/nautilus/make_quotes.py)")
    parser.add_argument("--engine", choices=["rust", "python"], default="rust")
    arguments = parser.parse_args()

    instrument = cython_instrument()
    started = time.perf_counter()
    ticks = load_quotes(arguments.csv, instrument)
    load_seconds = time.perf_counter() - started
    figures = run_rust(ticks) if arguments.engine == "rust" else run_python(ticks, instrument)
    figures.update({"version": nautilus_trader.__version__, "load_seconds": load_seconds,
                    "peak_rss_megabytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})
    print(json.dumps(figures))
    if figures["quotes"] != len(ticks):
        sys.exit(f"nautilus: the engine iterated {figures['quotes']:,} times for {len(ticks):,} quotes")


if __name__ == "__main__":
    main()
