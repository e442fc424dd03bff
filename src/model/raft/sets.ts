/** Sorted id lists: the canonical form of a set of servers inside a state. */

export function addSorted(list: readonly string[], id: string): readonly string[] {
  if (list.includes(id)) return list;
  return [...list, id].sort();
}
