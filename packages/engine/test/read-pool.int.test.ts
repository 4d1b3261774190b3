// The read pool: concurrent read-only queries run on separate connections of one instance,
// up to the pool's size, and see committed data only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueryCancelledError, whileWanted } from "../src/cancellation.ts";
import { Warehouse } from "../src/warehouse.ts";

const tmp = mkdtempSync(join(tmpdir(), "bevan-pool-"));
beforeAll(async () => {
  const wh = await Warehouse.open(join(tmp, "w.duckdb"));
  await wh.exec("CREATE TABLE t AS SELECT range AS x FROM range(10)");
  wh.close();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Long enough (hundreds of milliseconds) that a short query started after it finishes first
// only if it runs on another connection.
const SLOW = "SELECT sum(a.range * b.range) AS s FROM range(10000) a, range(10000) b";
const FAST = "SELECT count(*) AS n FROM t";

async function finishingOrder(size: number): Promise<string[]> {
  const wh = await Warehouse.open(join(tmp, "w.duckdb"), { readOnly: true, readConnections: size });
  try {
    const order: string[] = [];
    const slow = wh.reads.all(SLOW).then(() => order.push("slow"));
    const fast = wh.reads.all<{ n: bigint }>(FAST).then((rows) => {
      order.push("fast");
      expect(rows).toEqual([{ n: 10n }]);
    });
    await Promise.all([slow, fast]);
    expect(wh.reads.opened).toBe(size);
    return order;
  } finally {
    wh.close();
  }
}

describe("the warehouse read pool", () => {
  it("runs a short query beside a long one when it has a second connection", async () => {
    expect(await finishingOrder(2)).toEqual(["fast", "slow"]);
  });

  it("queues queries beyond its size, first come first served", async () => {
    expect(await finishingOrder(1)).toEqual(["slow", "fast"]);
  });

  it("never opens more connections than its size, and returns every answer", async () => {
    const wh = await Warehouse.open(join(tmp, "w.duckdb"), { readOnly: true, readConnections: 3 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          wh.reads.json<{ y: string }>("SELECT x + $i AS y FROM t WHERE x = 3", { i }),
        ),
      );
      expect(answers.map((a) => a[0]?.y)).toEqual(Array.from({ length: 20 }, (_, i) => String(3 + i)));
      expect(wh.reads.opened).toBeLessThanOrEqual(3);
    } finally {
      wh.close();
    }
  });

  it("sees committed data only, not a transaction open on the write connection", async () => {
    const wh = await Warehouse.open(join(tmp, "w.duckdb"));
    try {
      await wh.exec("BEGIN TRANSACTION");
      await wh.exec("INSERT INTO t VALUES (100)");
      expect((await wh.one<{ n: bigint }>(FAST)).n).toBe(11n);
      expect((await wh.reads.all<{ n: bigint }>(FAST))[0]?.n).toBe(10n);
      await wh.exec("ROLLBACK");
    } finally {
      wh.close();
    }
  });

  it("remembers cached answers only on a read-only warehouse", async () => {
    const rw = await Warehouse.open(join(tmp, "w.duckdb"));
    expect(rw.reads.cache).toBeNull();
    rw.close();
    const wh = await Warehouse.open(join(tmp, "w.duckdb"), { readOnly: true });
    try {
      expect(await wh.reads.cached("all", FAST)).toEqual([{ n: 10n }]);
      expect(await wh.reads.cached("json", FAST)).toEqual([{ n: "10" }]);
      expect(await wh.reads.cached("all", FAST)).toEqual([{ n: 10n }]);
      expect(wh.reads.cache?.hits).toBe(1);
    } finally {
      wh.close();
    }
  });

  it("refuses queries once the warehouse is closed", async () => {
    const wh = await Warehouse.open(join(tmp, "w.duckdb"), { readOnly: true });
    wh.close();
    await expect(wh.reads.all(FAST)).rejects.toThrow(/closed/);
  });

  it("drops a queued read whose caller has gone, and interrupts a running one", async () => {
    const wh = await Warehouse.open(join(tmp, "w.duckdb"), { readOnly: true, readConnections: 1 });
    try {
      const first = new AbortController();
      const second = new AbortController();
      // Far longer than the test: it ends only if interrupted.
      const running = whileWanted(first.signal, () =>
        wh.reads.all("SELECT sum(a.range * b.range) AS s FROM range(1000000) a, range(100000) b"),
      );
      const queued = whileWanted(second.signal, () => wh.reads.all(FAST));
      const bystander = wh.reads.all<{ n: bigint }>(FAST);
      second.abort();
      await expect(queued).rejects.toThrow(QueryCancelledError);
      first.abort();
      await expect(running).rejects.toThrow(QueryCancelledError);
      // The queue moves on: a caller nobody cancelled gets its answer.
      expect(await bystander).toEqual([{ n: 10n }]);
      expect(wh.reads.cancelled).toBe(2);
      // A caller that had already gone never takes a connection.
      await expect(whileWanted(AbortSignal.abort(), () => wh.reads.all(FAST))).rejects.toThrow(
        QueryCancelledError,
      );
    } finally {
      wh.close();
    }
  });

  it("does not cancel a remembered answer that other callers share", async () => {
    const wh = await Warehouse.open(join(tmp, "w.duckdb"), { readOnly: true, readConnections: 1 });
    try {
      const leaving = new AbortController();
      const a = whileWanted(leaving.signal, () => wh.reads.cached("all", SLOW));
      const b = wh.reads.cached<{ s: unknown }>("all", SLOW);
      leaving.abort();
      const [ra, rb] = await Promise.all([a, b]);
      expect(rb).toEqual(ra);
      expect(wh.reads.cancelled).toBe(0);
    } finally {
      wh.close();
    }
  });

  it("stops for shutdown: interrupts running reads, refuses queued and new ones, then closes", async () => {
    const wh = await Warehouse.open(join(tmp, "w.duckdb"), { readOnly: true, readConnections: 1 });
    const running = wh.reads.all("SELECT sum(a.range * b.range) AS s FROM range(1000000) a, range(100000) b");
    const queued = wh.reads.all(FAST);
    const outcome = Promise.allSettled([running, queued]);
    await wh.reads.stop();
    const [r, q] = await outcome;
    expect(r.status === "rejected" && r.reason).toBeInstanceOf(QueryCancelledError);
    expect(q.status === "rejected" && q.reason).toBeInstanceOf(QueryCancelledError);
    await expect(wh.reads.all(FAST)).rejects.toThrow(QueryCancelledError);
    wh.close();
  });
});
