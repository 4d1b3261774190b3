// Patient budgets (roles that may see patients): each person's expected cost next year under
// the needs formula, with the range people like them actually cost, beside what they cost
// last year; highest first, a page at a time. Opening the list is audited.
import type { BudgetsResponse } from "@bevan/client";
import { useState } from "react";
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { Async, Empty } from "../../components/states.tsx";
import type { PageProps } from "../../page.ts";
import { navigate, pageHref, type Route, withQuery } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import { ExportButtons, fmtGbp, QuerySelect, ResourcesNav } from "./parts.tsx";

const PAGE = 100;
const FORMULAS = [
  { code: "need", label: "Needs-based (age, sex, deprivation, conditions)" },
  { code: "need_supply", label: "Needs-based with last year's cost" },
] as const;
const TIERS: Record<string, string> = {
  very_high: "Very high",
  high: "High",
  moderate: "Moderate",
  low: "Low",
};

export function BudgetsPage({ me, route, org }: PageProps) {
  const [shown, setShown] = useState(false);
  const formula = route.query.get("formula") === "need_supply" ? "need_supply" : "need";
  const page = Math.max(0, Number(route.query.get("page") ?? 0) || 0);
  return (
    <>
      <ResourcesNav route={route} patients={can(me, "patients:read")} />
      <h1>Patient budgets</h1>
      <p className="nhsuk-body">
        What each person is expected to cost in the next 12 months, from their age, sex, deprivation and
        conditions, with the range that people with a similar expected cost actually cost. For personal health
        budgets, integrated personal commissioning and case management, not for setting any one person's care.
      </p>
      <div className="bevan-controls">
        <QuerySelect
          id="budget-formula"
          label="Formula"
          value={formula}
          options={FORMULAS}
          onChange={(v) => navigate(withQuery({ formula: v, page: undefined }))}
        />
      </div>
      {shown || route.query.has("page") ? (
        <BudgetList formula={formula} page={page} org={org} route={route} />
      ) : (
        <>
          <p className="nhsuk-body">Listing the people is recorded in the audit trail.</p>
          <button type="button" className="nhsuk-button" onClick={() => setShown(true)}>
            List the people
          </button>
        </>
      )}
    </>
  );
}

function BudgetList({
  formula,
  page,
  org,
  route,
}: {
  formula: "need" | "need_supply";
  page: number;
  org: string | null;
  route: Route;
}) {
  const data = useData(
    () => api.resources.budgets({ formula, limit: PAGE, offset: page * PAGE, ...(org ? { org } : {}) }),
    [formula, page, org],
  );
  return (
    <Async data={data} what="patient budgets">
      {(b) => <BudgetTable b={b} page={page} route={route} />}
    </Async>
  );
}

function BudgetTable({ b, page, route }: { b: BudgetsResponse; page: number; route: Route }) {
  if (b.rows.length === 0) return <Empty>No one in this scope.</Empty>;
  const identified = b.identity === "identified";
  const header = [
    ...(identified ? ["NHS number"] : []),
    "Pseudonymous id",
    "Age",
    "Sex",
    "Practice",
    "Risk tier",
    "Expected cost next year (£)",
    "Range, low (£)",
    "Range, high (£)",
    "Cost last year (£)",
  ];
  const rows = b.rows.map((r) => [
    ...(identified ? [r.nhsNumber ?? ""] : []),
    r.personId,
    r.age,
    r.sex === "F" ? "Female" : r.sex === "M" ? "Male" : r.sex,
    r.practice,
    r.riskTier ? (TIERS[r.riskTier] ?? r.riskTier) : "",
    Math.round(r.expected),
    r.low === null ? null : Math.round(r.low),
    r.high === null ? null : Math.round(r.high),
    Math.round(r.lastYear),
  ]);
  const pages = Math.ceil(b.total / PAGE);
  const go = (p: number) => navigate(withQuery({ page: String(p) }));
  return (
    <>
      <p className="nhsuk-body" data-testid="budgets-summary">
        {b.total.toLocaleString("en-GB")} people, highest expected cost first; showing {page * PAGE + 1} to{" "}
        {page * PAGE + b.rows.length}. The range is the {b.range}.{" "}
        {identified
          ? "NHS numbers are shown because you give direct care to these patients."
          : "Ids are pseudonymous."}{" "}
        Opening this list was recorded in the audit trail.
      </p>
      <ExportButtons title={`Patient budgets page ${page + 1}`} header={header} rows={rows} />
      <DataTable
        caption="Patient budgets"
        rows={b.rows}
        columns={[
          ...(identified
            ? [
                {
                  id: "nhs",
                  header: "NHS number",
                  value: (r: (typeof b.rows)[number]) => r.nhsNumber ?? "not known",
                },
              ]
            : []),
          {
            id: "id",
            header: "Pseudonymous id",
            value: (r) => r.personId,
            // The patient view is for direct care: only identified lists link to it.
            render: (r) => {
              if (!identified) return r.personId;
              const href = pageHref(`/patients/${r.personId}`, route.query);
              return (
                <a
                  href={href}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(href);
                  }}
                >
                  {r.personId}
                </a>
              );
            },
          },
          { id: "age", header: "Age", numeric: true, value: (r) => r.age },
          { id: "practice", header: "Practice", value: (r) => r.practice },
          {
            id: "tier",
            header: "Risk tier",
            value: (r) => (r.riskTier ? (TIERS[r.riskTier] ?? r.riskTier) : "–"),
          },
          {
            id: "expected",
            header: "Expected next year",
            numeric: true,
            value: (r) => r.expected,
            render: (r) => fmtGbp(r.expected),
          },
          {
            id: "range",
            header: "Range",
            value: (r) => r.low,
            render: (r) =>
              r.low === null || r.high === null ? "–" : `${fmtGbp(r.low)} to ${fmtGbp(r.high)}`,
          },
          {
            id: "last",
            header: "Last year",
            numeric: true,
            value: (r) => r.lastYear,
            render: (r) => fmtGbp(r.lastYear),
          },
        ]}
      />
      <nav className="nhsuk-pagination" aria-label="Pages of people">
        <ul className="nhsuk-list nhsuk-pagination__list">
          {page > 0 ? (
            <li className="nhsuk-pagination-item--previous">
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                onClick={() => go(page - 1)}
              >
                Previous page
              </button>
            </li>
          ) : null}
          {page + 1 < pages ? (
            <li className="nhsuk-pagination-item--next">
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                onClick={() => go(page + 1)}
              >
                Next page ({page + 2} of {pages})
              </button>
            </li>
          ) : null}
        </ul>
      </nav>
    </>
  );
}
