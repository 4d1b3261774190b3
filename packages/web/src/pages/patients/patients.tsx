// Patients on a register in the chosen scope (pseudonymous for analysts, re-identified for
// direct-care roles; the API audits every list), each linking to the patient view.
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { RegisterSelect } from "../../components/parts.tsx";
import { Async, Empty } from "../../components/states.tsx";
import { findNode } from "../../lib/org-tree.ts";
import type { PageProps } from "../../page.ts";
import { navigate, pageHref, withQuery } from "../../router.ts";
import { useData } from "../../use-data.ts";

export function PatientsPage({ me, route, org, tree }: PageProps) {
  const register = route.query.get("register") ?? "HYP";
  const node = org ? findNode(tree, org) : undefined;
  const practice = node?.level === "practice" ? node.code : undefined;
  const registers = useData(() => api.registers(), []);
  const pageSize = 100;
  const pageNo = Math.max(1, Number(route.query.get("page")) || 1);
  const offset = (pageNo - 1) * pageSize;
  const list = useData(
    () => api.patients({ register, practice, limit: pageSize, offset }),
    [register, practice, offset],
  );
  const goTo = (n: number) => navigate(withQuery({ page: n > 1 ? String(n) : undefined }));
  return (
    <>
      <h1>Patients</h1>
      <p className="nhsuk-body-l">
        People on a register{practice ? ` at practice ${practice}` : " in your scope"}.{" "}
        {me.role.directCare
          ? "You see NHS numbers for your own patients; every list and record you open is audited."
          : "You see pseudonymous ids only; every list you open is audited."}
      </p>
      {!practice && org && (
        <p className="nhsuk-body-s">
          Lists are by practice or your whole scope: drill down to a practice to narrow it.
        </p>
      )}
      <Async data={registers} what="registers">
        {(r) => (
          <RegisterSelect
            id="patients-register"
            value={register}
            registers={r.registers}
            onChange={(code) => navigate(withQuery({ register: code, page: undefined }))}
          />
        )}
      </Async>
      <Async data={list} what="the patient list">
        {(l) =>
          l.rows.length === 0 ? (
            <Empty>No one on this register in this scope.</Empty>
          ) : (
            <>
              <p data-testid="patients-total">
                {l.total.toLocaleString("en-GB")} people; {(offset + 1).toLocaleString("en-GB")} to{" "}
                {(offset + l.rows.length).toLocaleString("en-GB")} are shown (in pseudonymous-id order). For
                lists to act on, with why each person is on them, sorting and filters, see Worklists.
              </p>
              <DataTable
                caption={`People on the ${register} register`}
                rows={l.rows}
                columns={[
                  {
                    id: "person",
                    header: l.identity === "identified" ? "NHS number" : "Pseudonymous id",
                    value: (p) => (l.identity === "identified" ? (p.nhsNumber ?? p.personId) : p.personId),
                    render: (p) => {
                      const label = l.identity === "identified" ? (p.nhsNumber ?? "not known") : p.personId;
                      if (!me.role.directCare) return label;
                      const href = pageHref(`/patients/${p.personId}`, route.query);
                      return (
                        <a
                          href={href}
                          onClick={(e) => {
                            e.preventDefault();
                            navigate(href);
                          }}
                        >
                          {label}
                        </a>
                      );
                    },
                  },
                  { id: "age", header: "Age", numeric: true, value: (p) => p.age },
                  { id: "sex", header: "Sex", value: (p) => p.sex },
                  { id: "practice", header: "Practice", value: (p) => p.practiceCode },
                  { id: "registers", header: "Registers", value: (p) => p.registers.join(", ") },
                ]}
              />
              <nav className="bevan-pager" aria-label="Pages of the patient list">
                <button
                  type="button"
                  className="bevan-link-button"
                  disabled={pageNo <= 1}
                  onClick={() => goTo(pageNo - 1)}
                >
                  Previous
                </button>
                <span aria-current="page">
                  Page {pageNo.toLocaleString("en-GB")} of{" "}
                  {Math.max(1, Math.ceil(l.total / pageSize)).toLocaleString("en-GB")}
                </span>
                <button
                  type="button"
                  className="bevan-link-button"
                  disabled={offset + pageSize >= l.total}
                  onClick={() => goTo(pageNo + 1)}
                >
                  Next
                </button>
              </nav>
            </>
          )
        }
      </Async>
    </>
  );
}
