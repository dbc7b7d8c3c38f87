#!/usr/bin/env python3
"""Expected indicator values for the Technical agent's test, computed with TA-Lib.

Reads Tests/Fixtures/indicators/bars.csv (date, open, high, low, close: 400 daily S&P 500 bars
taken from Scenarios/Data/sp500.csv) and writes Tests/Fixtures/indicators/talib-expected.csv:
one row per bar, the TA-Lib value of each indicator at that bar ("nan" before TA-Lib's first
output). Values are written with repr(), which round-trips a double exactly.

Columns, with the TA-Lib call behind each (periods as TechnicalIndicators.Periods defaults):
  rsi            RSI(close, 14)
  macd           MACD(close, 12, 26, 9), the MACD line
  percent_b      BBANDS(close, 20, 2, 2, SMA): (close - lower) / (upper - lower)
  atr            ATR(high, low, close, 14)
  max_high       MAX(high, 20)
  min_low        MIN(low, 20)
  adx            ADX(high, low, close, 14)

Regenerate (TA-Lib's PyPI wheels bundle the C library):
  python3 -m venv /tmp/talib-venv && /tmp/talib-venv/bin/pip install TA-Lib numpy
  /tmp/talib-venv/bin/python scripts/talib-reference.py
"""
import csv
import os
import sys

import numpy
import talib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BARS = os.path.join(ROOT, "Tests", "Fixtures", "indicators", "bars.csv")
EXPECTED = os.path.join(ROOT, "Tests", "Fixtures", "indicators", "talib-expected.csv")


def read_bars(path):
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = {name: numpy.array([float(row[name]) for row in rows]) for name in ("open", "high", "low", "close")}
    return [row["date"] for row in rows], columns


def main():
    dates, bars = read_bars(BARS)
    high, low, close = bars["high"], bars["low"], bars["close"]
    macd, _, _ = talib.MACD(close, fastperiod=12, slowperiod=26, signalperiod=9)
    upper, _, lower = talib.BBANDS(close, timeperiod=20, nbdevup=2, nbdevdn=2, matype=talib.MA_Type.SMA)
    columns = {
        "rsi": talib.RSI(close, timeperiod=14),
        "macd": macd,
        "percent_b": (close - lower) / (upper - lower),
        "atr": talib.ATR(high, low, close, timeperiod=14),
        "max_high": talib.MAX(high, timeperiod=20),
        "min_low": talib.MIN(low, timeperiod=20),
        "adx": talib.ADX(high, low, close, timeperiod=14),
    }
    with open(EXPECTED, "w", newline="") as handle:
        handle.write("# TA-Lib %s (%s) on Tests/Fixtures/indicators/bars.csv; written by scripts/talib-reference.py\n"
                     % (talib.__version__, talib.__ta_version__.decode() if isinstance(talib.__ta_version__, bytes) else talib.__ta_version__))
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["bar", "date"] + list(columns))
        for index, date in enumerate(dates):
            writer.writerow([index, date] + [repr(float(values[index])) for values in columns.values()])
    print("wrote %s (%d bars)" % (os.path.relpath(EXPECTED, ROOT), len(dates)), file=sys.stderr)


if __name__ == "__main__":
    main()
