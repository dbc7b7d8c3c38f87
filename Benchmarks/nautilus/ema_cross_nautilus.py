#!/usr/bin/env python3
"""The NautilusTrader side of the side-by-side (docs/performance.md): a BacktestEngine running
NautilusTrader's own EMA-cross example strategy (fast 40 / slow 160, trade size 1) over the tick
CSV that Metronome reads (Benchmarks/nautilus/make_quotes.py), as QuoteTicks.

The strategy is `nautilus_trader.examples.strategies.ema_cross.EMACross` with one change: its
EMAs are fed by every quote (on the mid price) instead of by bars, and the cross is evaluated on
every quote — Metronome's EMA-cross agent does the same. The example as shipped only trades on
bars and skips single-price bars, and a 1-tick bar of quotes is always single-price, so it would
never trade on a quote-per-bar feed. Buy/sell, order sizing and the stop logic are the example's.

`--minute-bars` runs the example exactly as shipped instead, on 1-minute mid bars the engine
builds from the quotes: a lighter and different strategy (one decision a minute), kept to show
where NautilusTrader's throughput lands when the strategy is not run on every quote.
`--no-strategy` runs the data and the venue alone.

Only `engine.run()` is timed as the throughput figure; reading the CSV, building the QuoteTicks
and handing them to the engine (`add_data`, which sorts) are timed apart.

    out/nautilus/venv/bin/python Benchmarks/nautilus/ema_cross_nautilus.py out/nautilus/quotes-1m.csv
"""

import argparse
import json
import resource
import sys
import time
from decimal import Decimal

import pandas as pd

from nautilus_trader.backtest.engine import BacktestEngine
from nautilus_trader.backtest.engine import BacktestEngineConfig
from nautilus_trader.config import LoggingConfig
from nautilus_trader.examples.strategies.ema_cross import EMACross
from nautilus_trader.examples.strategies.ema_cross import EMACrossConfig
from nautilus_trader.indicators import ExponentialMovingAverage
from nautilus_trader.model.currencies import EUR
from nautilus_trader.model.data import BarType
from nautilus_trader.model.data import QuoteTick
from nautilus_trader.model.enums import AccountType
from nautilus_trader.model.enums import OmsType
from nautilus_trader.model.enums import OrderStatus
from nautilus_trader.model.enums import PriceType
from nautilus_trader.model.identifiers import InstrumentId
from nautilus_trader.model.identifiers import Symbol
from nautilus_trader.model.identifiers import TraderId
from nautilus_trader.model.identifiers import Venue
from nautilus_trader.model.instruments import Equity
from nautilus_trader.model.objects import Money
from nautilus_trader.model.objects import Price
from nautilus_trader.model.objects import Quantity
from nautilus_trader.persistence.wranglers import QuoteTickDataWrangler


class EMACrossOnQuotes(EMACross):
    """NautilusTrader's EMACross example with its EMAs on the mid of every quote."""

    def __init__(self, config: EMACrossConfig) -> None:
        super().__init__(config)
        # The example's EMAs read the last price, which a quote does not have.
        self.fast_ema = ExponentialMovingAverage(config.fast_ema_period, PriceType.MID)
        self.slow_ema = ExponentialMovingAverage(config.slow_ema_period, PriceType.MID)
        self.crossings = 0
        self.last_side = 0

    def on_start(self) -> None:
        self.instrument = self.cache.instrument(self.config.instrument_id)
        self.register_indicator_for_quote_ticks(self.config.instrument_id, self.fast_ema)
        self.register_indicator_for_quote_ticks(self.config.instrument_id, self.slow_ema)
        self.subscribe_quote_ticks(self.config.instrument_id)

    def on_quote_tick(self, tick: QuoteTick) -> None:
        if not self.indicators_initialized():
            return
        # The body of EMACross.on_bar, without its per-bar logging and single-price check.
        side = 1 if self.fast_ema.value >= self.slow_ema.value else -1
        if side != self.last_side:
            self.crossings += 1
            self.last_side = side
        if side > 0:
            if self.portfolio.is_flat(self.config.instrument_id):
                self.buy()
            elif self.portfolio.is_net_short(self.config.instrument_id):
                self.close_all_positions(self.config.instrument_id)
                self.buy()
        else:
            if self.portfolio.is_flat(self.config.instrument_id):
                self.sell()
            elif self.portfolio.is_net_long(self.config.instrument_id):
                self.close_all_positions(self.config.instrument_id)
                self.sell()


def load_quotes(path: str, instrument: Equity) -> list:
    """The quote rows of a Metronome tick CSV as QuoteTicks (ts_event = ts_init = `time`).

    Prices are read as doubles: the wrangler takes doubles and rounds them to the instrument's
    2 decimals, which gives back the file's cents exactly.
    """
    frame = pd.read_csv(path, comment="#", usecols=["time", "symbol", "kind", "bid", "ask", "bid_size", "ask_size"],
                        dtype={"symbol": str, "kind": str, "bid": "float64", "ask": "float64", "bid_size": "float64", "ask_size": "float64"})
    frame = frame[(frame["kind"] == "quote") & (frame["symbol"] == instrument.raw_symbol.value)]
    if frame["time"].astype(str).str.fullmatch(r"\d+").all():
        index = pd.to_datetime(frame["time"].astype("int64"), unit="ns", utc=True)
    else:
        index = pd.to_datetime(frame["time"], utc=True, format="ISO8601")
    frame = frame.set_index(pd.DatetimeIndex(index, name="timestamp"))[["bid", "ask", "bid_size", "ask_size"]]
    return QuoteTickDataWrangler(instrument).process(frame)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", help="tick CSV (Benchmarks/nautilus/make_quotes.py)")
    parser.add_argument("--no-strategy", action="store_true", help="run the engine with no strategy (data and venue only)")
    parser.add_argument("--minute-bars", action="store_true",
                        help="run the EMACross example unchanged, on 1-minute mid bars the engine builds from the quotes "
                             "(a different, much lighter strategy: 40/160 minutes, decided once a minute)")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    arguments = parser.parse_args()

    venue = Venue("SIM")
    instrument_id = InstrumentId(Symbol("ACME"), venue)
    # Fees as in the Metronome scenario: 1 bp of the traded value.
    instrument = Equity(instrument_id=instrument_id, raw_symbol=Symbol("ACME"), currency=EUR, price_precision=2,
                        price_increment=Price.from_str("0.01"), lot_size=Quantity.from_int(1), ts_event=0, ts_init=0,
                        maker_fee=Decimal("0.0001"), taker_fee=Decimal("0.0001"))

    started = time.perf_counter()
    ticks = load_quotes(arguments.csv, instrument)
    load_seconds = time.perf_counter() - started

    # Logging at ERROR: NautilusTrader logs every order event at INFO, which would be timed too.
    engine = BacktestEngine(BacktestEngineConfig(trader_id=TraderId("BACKTESTER-001"),
                                                 logging=LoggingConfig(log_level="ERROR")))
    # A margin account so the strategy can be short, with the Metronome scenario's 500 EUR.
    engine.add_venue(venue=venue, oms_type=OmsType.NETTING, account_type=AccountType.MARGIN, base_currency=EUR,
                     starting_balances=[Money(500, EUR)])
    engine.add_instrument(instrument)
    started = time.perf_counter()
    engine.add_data(ticks)
    add_data_seconds = time.perf_counter() - started
    strategy = None
    if arguments.minute_bars:
        engine.add_strategy(EMACross(EMACrossConfig(
            instrument_id=instrument_id, bar_type=BarType.from_str("ACME.SIM-1-MINUTE-MID-INTERNAL"),
            trade_size=Decimal(1), fast_ema_period=40, slow_ema_period=160,
            subscribe_trade_ticks=False, request_bars=False)))
    elif not arguments.no_strategy:
        strategy = EMACrossOnQuotes(EMACrossConfig(
            instrument_id=instrument_id, bar_type=BarType.from_str("ACME.SIM-1-TICK-MID-INTERNAL"),
            trade_size=Decimal(1), fast_ema_period=40, slow_ema_period=160,
            subscribe_quote_ticks=True, subscribe_trade_ticks=False, request_bars=False, unsubscribe_data_on_stop=False))
        engine.add_strategy(strategy)

    # engine.run() is the event loop followed by engine.end() (stop the components, then the
    # post-run statistics, which pandas computes position by position). run(streaming=True) is the
    # same loop without end(), so the two parts are timed apart; together they are engine.run().
    started = time.perf_counter()
    engine.run(streaming=True)
    loop_seconds = time.perf_counter() - started
    started = time.perf_counter()
    engine.end()
    end_seconds = time.perf_counter() - started
    run_seconds = loop_seconds + end_seconds

    orders = engine.cache.orders()
    figures = {
        "engine": "nautilus_trader",
        "strategy": "none" if arguments.no_strategy else "EMACross on 1-minute bars" if arguments.minute_bars else "EMACross on every quote",
        "ticks": len(ticks),
        "load_seconds": load_seconds,
        "add_data_seconds": add_data_seconds,
        "loop_seconds": loop_seconds,
        "end_seconds": end_seconds,
        "run_seconds": run_seconds,
        "ticks_per_second": len(ticks) / run_seconds,
        "loop_ticks_per_second": len(ticks) / loop_seconds,
        "orders": len(orders),
        "filled_orders": sum(1 for order in orders if order.status == OrderStatus.FILLED),
        "crossings": strategy.crossings if strategy else 0,
        "balance_eur": str(engine.portfolio.account(venue).balance_total(EUR)),
        "peak_rss_megabytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    engine.dispose()
    print(f"NautilusTrader: {figures['ticks']:,} quote ticks; engine.run() {run_seconds:.3f} s = {figures['ticks_per_second']:,.0f} ticks/s "
          f"(event loop {loop_seconds:.3f} s = {figures['loop_ticks_per_second']:,.0f} ticks/s, end() {end_seconds:.3f} s) "
          f"(not timed: CSV → QuoteTicks {load_seconds:.3f} s, add_data {add_data_seconds:.3f} s); "
          f"{figures['orders']:,} orders, {figures['filled_orders']:,} filled, {figures['crossings']:,} crossings; "
          f"peak RSS {figures['peak_rss_megabytes']:.0f} MB")
    if arguments.json:
        with open(arguments.json, "w") as file:
            json.dump(figures, file, indent=2)
            file.write("\n")


if __name__ == "__main__":
    sys.exit(main())
