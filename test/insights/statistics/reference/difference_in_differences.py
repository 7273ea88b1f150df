"""Reference for difference-in-differences.test.ts.

Eighteen units in three strata of six, three treated per stratum. The permutation p is
exact here: every one of the C(6,3)^3 = 8000 within-stratum assignments is enumerated and
p = share with |estimate| >= |observed|. The Monte Carlo p of the TS code (4999 draws)
must lie close to it. The bootstrap interval is approximated with 400,000 replicates
(resampling units with replacement within each arm, percentile, NumPy's linear quantile);
its bootstrap SD sets the tolerance of the TS interval drawn from 1999 replicates.
"""
import itertools
import numpy as np

strata = ["small"] * 6 + ["medium"] * 6 + ["large"] * 6
treated = np.array([1, 1, 1, 0, 0, 0] * 3, dtype=bool)
before = np.array([50.0, 52.0, 47.0, 51.0, 49.0, 53.0,
                   60.0, 58.0, 63.0, 61.0, 59.0, 62.0,
                   70.0, 72.0, 69.0, 71.0, 68.0, 73.0])
after = np.array([52.5, 53.0, 47.5, 52.0, 50.5, 54.0,
                  61.0, 59.5, 64.0, 61.0, 60.5, 62.5,
                  71.0, 74.5, 69.0, 71.5, 70.0, 73.0])
d = after - before

def estimate(t):
    return d[t].mean() - d[~t].mean()

obs = estimate(treated)
print("estimate", repr(float(obs)))

idx = {s: [i for i, v in enumerate(strata) if v == s] for s in ("small", "medium", "large")}
count = 0
extreme = 0
for a in itertools.combinations(idx["small"], 3):
    for b in itertools.combinations(idx["medium"], 3):
        for c in itertools.combinations(idx["large"], 3):
            t = np.zeros(18, dtype=bool)
            t[list(a + b + c)] = True
            count += 1
            if abs(estimate(t)) >= abs(obs) - 1e-12:
                extreme += 1
print("assignments", count, "exact p", repr(extreme / count))

rng = np.random.default_rng(20261207)
dt, dc = d[treated], d[~treated]
B = 400_000
bt = dt[rng.integers(0, len(dt), size=(B, len(dt)))].mean(axis=1)
bc = dc[rng.integers(0, len(dc), size=(B, len(dc)))].mean(axis=1)
boot = bt - bc
print("bootstrap ci", repr(float(np.quantile(boot, 0.025))), repr(float(np.quantile(boot, 0.975))), "bootstrap sd", repr(float(boot.std())))
