"""NautilusTrader's EMACross example with its EMAs on the mid of every quote, for
`Benchmarks/peers/nautilus_ema_cross.py --engine python` (copied from
Benchmarks/nautilus/ema_cross_nautilus.py, where it was measured with 1.221).

The example as shipped decides on bars only and skips single-price bars, so it would never trade
on a quote-per-bar feed: here its two EMAs read the mid of every quote and the cross is evaluated
on every quote. Buy/sell, order sizing and the flip logic (close, then open) are the example's.
"""

from nautilus_trader.examples.strategies.ema_cross import EMACross
from nautilus_trader.examples.strategies.ema_cross import EMACrossConfig
from nautilus_trader.indicators import ExponentialMovingAverage
from nautilus_trader.model.data import QuoteTick
from nautilus_trader.model.enums import PriceType


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
