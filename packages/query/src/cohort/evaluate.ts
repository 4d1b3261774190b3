// The reference evaluator: the same IR evaluated person by person over an in-memory
// population. Slow and deliberately plain (no indexes, no cleverness) so it can be read
// against the language reference; property tests hold the SQL compiler to it.
import { ageAt, shiftIso } from "./dates.ts";
import type { CodeSet, CohortDefinition, Criterion, EventsNode, Window } from "./ir.ts";
import type { PersonRecord, Population } from "./population.ts";

interface Person extends PersonRecord {
  readonly age: number;
  readonly registered: boolean;
}

/** The ids of the people in the cohort at `asOf`, ascending. */
export function evaluateCohort(def: CohortDefinition, pop: Population, asOf: string): number[] {
  const members: number[] = [];
  for (const record of pop.persons) {
    if (record.birth_month > asOf) continue;
    const person = atDate(record, pop, asOf);
    if (def.population === "registered" && !person.registered) continue;
    if (holds(def.criteria, person, pop, asOf)) members.push(person.person_id);
  }
  return members.sort((a, b) => a - b);
}

function atDate(r: PersonRecord, pop: Population, asOf: string): Person {
  const died = r.death_date ?? pop.deaths.find((d) => d.person_id === r.person_id)?.death_date ?? null;
  const registered =
    r.registration_start <= asOf &&
    (r.registration_end === null || r.registration_end > asOf) &&
    (died === null || died > asOf);
  return { ...r, age: ageAt(r.birth_month, asOf), registered };
}

function inWindow(date: string, w: Window, asOf: string): boolean {
  if (w.from !== null && !(date > shiftIso(asOf, w.from))) return false;
  return date <= shiftIso(asOf, w.to);
}

function codesOf(set: CodeSet, pop: Population): { system: string | undefined; codes: readonly string[] } {
  if (set.kind === "codes") return { system: set.system, codes: set.codes };
  const list = pop.codelists.find((c) => c.codelist_id === set.id);
  return { system: list?.coding_system, codes: list?.codes ?? [] };
}

function matches(set: CodeSet, pop: Population, row: { coding_system: string; code: string }): boolean {
  const { system, codes } = codesOf(set, pop);
  return row.coding_system === system && codes.includes(row.code);
}

function eventDates(node: EventsNode, p: Person, pop: Population, asOf: string): string[] {
  if (node.source === "gp") {
    return pop.gpEvents
      .filter(
        (e) =>
          e.person_id === p.person_id &&
          matches(node.codes, pop, e) &&
          inWindow(e.event_date, node.window, asOf),
      )
      .map((e) => e.event_date);
  }
  const practices = new Set(
    pop.organisations.filter((o) => o.org_type === "practice").map((o) => o.org_code),
  );
  return pop.medications
    .filter(
      (m) =>
        m.person_id === p.person_id &&
        matches(node.codes, pop, m) &&
        inWindow(m.issue_date, node.window, asOf) &&
        (node.issuedBy === undefined || (node.issuedBy === "primary_care") === practices.has(m.source_org)),
    )
    .map((m) => m.issue_date);
}

function compare(a: number, op: string, b: number): boolean {
  switch (op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "=":
      return a === b;
    default:
      return a !== b;
  }
}

const ORG = { icb: "icb_code", place: "place_code", pcn: "pcn_code", practice: "practice_code" } as const;

function holds(node: Criterion, p: Person, pop: Population, asOf: string): boolean {
  switch (node.kind) {
    case "and":
      return node.of.every((c) => holds(c, p, pop, asOf));
    case "or":
      return node.of.some((c) => holds(c, p, pop, asOf));
    case "not":
      return !holds(node.of, p, pop, asOf);
    case "everyone":
      return true;
    case "age":
      return (node.min === undefined || p.age >= node.min) && (node.max === undefined || p.age <= node.max);
    case "sex":
      return (node.in as readonly string[]).includes(p.sex);
    case "ethnicity":
      return (node.in as readonly string[]).includes(p.ethnicity_group);
    case "lsoa":
      return p.lsoa_code !== null && node.in.includes(p.lsoa_code);
    case "imd": {
      const v = node.scale === "decile" ? p.imd_decile : p.imd_quintile;
      return v !== null && v >= node.min && v <= node.max;
    }
    case "organisation": {
      const v = p[ORG[node.level]];
      return v !== null && node.in.includes(v);
    }
    case "register":
      return pop.registers.some((r) => r.person_id === p.person_id && r.register === node.register);
    case "register_count":
      return (
        pop.registers.filter(
          (r) => r.person_id === p.person_id && (node.registers as readonly string[]).includes(r.register),
        ).length >= node.atLeast
      );
    case "flag":
      return p[node.flag];
    case "events": {
      const dates = eventDates(node, p, pop, asOf).sort();
      const t = node.test;
      if (t.kind === "exists") return dates.length > 0;
      if (t.kind === "count") return dates.length >= t.atLeast;
      const pick = t.kind === "first" ? dates[0] : dates[dates.length - 1];
      return pick !== undefined && inWindow(pick, t.within, asOf);
    }
    case "latest_value": {
      const values = pop.gpEvents.filter(
        (e) =>
          e.person_id === p.person_id &&
          e.value !== null &&
          matches(node.codes, pop, e) &&
          inWindow(e.event_date, node.window, asOf),
      );
      if (values.length === 0) return false;
      const latest = values
        .map((e) => e.event_date)
        .sort()
        .at(-1);
      const onLatest = values.filter((e) => e.event_date === latest).map((e) => e.value as number);
      return compare(Math.max(...onLatest), node.op, node.value);
    }
    case "distinct_medicines": {
      const codes = new Set(
        pop.medications
          .filter(
            (m) =>
              m.person_id === p.person_id &&
              inWindow(m.issue_date, node.window, asOf) &&
              (node.codes === undefined || matches(node.codes, pop, m)),
          )
          .map((m) => m.code),
      );
      return codes.size >= node.atLeast;
    }
    case "hospital_activity": {
      const n =
        node.activity === "ae_attendance"
          ? pop.aeAttendances.filter(
              (a) => a.person_id === p.person_id && inWindow(a.arrival_date, node.window, asOf),
            ).length
          : pop.spells.filter(
              (s) =>
                s.person_id === p.person_id &&
                inWindow(s.admission_date, node.window, asOf) &&
                (node.activity === "any_admission" ||
                  s.admission_method ===
                    (node.activity === "emergency_admission" ? "emergency" : "elective")),
            ).length;
      return n >= node.atLeast;
    }
    case "social_care": {
      const hi = shiftIso(asOf, node.window.to);
      const lo = node.window.from === null ? null : shiftIso(asOf, node.window.from);
      return pop.socialCare.some(
        (s) =>
          s.person_id === p.person_id &&
          (node.services as readonly string[]).includes(s.service_type) &&
          s.start_date <= hi &&
          (lo === null || s.end_date === null || s.end_date > lo),
      );
    }
    case "score":
      return pop.scores.some(
        (s) =>
          s.person_id === p.person_id &&
          s.score === node.score &&
          (node.min === undefined || (s.value !== null && s.value >= node.min)) &&
          (node.max === undefined || (s.value !== null && s.value <= node.max)) &&
          (node.bands === undefined || (s.band !== null && node.bands.includes(s.band))),
      );
    case "saved_cohort":
      throw new Error(`saved cohort ${node.id} v${node.version} must be resolved before evaluation`);
  }
}
