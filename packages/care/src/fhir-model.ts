// The FHIR R4 shapes the care plan maps to, and the systems Bevan names its own codes and
// item identifiers with. Only the elements the mapping writes are typed.

/** Canonical base for Bevan's own code systems and identifier systems (example.org: reserved for examples). */
export const FHIR_BASE = "https://bevan.example.org/fhir";
export const SYSTEMS = {
  /** The plan-local id of a problem, goal, action or team member, kept for a lossless round trip. */
  item: `${FHIR_BASE}/Id/care-plan-item`,
  plan: `${FHIR_BASE}/Id/care-plan`,
  activity: `${FHIR_BASE}/CodeSystem/care-plan-activity`,
  link: `${FHIR_BASE}/CodeSystem/care-plan-link`,
  organisationKind: `${FHIR_BASE}/CodeSystem/organisation-kind`,
  teamRole: `${FHIR_BASE}/CodeSystem/care-team-role`,
  nhsNumber: "https://fhir.nhs.uk/Id/nhs-number",
  pseudonym: `${FHIR_BASE}/Id/person-pseudonym`,
  goalAchievement: "http://terminology.hl7.org/CodeSystem/goal-achievement",
  snomed: "http://snomed.info/sct",
} as const;

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
}
export interface Identifier {
  system?: string;
  value?: string;
}
export interface Reference {
  id?: string;
  reference?: string;
  identifier?: Identifier;
  display?: string;
}
export interface Period {
  start?: string;
  end?: string;
}

export interface Organization {
  resourceType: "Organization";
  id: string;
  name: string;
  type: CodeableConcept[];
}
export interface PractitionerRole {
  resourceType: "PractitionerRole";
  id: string;
  practitioner: Reference;
  organization: Reference;
}
export type Contained = Organization | PractitionerRole;

export interface FhirCarePlan {
  resourceType: "CarePlan";
  id: string;
  identifier: Identifier[];
  status: "draft" | "active" | "on-hold" | "revoked" | "completed" | "entered-in-error" | "unknown";
  intent: "plan";
  category: CodeableConcept[];
  title: string;
  description?: string;
  subject: Reference;
  period?: Period;
  created?: string;
  careTeam?: Reference[];
  addresses?: Reference[];
  goal?: Reference[];
  activity?: {
    id?: string;
    reference?: Reference;
    detail?: {
      code?: CodeableConcept;
      reasonCode?: CodeableConcept[];
      status: string;
      scheduledPeriod?: Period;
      description?: string;
    };
  }[];
}

export interface FhirGoal {
  resourceType: "Goal";
  id: string;
  identifier: Identifier[];
  lifecycleStatus: "proposed" | "planned" | "accepted" | "active" | "on-hold" | "completed" | "cancelled";
  achievementStatus?: CodeableConcept;
  description: CodeableConcept;
  subject: Reference;
  target?: { dueDate: string }[];
  addresses?: Reference[];
}

export interface FhirTask {
  resourceType: "Task";
  id: string;
  contained: Contained[];
  identifier: Identifier[];
  basedOn: Reference[];
  status: "requested" | "in-progress" | "completed" | "cancelled";
  intent: "plan";
  description: string;
  for: Reference;
  owner: Reference;
  restriction?: { period: Period };
  input?: { type: CodeableConcept; valueReference: Reference }[];
}

export interface FhirCareTeam {
  resourceType: "CareTeam";
  id: string;
  contained?: Organization[];
  identifier: Identifier[];
  status: "active";
  name: string;
  subject: Reference;
  participant?: {
    id: string;
    role: CodeableConcept[];
    member: Reference;
    onBehalfOf: Reference;
  }[];
}

export type CareResource = FhirCarePlan | FhirGoal | FhirTask | FhirCareTeam;

export interface FhirBundle {
  resourceType: "Bundle";
  id?: string;
  type: "collection";
  timestamp?: string;
  entry: { fullUrl: string; resource: CareResource }[];
}
