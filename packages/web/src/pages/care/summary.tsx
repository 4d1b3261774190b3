// Caseloads for roles without direct care (commissioners, analysts): how many people are at
// each stage and by practice, disclosed by the cell-key method. Nobody is named.
import { api } from "../../api.ts";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async } from "../../components/states.tsx";
import { fmtCount } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { useData } from "../../use-data.ts";

export function CareSummaryPage(_: PageProps) {
  const s = useData(() => api.care.summary(), []);
  return (
    <Async data={s} what="the caseload figures">
      {(d) => (
        <>
          <span className="nhsuk-caption-l">Care coordination</span>
          <h1>Caseloads</h1>
          <p>People on care coordination caseloads in your area, by stage of the 13-week pathway.</p>
          <DisclosureNote disclosure={d.disclosure as never} />
          <table className="nhsuk-table" data-testid="care-summary">
            <caption className="nhsuk-table__caption">People by stage</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Stage
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  People
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {d.stages.map((r) => (
                <tr key={r.stage} className="nhsuk-table__row">
                  <td className="nhsuk-table__cell">{r.name}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtCount(r.people)}</td>
                </tr>
              ))}
              <tr className="nhsuk-table__row">
                <th scope="row" className="nhsuk-table__cell">
                  All stages
                </th>
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtCount(d.total)}</td>
              </tr>
            </tbody>
          </table>
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">People on caseloads by practice</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Practice
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  People
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {d.byPractice.map((r) => (
                <tr key={r.code} className="nhsuk-table__row">
                  <td className="nhsuk-table__cell">{r.name ?? r.code}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtCount(r.people)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Async>
  );
}
