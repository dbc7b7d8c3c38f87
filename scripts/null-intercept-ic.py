#!/usr/bin/env python3
"""What IC a forecast with no edge gets on calm-day, scored as `metronome skill` scores it.

Every feature agent's μ is α + β·x, and its intercept α is a forgetting-weighted mean (λ 0.995)
of the realized 30-minute returns of its scored forecasts. On a market without alpha that
intercept has no edge, yet its IC — the correlation of μ with the next 30-minute return, pooled
over the session's six symbols and over forecasts made every minute, as ForecastTracker and
ForecastScorer compute it — is biased below 0: within one session the trailing mean and the
return that follows are both measured against the session's own mean.

This simulates calm-day's market without alpha (six symbols, volatility 15 %, market correlation
0.2, sector correlation 0.5 in two sectors of three, 390 one-minute steps), forms the intercept
as the agents do (from the tenth scored forecast on), and prints its mean IC over many sessions.
It also prints the most IC calm-day's planted alpha allows (alpha_strength 1, half-life 30 min)
for a forecaster that knows the alpha exactly, and through sentiment with noise 2.

Usage: python3 scripts/null-intercept-ic.py [sessions]   (numpy; scripts/install-deps.sh)
"""
import sys

import numpy as np

MINUTES, HORIZON, SYMBOLS, VOLATILITY, FORGETTING = 390, 30, 6, 0.15, 0.995
MINUTES_PER_YEAR = 252 * 390


def session_ic(seed):
    random = np.random.default_rng(seed)
    per_minute = VOLATILITY / np.sqrt(MINUTES_PER_YEAR)
    market = random.standard_normal(MINUTES)
    sectors = random.standard_normal((2, MINUTES))
    own = random.standard_normal((SYMBOLS, MINUTES))
    returns = np.array([per_minute * (np.sqrt(0.2) * market + np.sqrt(0.3) * sectors[i // 3] + np.sqrt(0.5) * own[i])
                        for i in range(SYMBOLS)])
    log_prices = np.concatenate([np.zeros((SYMBOLS, 1)), np.cumsum(returns, axis=1)], axis=1)
    forecasts, realized = [], []
    for symbol in range(SYMBOLS):
        weight = total = 0.0
        scored = 0
        for t in range(MINUTES + 1 - HORIZON):
            if t >= HORIZON:  # the forecast made at t − horizon is scored now
                weight = FORGETTING * weight + 1
                total = FORGETTING * total + log_prices[symbol, t] - log_prices[symbol, t - HORIZON]
                scored += 1
            if scored >= 10:
                forecasts.append(total / weight)
                realized.append(log_prices[symbol, t + HORIZON] - log_prices[symbol, t])
    return np.corrcoef(forecasts, realized)[0, 1]


def main():
    sessions = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    ics = np.array([session_ic(seed) for seed in range(sessions)])
    print(f"intercept without edge, {sessions} sessions: mean IC {ics.mean():+.3f} "
          f"(standard error {ics.std(ddof=1) / np.sqrt(sessions):.3f}; one session's spread {ics.std(ddof=1):.3f})")
    noise = VOLATILITY / np.sqrt(MINUTES_PER_YEAR / HORIZON)
    # alpha_strength 1 of annual drift per unit of alpha, decaying with a 30-minute half-life over the horizon.
    drift = 1.0 / (MINUTES_PER_YEAR / HORIZON) * 0.5 / np.log(2)
    oracle = drift / np.hypot(drift, noise)
    print(f"calm-day's alpha, known exactly: IC {oracle:.3f}; through sentiment (noise 2): {oracle / np.sqrt(5):.3f}")


if __name__ == "__main__":
    main()
