"""Reference for mean-interval.test.ts: scipy.stats.t.interval around the mean with the standard error (n - 1 df)."""
import numpy as np
from scipy import stats

values = np.array([3.2, 4.1, 3.8, 4.6, 2.9, 3.5, 4.0, 4.4, 3.1, 3.9, 4.2])
n = len(values)
mean = values.mean()
sd = values.std(ddof=1)
low, high = stats.t.interval(0.95, n - 1, loc=mean, scale=stats.sem(values))
print("n", n, "mean", repr(float(mean)), "sd", repr(float(sd)), "ci", repr(float(low)), repr(float(high)))

two = np.array([1.0, 2.0])
low2, high2 = stats.t.interval(0.95, 1, loc=two.mean(), scale=stats.sem(two))
print("two", repr(float(low2)), repr(float(high2)))
