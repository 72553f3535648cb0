/**
 * Deep size of an object graph in bytes, by a model of V8's layout on 64-bit
 * builds with pointer compression off (what `node` ships on x64):
 *
 * - an object: 24-byte header (map, properties, elements) + 8 bytes per own
 *   property slot; an array: 32 bytes (JSArray) + 16 + 8 per element (its backing store);
 * - a typed array: its `byteLength` + 184 bytes of headers, split as 104 for the
 *   view and 80 for its buffer (views sharing one buffer count the buffer once);
 * - a number: 0 when it fits a small integer (stored in the slot), 16 for a
 *   heap number; a string: 16 + its length (one byte per Latin-1 char, two otherwise);
 * - Map and Set: 64 + 24 bytes per entry; functions, symbols, the schema and
 *   anything passed in `exclude` count 0 (shared, not part of the model).
 *
 * Each object is counted once (cycles and sharing are safe). The model was
 * checked against V8 heap snapshots (core/src/util/size-of.test.ts).
 */
export function deepSizeOf(root: unknown, options: { exclude?: unknown[] } = {}): number {
  const seen = new Set<unknown>(options.exclude ?? []);
  const buffers = new Set<ArrayBufferLike>();
  const stack: unknown[] = [root];
  let total = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    switch (typeof value) {
      case 'number':
        if (!Number.isInteger(value) || value > 2 ** 31 - 1 || value < -(2 ** 31)) total += 16;
        continue;
      case 'string':
        total += 16 + 8 * Math.ceil((/^[\x00-\xff]*$/.test(value) ? value.length : 2 * value.length) / 8);
        continue;
      case 'bigint':
        total += 16 + 8 * Math.ceil(value.toString(16).length / 16);
        continue;
      case 'object':
        break;
      default:
        continue;
    }
    if (value === null || seen.has(value)) continue;
    seen.add(value);
    if (ArrayBuffer.isView(value)) {
      total += 104;
      if (!buffers.has(value.buffer)) {
        buffers.add(value.buffer);
        total += 80 + value.buffer.byteLength;
      }
      continue;
    }
    if (value instanceof ArrayBuffer) {
      if (!buffers.has(value)) {
        buffers.add(value);
        total += 80 + value.byteLength;
      }
      continue;
    }
    if (value instanceof Map) {
      total += 64 + 24 * value.size;
      for (const [k, v] of value) stack.push(k, v);
      continue;
    }
    if (value instanceof Set) {
      total += 64 + 16 * value.size;
      for (const v of value) stack.push(v);
      continue;
    }
    if (Array.isArray(value)) {
      total += 48 + 8 * value.length;
      for (const v of value) stack.push(v);
      continue;
    }
    const keys = Object.keys(value as object);
    total += 24 + 8 * keys.length;
    for (const k of keys) stack.push((value as Record<string, unknown>)[k]);
  }
  return total;
}
