// Roles and purposes: what each role is for (direct care, planning and commissioning, or
// running the system), what it may see of patients and what it may do, and the rules that
// keep administrators from giving themselves patient data.
import { api } from "../../api.ts";
import { DataTable } from "../../components/data-table.tsx";
import { Async } from "../../components/states.tsx";
import type { PageProps } from "../../page.ts";
import { useData } from "../../use-data.ts";
import { AdminPage } from "./admin-parts.tsx";
import { PATIENT_DATA_LABELS, PERMISSION_LABELS, PURPOSE_LABELS } from "./labels.ts";

export function RolesPage({ me }: PageProps) {
  const roles = useData(() => api.adminRoles(), []);
  return (
    <AdminPage
      me={me}
      title="Roles and purposes"
      lede="Every role records what its users work for. People who opted out of sharing their data for planning are left out of what planning roles see; direct care still sees them."
    >
      <Async data={roles} what="roles">
        {(r) => (
          <DataTable
            caption="Roles, their purpose and what they may see"
            rows={r.roles}
            columns={[
              { id: "name", header: "Role", value: (x) => x.name },
              {
                id: "purpose",
                header: "Purpose",
                value: (x) => PURPOSE_LABELS[x.purpose] ?? x.purpose,
                render: (x) => (
                  <strong
                    className={`nhsuk-tag ${x.purpose === "direct_care" ? "nhsuk-tag--green" : x.purpose === "planning" ? "nhsuk-tag--blue" : "nhsuk-tag--grey"}`}
                  >
                    {PURPOSE_LABELS[x.purpose] ?? x.purpose}
                  </strong>
                ),
              },
              { id: "description", header: "Who it is for", value: (x) => x.description },
              {
                id: "patients",
                header: "Patient data",
                value: (x) => PATIENT_DATA_LABELS[x.patientData] ?? x.patientData,
              },
              {
                id: "permissions",
                header: "May use",
                value: (x) => x.permissions.map((p) => PERMISSION_LABELS[p] ?? p).join(", "),
              },
            ]}
          />
        )}
      </Async>
      <h2>Separation of duties</h2>
      <ul>
        <li>Nobody changes their own role or widens their own scope: another administrator does.</li>
        <li>
          Giving patient data to an administrator, or to an account with a local password an administrator
          set, and making anyone an administrator, waits for a second administrator, who neither asked for it
          nor benefits from it.
        </li>
        <li>
          In an emergency an administrator can break the glass for another user: a direct-care role for at
          most 24 hours, with a reason. Everything done under it is flagged in the audit trail, and another
          administrator reviews it.
        </li>
      </ul>
    </AdminPage>
  );
}
