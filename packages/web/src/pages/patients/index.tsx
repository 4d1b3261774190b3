// Patients: the register patient list and one person's record (direct care, audited).
import type { Area } from "../../page.ts";
import { can } from "../../session.tsx";
import { PatientPage } from "./patient.tsx";
import { PatientsPage } from "./patients.tsx";

export const patientsArea: Area = {
  nav: [{ path: "/patients", label: "Patients", show: (me) => can(me, "patients:read") }],
  page: (path) => {
    if (path === "/patients")
      return { title: "Patients", scoped: true, render: (p) => <PatientsPage {...p} /> };
    const patient = /^\/patients\/([0-9]{1,19})$/.exec(path);
    if (patient?.[1]) {
      const id = patient[1];
      return { title: "Patient", scoped: false, render: (p) => <PatientPage {...p} personId={id} /> };
    }
    return null;
  },
};
