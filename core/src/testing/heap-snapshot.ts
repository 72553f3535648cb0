import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

/** Holder that makes the measured object easy to find in a heap snapshot. */
class TributarySizeProbe {
  constructor(readonly target: unknown) {}
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Node types that belong to the engine rather than to the object graph (maps, code, closures of classes). */
const SKIPPED_NODE_TYPES = new Set(['hidden', 'code', 'object shape', 'synthetic', 'closure', 'regexp']);
/** Edges a model does not own: its prototype chain and map, and the shared learner context. */
const SKIPPED_PROPERTIES = new Set(['__proto__', 'constructor', 'map', 'context', 'params']);

/**
 * Bytes reachable from `target` in a V8 heap snapshot: the sum of `self_size`
 * over nodes reached through property, element and internal edges (including
 * array buffer backing stores), skipping engine-owned nodes and the learner's
 * shared context. This is the ground truth `deepSizeOf` is checked against.
 */
export function heapSnapshotSizeOf(target: unknown): number {
  const probe = new TributarySizeProbe(target);
  (globalThis as Record<string, unknown>).__tributarySizeProbe = probe;
  const file = join(tmpdir(), `tributary-size-${process.pid}-${Date.now()}.heapsnapshot`);
  try {
    writeHeapSnapshot(file);
  } finally {
    delete (globalThis as Record<string, unknown>).__tributarySizeProbe;
  }
  const raw = JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot;
  rmSync(file, { force: true });
  const { meta } = raw.snapshot;
  const nodeFieldCount = meta.node_fields.length;
  const edgeFieldCount = meta.edge_fields.length;
  const nodeType = meta.node_fields.indexOf('type');
  const nodeName = meta.node_fields.indexOf('name');
  const nodeSelfSize = meta.node_fields.indexOf('self_size');
  const nodeEdgeCount = meta.node_fields.indexOf('edge_count');
  const edgeType = meta.edge_fields.indexOf('type');
  const edgeName = meta.edge_fields.indexOf('name_or_index');
  const edgeTo = meta.edge_fields.indexOf('to_node');
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const { nodes, edges, strings } = raw;

  const firstEdge = new Int32Array(nodes.length / nodeFieldCount + 1);
  for (let i = 0, e = 0; i < nodes.length / nodeFieldCount; i++) {
    firstEdge[i] = e;
    e += nodes[i * nodeFieldCount + nodeEdgeCount] * edgeFieldCount;
  }
  const edgesOf = function* (node: number): Generator<{ type: string; name: string; to: number }> {
    const start = firstEdge[node];
    const count = nodes[node * nodeFieldCount + nodeEdgeCount];
    for (let j = 0; j < count; j++) {
      const e = start + j * edgeFieldCount;
      const type = edgeTypes[edges[e + edgeType]];
      const nameOrIndex = edges[e + edgeName];
      const name = type === 'element' || type === 'hidden' ? String(nameOrIndex) : strings[nameOrIndex];
      yield { type, name, to: edges[e + edgeTo] / nodeFieldCount };
    }
  };

  let probeNode = -1;
  for (let i = 0; i < nodes.length / nodeFieldCount; i++) {
    if (nodeTypes[nodes[i * nodeFieldCount + nodeType]] === 'object' && strings[nodes[i * nodeFieldCount + nodeName]] === 'TributarySizeProbe') {
      probeNode = i;
      break;
    }
  }
  if (probeNode < 0) throw new Error('size probe not found in the heap snapshot');
  let root = -1;
  for (const edge of edgesOf(probeNode)) if (edge.type === 'property' && edge.name === 'target') root = edge.to;
  if (root < 0) throw new Error('measured object not found in the heap snapshot');

  const seen = new Set<number>([root]);
  const stack = [root];
  let total = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    total += nodes[node * nodeFieldCount + nodeSelfSize];
    for (const edge of edgesOf(node)) {
      if (edge.type === 'weak' || edge.type === 'shortcut' || edge.type === 'context') continue;
      if (edge.type === 'property' && SKIPPED_PROPERTIES.has(edge.name)) continue;
      const type = nodeTypes[nodes[edge.to * nodeFieldCount + nodeType]];
      const name = strings[nodes[edge.to * nodeFieldCount + nodeName]];
      const isBackingStore = type === 'native' || name === 'system / JSArrayBufferData';
      if (SKIPPED_NODE_TYPES.has(type) && !isBackingStore) continue;
      if (seen.has(edge.to)) continue;
      seen.add(edge.to);
      stack.push(edge.to);
    }
  }
  return total;
}
