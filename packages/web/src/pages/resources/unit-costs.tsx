// Unit costs: every price the spend is built from, with its source, price year and how it was
// derived; downloadable in the layout `bevan costs load` reads back, so a finance team can put
// in its own prices.
import type { UnitCostsResponse } from "@bevan/client";
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { Async } from "../../components/states.tsx";
import type { PageProps } from "../../page.ts";
import { navigate, withQuery } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import { ExportButtons, fmtPence, POD_OPTIONS, QuerySelect, ResourcesNav } from "./parts.tsx";

const BASIS: Record<string, string> = {
  published: "Published figure: ",
  derived: "Derived: ",
  assumption: "Assumption: ",
};

export function UnitCostsPage({ me, route }: PageProps) {
  const data = useData(() => api.resources.unitCosts(), []);
  const pod = POD_OPTIONS.find((p) => p.code === route.query.get("pod"))?.code ?? "all";
  return (
    <>
      <ResourcesNav route={route} patients={can(me, "patients:read")} />
      <h1>Unit costs</h1>
      <p className="nhsuk-body">
        The price of each unit of activity used to cost it. Every figure names its source and price year;
        figures derived from several published ones (for example a weighted average of HRG costs) say how.
      </p>
      <Async data={data} what="the unit costs">
        {(u) => <UnitCostsView u={u} pod={pod} />}
      </Async>
    </>
  );
}

function UnitCostsView({ u, pod }: { u: UnitCostsResponse; pod: string }) {
  const local = u.origin !== "default";
  const rows = u.rows.filter((r) => pod === "all" || r.pointOfDelivery === pod);
  const podName = (code: string) => POD_OPTIONS.find((p) => p.code === code)?.label ?? code;
  const header = [
    "currency",
    "point_of_delivery",
    "description",
    "unit",
    "cost_gbp",
    "price_year",
    "basis",
    "source",
    "reference",
    "url",
  ];
  const exportRows = u.rows.map((r) => [
    r.currency,
    r.pointOfDelivery,
    r.description,
    r.unit,
    r.cost,
    r.priceYear,
    r.basis,
    r.source,
    r.reference,
    r.url,
  ]);
  return (
    <>
      <div className="nhsuk-inset-text" data-testid="unit-cost-origin">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          {local
            ? `These are your local unit costs (${u.origin}), loaded in place of the published defaults.`
            : "These are the published defaults that come with Bevan."}{" "}
          To use your own, download this table, change the costs (keep a source for each), and ask your
          administrator to load it with <code>bevan costs load FILE</code>; the next build prices activity at
          your costs. <code>bevan costs reset</code> goes back to the defaults.
        </p>
      </div>
      <ExportButtons title="Unit costs" header={header} rows={exportRows} />
      <div className="bevan-controls">
        <QuerySelect
          id="uc-pod"
          label="Point of delivery"
          value={pod}
          options={POD_OPTIONS}
          onChange={(v) => navigate(withQuery({ pod: v === "all" ? undefined : v }))}
        />
      </div>
      <DataTable
        caption={`${rows.length} unit costs`}
        rows={rows}
        columns={[
          { id: "pod", header: "Point of delivery", value: (r) => podName(r.pointOfDelivery) },
          { id: "description", header: "What", value: (r) => r.description },
          {
            id: "cost",
            header: "Cost",
            numeric: true,
            value: (r) => r.cost,
            render: (r) => `${fmtPence(Math.round(100 * r.cost))} per ${r.unit}`,
          },
          { id: "year", header: "Price year", value: (r) => r.priceYear },
          {
            id: "source",
            header: "Source",
            value: (r) => r.source,
            render: (r) => (
              <>
                {r.url ? <a href={r.url}>{r.source}</a> : r.source}
                {r.reference ? (
                  <span className="nhsuk-body-s bevan-basis">
                    {BASIS[r.basis] ?? ""}
                    {r.reference}
                  </span>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
