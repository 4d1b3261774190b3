// The care pages' words: stages, statuses and organisation kinds as a coordinator says them.
export const STATUS_NAMES: Readonly<Record<string, string>> = {
  triage: "Referred: awaiting triage",
  active: "On the pathway",
  monitoring: "Discharged: 3-monthly monitoring",
  closed: "Closed",
};

export const STAGE_SHORT: Readonly<Record<string, string>> = {
  red: "Red (weeks 1–4)",
  amber: "Amber (weeks 5–8)",
  green: "Green (weeks 9–13)",
};

export const ORGANISATION_KINDS: Readonly<Record<string, string>> = {
  gp: "GP practice",
  community: "Community health services",
  "social-care": "Adult social care",
  "mental-health": "Mental health services",
  voluntary: "Voluntary and community sector",
  acute: "Hospital",
  person: "The person and their family",
};

export const RISK_TIERS: Readonly<Record<string, string>> = {
  very_high: "Very high risk",
  high: "High risk",
  moderate: "Moderate risk",
  low: "Low risk",
};

export const SEX: Readonly<Record<string, string>> = { F: "Female", M: "Male", U: "Unknown" };

export const EVENT_NAMES: Readonly<Record<string, string>> = {
  referred: "Referred",
  "re-referred": "Re-referred",
  assigned: "Assigned",
  consent: "Consent recorded",
  checklist: "Checklist",
  stage: "Stage",
  discharged: "Discharged to monitoring",
  "monitoring-contact": "Monitoring contact",
  closed: "Closed",
};

export const fmtDate = (iso: string | null | undefined): string =>
  iso ? new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" }) : "–";

export const fmtDateTime = (iso: string): string =>
  new Date(iso).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });

/** "Female, 78" and the NHS number (or the pseudonym for anyone not identified). */
export function personLabel(p: { nhsNumber: string | null; personId: string; sex: string; age: number }) {
  return {
    id: p.nhsNumber ? `NHS number ${p.nhsNumber}` : `Person ${p.personId}`,
    who: `${SEX[p.sex] ?? p.sex}, ${p.age}`,
  };
}
