"""Reference for seeded-random.test.ts: NumPy's legacy MT19937 stream and a Fisher-Yates shuffle.

RandomState(seed).random_sample() is the genrand_res53 stream of MT19937 seeded by
init_genrand(seed), which @stdlib/random-base-mt19937's normalized() also yields.
The shuffle follows the documented algorithm: for i from n-1 down to 1, swap item i
with item floor(u * (i + 1)), u the next float of the stream.
"""
import numpy as np

for seed in (42, 2026, 4294967295):
    print(seed, np.random.RandomState(seed).random_sample(5).tolist())

rs = np.random.RandomState(7)
items = list(range(10))
for i in range(len(items) - 1, 0, -1):
    j = int(np.floor(rs.random_sample() * (i + 1)))
    items[i], items[j] = items[j], items[i]
print("shuffle(0..9, seed 7)", items)
