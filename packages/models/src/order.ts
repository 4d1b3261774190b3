// Sorting row indices by score once, so rank-based measures and their bootstrap replicates
// are linear passes. Ties keep row order, so every result is deterministic.

/** Row indices ordered by ascending score (ties by row index). */
export function ascendingOrder(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0) || a - b);
}

/** Row indices ordered by descending score (ties by row index). */
export function descendingOrder(scores: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
}
