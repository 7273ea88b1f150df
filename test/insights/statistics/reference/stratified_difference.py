"""Reference for stratified-difference.test.ts.

Exact matching on stratum; per stratum the difference of means, weighted by the treated count
(effect on the treated); SE = sqrt(sum w^2 (var_t/n_t + var_c/n_c)) with ddof=1; normal interval
and p from scipy.stats.norm. Strata with fewer than 2 on a side are dropped.
"""
import numpy as np
from scipy import stats

rows = [
    ("sales|junior", True, 3.8), ("sales|junior", True, 4.1), ("sales|junior", True, 3.6),
    ("sales|junior", False, 3.4), ("sales|junior", False, 3.9), ("sales|junior", False, 3.1), ("sales|junior", False, 3.5),
    ("sales|senior", True, 4.4), ("sales|senior", True, 4.0),
    ("sales|senior", False, 3.7), ("sales|senior", False, 4.1), ("sales|senior", False, 3.6),
    ("ops|junior", True, 3.0), ("ops|junior", True, 3.3), ("ops|junior", True, 3.9), ("ops|junior", True, 3.5),
    ("ops|junior", False, 3.2), ("ops|junior", False, 2.8),
    ("ops|senior", True, 4.5), ("ops|senior", False, 4.0), ("ops|senior", False, 3.8),  # one treated: dropped
    ("it|junior", False, 3.3), ("it|junior", False, 3.6),  # no treated: dropped
]
strata = sorted({s for s, _, _ in rows})
used = []
for s in strata:
    t = np.array([v for k, tr, v in rows if k == s and tr])
    c = np.array([v for k, tr, v in rows if k == s and not tr])
    if len(t) >= 2 and len(c) >= 2:
        used.append((t, c))
nt = sum(len(t) for t, _ in used)
nc = sum(len(c) for _, c in used)
diff = sum(len(t) / nt * (t.mean() - c.mean()) for t, c in used)
se = np.sqrt(sum((len(t) / nt) ** 2 * (t.var(ddof=1) / len(t) + c.var(ddof=1) / len(c)) for t, c in used))
z = stats.norm.ppf(0.975)
print("used", len(used), "dropped", len(strata) - len(used), "treated", nt, "control", nc)
print("difference", repr(float(diff)), "se", repr(float(se)), "ci", repr(float(diff - z * se)), repr(float(diff + z * se)), "p", repr(float(2 * stats.norm.sf(abs(diff / se)))))
