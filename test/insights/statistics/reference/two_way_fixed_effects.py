"""Reference for two-way-fixed-effects.test.ts.

Generates an unbalanced panel (seeded, rounded to 3 decimals) and writes it to
two_way_fixed_effects.json, which the TS test reads. The estimate comes from a full
dummy-variable OLS (x, one dummy per unit, one per period but the first) solved with
numpy.linalg.lstsq, not from sweeping means. The CR1 cluster-robust variance by unit is
the sandwich (X'X)^-1 (sum_g X_g' e_g e_g' X_g) (X'X)^-1 on that full design, times
G/(G-1) * (N-1)/(N-K) with K = 1 + (T-1); t with G-1 df from scipy. Singletons (the only
observation of a unit or period) are dropped repeatedly first, as reghdfe does.
"""
import json
import pathlib
import numpy as np
from scipy import stats

rng = np.random.default_rng(17)
units = [f"unit-{i}" for i in range(9)]
periods = [f"2024-{m:02d}-01" for m in range(1, 11)]
alpha = rng.normal(0, 3, len(units))
gamma = np.linspace(0, 2, len(periods)) + rng.normal(0, 0.5, len(periods))
rows = []
for i, u in enumerate(units):
    for t, p in enumerate(periods):
        if rng.random() < 0.15:
            continue  # unbalanced: some unit-months are missing
        x = 0.3 + 0.05 * alpha[i] + 0.02 * t + rng.normal(0, 0.1)
        y = 10 + alpha[i] + gamma[t] + 4.0 * x + rng.normal(0, 0.6) * (1 + 0.3 * i)
        rows.append({"unit": u, "period": p, "x": round(float(x), 3), "y": round(float(y), 3)})
# A unit seen once and a month seen once: both are singletons and are dropped.
rows.append({"unit": "unit-lonely", "period": "2024-05-01", "x": 0.9, "y": 30.0})
rows.append({"unit": "unit-0", "period": "2025-01-01", "x": 0.1, "y": 5.0})
pathlib.Path(__file__).with_suffix(".json").write_text("[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]\n")

def drop_singletons(rs):
    while True:
        cu, cp = {}, {}
        for r in rs:
            cu[r["unit"]] = cu.get(r["unit"], 0) + 1
            cp[r["period"]] = cp.get(r["period"], 0) + 1
        kept = [r for r in rs if cu[r["unit"]] > 1 and cp[r["period"]] > 1]
        if len(kept) == len(rs):
            return rs
        rs = kept

kept = drop_singletons(rows)
U = sorted({r["unit"] for r in kept})
P = sorted({r["period"] for r in kept})
N, G, T = len(kept), len(U), len(P)
X = np.zeros((N, 1 + G + T - 1))
yv = np.zeros(N)
cl = np.zeros(N, dtype=int)
for k, r in enumerate(kept):
    X[k, 0] = r["x"]
    X[k, 1 + U.index(r["unit"])] = 1
    pi = P.index(r["period"])
    if pi > 0:
        X[k, G + pi] = 1
    yv[k] = r["y"]
    cl[k] = U.index(r["unit"])
beta, *_ = np.linalg.lstsq(X, yv, rcond=None)
e = yv - X @ beta
bread = np.linalg.inv(X.T @ X)
meat = np.zeros((X.shape[1], X.shape[1]))
for g in range(G):
    s = X[cl == g].T @ e[cl == g]
    meat += np.outer(s, s)
K = 1 + (T - 1)
V = bread @ meat @ bread * (G / (G - 1)) * ((N - 1) / (N - K))
se = float(np.sqrt(V[0, 0]))
b = float(beta[0])
df = G - 1
tq = stats.t.ppf(0.975, df)
# Within R2: residual SS against the SS of y after removing both sets of effects (OLS on dummies only).
Xd = X[:, 1:]
yfe = yv - Xd @ np.linalg.lstsq(Xd, yv, rcond=None)[0]
within_r2 = 1 - float(e @ e) / float(yfe @ yfe)
print("n", N, "units", G, "periods", T, "dropped", len(rows) - N)
print("estimate", repr(b), "se", repr(se), "t", repr(b / se), "df", df, "p", repr(float(2 * stats.t.sf(abs(b / se), df))))
print("ci", repr(float(b - tq * se)), repr(float(b + tq * se)), "withinR2", repr(within_r2))
