// The cohort behind one opportunity row: how many people, their admissions or attendances and
// what they cost, who they are (age, sex, deprivation, ethnicity, tier, segment); saved as a
// cohort where the cohort language can say it; and, for roles that may see patients, the list
// of people, most costly first (opening it is audited).
import type { OpportunityCohortResponse, OpportunityKind } from "@bevan/client";
import { useState } from "react";
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { DataTable } from "../../components/data-table.tsx";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async, Empty, ErrorState } from "../../components/states.tsx";
import { countValue, fmtCount } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate, pageHref, type Route } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import { ExportButtons, fmtGbp, fmtMoney, MoneyNote, ResourcesNav, Stat } from "./parts.tsx";

const KINDS: readonly OpportunityKind[] = ["acsc", "short_stay", "frequent_ae", "ebi", "elective"];

const BREAKDOWN_NAMES: Record<string, string> = {
  age_band: "Age band",
  sex: "Sex",
  imd_quintile: "Deprivation (IMD quintile)",
  ethnicity_group: "Ethnic group",
  risk_tier: "Risk tier",
  segment: "Population segment",
};

export function OpportunityCohortPage({ me, route }: PageProps) {
  const kind = KINDS.find((k) => k === route.query.get("kind"));
  const unit = route.query.get("unit") ?? "";
  const back = pageHref("/resources/opportunities", route.query);
  return (
    <>
      <ResourcesNav route={route} patients={can(me, "patients:read")} />
      <p className="nhsuk-body">
        <a
          href={back}
          onClick={(e) => {
            e.preventDefault();
            navigate(back);
          }}
        >
          Back to opportunities
        </a>
      </p>
      {kind && /^[A-Za-z0-9]{3,12}$/.test(unit) ? (
        <Cohort kind={kind} unit={unit} me={me} route={route} />
      ) : (
        <Empty>Choose a row on the opportunities page to see the cohort behind it.</Empty>
      )}
    </>
  );
}

function Cohort({
  kind,
  unit,
  me,
  route,
}: { kind: OpportunityKind; unit: string } & Pick<PageProps, "me" | "route">) {
  const data = useData(() => api.resources.opportunityCohort(kind, { unit }), [kind, unit]);
  return (
    <Async data={data} what="the cohort">
      {(c) => (
        <>
          <h1>
            {c.name}: {c.unitName}
          </h1>
          <p className="nhsuk-body">{c.definition}</p>
          <DisclosureNote disclosure={c.disclosure} />
          <MoneyNote note={c.moneyNote} />
          <div className="bevan-cards bevan-cards--inline">
            <Stat label="People" value={fmtCount(c.people)} testId="cohort-people" />
            <Stat
              label={kind === "frequent_ae" ? "A&E attendances" : "Admissions or procedures"}
              value={fmtCount(c.events)}
            />
            <Stat label={`Their cost, the 12 months to ${c.asOf}`} value={fmtMoney(c.cost)} />
          </div>
          <SaveAsCohort c={c} me={me} />
          <h2>Who they are</h2>
          <Breakdowns c={c} />
          {can(me, "patients:read") ? (
            <People kind={kind} unit={unit} name={`${c.name} ${c.unitName}`} route={route} />
          ) : null}
        </>
      )}
    </Async>
  );
}

function SaveAsCohort({ c, me }: { c: OpportunityCohortResponse; me: PageProps["me"] }) {
  const [state, setState] = useState<{ saving: boolean; error: unknown }>({ saving: false, error: null });
  if (!c.cohort) {
    return (
      <p className="nhsuk-body-s">
        This cohort needs a diagnosis or length-of-stay rule that the cohort builder cannot yet express, so it
        cannot be saved as a cohort to follow over time.
      </p>
    );
  }
  if (!can(me, "cohorts:write")) return null;
  const save = async () => {
    setState({ saving: true, error: null });
    try {
      const r = await api.saveCohort(
        `${c.name}, ${c.unitName}`,
        c.cohort,
        `From the opportunity analysis as of ${c.asOf}`,
      );
      navigate(`/cohorts?cohort=${encodeURIComponent(r.cohortId)}`);
    } catch (error) {
      setState({ saving: false, error });
    }
  };
  return (
    <>
      {state.error ? <ErrorState what="the cohort" error={state.error} /> : null}
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary"
        disabled={state.saving}
        onClick={save}
      >
        Save as a cohort to follow it over time
      </button>
    </>
  );
}

function Breakdowns({ c }: { c: OpportunityCohortResponse }) {
  const dims = Object.entries(c.breakdowns).filter(([, groups]) => groups.length > 0);
  if (dims.length === 0) return <Empty>No one in this cohort.</Empty>;
  return (
    <div className="nhsuk-grid-row bevan-breakdowns">
      {dims.map(([dim, groups]) => {
        const label = BREAKDOWN_NAMES[dim] ?? dim;
        return (
          <div key={dim} className="nhsuk-grid-column-one-half">
            <Chart
              title={`By ${label.toLowerCase()}`}
              description={`People in the cohort in each group. Suppressed counts are left out.`}
              height={Math.max(180, 26 * groups.length + 50)}
              option={{
                tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
                grid: { left: 160, right: 30, top: 10, bottom: 30 },
                xAxis: { type: "value", minInterval: 1 },
                yAxis: {
                  type: "category",
                  inverse: true,
                  data: groups.map((g) => g.group),
                  axisLabel: { width: 150, overflow: "truncate" },
                },
                series: [{ type: "bar", name: "People", data: groups.map((g) => countValue(g.count)) }],
              }}
              table={{
                header: [label, "People"],
                rows: groups.map((g) => [g.group, g.count.suppressed ? "suppressed" : g.count.value]),
              }}
            />
          </div>
        );
      })}
    </div>
  );
}

function People({
  kind,
  unit,
  name,
  route,
}: {
  kind: OpportunityKind;
  unit: string;
  name: string;
  route: Route;
}) {
  const [shown, setShown] = useState(false);
  if (!shown) {
    return (
      <>
        <h2>The people</h2>
        <p className="nhsuk-body">Listing the people is recorded in the audit trail.</p>
        <button type="button" className="nhsuk-button" onClick={() => setShown(true)}>
          List the people
        </button>
      </>
    );
  }
  return <PeopleList kind={kind} unit={unit} name={name} route={route} />;
}

function PeopleList({
  kind,
  unit,
  name,
  route,
}: {
  kind: OpportunityKind;
  unit: string;
  name: string;
  route: Route;
}) {
  const list = useData(() => api.resources.opportunityPeople(kind, { unit, limit: 500 }), [kind, unit]);
  return (
    <Async data={list} what="the people">
      {(m) => {
        const identified = m.identity === "identified";
        const header = [
          ...(identified ? ["NHS number"] : []),
          "Pseudonymous id",
          "Age",
          "Sex",
          "Practice",
          "Events",
          "Cost (£)",
        ];
        const rows = m.rows.map((p) => [
          ...(identified ? [p.nhsNumber ?? ""] : []),
          p.personId,
          p.age,
          p.sex,
          p.practice,
          p.events,
          Math.round(p.cost),
        ]);
        return (
          <>
            <h2>The people</h2>
            <p className="nhsuk-body">
              {m.total.toLocaleString("en-GB")} {m.total === 1 ? "person" : "people, most costly first"}
              {m.total > m.rows.length ? `; the first ${m.rows.length} are listed and exported` : ""}.{" "}
              {identified
                ? "NHS numbers are shown because you give direct care to these patients."
                : "Ids are pseudonymous."}{" "}
              Opening this list was recorded in the audit trail.
            </p>
            <ExportButtons title={name} header={header} rows={rows} />
            <DataTable
              caption="People in the cohort"
              rows={m.rows}
              initialSort={{ id: "cost", desc: true }}
              columns={[
                ...(identified
                  ? [
                      {
                        id: "nhs",
                        header: "NHS number",
                        value: (p: (typeof m.rows)[number]) => p.nhsNumber ?? "not known",
                      },
                    ]
                  : []),
                {
                  id: "id",
                  header: "Pseudonymous id",
                  value: (p) => p.personId,
                  // The patient view is for direct care: only identified lists link to it.
                  render: (p) => {
                    if (!identified) return p.personId;
                    const href = pageHref(`/patients/${p.personId}`, route.query);
                    return (
                      <a
                        href={href}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(href);
                        }}
                      >
                        {p.personId}
                      </a>
                    );
                  },
                },
                { id: "age", header: "Age", numeric: true, value: (p) => p.age },
                {
                  id: "sex",
                  header: "Sex",
                  value: (p) => (p.sex === "F" ? "Female" : p.sex === "M" ? "Male" : p.sex),
                },
                { id: "practice", header: "Practice", value: (p) => p.practice },
                { id: "events", header: "Events", numeric: true, value: (p) => p.events },
                {
                  id: "cost",
                  header: "Cost",
                  numeric: true,
                  value: (p) => p.cost,
                  render: (p) => fmtGbp(p.cost),
                },
              ]}
            />
          </>
        );
      }}
    </Async>
  );
}
