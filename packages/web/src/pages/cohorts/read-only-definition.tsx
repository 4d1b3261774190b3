// A saved definition for a role that cannot change cohorts: the steps in words with their
// counts (the API's attrition, disclosed by role) and the JSON, with no form to fill in.
import { api } from "../../api.ts";
import { Async } from "../../components/states.tsx";
import { fmtCount } from "../../lib/format.ts";
import { useData } from "../../use-data.ts";

export function ReadOnlyDefinition({ definition }: { definition: unknown }) {
  const attrition = useData(() => api.cohortAttrition(definition), [JSON.stringify(definition)]);
  return (
    <section aria-labelledby="definition-heading">
      <h2 id="definition-heading">Definition</h2>
      <Async data={attrition} what="the definition's steps">
        {(a) => (
          <table className="nhsuk-table bevan-attrition">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">
              Who is in the cohort, step by step
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Step
                </th>
                <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                  People left
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {a.steps.map((s) => (
                <tr key={s.path} className="nhsuk-table__row">
                  <td className="nhsuk-table__cell">{s.label}</td>
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{fmtCount(s.left)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Async>
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">The definition as JSON</span>
        </summary>
        <div className="nhsuk-details__text">
          <pre className="bevan-json">{JSON.stringify(definition, null, 2)}</pre>
        </div>
      </details>
    </section>
  );
}
