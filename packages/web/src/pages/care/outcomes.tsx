// Outcomes before and since joining the pathway, quarter by quarter (13 weeks each), from the
// warehouse: emergency admissions, A&E attendances, bed days, days with a GP record entry,
// mean HbA1c and systolic blood pressure. Opening it is audited by the API.
import { api } from "../../api.ts";
import { Async } from "../../components/states.tsx";
import { useData } from "../../use-data.ts";
import { fmtDate } from "./words.ts";

const ORDINAL = ["1st", "2nd", "3rd", "4th"];

function quarterName(q: number): string {
  return q < 0 ? `${ORDINAL[-q - 1]} quarter before` : `${ORDINAL[q]} quarter since`;
}

export function Outcomes({ personId }: { personId: string }) {
  const o = useData(() => api.care.outcomes(personId), [personId]);
  return (
    <Async data={o} what="the outcomes">
      {(d) =>
        !d.joined ? (
          <p>Outcomes are followed from the day the person joins the pathway (accepted into red).</p>
        ) : (
          <>
            <p>
              Joined the pathway on {fmtDate(d.joined)}. The record's data run to {fmtDate(d.dataTo)}
              {d.quarters.some((q) => q.quarter >= 0)
                ? "."
                : ": nothing since joining is in the data yet, so only the year before is shown."}
            </p>
            <div className="bevan-table-wrap">
              <table className="nhsuk-table" data-testid="care-outcomes">
                <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                  Outcomes by quarter before and since joining
                </caption>
                <thead className="nhsuk-table__head">
                  <tr className="nhsuk-table__row">
                    {[
                      "Quarter",
                      "Emergency admissions",
                      "A&E attendances",
                      "Bed days",
                      "Days with GP contact",
                      "HbA1c (mmol/mol)",
                      "Systolic BP (mmHg)",
                    ].map((h) => (
                      <th key={h} scope="col" className="nhsuk-table__header">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {d.quarters.map((q) => (
                    <tr key={q.quarter} className="nhsuk-table__row">
                      <th scope="row" className="nhsuk-table__cell">
                        {quarterName(q.quarter)} ({fmtDate(q.from)}
                        {q.complete ? "" : ", data so far"})
                      </th>
                      <td className="nhsuk-table__cell">{q.emergencyAdmissions}</td>
                      <td className="nhsuk-table__cell">{q.aeAttendances}</td>
                      <td className="nhsuk-table__cell">{q.bedDays}</td>
                      <td className="nhsuk-table__cell">{q.gpContactDays}</td>
                      <td className="nhsuk-table__cell">{q.hba1c ?? "–"}</td>
                      <td className="nhsuk-table__cell">{q.systolicBp ?? "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      }
    </Async>
  );
}
