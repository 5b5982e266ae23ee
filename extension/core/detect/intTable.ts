/**
 * A map from 32-bit keys to small non-negative integers, as an open-addressing table of
 * typed arrays. Word and phrase keys are 32-bit hashes, above 2^30 as often as not: a Map or a Set
 * hashes such a key as a boxed number on every lookup, which the taggers do for every token.
 */
export interface IntTable {
  keys: Int32Array;
  /** The value + 1 at each slot; 0 marks an empty slot. */
  values: Int32Array;
  mask: number;
  /** How many keys it holds. */
  size: number;
}

/** The table of the entries (keys taken as 32-bit integers: k and k >>> 0 are one key). */
export function intTable(entries: Iterable<readonly [number, number]> = []): IntTable {
  const list = [...entries];
  let capacity = 16;
  while (capacity < list.length * 2) capacity *= 2;
  const table: IntTable = { keys: new Int32Array(capacity), values: new Int32Array(capacity), mask: capacity - 1, size: 0 };
  for (const [key, value] of list) intTableSet(table, key, value);
  return table;
}

/** Sets `value` (a non-negative integer below 2^31 - 1) at `key`, growing the table as it fills. */
export function intTableSet(table: IntTable, key: number, value: number): void {
  // At most half full, so that a probe for an absent key soon meets an empty slot.
  if ((table.size + 1) * 2 > table.values.length) {
    const { keys, values } = table;
    table.keys = new Int32Array(values.length * 2);
    table.values = new Int32Array(values.length * 2);
    table.mask = values.length * 2 - 1;
    table.size = 0;
    for (let slot = 0; slot < values.length; slot++) if (values[slot] !== 0) intTableSet(table, keys[slot], values[slot] - 1);
  }
  const { keys, values, mask } = table;
  const k = key | 0;
  let slot = k & mask;
  while (values[slot] !== 0 && keys[slot] !== k) slot = (slot + 1) & mask;
  if (values[slot] === 0) table.size++;
  keys[slot] = k;
  values[slot] = value + 1;
}

/** The value of `key`, or `absent` when the table does not hold it. */
export function intTableGet(table: IntTable, key: number, absent: number): number {
  const { keys, values, mask } = table;
  const k = key | 0;
  for (let slot = k & mask; ; slot = (slot + 1) & mask) {
    const value = values[slot];
    if (value === 0) return absent;
    if (keys[slot] === k) return value - 1;
  }
}

/**
 * intTable of a Map or Set (a Set's members map to 0), made once per collection: the models'
 * collections are made when their file is read and never changed.
 */
export function intTableOf(collection: ReadonlyMap<number, number> | ReadonlySet<number>): IntTable {
  let table = tables.get(collection);
  if (!table) {
    table = collection instanceof Map ? intTable(collection) : intTable([...collection.keys()].map((k) => [k, 0] as const));
    tables.set(collection, table);
  }
  return table;
}

const tables = new WeakMap<object, IntTable>();
