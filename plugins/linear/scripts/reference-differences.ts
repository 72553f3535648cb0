// Evidence for the explanations in docs/validation.md: replays a stream through a reference learner
// (MOA or River, via the bridges) and through native learners that emulate one reference behaviour
// each, and prints how often each agrees with the reference. Emulating every difference that an
// explanation names should bring agreement to (nearly) 100 %.
//
//   node --conditions=tributary-source --import tsx plugins/linear/scripts/reference-differences.ts sgd-moa [stream]
//   node --conditions=tributary-source --import tsx plugins/linear/scripts/reference-differences.ts logistic-river [stream]
//
// sgd-moa: native SGD (raw features) against MOA's SGDMultiClass with every class declared first.
//   MOA keeps one model per declared class from the first instance and votes 1 for every class with a
//   positive score (the first such class wins; class 0 when none is positive).
// logistic-river: native logistic regression (raw features) against River's LogisticRegression in
//   a OneVsRestClassifier. River's sigmoid is exactly 0 below −30; when it is 0 for every class, the
//   OvR returns a uniform distribution (the first class wins); the native learner gives the mass to
//   the highest score.
import { argMax, loadPlugins, recordStream, replayStream, translateToReference, StreamSchema, type LearnerContext } from '@tributary/core';
import { openStream } from '@tributary/streams';
import { SGD, type SGDParams } from '../src/sgd.js';
import { LogisticRegression, type LogisticRegressionParams } from '../src/logistic-regression.js';
import { riverSigmoid } from '../src/linear-classifier.js';

/** Native SGD with MOA's behaviours switched on one by one. */
class MoaLikeSGD extends SGD {
  constructor(
    params: Partial<SGDParams>,
    context: LearnerContext,
    private readonly rowsFromStart: boolean,
    private readonly firstPositiveVote: boolean,
  ) {
    super(params, context);
  }

  override learnOne(x: Float64Array, y: number, weight = 1): void {
    if (this.rowsFromStart) this.ensureShape(this.context.schema.numClasses, this.columns);
    super.learnOne(x, y, weight);
  }

  protected override predictInto(x: Float64Array, out: Float64Array, k: number): void {
    if (!this.firstPositiveVote) return super.predictInto(x, out, k);
    if (!this.trained) return;
    const rows = Math.min(k, this.rows);
    this.computeScores(this.encoder.encode(x), rows);
    let winner = 0;
    for (let c = 0; c < rows; c++) {
      if (this.scores[c] > 0) {
        winner = c;
        break;
      }
    }
    out[winner] = 1;
  }
}

/** Native logistic regression with River's OvR fallback (uniform over the classes seen when every sigmoid is 0). */
class RiverLikeLogisticRegression extends LogisticRegression {
  private readonly seen: boolean[] = [];

  constructor(
    params: Partial<LogisticRegressionParams>,
    context: LearnerContext,
    private readonly rowOnFirstSight: boolean,
  ) {
    super(params, context);
  }

  override learnOne(x: Float64Array, y: number, weight = 1): void {
    // River's OvR creates a class's model when the class first appears; the native row may already exist (row 1 does).
    if (this.rowOnFirstSight && !this.seen[y] && y < this.rows) {
      this.weights.fill(0, y * this.stride, y * this.stride + this.columns);
      this.bias[y] = 0;
    }
    this.seen[y] = true;
    super.learnOne(x, y, weight);
  }

  protected override predictInto(x: Float64Array, out: Float64Array, k: number): void {
    if (!this.trained) return;
    const rows = Math.min(k, this.rows);
    this.computeScores(this.encoder.encode(x), rows);
    let sum = 0;
    for (let c = 0; c < rows; c++) sum += this.seen[c] ? riverSigmoid(this.scores[c]) : 0;
    for (let c = 0; c < rows; c++) out[c] = !this.seen[c] ? 0 : sum > 0 ? riverSigmoid(this.scores[c]) / sum : 1;
  }
}

const [mode = 'sgd-moa', streamName = 'insects_gradual_balanced'] = process.argv.slice(2);
const maxInstances = 100_000;
const registry = await loadPlugins();
const source = await openStream(streamName, { maxInstances });
const recorded = await recordStream(source, maxInstances).finally(() => source.close());
const schema = StreamSchema.fromJSON(recorded.schemaJson);
const k = schema.numClasses;
const params = { standardize: false };

/** Reference predictions, with every class declared before the first instance (one batch). */
async function referencePredictions(id: string, library: 'moa' | 'river'): Promise<Int32Array> {
  const translated = translateToReference(registry, { id, params }, library, { numClasses: k });
  const stream = replayStream(recorded);
  const session = await registry.openSession({ id: translated.id, params: translated.params }, stream.schema, 1);
  const batch = (await stream.nextBatch(recorded.n))!;
  const proba = new Float64Array(batch.n * k);
  await session.testThenTrain(batch, proba, k);
  await session.dispose();
  return Int32Array.from({ length: recorded.n }, (_, i) => argMax(proba.subarray(i * k, (i + 1) * k), k));
}

function nativePredictions(learner: { predictProbaOne(x: Float64Array): Float64Array; learnOne(x: Float64Array, y: number): void }): Int32Array {
  const out = new Int32Array(recorded.n);
  for (let i = 0; i < recorded.n; i++) {
    const x = recorded.x.subarray(i * recorded.d, (i + 1) * recorded.d);
    out[i] = argMax(learner.predictProbaOne(x), k);
    learner.learnOne(x, recorded.y[i]);
  }
  return out;
}

function report(label: string, predictions: Int32Array, reference: Int32Array): void {
  let agree = 0;
  let correct = 0;
  for (let i = 0; i < recorded.n; i++) {
    if (predictions[i] === reference[i]) agree++;
    if (predictions[i] === recorded.y[i]) correct++;
  }
  console.log(`${label}: agreement ${((100 * agree) / recorded.n).toFixed(2)} %, accuracy ${((100 * correct) / recorded.n).toFixed(2)} %`);
}

const context = { schema, seed: 1 };
if (mode === 'sgd-moa') {
  const reference = await referencePredictions('sgd', 'moa');
  report('MOA SGDMultiClass', reference, reference);
  for (const [rowsFromStart, firstPositiveVote] of [[false, false], [true, false], [false, true], [true, true]]) {
    report(`native, rows for every class from the start ${rowsFromStart ? 'on' : 'off'}, first-positive vote ${firstPositiveVote ? 'on' : 'off'}`, nativePredictions(new MoaLikeSGD(params, context, rowsFromStart, firstPositiveVote)), reference);
  }
} else if (mode === 'logistic-river') {
  const reference = await referencePredictions('logistic-regression', 'river');
  report('River OneVsRest(LogisticRegression)', reference, reference);
  report('native', nativePredictions(new LogisticRegression(params, context)), reference);
  report("native with River's uniform fallback", nativePredictions(new RiverLikeLogisticRegression(params, context, false)), reference);
  report("native with River's uniform fallback and rows created on a class's first appearance", nativePredictions(new RiverLikeLogisticRegression(params, context, true)), reference);
} else {
  throw new Error(`unknown mode "${mode}" (sgd-moa or logistic-river)`);
}
process.exit(0);
