"""Reference values for evalkit's interval statistics (Sources/EvalKitMetrics/Statistics).

Writes statistics.json next to this script:
- rng: xoshiro256** streams (seeded through SplitMix64, jumps, per-replicate streams), from a
  line-by-line Python transcription of Vigna's reference C code (xoshiro256starstar.c,
  splitmix64.c) and evalkit's stream rule (RandomGenerator.swift);
- normal_quantile: scipy.special.ndtri(p);
- quantile / percentile: numpy's default ("linear") np.quantile and np.nanpercentile, with the
  percentiles evalkit uses for a level: ((100 - 100*level)/2, (100 + 100*level)/2);
- wilson: statsmodels proportion_confint(count, nobs, alpha=1 - level, method="wilson");
- goodness_of_fit: exact pmfs (scipy.stats binom / poisson) binned for chi-square tests, with
  the 0.999 quantile of chi-square at the bins' degrees of freedom.

    python3 Tests/Fixtures/statistics/make_fixtures.py    # numpy 2.x, scipy 1.17, statsmodels 0.15

Doubles that the tests compare bit for bit are written as strings (Python's repr, the shortest
round-trip form) and parsed with Swift's Double(String); 64-bit integers as decimal strings.
Deterministic: the output is byte-identical on every run.
"""
import json
import os

import numpy as np
import scipy
import statsmodels
from scipy import special, stats
from statsmodels.stats.proportion import proportion_confint

MASK = (1 << 64) - 1


def splitmix_mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


class SplitMix64:
    def __init__(self, state):
        self.state = state & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        return splitmix_mix(self.state)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro256StarStar:
    JUMP = [0x180EC6D33CFD0ABA, 0xD5A61266F0C9392C, 0xA9582618E03FC9AA, 0x39ABDC4529B1661C]
    LONG_JUMP = [0x76E15D3EFEFDCBBF, 0xC5004E441C522FB3, 0x77710069854EE241, 0x39109BB02ACBE635]
    STREAM_SALT = 0xD1B54A32D192ED03

    def __init__(self, seed=None, state=None, stream=None):
        if state is not None:
            self.s = list(state)
            return
        if stream is not None:
            seed = splitmix_mix(seed) ^ splitmix_mix((stream + self.STREAM_SALT) & MASK)
        sm = SplitMix64(seed)
        self.s = [sm.next() for _ in range(4)]

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def _jump(self, polynomial):
        t = [0, 0, 0, 0]
        for word in polynomial:
            for b in range(64):
                if word & (1 << b):
                    t = [t[i] ^ self.s[i] for i in range(4)]
                self.next()
        self.s = t

    def jump(self):
        self._jump(self.JUMP)

    def long_jump(self):
        self._jump(self.LONG_JUMP)


def draws(g, count=6):
    return [str(g.next()) for _ in range(count)]


def rng_cases():
    cases = []
    for seed in [0, 1, 42, 20261121, MASK]:
        cases.append({"name": f"seed {seed}", "seed": str(seed), "draws": draws(Xoshiro256StarStar(seed))})
    g = Xoshiro256StarStar(state=[1, 2, 3, 4])
    cases.append({"name": "state 1,2,3,4", "state": ["1", "2", "3", "4"], "draws": draws(g)})
    g = Xoshiro256StarStar(1)
    g.jump()
    cases.append({"name": "seed 1 jump", "seed": "1", "jumps": 1, "draws": draws(g)})
    g = Xoshiro256StarStar(1)
    g.jump()
    g.jump()
    cases.append({"name": "seed 1 jump x2", "seed": "1", "jumps": 2, "draws": draws(g)})
    g = Xoshiro256StarStar(7)
    g.long_jump()
    cases.append({"name": "seed 7 long jump", "seed": "7", "long_jumps": 1, "draws": draws(g)})
    for seed, stream in [(1, 0), (1, 1), (1, 999), (12345, 2**40), (0, MASK)]:
        cases.append({"name": f"seed {seed} stream {stream}", "seed": str(seed), "stream": str(stream),
                      "draws": draws(Xoshiro256StarStar(seed, stream=stream))})
    return cases


def normal_quantile_cases():
    ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 1e-3, 0.0125, 0.025, 0.05, 0.075, 0.1, 0.2, 0.3,
          0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.925, 0.95, 0.975, 0.99, 0.999, 1 - 1e-10,
          0.075000000000000011, 0.0749999999999999]
    rng = np.random.default_rng(241)
    ps += [float(x) for x in rng.uniform(0, 1, 200)]
    ps += [float(10.0 ** -x) for x in rng.uniform(1, 30, 60)]
    return [{"p": repr(p), "z": repr(float(special.ndtri(p)))} for p in ps]


def percentiles(level):
    percent = 100 * level
    return (100 - percent) / 2, (100 + percent) / 2


def quantile_cases():
    rng = np.random.default_rng(7)
    cases = []
    for n in [1, 2, 3, 10, 101, 1000]:
        values = np.sort(rng.normal(0.6, 0.05, n))
        qs = [0.0, 0.025, 0.1, 0.3, 0.5, 0.75, 0.975, 0.999, 1.0]
        cases.append({"values": [repr(float(v)) for v in values], "q": [repr(q) for q in qs],
                      "expected": [repr(float(np.quantile(values, q))) for q in qs]})
    return cases


def percentile_cases():
    rng = np.random.default_rng(11)
    cases = []
    for n in [1, 2, 7, 100, 501, 999, 1000]:
        for level in ([0.5, 0.8, 0.9, 0.95, 0.99] if n <= 100 else [0.9, 0.95]):
            values = rng.beta(40, 25, n)
            values = np.round(values, int(rng.integers(2, 17)))  # ties
            nan_count = int(rng.integers(0, max(1, n // 3)))
            values[rng.choice(n, nan_count, replace=False)] = np.nan
            lo, hi = percentiles(level)
            defined = int(np.sum(~np.isnan(values)))
            expected = None
            if defined > 0 and 2 * (n - defined) <= n:
                expected = [repr(float(x)) for x in np.nanpercentile(values, [lo, hi])]
            cases.append({"values": [repr(float(v)) for v in values], "level": repr(level),
                          "undefined": n - defined, "expected": expected})
    # more than half undefined: no interval
    values = np.array([0.1, np.nan, np.nan, 0.3, np.nan])
    cases.append({"values": [repr(float(v)) for v in values], "level": "0.95", "undefined": 3,
                  "expected": None})
    values = np.array([0.1, np.nan, np.nan, 0.3])
    cases.append({"values": [repr(float(v)) for v in values], "level": "0.95", "undefined": 2,
                  "expected": [repr(float(x)) for x in np.nanpercentile(values, [2.5, 97.5])]})
    return cases


def wilson_cases():
    cases = []
    for n in [1, 2, 5, 10, 30, 100, 1000, 12345, 10**6, 10**9]:
        for s in sorted({0, 1 % (n + 1), n // 3, n // 2, max(0, n - 1), n}):
            for level in [0.8, 0.9, 0.95, 0.99, 0.999]:
                lo, hi = proportion_confint(s, n, alpha=1 - level, method="wilson")
                cases.append({"successes": s, "trials": n, "level": repr(level),
                              "expected": [repr(float(lo)), repr(float(hi))]})
    return cases


def binned(pmf_values, support_min, min_probability):
    """Bins with probability >= min_probability each: single values in the bulk, the tails
    merged into the first and last bins. Returns (lower bounds, probabilities)."""
    values = list(range(support_min, support_min + len(pmf_values)))
    bins = []  # [lower, probability]
    for v, p in zip(values, pmf_values):
        if bins and bins[-1][1] < min_probability:
            bins[-1][1] += p
        else:
            bins.append([v, p])
    while len(bins) > 1 and bins[-1][1] < min_probability:
        last = bins.pop()
        bins[-1][1] += last[1]
    total = sum(p for _, p in bins)
    # the first bin takes everything below it, the last everything above it
    return [b[0] for b in bins], [p / total for _, p in bins]


def gof_cases():
    cases = []
    draws_count = 20000
    specs = [("binomial", 20, 0.3), ("binomial", 50, 0.1), ("binomial", 100, 0.3),
             ("binomial", 1000, 0.9), ("binomial", 10**6, 0.37), ("binomial", 3000, 0.004),
             ("poisson", None, 0.5), ("poisson", None, 3.0), ("poisson", None, 9.5),
             ("poisson", None, 30.0), ("poisson", None, 1e4), ("poisson_count", None, 1.0),
             ("poisson_count", None, 7.0), ("poisson_count", None, 250.0)]
    for kind, n, p in specs:
        if kind == "binomial":
            dist = stats.binom(n, p)
        else:
            dist = stats.poisson(p)
        lo = int(dist.ppf(1e-9))
        hi = int(dist.ppf(1 - 1e-9)) + 1
        pmf = dist.pmf(np.arange(lo, hi + 1))
        pmf[0] += dist.cdf(lo - 1)
        pmf[-1] += dist.sf(hi)
        lowers, probabilities = binned(list(pmf), lo, 5.0 / draws_count * 4)
        case = {"kind": kind, "p": repr(p), "draws": draws_count,
                "bin_lower": lowers, "probabilities": [repr(float(x)) for x in probabilities],
                "critical": repr(float(stats.chi2.ppf(0.999, len(lowers) - 1))),
                "mean": repr(float(dist.mean())), "variance": repr(float(dist.var()))}
        if n is not None:
            case["n"] = n
        cases.append(case)
    return cases


def main():
    out = {
        "generated_by": "make_fixtures.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__,
                     "statsmodels": statsmodels.__version__},
        "rng": rng_cases(),
        "normal_quantile": normal_quantile_cases(),
        "quantile": quantile_cases(),
        "percentile": percentile_cases(),
        "wilson": wilson_cases(),
        "goodness_of_fit": gof_cases(),
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "statistics.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1, sort_keys=False)
        f.write("\n")
    print(f"wrote {path}: " + ", ".join(f"{k} {len(v)}" for k, v in out.items() if isinstance(v, list)))


if __name__ == "__main__":
    main()
