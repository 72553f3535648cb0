import type { HyperparametersSchema, ParsedSpec } from '@tributary/core';
import type { InstanceGenerator } from './generator.js';

/** Builds nested generators (the concepts of a drift stream). */
export interface BuildContext {
  build(spec: ParsedSpec): InstanceGenerator;
}

/** A synthetic stream as the spec grammar and the plugin registry see it. */
export interface GeneratorDefinition {
  /** Spec id, e.g. `sea`, `random-rbf-drift`. */
  id: string;
  /** One line saying what it is. */
  description: string;
  /** Hyperparameters (JSON Schema with defaults; MOA's defaults unless said otherwise). */
  hyperparameters: HyperparametersSchema;
  /** Names given to positional arguments, e.g. `drift(a, b, 5000, 100)`. */
  positional?: string[];
  /** Short names accepted in specs, e.g. `noise` for `noisePercentage`. */
  aliases?: Record<string, string>;
  /** The reference classes this follows. */
  reference: { moa?: string; river?: string };
  /** Bibliography of the concept. */
  citation?: string;
  /** Builds the generator from validated parameters (defaults filled in). */
  create(params: Record<string, unknown>, context: BuildContext): InstanceGenerator;
}

/** Schema helpers: every hyperparameter carries its default and one line of doc. */
export const int = (description: string, defaultValue: number, minimum?: number, maximum?: number) => ({
  type: 'integer' as const,
  description,
  default: defaultValue,
  ...(minimum !== undefined ? { minimum } : {}),
  ...(maximum !== undefined ? { maximum } : {}),
});
export const num = (description: string, defaultValue: number, minimum?: number, maximum?: number) => ({
  type: 'number' as const,
  description,
  default: defaultValue,
  ...(minimum !== undefined ? { minimum } : {}),
  ...(maximum !== undefined ? { maximum } : {}),
});
export const bool = (description: string, defaultValue: boolean) => ({ type: 'boolean' as const, description, default: defaultValue });
export const streamParam = (description: string, defaultValue: string) => ({ type: ['string', 'object'] as ('string' | 'object')[], description, default: defaultValue });
export const seedParam = (what = 'instances', moa = '-i instanceRandomSeed') => int(`seed of the random generation of ${what} (MOA ${moa})`, 1, -2147483648, 2147483647);

/** A closed hyperparameter object schema. */
export function params(properties: HyperparametersSchema['properties']): HyperparametersSchema {
  return { type: 'object', properties, additionalProperties: false };
}
