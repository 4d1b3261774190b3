// The team's caseload as a board: columns by stage (triage queue ordered by risk, red, amber,
// green, monitoring), each card the person, their week on the pathway, their coordinator and
// what is late; each coordinator's load against their capacity. Opening the board is audited.
import type { CaseloadResponse } from "@bevan/client";
import { api } from "../../api.ts";
import { Async, Empty } from "../../components/states.tsx";
import type { PageProps } from "../../page.ts";
import { navigate, pageHref } from "../../router.ts";
import { useData } from "../../use-data.ts";
import { fmtDate, personLabel, RISK_TIERS } from "./words.ts";

type Entry = CaseloadResponse["entries"][number];

const COLUMNS: readonly { id: string; title: string; hint: string; pick: (e: Entry) => boolean }[] = [
  {
    id: "triage",
    title: "Triage",
    hint: "Referred; highest risk first",
    pick: (e) => e.episode.status === "triage",
  },
  { id: "red", title: "Red", hint: "Weeks 1–4: identify and assess", pick: (e) => e.episode.stage === "red" },
  { id: "amber", title: "Amber", hint: "Weeks 5–8: plan together", pick: (e) => e.episode.stage === "amber" },
  {
    id: "green",
    title: "Green",
    hint: "Weeks 9–13: self-management",
    pick: (e) => e.episode.stage === "green",
  },
  {
    id: "monitoring",
    title: "Monitoring",
    hint: "Discharged; contact every 3 months",
    pick: (e) => e.episode.status === "monitoring",
  },
];

function Card({ e, query }: { e: Entry; query: URLSearchParams }) {
  const href = pageHref(`/care/people/${e.person.personId}`, query);
  const who = personLabel(e.person);
  const late = e.episode.alerts;
  return (
    <li className={`bevan-care-card bevan-care-card--${e.episode.stage ?? e.episode.status}`}>
      <a
        href={href}
        onClick={(ev) => {
          ev.preventDefault();
          navigate(href);
        }}
      >
        {who.id}
      </a>
      <span className="bevan-care-card__line">
        {who.who} · {e.person.practiceName ?? e.person.practiceCode}
      </span>
      {e.episode.week !== null && <span className="bevan-care-card__line">Week {e.episode.week} of 13</span>}
      {e.episode.status === "triage" && (
        <span className="bevan-care-card__line">
          {e.person.riskTier ? RISK_TIERS[e.person.riskTier] : "Risk not scored"}
          {e.person.admissionRisk !== null
            ? ` · ${Math.round(e.person.admissionRisk * 100)} in 100 chance of an emergency admission this year`
            : ""}
        </span>
      )}
      {e.episode.status === "monitoring" && (
        <span className="bevan-care-card__line">
          Next contact {e.episode.nextMonitoring ? fmtDate(e.episode.nextMonitoring) : "not set"}
        </span>
      )}
      <span className="bevan-care-card__line">
        {e.episode.coordinator ? `Coordinator: ${e.episode.coordinator.name ?? "unknown"}` : "Not assigned"}
      </span>
      {late.length > 0 && (
        <span className="bevan-care-card__late">
          <strong>{late.length === 1 ? "1 thing overdue" : `${late.length} things overdue`}</strong>
          {late[0]?.message}
        </span>
      )}
    </li>
  );
}

export function CaseloadPage({ route }: PageProps) {
  const board = useData(() => api.care.caseload(), []);
  return (
    <Async data={board} what="the caseload">
      {(d) => (
        <>
          <span className="nhsuk-caption-l">Care coordination</span>
          <h1>Caseload</h1>
          <p>
            People your team coordinates care for, on the 13-week pathway (red, amber, green) and after
            discharge. Add people from a worklist or a patient list. Opening the caseload is recorded in the
            audit trail.
          </p>
          {d.entries.length === 0 ? (
            <Empty>No one is on your team's caseload yet. Add people from a worklist.</Empty>
          ) : (
            <div className="bevan-care-board" data-testid="care-board">
              {COLUMNS.map((c) => {
                const list = d.entries.filter(c.pick);
                return (
                  <section key={c.id} className="bevan-care-column" aria-labelledby={`col-${c.id}`}>
                    <h2
                      id={`col-${c.id}`}
                      className={`bevan-care-column__title bevan-care-column__title--${c.id}`}
                    >
                      {c.title} <span className="bevan-care-column__count">{list.length}</span>
                    </h2>
                    <p className="nhsuk-body-s">{c.hint}</p>
                    <ul className="bevan-care-cards" data-testid={`care-column-${c.id}`}>
                      {list.map((e) => (
                        <Card key={e.episode.id} e={e} query={route.query} />
                      ))}
                    </ul>
                  </section>
                );
              })}
            </div>
          )}
          <h2>Coordinators</h2>
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Each coordinator's caseload
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Coordinator
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  On the pathway
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  Capacity
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  In triage
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  Monitoring
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {d.coordinators.map((c) => (
                <tr key={c.userId} className="nhsuk-table__row">
                  <td className="nhsuk-table__cell">{c.name}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">
                    {c.active}
                    {c.active >= c.capacity ? " (full)" : ""}
                  </td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.capacity}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.triage}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.monitoring}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Async>
  );
}
