// The worklists in the chosen scope: what each finds, how many people are on it (disclosed
// by role), and what to do, grouped as a practice works through them.
import { api } from "../../api.ts";
import { DisclosureNote } from "../../components/parts.tsx";
import { Async } from "../../components/states.tsx";
import { fmtCount } from "../../lib/format.ts";
import type { PageProps } from "../../page.ts";
import { navigate, pageHref } from "../../router.ts";
import { useData } from "../../use-data.ts";

export function WorklistsPage({ route, org }: PageProps) {
  const lists = useData(() => api.worklists(org ? { org } : {}), [org]);
  return (
    <>
      <h1>Worklists</h1>
      <p className="nhsuk-body-l">
        Patient lists to act on: medicines-safety audits, care gaps, people who may be in their last year of
        life, and people at high risk of type 2 diabetes. Each shows why each person is on it and what to do.
      </p>
      <Async data={lists} what="the worklists">
        {(l) => {
          const groups = [...new Set(l.worklists.map((w) => w.categoryName))];
          return (
            <>
              <DisclosureNote disclosure={l.disclosure} />
              {groups.map((g) => (
                <section key={g} aria-labelledby={`group-${g}`}>
                  <h2 id={`group-${g}`}>{g}</h2>
                  <ul className="nhsuk-grid-row nhsuk-card-group">
                    {l.worklists
                      .filter((w) => w.categoryName === g)
                      .map((w) => {
                        const href = pageHref(`/worklists/${w.id}`, route.query);
                        return (
                          <li key={w.id} className="nhsuk-grid-column-one-half nhsuk-card-group__item">
                            <div className="nhsuk-card nhsuk-card--clickable bevan-worklist-card">
                              <div className="nhsuk-card__content">
                                <h3 className="nhsuk-card__heading nhsuk-heading-s">
                                  <a
                                    className="nhsuk-card__link"
                                    href={href}
                                    onClick={(e) => {
                                      e.preventDefault();
                                      navigate(href);
                                    }}
                                  >
                                    {w.title}
                                  </a>
                                </h3>
                                <p className="bevan-stat__value" data-testid={`worklist-count-${w.id}`}>
                                  {w.count ? fmtCount(w.count) : "not available"}{" "}
                                  <span className="nhsuk-body-s">{w.count ? "people" : ""}</span>
                                </p>
                                <p className="nhsuk-card__description nhsuk-body-s">
                                  {w.count ? w.why : w.unavailable}
                                </p>
                              </div>
                            </div>
                          </li>
                        );
                      })}
                  </ul>
                </section>
              ))}
            </>
          );
        }}
      </Async>
    </>
  );
}
