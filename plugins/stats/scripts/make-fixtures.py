#!/usr/bin/env python3
"""Generate the reference values that @tributary/stats is tested against.

Run ONCE, by hand, in a throwaway virtual environment outside the repository:

    python3 -m venv /tmp/stats-venv
    /tmp/stats-venv/bin/pip install scipy scikit-posthocs autorank baycomp
    /tmp/stats-venv/bin/python plugins/stats/scripts/make-fixtures.py

It writes:
  plugins/stats/src/data/studentized-range-q.json  (Nemenyi q_alpha table, shipped with the package)
  plugins/stats/fixtures/*.json                     (expected values read by the unit tests)

CI never runs this script: the tests only read the committed JSON.
Everything random here is seeded, so re-running it reproduces the same files
(up to library version changes, recorded in each file's "generator" field).
"""

from __future__ import annotations

import itertools
import json
import math
import pathlib
import sys
import warnings

import autorank
import baycomp
import numpy as np
import pandas as pd
import scikit_posthocs as sp
import scipy
import statsmodels
from autorank._util import get_sorted_rank_groups
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests

HERE = pathlib.Path(__file__).resolve().parent
PACKAGE = HERE.parent
FIXTURES = PACKAGE / "fixtures"
DATA = PACKAGE / "src" / "data"

GENERATOR = {
    "script": "plugins/stats/scripts/make-fixtures.py",
    "python": sys.version.split()[0],
    "scipy": scipy.__version__,
    "scikit-posthocs": getattr(sp, "__version__", "unknown"),
    "autorank": getattr(autorank, "__version__", "unknown"),
    "baycomp": getattr(baycomp, "__version__", "unknown"),
    "statsmodels": statsmodels.__version__,
    "numpy": np.__version__,
}


def write(path: pathlib.Path, payload: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"generator": GENERATOR, **payload}
    path.write_text(json.dumps(payload, indent=1, allow_nan=False) + "\n")
    print(f"wrote {path.relative_to(PACKAGE.parent.parent)}")


def clean(value):
    """Floats for JSON: numpy scalars to Python, never NaN."""
    value = float(value)
    if math.isnan(value):
        raise ValueError("NaN in a reference value")
    return value


# ---------------------------------------------------------------------------
# Nemenyi critical values: q_alpha = studentized range quantile (k groups, infinite d.f.) / sqrt(2)
# ---------------------------------------------------------------------------

def nemenyi_table() -> None:
    table = {}
    for alpha in ("0.05", "0.10"):
        a = float(alpha)
        table[alpha] = [
            {"k": k, "q": clean(stats.studentized_range.ppf(1 - a, k, np.inf) / math.sqrt(2))}
            for k in range(2, 51)
        ]
    write(
        DATA / "studentized-range-q.json",
        {
            "description": "Nemenyi critical values q_alpha = studentized_range.ppf(1 - alpha, k, inf) / sqrt(2), k = 2..50",
            "q": table,
        },
    )


# ---------------------------------------------------------------------------
# Friedman, Iman-Davenport, Nemenyi, cliques, Wilcoxon-Holm on random score matrices
# ---------------------------------------------------------------------------

def score_matrix(rng: np.random.Generator, n: int, k: int, decimals: int | None) -> np.ndarray:
    """Datasets x algorithms: a per-dataset difficulty, a per-algorithm effect and noise."""
    difficulty = rng.uniform(0.55, 0.95, size=(n, 1))
    effect = np.sort(rng.normal(0, 0.02, size=(1, k)))[:, ::-1]
    rng.shuffle(effect, axis=1)
    noise = rng.normal(0, 0.015, size=(n, k))
    scores = np.clip(difficulty + effect + noise, 0, 1)
    if decimals is not None:
        scores = np.round(scores, decimals)
    return scores


def friedman_cases() -> None:
    rng = np.random.default_rng(20060101)
    specs = [
        # (n datasets, k algorithms, rounding decimals (ties), higher is better)
        (14, 4, None, True),
        (10, 3, 2, True),
        (21, 6, None, True),
        (30, 8, 3, True),
        (12, 5, 2, False),
        (25, 10, None, False),
        (8, 12, 2, True),
        (40, 20, None, True),
    ]
    cases = []
    for index, (n, k, decimals, higher) in enumerate(specs):
        scores = score_matrix(rng, n, k, decimals)
        if not higher:
            # e.g. an error rate or seconds: lower is better
            scores = np.round(1 - scores, decimals) if decimals is not None else 1 - scores
        names = [f"alg{j}" for j in range(k)]
        frame = pd.DataFrame(scores, columns=names)
        order = "descending" if higher else "ascending"

        rank_matrix = frame.rank(axis="columns", ascending=not higher).to_numpy()
        mean_ranks = rank_matrix.mean(axis=0)
        chi2_plain = 12 * n / (k * (k + 1)) * (np.sum(mean_ranks ** 2) - k * (k + 1) ** 2 / 4)
        ff = (n - 1) * chi2_plain / (n * (k - 1) - chi2_plain)
        scipy_friedman = stats.friedmanchisquare(*scores.T)

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = {}
            for alpha in (0.05, 0.10):
                ar = autorank.autorank(frame, alpha=alpha, order=order, force_mode="nonparametric", verbose=False)
                sorted_ranks, sorted_names, groups = get_sorted_rank_groups(ar, reverse=False)
                result[alpha] = {
                    "cd": clean(ar.cd),
                    "meanRanks": {name: clean(ar.rankdf.loc[name, "meanrank"]) for name in names},
                    "pValue": clean(ar.pvalue),
                    "cliques": [[sorted_names[m] for m in range(i, j + 1)] for i, j in groups],
                }

        # posthoc_nemenyi_friedman ranks ascending; |R_i - R_j| is the same either way round.
        nemenyi = sp.posthoc_nemenyi_friedman(scores)
        nemenyi_p = {
            f"{names[i]}|{names[j]}": clean(nemenyi.iloc[i, j]) for i, j in itertools.combinations(range(k), 2)
        }

        wil_raw = sp.posthoc_wilcoxon(scores.T.tolist())
        wil_holm = sp.posthoc_wilcoxon(scores.T.tolist(), p_adjust="holm")
        wilcoxon_pairs = [
            {
                "a": names[i],
                "b": names[j],
                "pValue": clean(wil_raw.iloc[i, j]),
                "pHolm": clean(wil_holm.iloc[i, j]),
            }
            for i, j in itertools.combinations(range(k), 2)
        ]

        cases.append(
            {
                "name": f"case{index}-n{n}-k{k}" + ("-ties" if decimals is not None else "") + ("" if higher else "-lower"),
                "higherIsBetter": higher,
                "algorithms": names,
                "scores": scores.tolist(),
                "meanRanks": [clean(v) for v in mean_ranks],
                "chiSquare": clean(chi2_plain),
                "chiSquarePValue": clean(stats.chi2.sf(chi2_plain, k - 1)),
                "chiSquareTieCorrected": clean(scipy_friedman.statistic),
                "chiSquareTieCorrectedPValue": clean(scipy_friedman.pvalue),
                "imanDavenport": clean(ff),
                "imanDavenportPValue": clean(stats.f.sf(ff, k - 1, (k - 1) * (n - 1))),
                "autorank": {str(alpha): value for alpha, value in result.items()},
                "nemenyiPValues": nemenyi_p,
                "wilcoxonHolm": wilcoxon_pairs,
            }
        )
    write(
        FIXTURES / "friedman.json",
        {
            "description": (
                "Random score matrices (rows = data sets, columns = algorithms). meanRanks: rank 1 = best. "
                "chiSquare: Demsar's formula without tie correction (chi2.sf); chiSquareTieCorrected: "
                "scipy.stats.friedmanchisquare. imanDavenport: Demsar's formula with scipy f.sf. autorank: "
                "autorank(force_mode='nonparametric') CD, mean ranks, Friedman p and CD-diagram groups "
                "(get_sorted_rank_groups). nemenyiPValues: scikit_posthocs.posthoc_nemenyi_friedman. "
                "wilcoxonHolm: scikit_posthocs.posthoc_wilcoxon (scipy defaults) without and with p_adjust='holm'."
            ),
            "cases": cases,
        },
    )


# ---------------------------------------------------------------------------
# Wilcoxon signed-rank: each of scipy's 'auto' branches, with and without continuity correction
# ---------------------------------------------------------------------------

def wilcoxon_cases() -> None:
    rng = np.random.default_rng(1945)
    cases = []

    def add(label: str, x: np.ndarray, y: np.ndarray) -> None:
        d = x - y
        nonzero = d[d != 0]
        has_ties = len(np.unique(np.abs(nonzero))) < len(nonzero)
        has_zeros = bool(np.any(d == 0))
        if len(d) > 50:
            mode = "asymptotic"
        elif not has_ties and not has_zeros:
            mode = "exact"
        elif len(d) <= 13:
            mode = "permutation"
        else:
            mode = "asymptotic"
        entry = {"name": label, "x": x.tolist(), "y": y.tolist(), "scipyMode": mode}
        for correction in (False, True):
            res = stats.wilcoxon(x, y, correction=correction)
            entry["correction" if correction else "default"] = {
                "statistic": clean(res.statistic),
                "pValue": clean(res.pvalue),
            }
        for alternative in ("less", "greater"):
            res = stats.wilcoxon(x, y, alternative=alternative)
            entry[alternative] = {"statistic": clean(res.statistic), "pValue": clean(res.pvalue)}
        zsplit = stats.wilcoxon(x, y, zero_method="zsplit")
        entry["zsplit"] = {"statistic": clean(zsplit.statistic), "pValue": clean(zsplit.pvalue)}
        asym = stats.wilcoxon(x, y, method="asymptotic")
        entry["asymptotic"] = {"statistic": clean(asym.statistic), "pValue": clean(asym.pvalue), "z": clean(asym.zstatistic)}
        cases.append(entry)

    for n in (5, 9, 14, 20, 35, 50):
        x = rng.normal(0.8, 0.05, n)
        y = x - rng.normal(0.01, 0.02, n)
        add(f"continuous-n{n}", x, y)
    for n in (6, 10, 13, 14, 25, 60, 120):
        x = np.round(rng.normal(0.8, 0.05, n), 2)
        y = np.round(x - rng.normal(0.005, 0.02, n), 2)
        add(f"rounded-n{n}", x, y)
    # Demsar 2006, Table 2 (C4.5 vs C4.5+m): two zero differences, tied 0.005
    demsar_c45 = np.array([0.763, 0.599, 0.954, 0.628, 0.882, 0.936, 0.661, 0.583, 0.775, 1.000, 0.940, 0.619, 0.972, 0.957])
    demsar_c45m = np.array([0.768, 0.591, 0.971, 0.661, 0.888, 0.931, 0.668, 0.583, 0.838, 1.000, 0.962, 0.666, 0.981, 0.978])
    add("demsar-table2", demsar_c45, demsar_c45m)
    # zero differences in a small sample: scipy's exact permutation branch
    add("demsar-table2-first10", demsar_c45[:10], demsar_c45m[:10])
    write(
        FIXTURES / "wilcoxon.json",
        {
            "description": (
                "scipy.stats.wilcoxon(x, y): 'default' = scipy defaults (zero_method='wilcox', correction=False, "
                "method='auto'); 'correction' = correction=True; 'less'/'greater' = one-sided; 'asymptotic' = "
                "method='asymptotic'; 'zsplit' = zero_method='zsplit'. scipyMode names the branch scipy's 'auto' takes."
            ),
            "cases": cases,
        },
    )


# ---------------------------------------------------------------------------
# Holm step-down correction
# ---------------------------------------------------------------------------

def holm_cases() -> None:
    rng = np.random.default_rng(1979)
    cases = []
    for m in (1, 3, 6, 10, 45):
        p = np.concatenate([rng.uniform(0, 0.02, m // 2), rng.uniform(0, 1, m - m // 2)])
        rng.shuffle(p)
        for alpha in (0.05, 0.10):
            reject, adjusted, _, _ = multipletests(p, alpha=alpha, method="holm")
            cases.append(
                {"pValues": p.tolist(), "alpha": alpha, "adjusted": [clean(v) for v in adjusted], "reject": [bool(v) for v in reject]}
            )
    write(
        FIXTURES / "holm.json",
        {"description": "statsmodels.stats.multitest.multipletests(p, alpha, method='holm')", "cases": cases},
    )


# ---------------------------------------------------------------------------
# Bayesian signed-rank test (Benavoli et al. 2017)
# ---------------------------------------------------------------------------

def bayesian_cases() -> None:
    rng = np.random.default_rng(2017)
    nsamples = 400_000
    cases = []
    specs = [(10, 0.01, 0.0), (15, 0.005, 0.01), (20, 0.0, 0.01), (25, -0.01, 0.01), (8, 0.02, 0.0), (30, 0.004, 0.005)]
    for index, (n, shift, rope) in enumerate(specs):
        x = rng.uniform(0.6, 0.95, n)
        y = x - shift + rng.normal(0, 0.01, n)
        probs = baycomp.two_on_multiple(x, y, rope=rope, nsamples=nsamples, random_state=1000 + index)
        # two_on_multiple always returns (left, rope, right); rope is 0 when rope == 0
        left, equiv, right = probs
        cases.append(
            {
                "x": x.tolist(),
                "y": y.tolist(),
                "rope": rope,
                "prior": 0.5,
                "nsamples": nsamples,
                "left": clean(left),
                "rope_": clean(equiv),
                "right": clean(right),
            }
        )
    write(
        FIXTURES / "bayesian-signed-rank.json",
        {
            "description": (
                "baycomp.two_on_multiple(x, y, rope, nsamples, random_state) = SignedRankTest with prior 0.5 at a "
                "pseudo-observation 0. left = P(x - y > rope) region most probable (x better), rope_ = within rope, "
                "right = y better; Monte Carlo with nsamples draws (standard error <= 0.5/sqrt(nsamples))."
            ),
            "cases": cases,
        },
    )


# ---------------------------------------------------------------------------
# McNemar's test
# ---------------------------------------------------------------------------

def mcnemar_cases() -> None:
    cases = []
    for b, c in ((12, 3), (40, 55), (0, 7), (101, 140), (5, 5), (1200, 1105), (17, 0)):
        table = [[500, b], [c, 300]]
        entry = {"onlyA": b, "onlyB": c}
        for name, exact, correction in (("exact", True, False), ("chi2", False, False), ("chi2Corrected", False, True)):
            res = mcnemar(table, exact=exact, correction=correction)
            entry[name] = {"statistic": clean(res.statistic), "pValue": clean(res.pvalue)}
        cases.append(entry)
    write(
        FIXTURES / "mcnemar.json",
        {
            "description": (
                "statsmodels mcnemar on [[both right, onlyA right], [onlyB right, both wrong]]: exact = binomial "
                "(statistic min(b, c)); chi2 = (b - c)^2/(b + c); chi2Corrected = (|b - c| - 1)^2/(b + c)."
            ),
            "cases": cases,
        },
    )


if __name__ == "__main__":
    nemenyi_table()
    friedman_cases()
    wilcoxon_cases()
    holm_cases()
    bayesian_cases()
    mcnemar_cases()
