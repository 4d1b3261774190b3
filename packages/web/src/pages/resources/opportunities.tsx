// Opportunities: for each kind of activity that may be avoidable or of low value (emergency
// admissions for chronic ambulatory-care-sensitive conditions, short-stay emergency admissions,
// frequent A&E attenders, Evidence-Based Interventions procedures, elective admissions), each
// practice's or place's count against what its age–sex mix predicts at the benchmark rate, the
// excess and what it costs; each row opens the cohort behind it. Then the needs profiles
// (segment × condition group) that make up half of each unit's emergency admissions.
import type { OpportunityResponse, ProfilesResponse } from "@bevan/client";
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { countValue, fmtCount, fmtPct } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate, pageHref, type Route, withQuery } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import {
  ExportButtons,
  fmtGbp,
  fmtMoney,
  fmtRatio,
  fmtRatioCi,
  MoneyNote,
  moneyValue,
  QuerySelect,
  ResourcesNav,
  Stat,
} from "./parts.tsx";

type Level = "practice" | "place";
type Benchmark = "average" | "best_quartile";
const LEVELS: readonly { code: Level; label: string }[] = [
  { code: "practice", label: "Practices" },
  { code: "place", label: "Places" },
];
const BENCHMARKS: readonly { code: Benchmark; label: string }[] = [
  { code: "average", label: "The scope's average for the age–sex mix" },
  { code: "best_quartile", label: "The best quarter of units" },
];

export function OpportunitiesPage({ me, route, org }: PageProps) {
  const level: Level = route.query.get("level") === "place" ? "place" : "practice";
  const benchmark: Benchmark = route.query.get("benchmark") === "best_quartile" ? "best_quartile" : "average";
  const data = useData(
    () => api.resources.opportunities({ level, benchmark, ...(org ? { org } : {}) }),
    [level, benchmark, org],
  );
  const profiles = useData(
    () => api.resources.needsProfiles({ level, ...(org ? { org } : {}) }),
    [level, org],
  );
  return (
    <>
      <ResourcesNav route={route} patients={can(me, "patients:read")} />
      <h1>Opportunities</h1>
      <p className="nhsuk-body">
        Activity that good primary, community and elective care can often prevent or replace, counted for the
        people on each list in the 12 months to the as-of date and compared with what the same age–sex mix
        would have at the benchmark rate. The excess, priced at the unit costs, is the size of the
        opportunity, not a saving: some of it will be need the age–sex mix does not capture. Open a row to see
        who is behind it.
      </p>
      <div className="bevan-controls">
        <QuerySelect
          id="opp-level"
          label="Compare"
          value={level}
          options={LEVELS}
          onChange={(v) => navigate(withQuery({ level: v }))}
        />
        <QuerySelect
          id="opp-benchmark"
          label="Benchmark"
          value={benchmark}
          options={BENCHMARKS}
          onChange={(v) => navigate(withQuery({ benchmark: v }))}
        />
      </div>
      <Async data={data} what="opportunities">
        {(o) => <OpportunityView o={o} route={route} />}
      </Async>
      <h2 id="needs-profiles">Who makes up half of the emergency admissions</h2>
      <p className="nhsuk-body">
        People grouped by population segment and main condition group; the groups listed for each{" "}
        {level === "place" ? "place" : "practice"}, largest first, together account for half of its emergency
        admissions in the 12 months to the as-of date.
      </p>
      <Async data={profiles} what="needs profiles">
        {(p) => <ProfilesView p={p} route={route} />}
      </Async>
    </>
  );
}

type Kind = OpportunityResponse["kinds"][number];

const SHORT_NAMES: Record<string, string> = {
  acsc: "Ambulatory-care-sensitive admissions",
  short_stay: "Short-stay emergency admissions",
  frequent_ae: "Frequent A&E attenders",
  ebi: "Evidence-Based Interventions",
  elective: "Elective admissions",
};
type Row = Kind["rows"][number];

function OpportunityView({ o, route }: { o: OpportunityResponse; route: Route }) {
  const word = o.level === "place" ? "place" : "practice";
  const total = o.kinds.reduce((t, k) => t + (k.totalPrize ?? 0), 0);
  return (
    <>
      <DisclosureNote disclosure={o.disclosure} />
      <MoneyNote note={o.moneyNote} />
      <div className="bevan-cards bevan-cards--inline">
        {o.kinds.map((k) => (
          <Stat
            key={k.kind}
            label={`${SHORT_NAMES[k.kind] ?? k.name}: excess cost`}
            value={fmtGbp(k.totalPrize)}
            testId={`prize-${k.kind}`}
          />
        ))}
      </div>
      <p className="nhsuk-body-s">
        Together {fmtGbp(total)} above the {o.benchmark === "best_quartile" ? "best quarter's" : "average"}{" "}
        rate, as of {o.asOf}; the kinds overlap (a short-stay admission can also be for an
        ambulatory-care-sensitive condition), so do not add them up as one figure.
      </p>
      {o.kinds.map((k) => (
        <KindSection key={k.kind} k={k} word={word} route={route} asOf={o.asOf} />
      ))}
    </>
  );
}

function KindSection({ k, word, route, asOf }: { k: Kind; word: string; route: Route; asOf: string }) {
  const withheld = k.rows.filter((r) => r.observed.suppressed).length;
  const cohortHref = (r: Row) =>
    pageHref("/resources/opportunities/cohort", route.query, { kind: k.kind, unit: r.code });
  const header = [
    word === "place" ? "Place" : "Practice",
    "Code",
    "People on the list",
    `${k.unit} (count)`,
    "People with one",
    "Expected",
    "Observed ÷ expected",
    "95% interval, lower",
    "95% interval, upper",
    "Excess",
    "Excess cost (£)",
  ];
  const rows = k.rows.map((r) => [
    r.name,
    r.code,
    countValue(r.population),
    countValue(r.observed),
    countValue(r.people),
    r.expected === null ? null : Number(r.expected.toFixed(1)),
    r.ratio === null ? null : Number(r.ratio.toFixed(3)),
    r.ci95 ? Number(r.ci95.lower.toFixed(3)) : null,
    r.ci95 ? Number(r.ci95.upper.toFixed(3)) : null,
    r.excess === null ? null : Number(r.excess.toFixed(1)),
    r.prize === null ? null : Math.round(r.prize),
  ]);
  return (
    <section className="bevan-opportunity" data-testid={`opportunity-${k.kind}`}>
      <h2>{k.name}</h2>
      <p className="nhsuk-body-s">
        Counted in {k.unit}, the 12 months to {asOf};{" "}
        {k.unitCost === null ? "no unit cost" : `priced at ${fmtGbp(k.unitCost)} each`}.
        {k.benchmarkRatio !== null && k.benchmarkRatio !== 1
          ? ` Benchmark: ${fmtRatio(k.benchmarkRatio)} × the average rate for the age–sex mix.`
          : ""}
        {k.source ? (
          <>
            {" "}
            Definition: <a href={k.source.url}>{k.source.name}</a>
            {k.source.note ? ` (${k.source.note})` : ""}.
          </>
        ) : null}
      </p>
      {withheld > 0 ? (
        <p className="nhsuk-body-s" data-testid={`withheld-${k.kind}`}>
          {withheld} of {k.rows.length} {word === "place" ? "places" : "practices"} had too few people with
          one to show their count; they are left out of the excess and its cost.
        </p>
      ) : null}
      {k.rows.length === 0 ? (
        <Empty>None in this scope.</Empty>
      ) : (
        <>
          <DataTable
            caption={`${k.name} by ${word}`}
            rows={k.rows}
            initialSort={{ id: "prize", desc: true }}
            columns={[
              {
                id: "name",
                header: word === "place" ? "Place" : "Practice",
                value: (r) => r.name,
                render: (r) => (
                  <a
                    href={cohortHref(r)}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(cohortHref(r));
                    }}
                  >
                    {r.name}
                    <span className="nhsuk-u-visually-hidden">
                      : the cohort behind {k.name.toLowerCase()}
                    </span>
                  </a>
                ),
              },
              {
                id: "observed",
                header: "Count",
                numeric: true,
                value: (r) => countValue(r.observed),
                render: (r) => fmtCount(r.observed),
              },
              {
                id: "expected",
                header: "Expected",
                numeric: true,
                value: (r) => r.expected,
                render: (r) => (r.expected === null ? "–" : r.expected.toFixed(1)),
              },
              {
                id: "ratio",
                header: "O ÷ E",
                numeric: true,
                value: (r) => r.ratio,
                render: (r) => fmtRatio(r.ratio),
              },
              {
                id: "ci",
                header: "95% interval",
                value: (r) => r.ci95?.lower ?? null,
                render: (r) => fmtRatioCi(r.ci95),
              },
              {
                id: "excess",
                header: "Excess",
                numeric: true,
                value: (r) => r.excess,
                render: (r) => (r.excess === null ? "–" : r.excess.toFixed(1)),
              },
              {
                id: "prize",
                header: "Excess cost",
                numeric: true,
                value: (r) => r.prize,
                render: (r) => fmtGbp(r.prize),
              },
            ]}
          />
          <ExportButtons title={`${k.name} by ${word}`} header={header} rows={rows} />
        </>
      )}
    </section>
  );
}

function ProfilesView({ p, route }: { p: ProfilesResponse; route: Route }) {
  if (p.unavailable) return <Empty>{p.unavailable}</Empty>;
  if (p.units.length === 0) return <Empty>No emergency admissions in this scope.</Empty>;
  const word = p.level === "place" ? "Place" : "Practice";
  const chosen = p.units.find((u) => u.code === route.query.get("profile")) ?? p.units[0];
  const header = [
    word,
    "Code",
    "Segment",
    "Condition group",
    "People",
    "Emergency admissions",
    "Share (%)",
    "Cumulative share (%)",
    "Cost (£)",
  ];
  const rows = p.units.flatMap((u) =>
    u.profiles.map((x) => [
      u.name,
      u.code,
      x.segmentName,
      x.conditionGroup,
      countValue(x.people),
      countValue(x.admissions),
      x.admissionShare === null ? null : Math.round(1000 * x.admissionShare) / 10,
      x.cumulativeShare === null ? null : Math.round(1000 * x.cumulativeShare) / 10,
      moneyValue(x.cost),
    ]),
  );
  return (
    <>
      <DisclosureNote disclosure={p.disclosure} />
      <div className="bevan-controls">
        <QuerySelect
          id="profile-unit"
          label={word}
          value={chosen?.code ?? ""}
          options={p.units.map((u) => ({ code: u.code, label: u.name }))}
          onChange={(v) => navigate(withQuery({ profile: v }))}
        />
      </div>
      {chosen ? (
        <table className="nhsuk-table" data-testid="needs-profiles">
          <caption className="nhsuk-table__caption">
            {chosen.name}: the groups behind half of its emergency admissions
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                Segment
              </th>
              <th scope="col" className="nhsuk-table__header">
                Condition group
              </th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                People
              </th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                Emergency admissions
              </th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                Share
              </th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                Running total
              </th>
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                Cost
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {chosen.profiles.map((x) => (
              <tr key={`${x.segment}-${x.conditionGroup}`} className="nhsuk-table__row">
                <td className="nhsuk-table__cell">{x.segmentName}</td>
                <td className="nhsuk-table__cell">{x.conditionGroup}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtCount(x.people)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtCount(x.admissions)}</td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                  {fmtPct(x.admissionShare, 0)}
                </td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                  {fmtPct(x.cumulativeShare, 0)}
                </td>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtMoney(x.cost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ExportButtons title={`Needs profiles by ${word.toLowerCase()}`} header={header} rows={rows} />
    </>
  );
}
