"""Reference for interrupted-time-series.test.ts.

A 30-month KPI series with AR(1) noise (seeded, rounded to 2 decimals, printed so the test
holds it inline), the programme starting at month 18. OLS by numpy.linalg.lstsq on
[1, t, D, (t - t0) D]; Newey-West by the textbook double sum over pairs of months with
Bartlett weights 1 - |t - s| / (L + 1) for |t - s| <= L, L = floor(4 (n/100)^(2/9)),
times n / (n - 4), t with n - 4 df (as Stata's newey). Durbin-Watson and Ljung-Box
(lag min(6, n // 4), chi-square sf from scipy) written out from their definitions.
"""
import json
import numpy as np
from scipy import stats

rng = np.random.default_rng(1987)
n, t0 = 30, 18
noise = np.zeros(n)
for t in range(n):
    noise[t] = (0.5 * noise[t - 1] if t else 0.0) + rng.normal(0, 1.5)
t = np.arange(n)
D = (t >= t0).astype(float)
y = np.round(100 + 0.4 * t + 3.0 * D + 0.3 * (t - t0) * D + noise, 2)
print("ys", json.dumps(y.tolist()))

def analyse(y, t0):
    n = len(y)
    t = np.arange(n)
    D = (t >= t0).astype(float)
    X = np.column_stack([np.ones(n), t, D, (t - t0) * D])
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    e = y - X @ beta
    L = int(np.floor(4 * (n / 100) ** (2 / 9)))
    S = np.zeros((4, 4))
    for a in range(n):
        for b in range(n):
            lag = abs(a - b)
            if lag <= L:
                S += (1 - lag / (L + 1)) * e[a] * e[b] * np.outer(X[a], X[b])
    B = np.linalg.inv(X.T @ X)
    V = B @ S @ B * n / (n - 4)
    df = n - 4
    tq = stats.t.ppf(0.975, df)
    out = {"L": L, "df": df, "preSlope": float(beta[1])}
    for name, i in (("level", 2), ("slope", 3)):
        se = float(np.sqrt(V[i, i]))
        out[name] = dict(estimate=float(beta[i]), se=se, low=float(beta[i] - tq * se), high=float(beta[i] + tq * se), p=float(2 * stats.t.sf(abs(beta[i] / se), df)))
    out["dw"] = float(np.sum(np.diff(e) ** 2) / np.sum(e ** 2))
    h = min(6, n // 4)
    c = e - e.mean()
    r = [np.sum(c[k:] * c[:n - k]) / np.sum(c * c) for k in range(1, h + 1)]
    q = n * (n + 2) * sum(r[k - 1] ** 2 / (n - k) for k in range(1, h + 1))
    out["lb"] = dict(q=float(q), lag=h, p=float(stats.chi2.sf(q, h)))
    return out

for key, value in analyse(y, t0).items():
    print(key, repr(value))

# A strongly autocorrelated series: a slow sine wave and no interruption, t0 = 12 of 24.
y2 = np.round(50 + 5 * np.sin(np.arange(24) / 3.0), 3)
print("ys2", json.dumps(y2.tolist()))
for key, value in analyse(y2, 12).items():
    print("sine", key, repr(value))
