// The demo caseload (issue 23) for `bevan serve --demo-users`: the demo coordinator's PCN's
// people of highest need (emergency-admission risk, else age) taken onto the caseload at every
// point of the pathway, once, when the application state has no caseload yet.
import { DEMO_CASELOAD_SIZE, seedDemoCaseload } from "@bevan/care";
import { openEngine } from "@bevan/engine";
import { createUser, DEMO_PASSWORD, type Sql } from "@bevan/state";

const MATRON = "demo-matron";

export async function seedCareDemo(db: string, state: Sql, pcn: string): Promise<number> {
  const [{ n } = { n: 0 }] = await state.query<{ n: number }>("SELECT count(*)::int AS n FROM care_episodes");
  if (n > 0) return 0;
  const wh = await openEngine(db, { readOnly: true });
  let people: { person_id: bigint; practice_code: string; org_name: string }[];
  try {
    const risk = await wh.tableExists("person_risk");
    people = await wh.all(
      `SELECT p.person_id, p.practice_code, o.org_name FROM person_asof p
       JOIN organisation o ON o.org_code = p.practice_code
       ${risk ? "LEFT JOIN person_risk r ON r.person_id = p.person_id" : ""}
       WHERE p.registered AND p.pcn_code = $pcn AND p.age >= 50
       ORDER BY ${risk ? "r.admission_risk DESC NULLS LAST," : ""} p.age DESC, p.person_id LIMIT ${DEMO_CASELOAD_SIZE}`,
      { pcn },
    );
  } finally {
    wh.close();
  }
  const users = await state.query<{ id: string; display_name: string }>(
    "SELECT id, display_name FROM users WHERE username = 'demo-coordinator'",
  );
  const lead = users[0];
  if (!lead) return 0;
  const matron = await state.query<{ id: string }>("SELECT id FROM users WHERE username = $1", [MATRON]);
  const matronId =
    matron[0]?.id ??
    (await createUser(state, {
      username: MATRON,
      displayName: "Demo community matron",
      role: "care_coordinator",
      scopes: [{ level: "pcn", code: pcn }],
      password: DEMO_PASSWORD,
      isDemo: true,
    }));
  return seedDemoCaseload(state, {
    people: people.map((p) => ({
      personId: String(p.person_id),
      practiceCode: p.practice_code,
      practiceName: p.org_name,
    })),
    coordinators: [
      { id: lead.id, name: lead.display_name },
      { id: matronId, name: "Demo community matron" },
    ],
  });
}
