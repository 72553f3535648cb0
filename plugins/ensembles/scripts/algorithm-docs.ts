/**
 * Writes docs/algorithms/<id>.md for every learner of @tributary/ensembles with
 * the shared page renderer (hyperparameters, references and equivalents come
 * from the manifests); this file holds only the prose of each page.
 *
 *   node --conditions=tributary-source --import tsx plugins/ensembles/scripts/algorithm-docs.ts [--check]
 */
import { writePages, type DocumentedManifest, type Prose } from '../../drift-detectors/scripts/algorithm-page.js';
import { plugins } from '../src/index.js';

const PROSE: Record<string, Prose> = {
  'oza-bag': {
    title: 'Online bagging (OzaBag)',
    what:
      'Bagging trains each member on a bootstrap sample: a given instance appears k times with k ~ Binomial(n, 1/n), which tends to Poisson(1) as n grows. Online bagging uses exactly that: every member learns every arriving instance with weight k ~ Poisson(1), so about a third of the members skip it. The ensemble predicts the sum of the members\' normalised class distributions. It has no drift handling of its own; its members\' adaptivity is all it has.',
    guidance:
      '`ensembleSize` trades accuracy for time and memory linearly; 10 is the usual choice and gains flatten beyond ~25. The base learner matters most: a Hoeffding tree is the standard choice.',
    differences:
      'MOA copies one prepared base learner, so all members share its random seed; here every member gets its own seed derived from the ensemble seed (`deriveSeed(seed, slot)`), while the ensemble\'s own `Random(seed)` draws the Poisson weights in MOA\'s order. River draws weights from numpy and calls `learn_one` k times instead of learning once with weight k.',
  },
  'oza-boost': {
    title: 'Online boosting (OzaBoost)',
    what:
      'Online boosting passes each instance through the members in order with a weight λ that starts at 1. Member m learns it with weight Poisson(λ); then, if m classifies it correctly, λ is multiplied by N / (2·λ_correct,m), otherwise by N / (2·λ_wrong,m), where N is the total training weight seen and λ_correct,m / λ_wrong,m are the λ sums m got right / wrong. Later members therefore concentrate on what earlier ones miss. A member votes with weight ln((1−ε)/ε), ε its weighted error, while ε ∈ (0, 0.5]; voting stops at the first member outside that range.',
    guidance: '`ensembleSize` (10). `pureBoost` uses λ itself as the weight instead of a Poisson draw around it, which removes the bagging-like randomness. Boosting is sensitive to label noise and has no drift handling.',
    differences:
      'Where MOA returns no vote at all (its first member has no error yet, or more than 0.5, so its evaluator predicts class 0), the native learner lets a member with no error decide alone and otherwise lets all members vote unweighted: its output is always a distribution once a member has an opinion. River\'s AdaBoostClassifier has no pureBoost switch.',
  },
  'adwin-bag': {
    title: 'ADWIN bagging',
    what:
      'Online bagging in which every member has its own ADWIN change detector fed with the member\'s 0/1 error on each instance, measured right after the member learns it. When any ADWIN detects a significant rise of its member\'s error, the member with the highest estimated error (the largest ADWIN mean) is replaced by a fresh, untrained one and its ADWIN restarts.',
    guidance: '`ensembleSize` (10) and the base learner. ADWIN\'s δ is fixed at MOA\'s 0.002 (MOA has no option for it); use `leveraging-bag` to tune δ.',
    differences:
      'Replacements get a new derived seed (MOA reuses the same seed on `resetLearning`). River feeds its ADWINs 1 for a correct prediction, MOA and native 1 for an error.',
  },
  'leveraging-bag': {
    title: 'Leveraging bagging',
    what:
      'Leveraging bagging adds two things to online bagging: more randomisation of the input, by weighting each instance with Poisson(λ = 6) instead of Poisson(1) (each member sees more of the stream, with more diverse weights), and drift handling, by one ADWIN per member on its 0/1 error; when an ADWIN detects a rise, the member with the highest estimated error is replaced by a fresh one. Variants (`leveragingBagAlgorithm`) change the weighting: ME trains always on errors and on correct instances with probability ε/(1−ε); Half samples half the instances; WT uses 1 + Poisson(1); Subag uses weight 1 whenever Poisson(1) > 0.',
    guidance: '`weightShrink` (λ, 6) sets diversity; `deltaAdwin` (0.002) sets how readily members are replaced — smaller means fewer, later replacements. `ensembleSize` 10 is MOA\'s default.',
    differences:
      'Replacements get a new derived seed. Output codes (`outputCodes`, MOA -o): for two classes the code rule is MOA\'s (second bit = complement of the first) but the bits come from a generator of their own; for more classes MOA redraws codes until balanced — a loop that never ends for an odd number of classes with an even ensemble size — whereas native draws each later class\'s bit once, in class order, and grows the codes when a class appears mid-stream. On electricity with naive Bayes members and output codes: native 78.31 %, MOA 78.39 %.',
  },
  arf: {
    title: 'Adaptive Random Forest (ARF)',
    what:
      'ARF grows Hoeffding trees that, at each new leaf, draw a random subset of m features and only consider splits on those (the tree\'s `subspaceSize` hyperparameter; `arf-hoeffding-tree` by default). Each tree learns each instance with weight Poisson(λ = 6) — as in leveraging bagging — and has two ADWIN detectors on its 0/1 error (updated only when it trains, i.e. when the draw is positive): a warning detector (δ = 0.01) that starts a background tree trained on the same instances (with weight 1), and a drift detector (δ = 0.001) that replaces the tree by its background tree (or by a fresh tree when none). Every tree is tested on every instance before training; its accuracy since creation weights its vote.',
    guidance:
      '`ensembleSize` dominates cost; MOA\'s default is 100, River\'s and Tributary\'s benchmark use 10. `mFeaturesPerTreeSize` (60% of M) controls the diversity/strength trade-off; `SqrtM1` is the classic random-forest choice for many features. `lambda` 6 is rarely worth changing. The two δs set how eagerly trees are replaced.',
    differences:
      'MOA copies one prepared tree, so all its trees share one random seed (and a reset tree restarts that seed); here each tree and each replacement gets its own derived seed, which makes the subspaces more diverse (electricity, 10 trees: native 90.04 %, MOA 89.49 % on the same instances). `sharedTreeSeed` seeds every tree as MOA does; then native and MOA agree on 99.87 % of the electricity instances (89.54 % vs 89.49 %). A base learner without a `subspaceSize` hyperparameter is accepted and then sees every feature (`measurements().subspaceSize` = M). MOA\'s `-j` (threads) is not offered. River reads `max_features` = 0.6 as floor(0.6·M) and `sqrt` as round(√M) (MOA: round(0.6·M), round(√M)+1), and may train background trees with the Poisson weight (river#1266).',
  },
  srp: {
    title: 'Streaming Random Patches (SRP)',
    what:
      'SRP trains every member on a random subset of the features chosen when the member is created (a random subspace), combined with Poisson(λ = 6) instance weights (random patches = subspace + resampling); `trainingMethod` can also select subspaces alone (weight 1) or resampling alone (all features). With at most 20 features the initial subspaces are drawn without replacement from all k-combinations (repeated cyclically if there are fewer than members); otherwise each is a random k-subset. Each member has ADWIN warning (δ = 1e-4) and drift (δ = 1e-5) detectors on its error; a warning starts a background learner on a fresh random subspace, a drift swaps it in (or resets the member on a new subspace). Votes are weighted by each member\'s accuracy since creation.',
    guidance:
      '`ensembleSize` dominates cost (MOA default 100; River and the Tributary benchmark use 10). `subspaceSize` (60% of M) matters most: smaller subspaces mean more diverse, weaker members. Unlike ARF, any learner can be the base: the ensemble projects instances onto each member\'s subspace (a live sub-schema and a preallocated buffer per member).',
    differences:
      'MOA trains subspace members with weight k regardless of the instance weight; native multiplies k by the instance weight (identical on unweighted streams). Members and replacements get derived seeds (MOA: one shared seed). River uses its own subspace rounding and generator. MOA\'s SRP (unlike its ARF) does not drop a member\'s background learner when a drift swaps it in: the old background object keeps sharing the member\'s model, so until the next warning that model learns every training instance twice, and a further drift in that time only restarts the member\'s accuracy. The native learner drops it, as MOA\'s ARF does. It accounts for the gap seen on outdoor (40 classes, 4,000 instances; 10 members, seeds 1–3): native reaches 67.18 % and MOA 69.06 %, with 82–84 % of predictions agreeing; with background learners off (`disableBackgroundLearner`, MOA -q) they reach 66.51 % and 66.27 %; and the native learner patched to keep the background as MOA does (`plugins/ensembles/scripts/moa-srp-retained-background.patch`) reaches 69.28 %, agreeing with MOA on 99.4–99.5 % of predictions. Insects (gradual, balanced; 24,150 instances, seeds 1–3) shows the same: native 77.97 % against MOA 78.78 %, with 89.7–90.1 % agreeing; with background learners off 78.11 % against 78.07 %, agreeing on 99.9 %; the patched native learner 78.88 %, agreeing on 96.9–99.9 %. On sea (50,000 instances) the gap runs the other way, native 84.80 % against MOA 84.24 % with 95.2–97.1 % agreeing; patched, native reaches 84.05 % and agrees on 98.2–99.9 %.',
  },
  dwm: {
    title: 'Dynamic Weighted Majority (DWM)',
    what:
      'DWM keeps a variable set of weighted experts, each voting for its top class with its weight. Every `period` instances: each expert that misclassified the instance has its weight multiplied by β, weights are scaled so the largest is 1, experts below θ are removed, and if the weighted vote itself was wrong a new expert with weight 1 is added (the weakest is removed first when `maxExperts` is reached). All experts learn every instance. New experts let DWM follow drift; weight decay retires experts of old concepts.',
    guidance: '`period` (50) is the main knob: shorter reacts faster but adds more experts. `beta` (0.5) and `theta` (0.01) set how fast wrong experts fade and are removed. MOA leaves `maxExperts` unbounded (CapyMOA: 10000).',
    differences: 'River has no DWM. The ensemble draws nothing itself; its output depends on the seed only through a randomized base learner (each expert gets a derived seed).',
  },
};

writePages(plugins as unknown as DocumentedManifest[], PROSE, '@tributary/ensembles', 'plugins/ensembles/scripts/algorithm-docs.ts');
