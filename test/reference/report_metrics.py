"""An independent reference of docs/backtesting.md "Metrics": recomputes a report's metrics from
its trades and equity curve alone (plain floats for the statistics, Decimal for money), with
no code shared with the engine.

Run `python3 test/reference/report_metrics.py` to add the metrics to the expected reports of
src/backtest/testing/golden-cases.json and to write the `expected` of
src/backtest/testing/report-metrics-cases.json (whose `report` the spec pins). After
golden_cases.py rewrites golden-cases.json, run this again, then prettier on both files.
"""
from decimal import Context, Decimal as D, getcontext, ROUND_HALF_EVEN
import json, math, os
getcontext().prec = 60
YEAR = 365 * 86400000
HERE = os.path.dirname(os.path.abspath(__file__))
TESTING = os.path.join(HERE, '../../src/backtest/testing')

def text(x):
    x = x.quantize(D('1e-8'), rounding=ROUND_HALF_EVEN, context=Context(prec=1000))
    return '0' if x == 0 else format(x.normalize(), 'f')

def stat(x):
    return None if x is None or not math.isfinite(x) else text(D(repr(x)))

def metrics(open_times, close_times, closes, trades, equity, initial):
    """closes: decimal strings; trades: the report's; equity: decimal strings, one a close."""
    n = len(equity)
    ini = D(initial)
    # Statistics on floats of the curve, the initial balance before the first candle.
    curve = [float(ini)] + [float(e) for e in equity]
    rets = [curve[i] / curve[i - 1] - 1 for i in range(1, len(curve))]
    period = close_times[0] + 1 - open_times[0] if n else 0
    per_year = YEAR / period if period else 0
    sharpe = sortino = None
    if n >= 2:
        mean = sum(rets) / n
        sd = math.sqrt(sum((r - mean) ** 2 for r in rets) / (n - 1))
        dd = math.sqrt(sum(min(r, 0.0) ** 2 for r in rets) / (n - 1))
        sharpe = mean / sd * math.sqrt(per_year) if sd > 0 else None
        sortino = mean / dd * math.sqrt(per_year) if dd > 0 else None
    # Drawdown: exact depth; duration from the peak's time to the first close back at it.
    peak, mdd = ini, D(0)
    fpeak, ptime, under, longest = curve[0], open_times[0] if n else 0, False, 0
    for i, e in enumerate(equity):
        e = D(e)
        if e > peak: peak = e
        elif (peak - e) / peak > mdd: mdd = (peak - e) / peak
        f = curve[i + 1]
        if f >= fpeak:
            if under: longest = max(longest, close_times[i] - ptime)
            under, fpeak, ptime = False, f, close_times[i]
        else:
            under = True
    if under: longest = max(longest, close_times[-1] - ptime)
    final = D(equity[-1]) if n else ini
    span = close_times[-1] + 1 - open_times[0] if n else 0
    growth = None
    if n and ini > 0 and span > 0:
        try:
            growth = (float(final) / float(ini)) ** (YEAR / span) - 1
        except OverflowError:
            growth = None
    mdd_pct = float(text(mdd * 100))
    calmar = None if growth is None or not math.isfinite(growth) or mdd_pct == 0 else growth * 100 / mdd_pct
    # Round trips: each sell with the buy before it.
    index = {t: i for i, t in enumerate(close_times)}
    pnls, durations, held, entry = [], [], 0, None
    for t in trades:
        if t['side'] == 'BUY':
            entry = t['time']
        else:
            pnls.append(D(t['pnl'])); durations.append(t['time'] - entry)
            held += index[t['time']] - index[entry]; entry = None
    if entry is not None: held += n - index[entry]
    gains = [p for p in pnls if p > 0]
    losses = [p for p in pnls if p < 0]
    closes = [D(c) for c in closes]
    return dict(
        cagrPct=stat(None if growth is None else growth * 100),
        sharpe=stat(sharpe), sortino=stat(sortino), calmar=stat(calmar),
        maxDrawdownDurationMs=longest,
        profitFactor=text(sum(gains, D(0)) / -sum(losses, D(0))) if losses else None,
        expectancy=text(sum(pnls, D(0)) / len(pnls)) if pnls else None,
        avgWin=text(sum(gains, D(0)) / len(gains)) if gains else None,
        avgLoss=text(sum(losses, D(0)) / len(losses)) if losses else None,
        avgTradeDurationMs=int(D(sum(durations)) / len(durations) + D('0.5')) if durations else None,
        exposurePct=text(D(held) / n * 100) if n else '0',
        feesPaid=format(sum((D(t['fee']) for t in trades), D(0)).normalize(), 'f') if trades else '0',
        buyAndHoldReturnPct=text((closes[-1] - closes[0]) / closes[0] * 100) if n else None,
    )

def golden_cases():
    path = os.path.join(TESTING, 'golden-cases.json')
    cases = json.load(open(path))
    for case in cases.values():
        rows, exp = case['candles'], case['expected']
        new = metrics([r[0] for r in rows], [r[6] for r in rows], [r[4] for r in rows],
                      exp['trades'], exp['equity'], case['initialBalanceQuote'])
        exp['metrics'].update(new)
    json.dump(cases, open(path, 'w'), indent=1)

def series_cases():
    path = os.path.join(TESTING, 'report-metrics-cases.json')
    cases = json.load(open(path))
    rows = [line.split(',') for line in open(os.path.join(TESTING, 'golden-series.csv')).read().strip().split('\n')[1:]]
    for case in cases.values():
        used = rows[:case['candles']]
        case['expected'] = metrics([int(r[0]) for r in used], [int(r[6]) for r in used], [r[4] for r in used],
                                   case['report']['trades'], case['report']['equity'], case['initialBalanceQuote'])
    with open(path, 'w') as out:
        json.dump(cases, out, indent=1)
        out.write('\n')

if __name__ == '__main__':
    golden_cases()
    series_cases()
