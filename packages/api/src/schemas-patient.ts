// The patient view's snapshot details (part of GET /api/patients/:personId).
import { Type } from "typebox";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const PatientDetailsSchema = Type.Object({
  latestValues: Type.Array(
    Type.Object({
      code: Type.String(),
      term: Nullable(Type.String()),
      value: Type.Number(),
      unit: Nullable(Type.String()),
      date: Type.String(),
    }),
  ),
  medicines: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      lastIssued: Type.String(),
      issues12m: Type.Number(),
    }),
  ),
  risk: Nullable(
    Type.Object({
      admissionRisk: Type.Number(),
      tier: Type.String(),
      tierLabel: Type.String(),
      mortalityRisk: Type.Number(),
      segment: Type.String(),
      segmentLabel: Type.String(),
      endOfLifeCandidate: Type.Boolean(),
      factors: Type.Array(
        Type.Object({
          model: Type.String(),
          rank: Type.Number(),
          feature: Type.String(),
          /** The factor in words. */
          label: Type.String(),
          contribution: Type.Number(),
        }),
      ),
    }),
  ),
  frailty: Nullable(
    Type.Object({
      efi: Nullable(Type.Number()),
      efiBand: Nullable(Type.String()),
      hfrs: Nullable(Type.Number()),
      hfrsBand: Nullable(Type.String()),
      conditionCount: Type.Number(),
    }),
  ),
  careGaps: Type.Array(Type.String()),
  safetyAudits: Type.Array(
    Type.Object({ audit: Type.String(), title: Type.String(), detail: Type.String() }),
  ),
});
