// A sortable table (TanStack Table) in the NHS design system's table style.
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from "@tanstack/react-table";
import { type ReactNode, useState } from "react";

export interface Column<T> {
  readonly id: string;
  readonly header: string;
  readonly value: (row: T) => string | number | null;
  readonly render?: (row: T) => ReactNode;
  readonly numeric?: boolean;
  /** False for a column of actions or links, which has nothing to sort by. */
  readonly sortable?: boolean;
}

export function DataTable<T>({
  caption,
  columns,
  rows,
  initialSort,
}: {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  initialSort?: { id: string; desc: boolean };
}) {
  const [sorting, setSorting] = useState<SortingState>(initialSort ? [initialSort] : []);
  const defs: ColumnDef<T>[] = columns.map((c) => ({
    id: c.id,
    header: c.header,
    accessorFn: (row: T) => c.value(row),
    sortUndefined: "last",
    sortingFn: c.numeric ? "basic" : "alphanumeric",
    enableSorting: c.sortable ?? true,
    cell: (info) => (c.render ? c.render(info.row.original) : (info.getValue() as ReactNode)),
    meta: { numeric: c.numeric ?? false },
  }));
  const table = useReactTable({
    data: rows as T[],
    columns: defs,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  return (
    <div className="bevan-table-wrap">
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption">{caption}</caption>
        <thead className="nhsuk-table__head">
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id} className="nhsuk-table__row">
              {g.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                const numeric = (h.column.columnDef.meta as { numeric: boolean } | undefined)?.numeric;
                return (
                  <th
                    key={h.id}
                    scope="col"
                    className={`nhsuk-table__header${numeric ? " nhsuk-table__header--numeric" : ""}`}
                    aria-sort={
                      !h.column.getCanSort()
                        ? undefined
                        : sorted === "asc"
                          ? "ascending"
                          : sorted === "desc"
                            ? "descending"
                            : "none"
                    }
                  >
                    {h.column.getCanSort() ? (
                      <button
                        type="button"
                        className="bevan-sort"
                        onClick={h.column.getToggleSortingHandler()}
                      >
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span aria-hidden="true">
                          {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : " ⇅"}
                        </span>
                      </button>
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="nhsuk-table__body">
          {table.getRowModel().rows.map((r) => (
            <tr key={r.id} className="nhsuk-table__row">
              {r.getVisibleCells().map((c) => {
                const numeric = (c.column.columnDef.meta as { numeric: boolean } | undefined)?.numeric;
                return (
                  <td
                    key={c.id}
                    className={`nhsuk-table__cell${numeric ? " nhsuk-table__cell--numeric" : ""}`}
                  >
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
