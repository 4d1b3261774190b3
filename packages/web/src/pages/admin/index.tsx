// Administration: users, roles and their purposes, approvals and break-glass, the audit
// trail with its verification, and a way to the data loads. For administrators.
import type { ReactNode } from "react";
import type { Area, PageProps } from "../../page.ts";
import { can } from "../../session.tsx";
import "./admin.scss";
import { AccessPage } from "./access.tsx";
import { AdminHomePage } from "./admin-home.tsx";
import { AuditPage } from "./audit.tsx";
import { RolesPage } from "./roles.tsx";
import { UserFormPage } from "./user-form.tsx";
import { UsersPage } from "./users.tsx";

const PAGES: Record<string, { title: string; render: (p: PageProps) => ReactNode }> = {
  "/admin": { title: "Administration", render: (p) => <AdminHomePage {...p} /> },
  "/admin/users": { title: "Users", render: (p) => <UsersPage {...p} /> },
  "/admin/users/new": { title: "Add a user", render: (p) => <UserFormPage {...p} /> },
  "/admin/users/edit": { title: "Change a user", render: (p) => <UserFormPage {...p} /> },
  "/admin/roles": { title: "Roles and purposes", render: (p) => <RolesPage {...p} /> },
  "/admin/access": { title: "Approvals and break-glass", render: (p) => <AccessPage {...p} /> },
  "/admin/audit": { title: "Audit trail", render: (p) => <AuditPage {...p} /> },
};

export const adminArea: Area = {
  nav: [
    {
      path: "/admin",
      label: "Administration",
      show: (me) => can(me, "users:manage") || can(me, "audit:read"),
    },
  ],
  page: (path) => {
    const page = PAGES[path];
    return page ? { title: page.title, scoped: false, render: page.render } : null;
  },
};
