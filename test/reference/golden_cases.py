"""Golden backtest cases: small series whose every number follows from trading-rules.md.

Run `python3 test/reference/golden_cases.py` to rewrite src/backtest/testing/golden-cases.json
from the independent reference in backtest_reference.py (not from the TypeScript under test).
"""
import json, sys
sys.path.insert(0, __import__('os').path.dirname(__file__))
from backtest_reference import bt
M=60000
DAY0=1767225600000  # 2026-01-01T00:00:00Z
def rows(ohlc, start=DAY0):
    return [[start+i*M, o, h, l, c, '1', start+i*M+M-1] for i,(o,h,l,c) in enumerate(ohlc)]
ALL=dict(size='100', sl='2', tp='5', trail='3')
cases = {
 'stop_loss at its level': (rows([('100','101','99','100'),('100','100.5','98.5','99'),('98.5','99','97','97.5')]), [0], [], ALL, {}),
 'stop_loss through a gap fills at the open': (rows([('100','101','99','100'),('95','96','94','95.5')]), [0], [], ALL, {}),
 'take_profit at its level': (rows([('100','101','99','100'),('101','106','100.5','105')]), [0], [], ALL, {}),
 'take_profit through a gap fills at the open': (rows([('100','101','99','100'),('107','108','106.5','107.5')]), [0], [], ALL, {}),
 'trailing_stop against the high before the candle': (rows([('100','101','99','100'),('100','104','99.8','103.5'),('103.5','104.2','101.5','102'),('104','110','101.5','109'),('109','109.5','106','107')]), [0], [], dict(size='100', sl='10', trail='3'), {}),
 'stop loss wins when one candle spans stop and target': (rows([('100','101','99','100'),('100','110','90','100')]), [0], [], ALL, {}),
 'a stopped-out bot buys again on the same close': (rows([('100','101','99','100'),('98.5','99','97','97.5'),('97.5','98','97.2','97.8')]), [0,1], [], ALL, {}),
 'a sell signal closes at the close': (rows([('100','101','99','100'),('100','102','99.5','101.2')]), [0], [1], ALL, {}),
 'maxDailyTrades counts the buys of the UTC day of closeTime': (rows([('100','100','100','100')]*5, DAY0-3*M), [0,2,3], [1], dict(size='100', maxDaily=1), {}),
 'dailyLossLimitQuote blocks entries after the day lost it': (rows([('100','100','100','100'),('97','97','97','97'),('97','97','97','97')]), [0,2], [1], dict(size='100', loss='3'), {}),
 'dailyProfitTargetQuote blocks entries after the day made it': (rows([('100','100','100','100'),('104','104','104','104'),('104','104','104','104')]), [0,2], [1], dict(size='100', profit='3'), {}),
 'stepSize floors the quantity': (rows([('100','100','100','100'),('100','100','100','100')]), [0], [], dict(size='100'), dict(step='0.01')),
 'minQty skips an entry': (rows([('100','100','100','100')]), [0], [], dict(size='100'), dict(minQty='1')),
 'minNotional skips an entry': (rows([('100','100','100','100')]), [0], [], dict(size='100'), dict(minNotional='150')),
 'an open position is marked at the last close': (rows([('100','101','99','100'),('100','100','90','92'),('92','99','91','98')]), [0], [], dict(size='500'), {}),
}
out={}
for name,(r,b,s,risk,kw) in cases.items():
    filters={k:v for k,v in dict(stepSize=kw.get('step','0.001'),minQty=kw.get('minQty'),minNotional=kw.get('minNotional')).items() if v}
    riskParams=dict(positionSizeQuote=risk['size'],stopLossPct=risk.get('sl'),takeProfitPct=risk.get('tp'),trailingStopPct=risk.get('trail'),
        maxDailyTrades=risk.get('maxDaily'),dailyLossLimitQuote=risk.get('loss'),dailyProfitTargetQuote=risk.get('profit'))
    out[name]=dict(candles=r,buyOn=b,sellOn=s,risk=riskParams,fill=dict(feeRate='0.001',slippageBps='10'),initialBalanceQuote='1000',
        filters=filters,expected=bt(r,set(b),set(s),risk,**kw))
json.dump(out, open(__import__('os').path.join(__import__('os').path.dirname(__file__), '../../src/backtest/testing/golden-cases.json'),'w'), indent=1)
