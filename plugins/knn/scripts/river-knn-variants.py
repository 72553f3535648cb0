"""Which of River's KNNClassifier defaults separates it from MOA's kNN (and this plugin) on a
numeric stream: prequential accuracy with k = 10, unweighted votes and a 1000-instance window, as
the benchmark runs it, then with an exact search and with features scaled to [0, 1]:

  swinn             River's default approximate search (SWINN, maxlen 1000), raw features (the benchmark's run)
  exact             LazySearch over the last 1000 instances, raw features
  swinn+min-max     MinMaxScaler in front of the default search
  exact+min-max     MinMaxScaler in front of LazySearch (closest to MOA's kNN, which scales by range)

River breaks a tie between vote counts in the order of its set of known labels, which follows
Python's per-process string hashing; the script fixes PYTHONHASHSEED (re-running itself) so
that the exact columns repeat. SWINN builds its graph at random (River leaves its seed unset),
so the swinn columns still move a little from run to run. Numeric features only: nominal ones
would go through the bridge's one-hot encoding, a further difference.

    .venv/bin/python3 plugins/knn/scripts/river-knn-variants.py insects_gradual_balanced
"""
import csv
import gzip
import os
import sys

import river
from river import neighbors, preprocessing

if os.environ.get('PYTHONHASHSEED') != '0':
    os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, 'PYTHONHASHSEED': '0'})

DATASETS = os.environ.get(
    'TRIBUTARY_DATASETS', os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../shared/datasets')
)
WINDOW = 1000


def make(variant):
    # No engine given means River's default, SWINN with maxlen 1000, as the bridge runs it.
    engine = neighbors.LazySearch(window_size=WINDOW) if variant.startswith('exact') else None
    model = neighbors.KNNClassifier(n_neighbors=10, weighted=False, engine=engine)
    return preprocessing.MinMaxScaler() | model if variant.endswith('min-max') else model


def prequential_accuracy(name, variant):
    rows = csv.reader(gzip.open(os.path.join(DATASETS, f'{name}.csv.gz'), 'rt'))
    header = next(rows)
    model = make(variant)
    correct = seen = 0
    for line, row in enumerate(rows, start=2):
        try:
            x = {feature: float(value) for feature, value in zip(header[:-1], row[:-1])}
        except ValueError as error:
            sys.exit(f'{name} line {line}: a feature is not numeric ({error}); this script takes numeric streams only')
        label = row[-1]
        correct += model.predict_one(x) == label
        seen += 1
        model.learn_one(x, label)
    return seen, correct / seen


VARIANTS = ('swinn', 'exact', 'swinn+min-max', 'exact+min-max')
print(f'river {river.__version__}')
print('| dataset | instances | ' + ' | '.join(VARIANTS) + ' |')
print('|---|---|' + '---|' * len(VARIANTS))
for dataset in sys.argv[1:] or ['insects_gradual_balanced']:
    accuracies = [prequential_accuracy(dataset, v) for v in VARIANTS]
    print(f'| {dataset} | {accuracies[0][0]} | ' + ' | '.join(f'{a:.4f}' for _, a in accuracies) + ' |')
