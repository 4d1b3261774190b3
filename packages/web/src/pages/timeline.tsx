// Snapshot and timeline: a register's prevalence at the as-of date for the chosen scope.
// The monthly series with SPC limits needs the API's /api/timeline (web-api contract item 8).
import { api } from "../api.ts";
import type { PageProps } from "../app.tsx";
import { Async } from "../components/states.tsx";
import { fmtCi, fmtCount, fmtPct } from "../lib/format.ts";
import { navigate, withQuery } from "../router.ts";
import { useData } from "../use-data.ts";
import { DisclosureNote, RegisterSelect } from "./parts.tsx";

export function TimelinePage({ route, org }: PageProps) {
  const register = route.query.get("register") ?? "HYP";
  const registers = useData(() => api.registers(), []);
  const snap = useData(() => api.prevalence({ register, ...(org ? { org } : {}) }), [register, org]);
  return (
    <>
      <h1>Snapshot and timeline</h1>
      <Async data={registers} what="registers">
        {(r) => (
          <RegisterSelect
            id="timeline-register"
            value={register}
            registers={r.registers}
            onChange={(code) => navigate(withQuery({ register: code }))}
          />
        )}
      </Async>
      <Async data={snap} what="the snapshot">
        {(p) => {
          const g = p.groups[0];
          return (
            <>
              <h2>Snapshot on {p.asOf}</h2>
              <div className="bevan-cards">
                <div className="nhsuk-card bevan-stat">
                  <div className="nhsuk-card__content">
                    <p className="bevan-stat__label">People on the {p.register} register</p>
                    <p className="bevan-stat__value">{fmtCount(g?.numerator)}</p>
                  </div>
                </div>
                <div className="nhsuk-card bevan-stat">
                  <div className="nhsuk-card__content">
                    <p className="bevan-stat__label">Prevalence (aged {p.minAge}+)</p>
                    <p className="bevan-stat__value">{fmtPct(g?.prevalence, 2)}</p>
                    <p className="nhsuk-body-s">95% CI {fmtCi(g?.ci95, 2)}</p>
                  </div>
                </div>
              </div>
              <DisclosureNote disclosure={p.disclosure} />
            </>
          );
        }}
      </Async>
      <h2>Monthly timeline</h2>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          The monthly series with statistical process control limits and Making Data Count icons is not
          available from this server yet.
        </p>
      </div>
    </>
  );
}
