// The synthetic ICS's organisations. Practices, list sizes and localities are real
// (Trafford); the ICB is NHS Greater Manchester; places are Trafford's four localities;
// PCNs are a modelled grouping of each locality's practices (about 30,000+ patients each).
import { SITES } from "./imaging-network.ts";
import type { PracticeRef } from "./reference.ts";

export interface OrgRow {
  readonly code: string;
  readonly name: string;
  readonly type: string;
  readonly parent: string | null;
  readonly listSize: number | null;
}

export const ICB = { code: "QOP", name: "NHS Greater Manchester Integrated Care Board" } as const;
export const LOCAL_AUTHORITY = { code: "E08000009", name: "Trafford Council" } as const;
export const MENTAL_HEALTH_TRUST = {
  code: "RXV",
  name: "Greater Manchester Mental Health NHS Foundation Trust",
} as const;
/** The four acute trusts Trafford residents use; the first also runs Trafford's community services. */
export const ACUTE_TRUSTS = [
  { code: "R0A", name: "Manchester University NHS Foundation Trust" },
  { code: "RM3", name: "Northern Care Alliance NHS Foundation Trust" },
  { code: "RWJ", name: "Stockport NHS Foundation Trust" },
  { code: "RBT", name: "Mid Cheshire Hospitals NHS Foundation Trust" },
] as const;
export const COMMUNITY_PROVIDER = ACUTE_TRUSTS[0];

const PCN_MIN_LIST = 30_000;

export function placeCode(locality: string): string {
  return `TRF-${locality.slice(0, 1).toUpperCase()}`;
}

export interface IcsStructure {
  readonly rows: readonly OrgRow[];
  readonly pcnOfPractice: ReadonlyMap<string, string>;
}

export function buildOrganisations(practices: readonly PracticeRef[]): IcsStructure {
  const rows: OrgRow[] = [{ code: ICB.code, name: ICB.name, type: "icb", parent: null, listSize: null }];
  const pcnOfPractice = new Map<string, string>();
  const localities = [...new Set(practices.map((p) => p.locality))].sort();
  for (const locality of localities) {
    const place = placeCode(locality);
    rows.push({ code: place, name: `Trafford ${locality}`, type: "place", parent: ICB.code, listSize: null });
    const members = practices.filter((p) => p.locality === locality);
    const groups: PracticeRef[][] = [];
    let current: PracticeRef[] = [];
    let size = 0;
    for (const p of members) {
      current.push(p);
      size += p.listSize;
      if (size >= PCN_MIN_LIST) {
        groups.push(current);
        current = [];
        size = 0;
      }
    }
    if (current.length > 0) {
      const last = groups[groups.length - 1];
      if (last && size < PCN_MIN_LIST / 2) last.push(...current);
      else groups.push(current);
    }
    groups.forEach((group, i) => {
      const pcn = `${place}-PCN${i + 1}`;
      rows.push({
        code: pcn,
        name: `Trafford ${locality} PCN ${i + 1}`,
        type: "pcn",
        parent: place,
        listSize: null,
      });
      for (const p of group) {
        pcnOfPractice.set(p.code, pcn);
        rows.push({ code: p.code, name: p.name, type: "practice", parent: pcn, listSize: p.listSize });
      }
    });
  }
  for (const t of ACUTE_TRUSTS) {
    rows.push({ code: t.code, name: t.name, type: "acute_trust", parent: null, listSize: null });
    for (const s of SITES.filter((x) => x.trust === t.code))
      rows.push({ code: s.code, name: s.name, type: "site", parent: t.code, listSize: null });
  }
  rows.push({
    code: MENTAL_HEALTH_TRUST.code,
    name: MENTAL_HEALTH_TRUST.name,
    type: "mental_health_trust",
    parent: null,
    listSize: null,
  });
  rows.push({
    code: LOCAL_AUTHORITY.code,
    name: LOCAL_AUTHORITY.name,
    type: "local_authority",
    parent: null,
    listSize: null,
  });
  return { rows, pcnOfPractice };
}
