// Contracts: an outcome-based contract evaluated on the data — each network's achievement with
// its interval, the payment earned and the range it should expect from noise alone.
import type { Area } from "../../page.ts";
import { can } from "../../session.tsx";
import { ContractsPage } from "./contracts.tsx";

export const contractsArea: Area = {
  nav: [{ path: "/contracts", label: "Contracts", show: (me) => can(me, "aggregates:read") }],
  page: (path) =>
    path === "/contracts"
      ? { title: "Outcome-based contracts", scoped: false, render: (p) => <ContractsPage {...p} /> }
      : null,
};
