// A server on the shared 20,000-person warehouse with in-memory PGlite state, the
// re-identification store written at ingest, and one user per role scoped to place A, so that "out of scope"
// means a practice and its patients in place B.
import { Warehouse } from "@bevan/engine";
import { openReidentification, reidentificationPath } from "@bevan/ingest";
import { createUser, openState, type SqlClient } from "@bevan/state";
import { createServer } from "../src/server.ts";

export const ROLES = [
  "ics_analyst",
  "commissioner",
  "clinician",
  "care_coordinator",
  "administrator",
] as const;
export type RoleCode = (typeof ROLES)[number];
export const PASSWORD = "correct horse battery staple";

export interface Subjects {
  readonly placeIn: string;
  readonly pcnIn: string;
  readonly practiceIn: string;
  readonly practiceOut: string;
  /** Registered at practiceIn, on the HYP register. */
  readonly patientIn: string;
  /** Registered at practiceOut, on the HYP register. */
  readonly patientOut: string;
}

export async function findSubjects(db: string): Promise<Subjects> {
  const wh = await Warehouse.open(db, { readOnly: true });
  try {
    const practices = await wh.all<{
      practice_code: string;
      pcn_code: string;
      place_code: string;
      n: bigint;
    }>(
      `SELECT p.practice_code, p.pcn_code, p.place_code, count(*) AS n FROM person_asof p JOIN register r USING (person_id)
       WHERE p.registered AND r.register = 'HYP' GROUP BY 1, 2, 3 ORDER BY n DESC, 1`,
    );
    const a = practices[0];
    const b = practices.find((p) => p.place_code !== a?.place_code);
    if (!a || !b) throw new Error("test warehouse needs two places");
    const patient = async (practice: string) =>
      String(
        (
          await wh.one<{ person_id: bigint }>(
            `SELECT min(p.person_id) AS person_id FROM person_asof p JOIN register r USING (person_id)
             WHERE p.registered AND r.register = 'HYP' AND p.practice_code = $practice`,
            { practice },
          )
        ).person_id,
      );
    return {
      placeIn: a.place_code,
      pcnIn: a.pcn_code,
      practiceIn: a.practice_code,
      practiceOut: b.practice_code,
      patientIn: await patient(a.practice_code),
      patientOut: await patient(b.practice_code),
    };
  } finally {
    wh.close();
  }
}

export async function startApi(
  demo: { db: string; extract: string; keyFile: string },
  extra: { signInMax?: number; webRoot?: string; engine?: string } = {},
) {
  const subjects = await findSubjects(demo.db);
  const state: SqlClient = await openState({ kind: "pglite" });
  const scopeFor: Record<RoleCode, { level: "place" | "pcn" | "practice"; code: string }[]> = {
    ics_analyst: [{ level: "place", code: subjects.placeIn }],
    commissioner: [{ level: "place", code: subjects.placeIn }],
    clinician: [{ level: "practice", code: subjects.practiceIn }],
    care_coordinator: [{ level: "pcn", code: subjects.pcnIn }],
    administrator: [],
  };
  for (const role of ROLES)
    await createUser(state, {
      username: role,
      displayName: role,
      role,
      scopes: scopeFor[role],
      password: PASSWORD,
    });
  const reidentification = await openReidentification(reidentificationPath(demo.db));
  const server = await createServer({
    // A Trino schema built from the same warehouse (the scale-out suite), else the file.
    db: extra.engine ?? demo.db,
    state,
    reidentification,
    localSignIn: true,
    logger: process.env.BEVAN_DEBUG === "1",
    signInLimit: { max: extra.signInMax ?? 1000, windowMs: 60_000 },
    webRoot: extra.webRoot ?? null,
  });
  const signIn = async (username: string) => {
    const res = await server.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { username, password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    return { cookie, csrf: res.json().csrfToken as string };
  };
  return {
    app: server.app,
    state,
    subjects,
    signIn,
    async close() {
      await server.close();
      await state.close();
      reidentification.close();
    },
  };
}
