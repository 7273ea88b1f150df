"""Reference for lag-correlations.test.ts.

Eight units over 14 months (November 2023 to December 2024, so lags cross a year end),
with some months missing, seeded and rounded to 3 decimals; written to
lag_correlations.json for the TS test. y responds to x two months earlier. For each lag k,
pairs are x at (unit, month) with y at (unit, month + k) found by a dictionary join on
(year, month) dates, and r is numpy.corrcoef over the pooled pairs. The interval is a
cluster bootstrap by unit with 100,000 replicates (NumPy's own generator, percentile with
NumPy's linear quantile); its SD sets the tolerance for the TS interval from 999 replicates.
"""
import json
import pathlib
import numpy as np

rng = np.random.default_rng(606)
months = [(2023, 11), (2023, 12)] + [(2024, m) for m in range(1, 13)]
units = [f"store-{i}" for i in range(8)]
rows = []
for i, u in enumerate(units):
    level = rng.normal(0, 1)
    xs = 0.2 + 0.05 * level + np.cumsum(rng.normal(0, 0.04, len(months)))
    for j, (yy, mm) in enumerate(months):
        if rng.random() < 0.1:
            continue
        lagged = xs[j - 2] if j >= 2 else xs[0]
        y = 50 + 3 * level + 40 * lagged + rng.normal(0, 1.0)
        rows.append({"unit": u, "period": f"{yy:04d}-{mm:02d}-01", "x": round(float(xs[j]), 3), "y": round(float(y), 3)})
pathlib.Path(__file__).with_suffix(".json").write_text("[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]\n")

def shift(period, k):
    y, m = int(period[:4]), int(period[5:7]) + k
    y += (m - 1) // 12
    m = (m - 1) % 12 + 1
    return f"{y:04d}-{m:02d}-01"

table = {(r["unit"], r["period"]): r for r in rows}
boot_rng = np.random.default_rng(11)
for k in range(0, 7):
    per_unit = {}
    for r in rows:
        other = table.get((r["unit"], shift(r["period"], k)))
        if other:
            per_unit.setdefault(r["unit"], []).append((r["x"], other["y"]))
    pairs = [p for ps in per_unit.values() for p in ps]
    arr = np.array(pairs)
    r = float(np.corrcoef(arr[:, 0], arr[:, 1])[0, 1])
    groups = [np.array(ps) for ps in per_unit.values()]
    reps = []
    for _ in range(100_000):
        pick = np.concatenate([groups[g] for g in boot_rng.integers(0, len(groups), len(groups))])
        if pick[:, 0].std() > 0 and pick[:, 1].std() > 0:
            reps.append(np.corrcoef(pick[:, 0], pick[:, 1])[0, 1])
    reps = np.array(reps)
    print(json.dumps({"lag": k, "n": len(pairs), "units": len(per_unit), "r": r,
                      "low": float(np.quantile(reps, 0.025)), "high": float(np.quantile(reps, 0.975)), "sd": float(reps.std())}))
