// The cohort builder: a form over the cohort language, saved and versioned in application
// state; a saved version's count with breakdowns, and its member list (pseudonymous or
// re-identified by role, audited by the API) with CSV and XLSX downloads made in the browser.
// Each saved cohort has an owner, who chooses who else sees it (cohort-sharing.tsx).
import { useState } from "react";
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { Async, Empty } from "../../components/states.tsx";
import type { CohortDefinition } from "../../lib/cohort-tree.ts";
import type { PageProps } from "../../page.ts";
import { navigate, withQuery } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import { Builder } from "./cohort-builder.tsx";
import { Results } from "./cohort-results.tsx";
import { CohortSharing, sharingText } from "./cohort-sharing.tsx";
import { ReadOnlyDefinition } from "./read-only-definition.tsx";

export function CohortsPage({ me, route, org, tree }: PageProps) {
  const cohortId = route.query.get("cohort");
  const worklistId = cohortId ? null : route.query.get("worklist");
  const start = useData(
    () =>
      worklistId
        ? api
            .worklist(worklistId)
            .then((w) => ({ ...(w.definition as CohortDefinition), name: `${w.worklist.title} (copy)` }))
        : Promise.resolve(null),
    [worklistId],
  );
  const version = Number(route.query.get("version")) || undefined;
  const [refresh, setRefresh] = useState(0);
  // A change of sharing reloads the list only: the open cohort's form keeps what is typed.
  const [sharingChanges, setSharingChanges] = useState(0);
  const saved = useData(() => api.cohorts(), [refresh, sharingChanges]);
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
        {can(me, "cohorts:write")
          ? "Describe who you are looking for with any criterion the cohort language has, see how many people each step leaves, save it (every save of an edit is a new version), then see where they are and the list to act on."
          : "Saved cohorts: their definitions, how many people match, where they are and the list. Your role cannot create or change cohorts."}
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
                { id: "owner", header: "Owner", value: (c) => (c.mine ? "You" : c.owner.displayName) },
                { id: "shared", header: "Shared with", value: (c) => sharingText(c) },
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
            {(c) => (
              <Async data={start} what="the worklist's definition">
                {(from) => {
                  const versions = c?.versions ?? [];
                  const shown = versions.find((v) => v.version === version) ?? versions.at(-1);
                  const existing =
                    c && shown
                      ? {
                          id: c.cohort.id,
                          name: c.cohort.name,
                          version: shown,
                          latest: c.cohort.latestVersion,
                          canEdit: c.cohort.canEdit,
                        }
                      : null;
                  return (
                    <>
                      {can(me, "cohorts:write") ? (
                        <Builder
                          key={`${c?.cohort.id ?? "new"}-${shown?.version ?? 0}-${worklistId ?? ""}`}
                          registers={regs.registers}
                          cohorts={saved.state === "ok" ? saved.data.cohorts : []}
                          tree={tree}
                          existing={existing}
                          start={from}
                          onSaved={(id, v) => {
                            setRefresh((n) => n + 1);
                            open(id, v);
                          }}
                        />
                      ) : (
                        existing && <ReadOnlyDefinition definition={existing.version.definition} />
                      )}
                      {c && can(me, "cohorts:write") && (
                        <CohortSharing
                          key={c.cohort.id}
                          cohort={c.cohort}
                          onChanged={() => setSharingChanges((n) => n + 1)}
                        />
                      )}
                      {c && shown && (
                        <Results
                          cohortId={c.cohort.id}
                          name={c.cohort.name}
                          version={shown.version}
                          versions={versions}
                          members={can(me, "cohorts:members")}
                          linkToRecord={me.role.directCare && can(me, "patients:read")}
                          route={route}
                          org={org}
                        />
                      )}
                    </>
                  );
                }}
              </Async>
            )}
          </Async>
        )}
      </Async>
    </>
  );
}
