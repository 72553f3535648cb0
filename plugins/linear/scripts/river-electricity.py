"""Records River's logistic regression, softmax regression and passive-aggressive
classifier on electricity (StandardScaler on the numeric features, one-hot
'day', as the native encoder does): accuracy and P(UP) every 100 instances.

    PYTHON=/path/to/venv/bin/python plugins/linear/scripts/river-electricity.sh

Writes src/testdata/river-electricity.json, which linear.test.ts compares with.
"""
import csv
import gzip
import json
import os
import sys

import river
from river import compose, linear_model, preprocessing

DATA = os.path.join(os.environ.get('TRIBUTARY_DATASETS', os.path.join(os.path.dirname(__file__), '../../../../shared/datasets')), 'electricity.csv.gz')
NUMERIC = ['date', 'period', 'nswprice', 'nswdemand', 'vicprice', 'vicdemand', 'transfer']
MODELS = {
    'logistic-regression': linear_model.LogisticRegression,
    'softmax-regression': linear_model.SoftmaxRegression,
    'passive-aggressive': linear_model.PAClassifier,
}

rows = list(csv.DictReader(gzip.open(DATA, 'rt')))
result = {'river': river.__version__, 'every': 100, 'learners': {}}
for name, make in MODELS.items():
    encoder = (compose.Select(*NUMERIC) | preprocessing.StandardScaler()) + (compose.Select('day') | preprocessing.OneHotEncoder())
    model = encoder | make()
    multiclass = name == 'softmax-regression'
    correct = 0
    sampled = []
    for i, row in enumerate(rows):
        x = {k: float(row[k]) for k in NUMERIC}
        x['day'] = row['day']
        y = row['class']
        p = model.predict_proba_one(x)
        p_up = p.get('UP' if multiclass else True, 0.0) if p else 0.0
        predicted = (max(p, key=p.get) if p else None) if multiclass else ('UP' if p_up > 0.5 else 'DOWN')
        correct += predicted == y
        if i % 100 == 0:
            sampled.append(p_up)
        model.learn_one(x, y if multiclass else y == 'UP')
    result['learners'][name] = {'accuracy': correct / len(rows), 'instances': len(rows), 'pUp': sampled}
    print(name, correct / len(rows), file=sys.stderr)

out = os.path.join(os.path.dirname(__file__), '../src/testdata/river-electricity.json')
with open(out, 'w') as f:
    json.dump(result, f)
print('wrote', out, file=sys.stderr)
