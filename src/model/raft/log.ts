/** Log arithmetic. Indexes are 1-based as in the paper; index 0 is the empty prefix with term 0. */
import { isMembership, membershipText, sameMembership } from './membership.js';
import type { Entry } from './types.js';

export function lastIndex(log: readonly Entry[]): number {
  return log.length;
}

export function lastTerm(log: readonly Entry[]): number {
  return log.length === 0 ? 0 : log[log.length - 1][0];
}

/** Term of the entry at `index`; 0 for index 0; -1 past the end (matches no prevTerm). */
export function termAt(log: readonly Entry[], index: number): number {
  if (index === 0) return 0;
  return index <= log.length ? log[index - 1][0] : -1;
}

/** §5.4.1: a candidate's log is at least as up-to-date as ours. */
export function upToDate(log: readonly Entry[], candLastIndex: number, candLastTerm: number): boolean {
  const t = lastTerm(log);
  return candLastTerm > t || (candLastTerm === t && candLastIndex >= log.length);
}

export function sameEntry(a: Entry, b: Entry): boolean {
  if (a[0] !== b[0]) return false;
  const x = a[1];
  const y = b[1];
  return x === y || (isMembership(x) && isMembership(y) && sameMembership(x, y));
}

/** "2:v1"; a configuration entry "2:{s1,s2,s3}". */
export function entryText(e: Entry): string {
  const v = e[1];
  return `${e[0]}:${isMembership(v) ? membershipText(v) : v}`;
}

export function logText(log: readonly Entry[]): string {
  return `[${log.map(entryText).join(',')}]`;
}

/**
 * AppendEntries step 3-4: keep every entry that already matches, truncate
 * only from the first index whose term conflicts, append what is new.
 * Returns the very same array when nothing changes (a stale or duplicate
 * request), which is what keeps a retransmission from shortening the log.
 */
export function mergeEntries(log: readonly Entry[], prevIndex: number, entries: readonly Entry[]): readonly Entry[] {
  for (let k = 0; k < entries.length; k++) {
    const i = prevIndex + k; // 0-based position of entries[k]
    if (i >= log.length) return [...log, ...entries.slice(k)];
    if (log[i][0] !== entries[k][0]) return [...log.slice(0, i), ...entries.slice(k)];
  }
  return log;
}

/** The truncateOnStaleAppend bug: the log becomes prefix + entries, whatever followed. */
export function overwriteEntries(log: readonly Entry[], prevIndex: number, entries: readonly Entry[]): readonly Entry[] {
  const next = [...log.slice(0, prevIndex), ...entries];
  return next.length === log.length && next.every((e, i) => sameEntry(e, log[i])) ? log : next;
}
