// Variation: practices compared on a funnel plot.
import type { Area } from "../../page.ts";
import { can } from "../../session.tsx";
import { VariationPage } from "./variation.tsx";

export const variationArea: Area = {
  nav: [{ path: "/variation", label: "Variation", show: (me) => can(me, "aggregates:read") }],
  page: (path) =>
    path === "/variation"
      ? { title: "Variation", scoped: true, render: (p) => <VariationPage {...p} /> }
      : null,
};
