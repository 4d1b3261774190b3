// A patient list to act on, paged, sorted and filtered by the server (any size): the people,
// why each is on the list, what to do, NHS numbers linking to the record for direct-care
// roles, and downloads of the whole list (CSV, Excel, an NHS-number list for practice
// systems). Every page and download is audited by the API.
import type { ExportFormat, ListParams, ListResponse } from "@bevan/client";
import { type ReactNode, useState } from "react";
import { navigate, pageHref } from "../router.ts";
import { useData } from "../use-data.ts";
import { Async, Empty } from "./states.tsx";

const SEX: Readonly<Record<string, string>> = { F: "Female", M: "Male", U: "Unknown" };
const PAGE_SIZES = [25, 50, 100, 250] as const;

export interface MemberListProps {
  /** Loads a page. */
  readonly load: (q: ListParams) => Promise<ListResponse>;
  /** A download's address for the list as filtered and sorted now. */
  readonly exportUrl: (format: ExportFormat, q: Omit<ListParams, "offset" | "limit">) => string;
  readonly caption: string;
  /** The worklist's "what to do", shown once above the list and in exports. */
  readonly action?: string;
  /** Whether NHS numbers link to the patient view. */
  readonly linkToRecord: boolean;
  /** The page's query string (the scope `org` is kept in record links). */
  readonly query: URLSearchParams;
  readonly org?: string | null;
  /** Something to do with each person (e.g. add to a caseload), in a last column. */
  readonly rowActions?: (personId: string) => ReactNode;
}

interface Filters {
  sex: "" | "F" | "M" | "U";
  ageMin: string;
  ageMax: string;
  imd: string;
}

const NO_FILTERS: Filters = { sex: "", ageMin: "", ageMax: "", imd: "" };

function SortButton({
  id,
  label,
  sort,
  desc,
  onSort,
}: {
  id: string;
  label: string;
  sort: string;
  desc: boolean;
  onSort: (id: string, desc: boolean) => void;
}) {
  const on = sort === id;
  return (
    <button type="button" className="bevan-sort" onClick={() => onSort(id, on ? !desc : false)}>
      {label}
      <span aria-hidden="true">{on ? (desc ? " ▼" : " ▲") : " ⇅"}</span>
    </button>
  );
}

export function MemberList(props: MemberListProps) {
  const [sort, setSort] = useState({ id: "person", desc: false });
  const [size, setSize] = useState<number>(50);
  const [offset, setOffset] = useState(0);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const params: Omit<ListParams, "offset" | "limit"> = {
    ...(props.org ? { org: props.org } : {}),
    sort: sort.id,
    desc: sort.desc,
    ...(filters.sex ? { sex: filters.sex } : {}),
    ...(filters.ageMin ? { ageMin: Number(filters.ageMin) } : {}),
    ...(filters.ageMax ? { ageMax: Number(filters.ageMax) } : {}),
    ...(filters.imd ? { imd: filters.imd } : {}),
  };
  const key = JSON.stringify({ params, offset, size });
  const page = useData(() => props.load({ ...params, offset, limit: size }), [key]);
  const onSort = (id: string, desc: boolean) => {
    setSort({ id, desc });
    setOffset(0);
  };
  const ageProblem =
    draft.ageMin && draft.ageMax && Number(draft.ageMin) > Number(draft.ageMax)
      ? "The lowest age must not be above the highest"
      : null;
  return (
    <section className="bevan-member-list" aria-label={props.caption}>
      {props.action && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            <strong>What to do: </strong>
            {props.action}
          </p>
        </div>
      )}
      <form
        className="bevan-controls bevan-list-filters"
        onSubmit={(e) => {
          e.preventDefault();
          if (ageProblem) return;
          setFilters(draft);
          setOffset(0);
        }}
      >
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="list-sex">
            Sex
          </label>
          <select
            id="list-sex"
            className="nhsuk-select"
            value={draft.sex}
            onChange={(e) => setDraft({ ...draft, sex: e.target.value as Filters["sex"] })}
          >
            <option value="">Any</option>
            <option value="F">Female</option>
            <option value="M">Male</option>
          </select>
        </div>
        <div className={`nhsuk-form-group bevan-inline-field${ageProblem ? " nhsuk-form-group--error" : ""}`}>
          <label className="nhsuk-label" htmlFor="list-age-min">
            Age from
          </label>
          {ageProblem && <span className="nhsuk-error-message">{ageProblem}</span>}
          <input
            id="list-age-min"
            className="nhsuk-input nhsuk-input--width-3"
            inputMode="numeric"
            value={draft.ageMin}
            onChange={(e) =>
              setDraft({ ...draft, ageMin: e.target.value.replace(/[^0-9]/g, "").slice(0, 3) })
            }
          />
        </div>
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="list-age-max">
            Age to
          </label>
          <input
            id="list-age-max"
            className="nhsuk-input nhsuk-input--width-3"
            inputMode="numeric"
            value={draft.ageMax}
            onChange={(e) =>
              setDraft({ ...draft, ageMax: e.target.value.replace(/[^0-9]/g, "").slice(0, 3) })
            }
          />
        </div>
        <div className="nhsuk-form-group bevan-inline-field">
          <label className="nhsuk-label" htmlFor="list-imd">
            Deprivation
          </label>
          <select
            id="list-imd"
            className="nhsuk-select"
            value={draft.imd}
            onChange={(e) => setDraft({ ...draft, imd: e.target.value })}
          >
            <option value="">Any</option>
            <option value="1">20% most deprived (quintile 1)</option>
            <option value="1,2">40% most deprived (quintiles 1–2)</option>
            <option value="4,5">40% least deprived (quintiles 4–5)</option>
          </select>
        </div>
        <button type="submit" className="nhsuk-button nhsuk-button--secondary bevan-small-button">
          Apply filters
        </button>
      </form>
      <Async data={page} what="the list">
        {(p) => {
          const identified = p.identity === "identified";
          const last = Math.min(p.total, p.offset + p.rows.length);
          return (
            <>
              <p data-testid="list-total">
                <strong>{p.total.toLocaleString("en-GB")}</strong> {p.total === 1 ? "person" : "people"}
                {p.total > 0
                  ? `; showing ${(p.offset + 1).toLocaleString("en-GB")} to ${last.toLocaleString("en-GB")}`
                  : ""}
                .{" "}
                {identified
                  ? "NHS numbers are shown because you give direct care to these patients."
                  : "Ids are pseudonymous."}{" "}
                Opening each page is recorded in the audit trail.
              </p>
              <Downloads exportUrl={props.exportUrl} params={params} identified={identified} />
              {p.rows.length === 0 ? (
                <Empty>
                  No one on this list{filters !== NO_FILTERS ? " with these filters" : ""} in this scope.
                </Empty>
              ) : (
                <div className="bevan-table-wrap">
                  <table className="nhsuk-table bevan-list-table">
                    <caption className="nhsuk-table__caption">{props.caption}</caption>
                    <thead className="nhsuk-table__head">
                      <tr className="nhsuk-table__row">
                        {[
                          ["person", identified ? "NHS number" : "Pseudonymous id"],
                          ["age", "Age"],
                          ["sex", "Sex"],
                          ["practice", "Practice"],
                          ["deprivation", "IMD quintile"],
                          ...p.reasons.map((r) => [r.id, r.label]),
                        ].map(([id, label]) => (
                          <th
                            key={id}
                            scope="col"
                            className="nhsuk-table__header"
                            aria-sort={sort.id === id ? (sort.desc ? "descending" : "ascending") : "none"}
                          >
                            <SortButton
                              id={id as string}
                              label={label as string}
                              sort={sort.id}
                              desc={sort.desc}
                              onSort={onSort}
                            />
                          </th>
                        ))}
                        {props.rowActions && (
                          <th scope="col" className="nhsuk-table__header">
                            Act
                          </th>
                        )}
                      </tr>
                    </thead>
                    <tbody className="nhsuk-table__body">
                      {p.rows.map((r) => {
                        const shown = identified ? (r.nhsNumber ?? "not known") : r.personId;
                        const href = pageHref(`/patients/${r.personId}`, props.query);
                        return (
                          <tr key={r.personId} className="nhsuk-table__row">
                            <td className="nhsuk-table__cell">
                              {props.linkToRecord ? (
                                <a
                                  href={href}
                                  onClick={(e) => {
                                    e.preventDefault();
                                    navigate(href);
                                  }}
                                >
                                  {shown}
                                </a>
                              ) : (
                                shown
                              )}
                            </td>
                            <td className="nhsuk-table__cell">{r.age}</td>
                            <td className="nhsuk-table__cell">{SEX[r.sex] ?? r.sex}</td>
                            <td className="nhsuk-table__cell">{r.practiceName ?? r.practiceCode}</td>
                            <td className="nhsuk-table__cell">{r.imdQuintile ?? "not known"}</td>
                            {p.reasons.map((c) => (
                              <td key={c.id} className="nhsuk-table__cell">
                                {r.reasons[c.id] ?? "–"}
                              </td>
                            ))}
                            {props.rowActions && (
                              <td className="nhsuk-table__cell">{props.rowActions(r.personId)}</td>
                            )}
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
              <Pager
                total={p.total}
                offset={p.offset}
                size={size}
                onPage={setOffset}
                onSize={(s) => (setSize(s), setOffset(0))}
              />
            </>
          );
        }}
      </Async>
    </section>
  );
}

function Downloads({
  exportUrl,
  params,
  identified,
}: {
  exportUrl: MemberListProps["exportUrl"];
  params: Omit<ListParams, "offset" | "limit">;
  identified: boolean;
}) {
  return (
    <div className="bevan-downloads">
      <p className="nhsuk-body-s bevan-downloads__title">Download the whole list as filtered and sorted:</p>
      <ul className="nhsuk-list bevan-downloads__list">
        <li>
          <a href={exportUrl("csv", params)} download>
            CSV (Excel-ready, with where it came from)
          </a>
        </li>
        <li>
          <a href={exportUrl("xlsx", params)} download>
            Excel workbook (XLSX)
          </a>
        </li>
        {identified && (
          <li>
            <a href={exportUrl("nhs", params)} download>
              NHS numbers for your practice system (TXT)
            </a>{" "}
            <span className="nhsuk-body-s">
              one NHS number per line and nothing else: the form practice systems’ patient-list imports take
              (in EMIS Web and SystmOne, import it as a patient list or group from a file)
            </span>
          </li>
        )}
      </ul>
    </div>
  );
}

function Pager({
  total,
  offset,
  size,
  onPage,
  onSize,
}: {
  total: number;
  offset: number;
  size: number;
  onPage: (offset: number) => void;
  onSize: (size: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.floor(offset / size) + 1;
  return (
    <nav className="bevan-pager" aria-label="Pages of the list">
      <button type="button" className="bevan-link-button" disabled={current <= 1} onClick={() => onPage(0)}>
        First
      </button>
      <button
        type="button"
        className="bevan-link-button"
        disabled={current <= 1}
        onClick={() => onPage(offset - size)}
      >
        Previous
      </button>
      <span aria-current="page">
        Page {current.toLocaleString("en-GB")} of {pages.toLocaleString("en-GB")}
      </span>
      <button
        type="button"
        className="bevan-link-button"
        disabled={current >= pages}
        onClick={() => onPage(offset + size)}
      >
        Next
      </button>
      <button
        type="button"
        className="bevan-link-button"
        disabled={current >= pages}
        onClick={() => onPage((pages - 1) * size)}
      >
        Last
      </button>
      <label className="nhsuk-label bevan-inline-label" htmlFor="list-size">
        People per page
      </label>
      <select
        id="list-size"
        className="nhsuk-select"
        value={size}
        onChange={(e) => onSize(Number(e.target.value))}
      >
        {PAGE_SIZES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    </nav>
  );
}
