// The cohort builder: a form over the cohort language, saved and versioned in application
// state; a saved version's count with breakdowns, and its member list (pseudonymous or
// re-identified by role, audited by the API) with CSV and XLSX downloads made in the browser.
import { useState } from "react";
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { Async, Empty } from "../../components/states.tsx";
import type { PageProps } from "../../page.ts";
import { navigate, withQuery } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import { Builder } from "./cohort-builder.tsx";
import { Results } from "./cohort-results.tsx";

export function CohortsPage({ me, route }: PageProps) {
  const cohortId = route.query.get("cohort");
  const version = Number(route.query.get("version")) || undefined;
  const [refresh, setRefresh] = useState(0);
  const saved = useData(() => api.cohorts(), [refresh]);
  const registers = useData(() => api.registers(), []);
  const loaded = useData(
    () => (cohortId ? api.cohort(cohortId) : Promise.resolve(null)),
    [cohortId, refresh],
  );
  const open = (id: string, v?: number) =>
    navigate(withQuery({ cohort: id, version: v === undefined ? undefined : String(v) }));
  return (
    <>
      <h1>Cohort builder</h1>
      <p className="nhsuk-body-l">
        Describe who you are looking for, save it (every save of an edit is a new version), then see how many
        people match, where they are, and the list.
      </p>
      <Async data={saved} what="saved cohorts">
        {(s) =>
          s.cohorts.length === 0 ? (
            <Empty>No saved cohorts yet: build one below.</Empty>
          ) : (
            <DataTable
              caption="Saved cohorts"
              rows={s.cohorts}
              initialSort={{ id: "created", desc: true }}
              columns={[
                {
                  id: "name",
                  header: "Cohort",
                  value: (c) => c.name,
                  render: (c) => (
                    <a
                      href={withQuery({ cohort: c.id, version: undefined })}
                      onClick={(e) => {
                        e.preventDefault();
                        open(c.id);
                      }}
                    >
                      {c.name}
                    </a>
                  ),
                },
                { id: "version", header: "Latest version", numeric: true, value: (c) => c.latestVersion },
                {
                  id: "created",
                  header: "Created",
                  value: (c) => c.createdAt.slice(0, 16).replace("T", " "),
                },
              ]}
            />
          )
        }
      </Async>
      <Async data={registers} what="registers">
        {(regs) => (
          <Async data={loaded} what="the cohort">
            {(c) => {
              const versions = c?.versions ?? [];
              const shown = versions.find((v) => v.version === version) ?? versions.at(-1);
              return (
                <>
                  <Builder
                    key={`${c?.cohort.id ?? "new"}-${shown?.version ?? 0}`}
                    registers={regs.registers}
                    existing={
                      c && shown
                        ? {
                            id: c.cohort.id,
                            name: c.cohort.name,
                            version: shown,
                            latest: c.cohort.latestVersion,
                          }
                        : null
                    }
                    canWrite={can(me, "cohorts:write")}
                    onSaved={(id, v) => {
                      setRefresh((n) => n + 1);
                      open(id, v);
                    }}
                  />
                  {c && shown && (
                    <Results
                      cohortId={c.cohort.id}
                      name={c.cohort.name}
                      version={shown.version}
                      versions={versions}
                      members={can(me, "cohorts:members")}
                    />
                  )}
                </>
              );
            }}
          </Async>
        )}
      </Async>
    </>
  );
}
