// A set sketch for the tracker check (docs/disclosure-control.md, "query budget"): the
// numbers of a set's people in each of 64 buckets of their record key. Two sets that differ
// by k people have sketches at most k apart (L1), and about k apart when k is small, so
// "overlapping queries whose symmetric difference is small" can be found without keeping
// anyone's id. Sketches stay inside the server; they are never published or logged.

export const SKETCH_BUCKETS = 64;

/** The bucket SQL of a row's record key. */
export function sketchBucketSql(recordKey: string): string {
  return `(${recordKey} % ${SKETCH_BUCKETS})`;
}

export type Sketch = Uint32Array;

export function emptySketch(): Sketch {
  return new Uint32Array(SKETCH_BUCKETS);
}

/** L1 distance between two sketches: a lower bound on the sets' symmetric difference. */
export function sketchDistance(a: Sketch, b: Sketch): number {
  let d = 0;
  for (let i = 0; i < SKETCH_BUCKETS; i++) d += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return d;
}

export function sketchSize(a: Sketch): number {
  let n = 0;
  for (let i = 0; i < SKETCH_BUCKETS; i++) n += a[i] ?? 0;
  return n;
}
