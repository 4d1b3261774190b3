// The read pool: concurrent read-only queries run on separate connections of one instance,
// up to the pool's size, and see committed data only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
});
