"""Reference for correlate.test.ts: Pearson and Spearman with their intervals, and the OLS line.

scipy.stats.pearsonr gives r, its t-test p and the Fisher z interval; spearmanr gives rho
(average ranks for ties) and the t-approximation p; the Spearman interval is Fisher z with
SE sqrt(1.06/(n-3)) (Fieller, Hartley & Pearson 1957), computed here from scipy's normal quantile.
"""
import numpy as np
from scipy import stats

# Twelve units: participation share against a KPI, with ties in both (inline, no randomness).
x = np.array([0.10, 0.15, 0.15, 0.22, 0.30, 0.30, 0.35, 0.41, 0.48, 0.55, 0.60, 0.72])
y = np.array([101.0, 99.5, 104.0, 103.0, 108.5, 103.0, 110.0, 107.5, 112.0, 111.0, 118.0, 115.5])

n = len(x)
pr = stats.pearsonr(x, y)
ci = pr.confidence_interval(0.95)
print("n", n)
print("pearson r", repr(float(pr.statistic)), "p", repr(float(pr.pvalue)), "ci", repr(float(ci.low)), repr(float(ci.high)))

sr = stats.spearmanr(x, y)
rho = float(sr.statistic)
zc = stats.norm.ppf(0.975)
se = np.sqrt(1.06 / (n - 3))
z = np.arctanh(rho)
print("spearman rho", repr(rho), "p", repr(float(sr.pvalue)), "ci", repr(float(np.tanh(z - zc * se))), repr(float(np.tanh(z + zc * se))))

lr = stats.linregress(x, y)
print("line slope", repr(float(lr.slope)), "intercept", repr(float(lr.intercept)))

# A negative, large-offset case: values near 1e6 test the centring.
x2 = 1e6 + np.arange(8, dtype=float)
y2 = np.array([5.0, 4.0, 4.5, 3.0, 2.5, 2.0, 2.2, 0.5])
pr2 = stats.pearsonr(x2, y2)
ci2 = pr2.confidence_interval(0.95)
sr2 = stats.spearmanr(x2, y2)
lr2 = stats.linregress(x2, y2)
print("offset pearson r", repr(float(pr2.statistic)), "p", repr(float(pr2.pvalue)), "ci", repr(float(ci2.low)), repr(float(ci2.high)))
print("offset spearman rho", repr(float(sr2.statistic)), "p", repr(float(sr2.pvalue)))
print("offset line slope", repr(float(lr2.slope)), "intercept", repr(float(lr2.intercept)))
