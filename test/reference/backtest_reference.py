"""An independent reference of trading-rules.md "Backtests", written straight from the page in
Python's Decimal with no code shared with the engine: the golden tests' expected numbers.
"""
from decimal import Decimal as D, getcontext, ROUND_FLOOR, ROUND_HALF_EVEN
import json, sys
getcontext().prec = 60
def bt(rows, buy, sell, risk, initial='1000', fee='0.001', slip='10', step='0.001', minQty=None, minNotional=None):
    fee=D(fee); slip=D(slip)/10000; bal=D(initial); qty=D(0); inpos=False
    trades=[]; eq=[]; skipped=0; day=None; dtr=0; dpnl=D(0)
    sl=tp=None; high=None; entry=None; bq=bf=None
    def rollday(ct):
        nonlocal day,dtr,dpnl
        d=ct//86400000
        if d!=day: day=d; dtr=0; dpnl=D(0)
    def do_sell(t,ref,reason):
        nonlocal bal,qty,inpos,dpnl
        p=ref*(1-slip); proceeds=qty*p; f=proceeds*fee; pnl=(proceeds-f)-(bq+bf)
        bal+=proceeds-f; rollday(rows[t][6]); dpnl+=pnl
        trades.append(dict(time=rows[t][6],side='SELL',price=p,qty=qty,fee=f,reason=reason,pnl=pnl)); qty=D(0); inpos=False
    for t,r in enumerate(rows):
        o,h,l,c=[D(str(x)) for x in r[1:5]]
        if inpos:
            done=False
            if risk.get('sl') and l<=entry*(1-D(risk['sl'])/100):
                lv=entry*(1-D(risk['sl'])/100); do_sell(t,min(lv,o),'stop_loss'); done=True
            elif risk.get('tp') and h>=entry*(1+D(risk['tp'])/100):
                lv=entry*(1+D(risk['tp'])/100); do_sell(t,max(lv,o),'take_profit'); done=True
            elif risk.get('trail') and l<=high*(1-D(risk['trail'])/100):
                lv=high*(1-D(risk['trail'])/100); do_sell(t,min(lv,o),'trailing_stop'); done=True
            if not done: high=max(high,h)
        if t in sell and inpos: do_sell(t,c,'signal')
        elif t in buy and not inpos:
            rollday(r[6])
            blocked = (risk.get('maxDaily') is not None and dtr>=risk['maxDaily']) or (risk.get('loss') and dpnl<=-D(risk['loss'])) or (risk.get('profit') and dpnl>=D(risk['profit']))
            if blocked: skipped+=1
            else:
                p=c*(1+slip); budget=min(D(risk['size']), bal/(1+fee)); q=budget/p
                if step: q=(q/D(step)).to_integral_value(ROUND_FLOOR)*D(step)
                if q<=0 or (minQty and q<D(minQty)) or (minNotional and q*p<D(minNotional)): skipped+=1
                else:
                    cost=q*p; f=cost*fee; bal-=cost+f; qty=q; inpos=True; entry=p; high=p; bq=cost; bf=f; dtr+=1
                    trades.append(dict(time=r[6],side='BUY',price=p,qty=q,fee=f,reason='signal',pnl=None))
        eq.append(bal+qty*c)
    initial=D(initial); sells=[x for x in trades if x['side']=='SELL']
    peak=initial; mdd=D(0)
    for e in eq:
        if e>peak: peak=e
        elif (peak-e)/peak>mdd: mdd=(peak-e)/peak
    fe=bal+qty*D(str(rows[-1][4]))
    q8=lambda x: (x*100).quantize(D('1e-8'),rounding=ROUND_HALF_EVEN)
    n=lambda x: format(x.normalize(),'f') if x!=0 else '0'
    out=dict(trades=[{k:(n(v) if isinstance(v,D) else v) for k,v in x.items() if not (k=='pnl' and v is None)} for x in trades],
      metrics=dict(roundTrips=len(sells),wins=sum(1 for x in sells if x['pnl']>0),
        winRatePct=n(q8(D(sum(1 for x in sells if x['pnl']>0))/len(sells))) if sells else '0',
        realizedPnl=n(sum((x['pnl'] for x in sells),D(0))),finalEquity=n(fe),returnPct=n(q8((fe-initial)/initial)),maxDrawdownPct=n(q8(mdd)),skippedEntries=skipped),
      equity=[n(e) for e in eq])
    return out
