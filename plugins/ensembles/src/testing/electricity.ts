import { StreamSchema } from '@tributary/core';
import { openStream } from '@tributary/streams';
import type { TestStream } from './synthetic.js';

/** A shared dataset (default electricity) read whole into memory through @tributary/streams. */
export async function loadDataset(spec = 'electricity'): Promise<TestStream> {
  const stream = await openStream(spec);
  const xs: Float64Array[] = [];
  const ys: Int32Array[] = [];
  for (let batch = await stream.nextBatch(4096); batch; batch = await stream.nextBatch(4096)) {
    xs.push(batch.x.slice(0, batch.n * batch.d));
    ys.push(batch.y.slice(0, batch.n));
  }
  await stream.close();
  const d = stream.schema.numFeatures;
  const n = ys.reduce((total, y) => total + y.length, 0);
  const x = new Float64Array(n * d);
  const y = new Int32Array(n);
  let at = 0;
  for (let i = 0; i < xs.length; i++) {
    x.set(xs[i], at * d);
    y.set(ys[i], at);
    at += ys[i].length;
  }
  return { schema: StreamSchema.fromJSON(stream.schema.toJSON()), x, y, n, d };
}
