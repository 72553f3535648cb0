"""How much of River's GaussianNB gap to MOA (and this plugin) on word-count streams comes from
its treatment of zero-variance features. Prequential accuracy over whole datasets, three ways:

  river      GaussianNB as shipped: a Gaussian whose observed values were all equal has density
             0, and every density gets 1e-9 added before the log, so such a feature costs the class
             log(1e-9) whatever the value.
  point-mass the same, but a zero-variance Gaussian has density 1 at its mean, 0 elsewhere (MOA).
  moa-score  point mass, and the class score is the prior times the densities in linear space with
             no epsilon; when every score is equal (all zero, say) the first class wins, as MOA's
             argmax over an all-zero vote does.

Numeric features only (nominal ones would need the bridge's one-hot encoding, a separate
difference). Run with a Python that has river installed:

    .venv/bin/python3 plugins/naive-bayes/scripts/river-zero-variance.py spam luxembourg
"""
import csv
import gzip
import os
import sys

import river
from river import naive_bayes, proba

DATASETS = os.environ.get(
    'TRIBUTARY_DATASETS', os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../shared/datasets')
)
shipped_density = proba.Gaussian.__call__


def point_mass_density(gaussian, x):
    stats = gaussian._var
    seen = stats.mean.n
    if seen > stats.ddof and stats._S / (seen - stats.ddof) > 0.0:
        return shipped_density(gaussian, x)
    if seen == 0:
        return 0.0
    return 1.0 if x == stats.mean._mean else 0.0


def moa_prediction(model, x):
    classes = sorted(model.class_counts)
    if not classes:
        return None
    scores = []
    for c in classes:
        score = model.p_class(c)
        per_feature = model.gaussians.get(c, {})
        for name, value in x.items():
            gaussian = per_feature.get(name)
            score *= gaussian(value) if gaussian is not None else 0.0
        scores.append(score)
    best = max(range(len(classes)), key=lambda i: scores[i])  # first index among equal maxima
    return classes[best]


def prequential_accuracy(name, variant):
    proba.Gaussian.__call__ = shipped_density if variant == 'river' else point_mass_density
    rows = csv.reader(gzip.open(os.path.join(DATASETS, f'{name}.csv.gz'), 'rt'))
    header = next(rows)
    model = naive_bayes.GaussianNB()
    correct = seen = 0
    for row in rows:
        x = {feature: float(value) for feature, value in zip(header[:-1], row[:-1])}
        label = row[-1]
        predicted = moa_prediction(model, x) if variant == 'moa-score' else model.predict_one(x)
        correct += predicted == label
        seen += 1
        model.learn_one(x, label)
    return seen, correct / seen


print(f'river {river.__version__}')
print('| dataset | instances | river | point-mass | moa-score |')
print('|---|---|---|---|---|')
for dataset in sys.argv[1:] or ['spam']:
    accuracies = [prequential_accuracy(dataset, v) for v in ('river', 'point-mass', 'moa-score')]
    print(f'| {dataset} | {accuracies[0][0]} | ' + ' | '.join(f'{a:.4f}' for _, a in accuracies) + ' |')
