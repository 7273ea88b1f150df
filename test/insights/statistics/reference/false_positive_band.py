"""Reference for simulated-inference.test.ts: the binomial bands the simulated rates must fall in.

If a 5% test is exact, its rejections over m independent seeded data sets are Binomial(m, 0.05);
the band is the central 99.9% of that distribution (scipy.stats.binom.ppf), so an honest
test fails it about once in a thousand fixed seeds. Coverage of a 95% interval is the same
count read the other way.
"""
from scipy import stats

for m in (200, 400):
    print(m, "rejections band", int(stats.binom.ppf(0.0005, m, 0.05)), int(stats.binom.ppf(0.9995, m, 0.05)))
