"""Cost of the River bridge's feature conversion: one-hot encodings against value strings, in one run.

Run: PYTHONPATH=bridges/river/server .venv/bin/python bridges/river/bench/nominal-encoding.py
Prints microseconds per row for an agrawal-shaped batch (6 numeric, 3 nominal features with 5, 20
and 9 values), without and with 5 % missing values, and each encoding's time over the value strings'.
"""

import time

import numpy as np

from tributary_server.river_backend import RiverFeatures

ROWS = 20_000
REPEATS = 7

schema = {
    "features": [
        {"name": "salary", "kind": "numeric"},
        {"name": "commission", "kind": "numeric"},
        {"name": "age", "kind": "numeric"},
        {"name": "elevel", "kind": "nominal", "values": [f"level{i}" for i in range(5)]},
        {"name": "car", "kind": "nominal", "values": [f"car{i}" for i in range(20)]},
        {"name": "zipcode", "kind": "nominal", "values": [f"zip{i}" for i in range(9)]},
        {"name": "hvalue", "kind": "numeric"},
        {"name": "hyears", "kind": "numeric"},
        {"name": "loan", "kind": "numeric"},
    ],
    "target": "class",
    "classes": ["groupA", "groupB"],
}


def batch(missing: float) -> np.ndarray:
    rng = np.random.default_rng(1)
    x = rng.random((ROWS, len(schema["features"])))
    for j, f in enumerate(schema["features"]):
        if f["kind"] == "nominal":
            x[:, j] = rng.integers(0, len(f["values"]), ROWS)
    x[rng.random(x.shape) < missing] = np.nan
    return x


def best_time(features: RiverFeatures, x: np.ndarray) -> float:
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        features.dicts(x)
        times.append(time.perf_counter() - t0)
    return min(times)


for missing in (0.0, 0.05):
    x = batch(missing)
    value = best_time(RiverFeatures(schema, "value"), x)
    parts = [f"missing {missing:.0%}: value {value / ROWS * 1e6:.2f} µs/row"]
    for encoding in ("one-hot", "one-hot-dense"):
        t = best_time(RiverFeatures(schema, encoding), x)
        parts.append(f"{encoding} {t / ROWS * 1e6:.2f} µs/row ({t / value:.2f}× value)")
    print(", ".join(parts))
