/**
 * Writes docs/algorithms/<id>.md for every selector of @tributary/selectors: the
 * hyperparameter table, references and equivalents come from the manifests (the
 * shared renderer of plugins/drift-detectors/scripts/algorithm-page.ts), the prose
 * from below. `--check` writes nothing and fails when a page is stale.
 *
 *   node --conditions=tributary-source --import tsx plugins/selectors/scripts/algorithm-docs.ts [--check]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPage, ROOT, type DocumentedManifest, type Prose } from '../../drift-detectors/scripts/algorithm-page.js';
import { plugins } from '../src/index.js';

const SCRIPT = 'plugins/selectors/scripts/algorithm-docs.ts';
const PREQUENTIAL = 'A candidate is scored on an instance before it learns it (prequential, test-then-train); a prediction made for the evaluator is reused for that score, so no candidate predicts the same instance twice.';

const prose: Record<string, Prose> = {
  'best-so-far': {
    title: 'Best-so-far selection',
    what: `Every candidate predicts and then learns every instance. The selector keeps, per candidate, whether each of its last \`windowSize\` predictions was right, and answers with the candidate whose accuracy over that window is highest (on a tie, the one listed first). Nothing is retired or added: it costs the sum of its candidates and follows the best of them with a lag of about a window. ${PREQUENTIAL}`,
    guidance:
      'The candidate list decides nearly everything: accuracy close to the best member on each stream, cost equal to all of them together (kNN dominates the default list on wide streams). `windowSize` trades how soon the selector switches after a change against how often it switches on noise.',
    differences:
      'Neither MOA nor River has this classifier. River\'s GreedyRegressor is the regression counterpart (every model learns, the best by a running metric predicts); it ranks by the metric over the whole stream rather than over a window.',
  },
  'successive-halving': {
    title: 'Successive halving',
    what: `Candidates race in rounds. During a round every remaining candidate predicts, is scored and learns each instance; at the end of the round they are sorted by their correct predictions within the round and the best ⌊n/eta⌋ of the n still in (at least one) go on, the rest are dropped and their memory freed. A round lasts ⌊budget / (n·⌈log_eta n⌉)⌋ instances, so the race spends about \`budget\` candidate updates. Until the race ends the candidate with the most correct predictions in the current round predicts; then the winner alone learns and predicts, and the selector costs that one learner. ${PREQUENTIAL}`,
    guidance:
      '`budget` sets how long the race lasts: with the six default candidates and eta 2, rounds of 555 and 1 666 instances, and the winner is fixed after 2 221 instances. A larger `eta` discards more candidates per round. The choice is final: after a concept change the winner adapts only as far as it does by itself, which is why this is the cheapest selector and one of the least accurate on drifting streams.',
    differences:
      'Follows River\'s SuccessiveHalvingClassifier, with three differences: River keeps ⌈n/eta⌉ models per rung where this keeps ⌊n/eta⌋ (at least one); River ranks by each model\'s metric over everything it has seen, this by the correct predictions of the current round only; River ends a rung when its instance counter reaches a rung length computed with the log of the initial number of models, whereas here rounds follow each other and each length uses the number of candidates still in. MOA has no successive halving.',
  },
  bandit: {
    title: 'Bandit model selection',
    what:
      'Each candidate is an arm. During the first `burnIn` instances every arm predicts, is scored and learns. After that a policy pulls one arm per instance: only that arm predicts the instance, is rewarded 1 if it was right (0 otherwise) and learns it; the others neither predict nor learn. The answer comes from the arm with the best mean reward, which is the only other arm asked to predict. Policies: ε-greedy (a random arm with probability ε, otherwise the best), UCB1 (the arm maximising its mean reward plus ucbDelta·√(2 ln t / n_arm); arms never pulled go first) and Thompson sampling (each arm draws from Beta(1 + rewards, 1 + misses); the largest draw wins).',
    guidance:
      '`policy` and `burnIn` matter most. After the burn-in, arms that are rarely pulled also stop learning, so the selection tends to settle on an early winner; `ucbDelta` (UCB) and `epsilon` (ε-greedy) set how much the others are still tried. Per instance it costs about one arm\'s learning and at most two predictions.',
    differences:
      'Mirrors River\'s BanditClassifier: River pulls every arm while it has fewer than `burn_in` pulls, which is the same as letting all arms learn the first `burnIn` instances; the reward is accuracy, counted over the whole stream in both. MOA has no bandit selector.',
  },
  'evo-automl': {
    title: 'Evolutionary online AutoML (EvoAutoML-style)',
    what: `A population of \`populationSize\` configurations from a search space: the learners listed in \`space\`, whose hyperparameter ranges come from their own schemas (\`x-search\` annotations). The first members are the listed learners with their defaults, one each; the rest are random samples of random learners. Every member predicts, is scored and learns each instance; the member with the best accuracy over the last \`windowSize\` instances predicts. Every \`mutationInterval\` instances the member with the worst windowed accuracy is replaced by an untrained mutation of the best (same learner, some hyperparameters redrawn near the parent's). ${PREQUENTIAL}`,
    guidance:
      '`populationSize` multiplies the cost, and the space decides what can win and how much it costs: kNN is in the default space, and samples and mutations may give it windows of up to 5 000 instances, which made this the costliest selector of the reduced AutoML run (docs/automl.md). `mutationInterval` trades exploration against stability.',
    differences:
      'EvoAutoML (Kulbach et al. 2022) evolves River pipelines (preprocessing and model): each member learns every instance Poisson(6) times, a mutant is a copy of the trained best with one grid parameter changed, each member\'s metric counts everything since it joined, and the whole population votes (majority of predicted labels). Here a mutant starts untrained, members learn each instance once, accuracy is windowed, and the best member alone predicts; the search space is read from plugin schemas rather than a parameter grid.',
  },
  confluence: {
    title: 'Confluence (Tributary\'s model selection)',
    what: `A pool of candidates from several families (by default no-change, naive Bayes, three Hoeffding trees, softmax regression, kNN over the last 500 instances, ARF with 10 trees and leveraging bagging with 5 members) learns every instance. Each candidate's accuracy is tracked with a fading factor, and the \`voteSize\` best vote, each with weight exp((a − a_best)/voteTemperature) on its normalised class distribution. The voters are scored on every instance; the other candidates on a random share \`scoreFraction\` of the instances, with the fading factor raised to the power 1/scoreFraction so that their accuracy covers the same stretch of the stream (this spares most of their predictions, the whole cost of kNN while it is not voting). Racing: every \`raceInterval\` instances, a candidate that has learned at least \`minRaceInstances\` instances is retired when its accuracy over its last \`windowSize\` scores plus its Hoeffding bound lies below the leader's minus the leader's bound; then a challenger (the leader's configuration with some hyperparameters redrawn nearby, \`frozenParams\` excepted) joins, warm-started on the buffered recent instances, if fewer than \`maxChallengers\` are alive, the budget racing freed allows and no identical candidate is alive. Revival (\`reviveFamilies\`): racing judges every candidate after the same number of instances, which favours fast starters (kNN) over slow ones (forests); so when racing has retired every member of a family of the initial pool, that family's initial configuration comes back once budget allows, warm-started on the buffer (nothing from before the last detected change), after waiting minRaceInstances × 4^k instances following its k-th retirement, and is safe from racing for minRaceInstances × 2^k instances. A family that keeps losing is thus tried on an ever smaller share of the stream; a drift on the leader's errors resets k. Drift: ADWIN watches the leader's 0/1 errors; on a change the \`driftCopies\` leading configurations join afresh, trained on the buffered instances since the change. Compute budget: a candidate costs its \`ensembleSize\` (base models trained per instance) or 1, and newcomers must keep the pool within \`maxCost\` — a drift copy retires the worst candidates old enough to be raced until it fits (or does not join). ${PREQUENTIAL}`,
    guidance:
      '`pool` and `maxCost` set both accuracy and cost. With the default budget of 20 the initial pool (cost 22) is kept whole, but a fresh copy of ARF(10) joins only by retiring every other candidate old enough to be raced (worst first), so after a drift detected while ARF leads the pool shrinks to the forest and its copy instead of filling up with forests — which is where most of the time of the first version went (docs/automl.md). A larger budget keeps more families alive after such a drift, at the cost of more forests. `scoreFraction` 0.5 halves the predictions of the candidates outside the vote at no measurable loss; `voteSize` and `voteTemperature` decide how much the leaders\' vote differs from the leader alone. The defaults were chosen on a set of tuning streams kept apart from the reduced evaluation (`plugins/selectors/scripts/tune.ts`).',
    differences:
      'Tributary\'s own design, with no MOA or River counterpart. It combines ideas of the references: a champion with challengers near it under a bound on live models (ChaCha, Wu et al. 2021), a search around the current best and an ensemble of the best configurations (ASML, Verma et al. 2024), mutation of the best (EvoAutoML, Kulbach et al. 2022) and ADWIN (Bifet & Gavaldà 2007) on the leader\'s errors. Unlike those it searches learners of every family read from plugin schemas, and its budget counts base models rather than wall-clock time, so runs stay deterministic for a seed.',
  },
};

const check = process.argv.includes('--check');
let stale = 0;
for (const manifest of plugins as unknown as DocumentedManifest[]) {
  const text = prose[manifest.id];
  if (!text) throw new Error(`no prose for ${manifest.id} in ${SCRIPT}`);
  const file = join(ROOT, 'docs', 'algorithms', `${manifest.id}.md`);
  const page = renderPage(manifest, text, '@tributary/selectors', SCRIPT);
  if (!check) {
    writeFileSync(file, page);
    console.log(`wrote ${file}`);
  } else if (!existsSync(file) || readFileSync(file, 'utf8') !== page) {
    console.error(`stale: ${file} (run ${SCRIPT})`);
    stale++;
  }
}
if (stale > 0) process.exitCode = 1;
