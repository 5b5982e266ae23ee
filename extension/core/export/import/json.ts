/** Helpers for reading JSON written by other tools, where any field may be missing or of another type. */

export type Json = Record<string, unknown>;

export function asList(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
