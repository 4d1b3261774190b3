// A FHIR R4 collection Bundle (as fhir-export.ts writes it, or another system following the
// same mapping) back into a care plan. Anything the mapping needs and does not find is a
// located FhirImportError a user can act on; resources the mapping does not use are ignored.
import {
  type CareResource,
  type Contained,
  type FhirCarePlan,
  type FhirCareTeam,
  type FhirGoal,
  type FhirTask,
  type Identifier,
  type Organization,
  type Reference,
  SYSTEMS,
} from "./fhir-model.ts";
import {
  type Action,
  type CarePlanContent,
  checkPlan,
  type Goal,
  ORGANISATION_KINDS,
  type Organisation,
  type OrganisationKind,
} from "./plan.ts";

export class FhirImportError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = "FhirImportError";
    this.path = path;
  }
}

export interface ImportedPlan {
  readonly subject: Identifier;
  readonly plan: CarePlanContent;
  readonly status: FhirCarePlan["status"];
}

const itemOf = (ids: readonly Identifier[] | undefined, path: string): string => {
  const v = ids?.find((i) => i.system === SYSTEMS.item)?.value;
  if (!v) throw new FhirImportError(path, `needs an identifier with system ${SYSTEMS.item}`);
  return v;
};

const TASK_STATUS: Readonly<Record<string, Action["status"]>> = {
  requested: "planned",
  accepted: "planned",
  ready: "planned",
  draft: "planned",
  "in-progress": "in-progress",
  completed: "done",
  cancelled: "cancelled",
};

function organisationOf(org: Organization | undefined, path: string): Organisation {
  if (!org) throw new FhirImportError(path, "refers to a contained Organization that is not there");
  const code = org.type
    ?.flatMap((t) => t.coding ?? [])
    .find((c) => c.system === SYSTEMS.organisationKind)?.code;
  const kind: OrganisationKind =
    code && code in ORGANISATION_KINDS ? (code as OrganisationKind) : "community";
  return { kind, name: org.name ?? "" };
}

const contained = (list: readonly Contained[] | undefined, ref: string | undefined) =>
  list?.find((c) => `#${c.id}` === ref);

export function planFromFhir(input: unknown): ImportedPlan {
  const bundle = input as { resourceType?: string; entry?: { fullUrl?: string; resource?: CareResource }[] };
  if (bundle?.resourceType !== "Bundle" || !Array.isArray(bundle.entry))
    throw new FhirImportError("Bundle", "expected a FHIR Bundle with entries");
  const byUrl = new Map<string, CareResource>();
  bundle.entry.forEach((e, i) => {
    if (e.resource) {
      if (e.fullUrl) byUrl.set(e.fullUrl, e.resource);
      byUrl.set(`${e.resource.resourceType}/${e.resource.id}`, e.resource);
    } else throw new FhirImportError(`Bundle.entry[${i}]`, "has no resource");
  });
  const resolve = <T extends CareResource>(
    ref: Reference | undefined,
    type: T["resourceType"],
    path: string,
  ): T => {
    const r = ref?.reference ? byUrl.get(ref.reference) : undefined;
    if (!r || r.resourceType !== type)
      throw new FhirImportError(path, `refers to a ${type} not in the Bundle`);
    return r as T;
  };
  const plans = bundle.entry
    .map((e) => e.resource)
    .filter((r): r is FhirCarePlan => r?.resourceType === "CarePlan");
  if (plans.length !== 1)
    throw new FhirImportError("Bundle", `expected exactly one CarePlan, found ${plans.length}`);
  const cp = plans[0] as FhirCarePlan;
  const subject = cp.subject?.identifier;
  if (!subject?.system || !subject.value)
    throw new FhirImportError("CarePlan.subject", "needs an identifier (an NHS number or Bevan's pseudonym)");

  const problems = (cp.addresses ?? []).map((r, i) => ({
    id: itemOf(r.identifier ? [r.identifier] : [], `CarePlan.addresses[${i}]`),
    text: r.display ?? "",
  }));
  const goalIdByUrl = new Map<string, string>();
  const goals: Goal[] = (cp.goal ?? []).map((ref, i) => {
    const path = `CarePlan.goal[${i}]`;
    const g = resolve<FhirGoal>(ref, "Goal", path);
    const id = itemOf(g.identifier, `${path} Goal.identifier`);
    goalIdByUrl.set(ref.reference ?? "", id);
    const achieved = g.achievementStatus?.coding?.some((c) => c.code === "achieved");
    return {
      id,
      text: g.description?.text ?? "",
      targetDate: g.target?.[0]?.dueDate ?? null,
      status:
        g.lifecycleStatus === "cancelled"
          ? "cancelled"
          : g.lifecycleStatus === "completed" || achieved
            ? "achieved"
            : "active",
      problemIds: (g.addresses ?? []).map((a, j) =>
        itemOf(a.identifier ? [a.identifier] : [], `${path} Goal.addresses[${j}]`),
      ),
    };
  });

  const actions: Action[] = [];
  const contingency: { id: string; trigger: string; response: string }[] = [];
  let nextReview: string | null = null;
  (cp.activity ?? []).forEach((act, i) => {
    const path = `CarePlan.activity[${i}]`;
    if (act.reference) {
      const t = resolve<FhirTask>(act.reference, "Task", path);
      const role = contained(t.contained, t.owner?.reference);
      const org =
        role?.resourceType === "PractitionerRole"
          ? contained(t.contained, role.organization?.reference)
          : undefined;
      actions.push({
        id: itemOf(t.identifier, `${path} Task.identifier`),
        text: t.description ?? "",
        owner:
          (role?.resourceType === "PractitionerRole" ? role.practitioner?.display : undefined) ??
          t.owner?.display ??
          "",
        organisation: organisationOf(
          org?.resourceType === "Organization" ? org : undefined,
          `${path} Task.owner`,
        ),
        due: t.restriction?.period?.end?.slice(0, 10) ?? null,
        status: TASK_STATUS[t.status] ?? "planned",
        goalIds: (t.input ?? [])
          .filter((x) => x.type?.coding?.some((c) => c.system === SYSTEMS.link && c.code === "goal"))
          .map((x, j) => {
            const id = goalIdByUrl.get(x.valueReference?.reference ?? "");
            if (!id)
              throw new FhirImportError(
                `${path} Task.input[${j}]`,
                "refers to a goal the CarePlan does not list",
              );
            return id;
          }),
      });
      return;
    }
    const code = act.detail?.code?.coding?.find((c) => c.system === SYSTEMS.activity)?.code;
    if (code === "contingency")
      contingency.push({
        id: act.id ?? `contingency-${i}`,
        trigger: act.detail?.reasonCode?.[0]?.text ?? "",
        response: act.detail?.description ?? "",
      });
    else if (code === "review") nextReview = act.detail?.scheduledPeriod?.start?.slice(0, 10) ?? null;
  });

  const teams = (cp.careTeam ?? []).map((ref, i) =>
    resolve<FhirCareTeam>(ref, "CareTeam", `CarePlan.careTeam[${i}]`),
  );
  const team = teams.flatMap((ct) =>
    (ct.participant ?? []).map((p, i) => {
      const path = `CareTeam.participant[${i}]`;
      const org = ct.contained?.find((c) => `#${c.id}` === p.onBehalfOf?.reference);
      return {
        id: p.id ?? `member-${i}`,
        name: p.member?.display ?? "",
        role: p.role?.find((r) => r.text !== undefined)?.text ?? "",
        organisation: organisationOf(org, `${path}.onBehalfOf`),
        lead: (p.role ?? []).some((r) =>
          r.coding?.some((c) => c.system === SYSTEMS.teamRole && c.code === "lead"),
        ),
      };
    }),
  );

  const plan: CarePlanContent = {
    whatMatters: cp.description ?? "",
    problems,
    goals,
    actions,
    team,
    contingency,
    nextReview,
  };
  return {
    subject: { system: subject.system, value: subject.value },
    plan: checkPlan(plan),
    status: cp.status,
  };
}
