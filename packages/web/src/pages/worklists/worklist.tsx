// One worklist: why it matters, what to do, how many people by practice (disclosed by role;
// a practice's row narrows the list to it), and the list itself with why each person is on
// it, for roles that see patients. The definition can be opened in the cohort builder.
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { MemberList } from "../../components/member-list.tsx";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { download } from "../../lib/download.ts";
import { countValue, fmtCount } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate, pageHref, withQuery } from "../../router.ts";
import { can } from "../../session.tsx";
import { useData } from "../../use-data.ts";
import { WorklistRowActions } from "../care/worklist-actions.tsx";

export function WorklistPage({ me, route, org, id }: PageProps & { id: string }) {
  const w = useData(() => api.worklist(id, org ? { org } : {}), [id, org]);
  return (
    <Async data={w} what="the worklist">
      {(d) => (
        <>
          <span className="nhsuk-caption-l">Worklist · {d.worklist.categoryName}</span>
          <h1>{d.worklist.title}</h1>
          <p className="nhsuk-body-l">{d.worklist.why}</p>
          <dl className="nhsuk-summary-list">
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">People on the list</dt>
              <dd className="nhsuk-summary-list__value" data-testid="worklist-total">
                {fmtCount(d.total)}
              </dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">What to do</dt>
              <dd className="nhsuk-summary-list__value">{d.worklist.action}</dd>
            </div>
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Based on</dt>
              <dd className="nhsuk-summary-list__value">
                {d.worklist.basis}, as of {d.asOf}
              </dd>
            </div>
          </dl>
          <div className="bevan-buttons">
            {can(me, "cohorts:write") && (
              <a
                className="nhsuk-button nhsuk-button--secondary"
                href={pageHref("/cohorts", route.query, { worklist: id })}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(pageHref("/cohorts", route.query, { worklist: id }));
                }}
              >
                Open in the cohort builder
              </a>
            )}
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() =>
                download(`${id}.json`, `${JSON.stringify(d.definition, null, 2)}\n`, "application/json")
              }
            >
              Download the definition (JSON)
            </button>
          </div>
          <h2>By practice</h2>
          <DisclosureNote disclosure={d.disclosure} />
          {d.byPractice.length === 0 ? (
            <Empty>No one is on this list in this scope.</Empty>
          ) : (
            <DataTable
              caption="People on the list by practice"
              rows={d.byPractice}
              initialSort={{ id: "count", desc: true }}
              columns={[
                {
                  id: "practice",
                  header: "Practice",
                  value: (p) => p.name ?? p.code,
                  render: (p) => {
                    const href = withQuery({ org: p.code });
                    return (
                      <a
                        href={href}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(href);
                        }}
                      >
                        {p.name ?? p.code}
                      </a>
                    );
                  },
                },
                { id: "code", header: "Code", value: (p) => p.code },
                {
                  id: "count",
                  header: "People",
                  numeric: true,
                  value: (p) => countValue(p.count),
                  render: (p) => fmtCount(p.count),
                },
              ]}
            />
          )}
          <h2>The list</h2>
          {can(me, "patients:read") ? (
            <MemberList
              key={`${id}-${org ?? ""}`}
              caption={d.worklist.title}
              action={d.worklist.action}
              load={(q) => api.worklistList(id, q)}
              exportUrl={(format, q) => api.worklistExportUrl(id, format, q)}
              linkToRecord={me.role.directCare}
              rowActions={
                can(me, "care:write")
                  ? (personId) => (
                      <WorklistRowActions
                        worklistId={id}
                        worklistTitle={d.worklist.title}
                        personId={personId}
                      />
                    )
                  : undefined
              }
              query={route.query}
              org={org}
            />
          ) : (
            <p>Your role sees how many people are on the list, not who they are.</p>
          )}
        </>
      )}
    </Async>
  );
}
