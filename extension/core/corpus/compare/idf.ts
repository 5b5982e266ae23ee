import { IDF_TABLE } from './idf-table';

/** How telling a content stem is: its inverse document frequency in news text. */
export type IdfWeight = (stem: string) => number;

let stored: IdfWeight | undefined;

/**
 * Inverse document frequencies read from the stored table (see scripts/train-compare.ts: computed from
 * unlabelled news text), read once.
 */
export function storedIdf(): IdfWeight {
  stored ??= idfFromTable(IDF_TABLE);
  return stored;
}

/**
 * A table of lines "IDF×10 stem stem …". Stems the table lacks are rarer than any in it and get the
 * highest weight; so do numbers ("#unit:value"), as telling as a rare word.
 */
export function idfFromTable(table: string): IdfWeight {
  const weights = new Map<string, number>();
  let highest = 0;
  for (const line of table.split('\n')) {
    const [tenths, ...stems] = line.split(' ');
    const value = Number(tenths) / 10;
    if (!Number.isFinite(value)) continue;
    highest = Math.max(highest, value);
    for (const stem of stems) if (stem) weights.set(stem, value);
  }
  const unseen = highest || 8;
  return (stem) => weights.get(stem) ?? unseen;
}
