// One way to open a warehouse on either side of the engine seam: a DuckDB file, or a schema
// of a Trino catalog addressed as trino://HOST:PORT/CATALOG/SCHEMA.
import type { Engine } from "./engine.ts";
import { TrinoWarehouse } from "./trino/trino-warehouse.ts";
import { Warehouse, type WarehouseOptions } from "./warehouse.ts";

export function isTrinoAddress(spec: string): boolean {
  return spec.startsWith("trino://");
}

export async function openEngine(spec: string, options: WarehouseOptions = {}): Promise<Engine> {
  return isTrinoAddress(spec)
    ? TrinoWarehouse.open(spec, options.readOnly ? { readOnly: true } : {})
    : Warehouse.open(spec, options);
}
