/**
 * Writes docs/algorithms/<id>.md for every learner of @tributary/linear.
 *
 *   node --conditions=tributary-source --import tsx plugins/linear/scripts/algorithm-docs.ts
 */
import { plugins } from '../src/index.js';
import { writePages, type DocumentedManifest, type Prose } from '../../drift-detectors/scripts/algorithm-page.js';

const ENCODING =
  'Features reach the model through an online encoder: numeric features are standardised with running (Welford) means and standard deviations updated before each training step, nominal features are one-hot encoded with a slot per value seen in training (the model grows as values appear), and missing values contribute nothing (mean imputation, for standardised features). Classes first seen mid-stream get a new row of weights.';
const STANDARDIZE_NOTE =
  '`standardize` (default true) is a deliberate addition: MOA and River do not scale inside these learners (River users put a `StandardScaler` in front), and gradient steps on raw features of very different scales are unusable. Set it to false for a like-for-like comparison.';

const prose: Record<string, Prose> = {
  perceptron: {
    title: 'Perceptron',
    what: `One sigmoid unit per class, o_c = σ(w_c·x + b_c), trained by the delta rule on squared error: after each instance, w_c += r·(t_c − o_c)·o_c·(1 − o_c)·x with t_c = 1 for the true class and 0 otherwise. The class probabilities are the unit outputs normalised to sum to 1. Weights start uniformly in [−0.1, 0.1), drawn from the seed. ${ENCODING}`,
    guidance: `\`learningRatio\` (1) is the only knob: smaller is steadier and slower to adapt. ${STANDARDIZE_NOTE} On electricity it reaches 86.5% prequential accuracy with the defaults.`,
    differences:
      "With `standardize` false on a numeric stream (sea) it starts from MOA's very weights (same seed, same draw order) and its outputs equal MOA 2024.07's for the first ~1,400 instances; then last-bit differences of `Math.exp` between the JVM and V8 (about 1 result in 10 differs) are amplified by the saturating updates, and the runs drift apart while staying within 0.3 points of accuracy (79.37% vs 79.05%; test `linear.test.ts`, fixture from `scripts/moa-linear.sh`). MOA's functions.Perceptron feeds nominal values as numbers, does not scale, propagates NaN from missing values and ignores instance weights; here nominal features are one-hot, features standardised (optional), missing values skipped, and the weight scales the step. MOA allocates all class units at the first instance; here a unit is added when its class is first trained, so predictions do not depend on how many classes the schema listed in advance.",
  },
  'logistic-regression': {
    title: 'Logistic regression (SGD)',
    what: `Logistic regression trained one instance at a time by plain stochastic gradient descent on the log loss: g = σ(w·x + b) − y (times the instance weight, clipped to ±clipGradient), then w −= lr·(g·x + l2·w) on the features present and b −= interceptLr·g. Beyond two classes each class gets its own binary model (one-vs-rest) and the sigmoids are normalised; with two classes this is exactly River's binary model. ${ENCODING}`,
    guidance: `\`learningRate\` matters most (0.01; larger adapts faster to drift, noisier). \`l2\` helps only on noisy, high-dimensional streams. ${STANDARDIZE_NOTE} On electricity: 84.2% with the defaults.`,
    differences: "Defaults follow River's LogisticRegression (MOA has none; its `sgd` with log loss is the nearest). On electricity, with River's StandardScaler and one-hot 'day' in front, every prediction equals River 0.26.1's (P(UP) within 1e-10; test `linear.test.ts`, fixture from `scripts/river-electricity.sh`). River is binary only: the one-vs-rest extension is Tributary's.",
  },
  'softmax-regression': {
    title: 'Softmax regression (SGD)',
    what: `Multinomial logistic regression: p = softmax(W·x) over the classes seen so far, trained by plain SGD on the cross-entropy, w_c −= lr·((p_c − [c = y])·x + l2·w_c) for every seen class. As in River there is no intercept. Probabilities are calibrated jointly rather than per class, unlike one-vs-rest. ${ENCODING}`,
    guidance: `\`learningRate\` (0.01) matters most. Without an intercept the model relies on standardised features being centred; with \`standardize\` false on uncentred data it underfits. ${STANDARDIZE_NOTE} On electricity: 85.6%.`,
    differences: "Defaults follow River's SoftmaxRegression (MOA has none). On electricity every prediction equals River 0.26.1's (same setup as logistic regression). River has no instance weights; here the weight scales the gradient. A class never trained on gets probability 0 (River: absent from the output).",
  },
  sgd: {
    title: 'SGD linear classifiers (hinge, log, squared loss)',
    what: `Linear models fitted by stochastic gradient descent, one binary model per class (one-vs-rest, targets ±1). At step t every weight shrinks by 1 − lr·λ/t (L2 regularisation), then, unless the loss is hinge and the margin z = y·(w·x + b) is at least 1, w += lr·y·ℓ'(z)·x and b += lr·y·ℓ'(z), with ℓ'(z) = 1 for hinge (a linear SVM), 1/(1 + e^z) for log loss (logistic regression) and 1 − z for squared loss. Probabilities are the sigmoids of the per-class scores, normalised. ${ENCODING}`,
    guidance: `MOA's \`learningRate\` default (1e-4) is very small: it learns slowly (73.3% on electricity) and is the first thing to raise (e.g. 0.01–0.1) for drifting streams. \`lossFunction\` log gives smoother probabilities; \`lambdaRegularization\` matters little at these rates. ${STANDARDIZE_NOTE}`,
    differences:
      "Follows MOA's functions.SGDMultiClass: with `standardize` false and log loss its outputs equal MOA 2024.07's on all 50,000 instances of sea (within 1e-12; test `linear.test.ts`). The update, the 1 − lr·λ/t decay with t counting instances from 1, the bias left unregularised are MOA's. Differences: features standardised (optional) and one-hot; the instance weight scales the step (MOA ignores it); probabilities by sigmoid of the scores, where MOA votes 1 for every class with a positive score under hinge/squared loss (so its argmax is the first such class, or class 0); the squared loss uses the classification derivative 1 − z of ½(1 − z)², whereas MOA applies its regression derivative z to the ±1 target, which drives the weights in the direction of the current score's sign.",
  },
  'passive-aggressive': {
    title: 'Passive-aggressive classifier',
    what: `Online passive-aggressive learning: with target y = ±1 and hinge loss ℓ = max(0, 1 − y·(w·x + b)), the model is left alone when ℓ = 0 (passive) and otherwise moved just enough towards satisfying the margin (aggressive): w += τ·y·x, b += τ·y, with τ = ℓ/‖x‖² (PA), min(C, ℓ/‖x‖²) (PA-I, default) or ℓ/(‖x‖² + 1/(2C)) (PA-II). One binary model per class (one-vs-rest); probabilities are the normalised sigmoids of the scores. ${ENCODING}`,
    guidance: `\`C\` bounds the step: large C adapts to the latest instance almost completely, which suits strongly autocorrelated streams (92.3% on electricity with C = 1) but is fragile under label noise, where C < 0.1 is safer. \`mode\` 2 (PA-II) is the smoother choice for noisy data. ${STANDARDIZE_NOTE}`,
    differences: "Defaults follow River's PAClassifier (MOA has none). On electricity every prediction equals River 0.26.1's (same setup as logistic regression). River is binary only; with two classes the one-vs-rest pair equals River's single model (the rows stay opposite), beyond two it is Tributary's extension. The instance weight scales the step (River has no weights).",
  },
};

writePages(plugins as unknown as DocumentedManifest[], prose, '@tributary/linear', 'plugins/linear/scripts/algorithm-docs.ts');
