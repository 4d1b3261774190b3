// A saved cohort version's results: its count with breakdowns, its monthly timeline, and its
// member list to act on (paged, sorted and filtered by the server, with why each is in it;
// pseudonymous or re-identified by role, audited by the API) and its downloads.
import type { CohortVersion } from "@bevan/client";
import { useState } from "react";
import { api } from "../../api.ts";
import { Chart } from "../../components/chart.tsx";
import { DataTable } from "../../components/data-table.tsx";
import { MemberList } from "../../components/member-list.tsx";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { countValue, fmtCount } from "../../lib/format.ts";
import { navigate, type Route, withQuery } from "../../router.ts";
import { useData } from "../../use-data.ts";

const BREAKDOWNS = [
  { code: "practice", label: "Practice" },
  { code: "age_band", label: "Age band" },
  { code: "sex", label: "Sex" },
  { code: "imd_quintile", label: "IMD quintile" },
] as const;

export function Results({
  cohortId,
  name,
  version,
  versions,
  members,
  linkToRecord,
  route,
  org,
}: {
  cohortId: string;
  name: string;
  version: number;
  versions: readonly CohortVersion[];
  members: boolean;
  linkToRecord: boolean;
  route: Route;
  org: string | null;
}) {
  const [breakdown, setBreakdown] = useState<(typeof BREAKDOWNS)[number]["code"]>("age_band");
  const count = useData(
    () => api.cohortCount(cohortId, { version, breakdown }),
    [cohortId, version, breakdown],
  );
  const label = BREAKDOWNS.find((b) => b.code === breakdown)?.label ?? breakdown;
  return (
    <section className="bevan-results" aria-labelledby="cohort-results">
      <h2 id="cohort-results">
        {name}, version {version}
      </h2>
      {versions.length > 1 && (
        <p className="nhsuk-body-s">
          Versions:{" "}
          {versions.map((v, i) => (
            <span key={v.version}>
              {i > 0 && ", "}
              {v.version === version ? (
                <strong>{v.version}</strong>
              ) : (
                <a
                  href={withQuery({ version: String(v.version) })}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(withQuery({ version: String(v.version) }));
                  }}
                >
                  {v.version}
                </a>
              )}
              {v.note ? ` (${v.note})` : ""}
            </span>
          ))}
        </p>
      )}
      <div className="nhsuk-form-group bevan-inline-field">
        <label className="nhsuk-label" htmlFor="cohort-breakdown">
          Break down by
        </label>
        <select
          id="cohort-breakdown"
          className="nhsuk-select"
          value={breakdown}
          onChange={(e) => setBreakdown(e.target.value as typeof breakdown)}
        >
          {BREAKDOWNS.map((b) => (
            <option key={b.code} value={b.code}>
              {b.label}
            </option>
          ))}
        </select>
      </div>
      <Async data={count} what="the cohort's count">
        {(c) => (
          <>
            <p className="bevan-stat__value" data-testid="cohort-count">
              {fmtCount(c.total)} <span className="nhsuk-body-s">people</span>
            </p>
            <DisclosureNote disclosure={c.disclosure} />
            {c.groups.length === 0 ? (
              <Empty>No one matches this cohort in your scope.</Empty>
            ) : (
              <Chart
                title={`${name} by ${label.toLowerCase()}`}
                description={`People in version ${version} of the cohort, by ${label.toLowerCase()}. Counts of people.`}
                height={breakdown === "practice" ? Math.max(260, 22 * c.groups.length + 60) : 300}
                option={
                  breakdown === "practice"
                    ? {
                        tooltip: { trigger: "axis" },
                        grid: { left: 90, right: 30, bottom: 50, top: 10 },
                        yAxis: { type: "category", inverse: true, data: c.groups.map((g) => g.group) },
                        xAxis: { type: "value", name: "People", nameLocation: "middle", nameGap: 30 },
                        series: [
                          { type: "bar", name: "People", data: c.groups.map((g) => countValue(g.count)) },
                        ],
                      }
                    : {
                        tooltip: { trigger: "axis" },
                        grid: { left: 70, right: 20, bottom: 50, top: 20 },
                        xAxis: {
                          type: "category",
                          name: label,
                          nameLocation: "middle",
                          nameGap: 30,
                          data: c.groups.map((g) => g.group),
                        },
                        yAxis: { type: "value", name: "People", nameLocation: "middle", nameGap: 50 },
                        series: [
                          { type: "bar", name: "People", data: c.groups.map((g) => countValue(g.count)) },
                        ],
                      }
                }
                table={{
                  header: [label, "People"],
                  rows: c.groups.map((g) => [g.group, countValue(g.count)]),
                }}
              />
            )}
          </>
        )}
      </Async>
      <CohortTimeline cohortId={cohortId} name={name} version={version} />
      {members ? (
        <Members
          cohortId={cohortId}
          name={name}
          version={version}
          linkToRecord={linkToRecord}
          route={route}
          org={org}
        />
      ) : (
        <p>Your role sees counts only, not the member list.</p>
      )}
    </section>
  );
}

function CohortTimeline({ cohortId, name, version }: { cohortId: string; name: string; version: number }) {
  const series = useData(async () => {
    const count = await api.cohortCount(cohortId, { version });
    const end = new Date(`${count.asOf}T00:00:00Z`);
    const from = new Date(Date.UTC(end.getUTCFullYear() - 2, end.getUTCMonth(), 1))
      .toISOString()
      .slice(0, 10);
    return api.savedCohortTimeline(cohortId, { from, version });
  }, [cohortId, version]);
  return (
    <Async data={series} what="the cohort's timeline">
      {(t) =>
        t.points.length === 0 ? (
          <Empty>No timeline for this cohort.</Empty>
        ) : (
          <Chart
            title={`${name}: size at each month end`}
            description="People meeting the cohort's definition at the end of each month over the last two years (each month evaluated as of its last day). Counts of people."
            height={300}
            option={{
              tooltip: { trigger: "axis" },
              grid: { left: 70, right: 20, bottom: 50, top: 20 },
              xAxis: {
                type: "category",
                name: "Month end",
                nameLocation: "middle",
                nameGap: 30,
                data: t.points.map((p) => p.asOf),
              },
              yAxis: { type: "value", name: "People", nameLocation: "middle", nameGap: 50, scale: true },
              series: [
                {
                  type: "line",
                  name: "People",
                  data: t.points.map((p) => countValue(p.count)),
                  showSymbol: true,
                },
              ],
            }}
            table={{
              header: ["Month end", "People"],
              rows: t.points.map((p) => [p.asOf, countValue(p.count)]),
            }}
          />
        )
      }
    </Async>
  );
}

function Members({
  cohortId,
  name,
  version,
  linkToRecord,
  route,
  org,
}: {
  cohortId: string;
  name: string;
  version: number;
  linkToRecord: boolean;
  route: Route;
  org: string | null;
}) {
  return (
    <>
      <h3>Members</h3>
      <MemberList
        key={`${cohortId}-${version}-${org ?? ""}`}
        caption={`${name}, version ${version}: members`}
        load={(q) => api.cohortList(cohortId, { ...q, version })}
        exportUrl={(format, q) => api.cohortExportUrl(cohortId, format, { ...q, version })}
        linkToRecord={linkToRecord}
        query={route.query}
        org={org}
      />
    </>
  );
}
