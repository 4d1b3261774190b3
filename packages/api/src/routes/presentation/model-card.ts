// The model card beside every risk score: how well the emergency-admission and mortality
// models did when validated out of time, and the groups where calibration is off. Made by
// `bevan model report --save` (the demo runs it) and kept in build_info; a card made for
// other models than the ones the warehouse is scored with is not shown as theirs.
import type { FastifyInstance } from "fastify";
import { type Static, Type } from "typebox";
import { principalOf } from "../../auth/access.ts";
import type { ApiContext } from "../../context.ts";
import { ErrorBody } from "../../schemas.ts";

const Interval = Type.Object({ value: Type.Number(), lower: Type.Number(), upper: Type.Number() });
const CardOutcome = Type.Object({
  outcome: Type.String(),
  predicts: Type.String(),
  auroc: Interval,
  calibrationSlope: Interval,
  observedOverExpected: Type.Number(),
  brier: Type.Number(),
  validationPeople: Type.Number({ description: "To three significant figures." }),
  validationEvents: Type.Number({ description: "To three significant figures." }),
  calibration: Type.Array(Type.Object({ predicted: Type.Number(), observed: Type.Number() })),
  warnings: Type.Array(
    Type.Object({ dimension: Type.String(), group: Type.String(), problem: Type.String() }),
  ),
});
export const ModelCardResponse = Type.Object({
  /** Why there is no card (not scored, not validated, or made for other models); null when there is one. */
  missing: Type.Union([Type.String(), Type.Null()]),
  card: Type.Union([
    Type.Object({
      madeAt: Type.String(),
      method: Type.String(),
      trainingIndexDate: Type.String(),
      validationIndexDate: Type.String(),
      outcomeWindow: Type.String(),
      features: Type.Number(),
      outcomes: Type.Array(CardOutcome),
    }),
    Type.Null(),
  ]),
});
export type ModelCardResponse = Static<typeof ModelCardResponse>;

interface StoredCard extends NonNullable<ModelCardResponse["card"]> {
  readonly forModels?: { readonly admission: string | null; readonly mortality: string | null };
}

export function modelCardRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get(
    "/api/risk/model-card",
    {
      schema: {
        tags: ["analytics"],
        summary:
          "The risk models' card: out-of-time discrimination and calibration, and groups where calibration is off",
        response: { 200: ModelCardResponse, 401: ErrorBody, 403: ErrorBody },
      },
      config: { access: "aggregates:read" },
    },
    async (request) => {
      const sw = ctx.scopedFor(principalOf(request));
      const rows = await sw.aggregate<{ key: string; value: string }>(
        "SELECT key, value FROM build_info WHERE key IN ('model_card', 'admission_model', 'mortality_model')",
      );
      return modelCardFromBuildInfo(Object.fromEntries(rows.map((r) => [r.key, r.value])));
    },
  );
}

/** The card kept in build_info, if it was made for the models the warehouse is scored with. */
export function modelCardFromBuildInfo(
  info: Readonly<Record<string, string | undefined>>,
): ModelCardResponse {
  if (!info.admission_model)
    return { missing: "this warehouse has no risk scores (it was built without the risk step)", card: null };
  if (!info.model_card)
    return {
      missing: "the models have not been validated here yet (bevan model report --db FILE --save)",
      card: null,
    };
  const stored = JSON.parse(info.model_card) as StoredCard;
  if (
    !stored.forModels ||
    stored.forModels.admission !== info.admission_model ||
    stored.forModels.mortality !== (info.mortality_model ?? null)
  )
    return {
      missing:
        "the card was made for earlier models; run bevan model report --db FILE --save after the rebuild",
      card: null,
    };
  const { forModels: _, ...card } = stored;
  return { missing: null, card };
}
