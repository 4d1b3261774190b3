// A typed HTTP error that renders itself, and the one error handler: user mistakes get a
// code and an actionable message; anything else is logged by type and reference only and
// answered "internal error, reference X" — never a stack trace, SQL or data.
import { QueryCancelledError } from "@bevan/engine";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";

export interface ErrorIssue {
  readonly path: string;
  readonly message: string;
}

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  /** Located problems (e.g. each invalid node of a cohort definition). */
  readonly issues: readonly ErrorIssue[] | undefined;
  constructor(status: number, code: string, message: string, issues?: readonly ErrorIssue[]) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
  body(): { error: { code: string; message: string; issues?: ErrorIssue[] } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues ? { issues: [...this.issues] } : {}),
      },
    };
  }
}

export const unauthenticated = () =>
  new HttpError(401, "unauthenticated", "sign in first: POST /api/auth/sign-in or GET /api/auth/oidc/start");
export const forbidden = (what: string) =>
  new HttpError(403, "forbidden", `your role does not allow ${what}`);
export const notFound = (what: string) =>
  new HttpError(404, "not_found", `${what} was not found in your scope`);

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof HttpError) return reply.status(error.status).send(error.body());
  // The client hung up and its reads were dropped: nobody will read this answer.
  if (error instanceof QueryCancelledError)
    return reply
      .status(503)
      .send({ error: { code: "cancelled", message: "the request was abandoned by the client" } });
  const e = error as FastifyError;
  if (e.validation) {
    // Validation messages name the parameter and the rule, never echo the value.
    const where = e.validationContext ?? "request";
    const first = e.validation[0];
    const path = first?.instancePath ? first.instancePath.replace(/^\//, "").replaceAll("/", ".") : "";
    const param =
      (first?.params as { missingProperty?: string; additionalProperty?: string } | undefined) ?? {};
    const name = param.missingProperty ?? param.additionalProperty ?? path;
    return reply.status(400).send({
      error: {
        code: "invalid_request",
        message: `invalid ${where}${name ? ` parameter '${name}'` : ""}: ${first?.message ?? "does not match the schema"}; see /api/openapi.json`,
      },
    });
  }
  const status = typeof e.statusCode === "number" ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = typeof e.code === "string" ? e.code.toLowerCase() : "bad_request";
    const message =
      status === 413
        ? "the request body is too large"
        : status === 415
          ? "unsupported content type: send application/json"
          : status === 429
            ? "too many attempts: wait a minute and try again"
            : "the request could not be understood";
    return reply.status(status).send({ error: { code, message } });
  }
  // Messages can quote data, so they are logged only when debugging on synthetic data.
  request.log.error(
    {
      reference: request.id,
      type: e.name,
      ...(process.env.BEVAN_DEBUG ? { detail: e.message, stack: e.stack } : {}),
    },
    "internal error",
  );
  return reply
    .status(500)
    .send({ error: { code: "internal", message: `internal error, reference ${request.id}` } });
}
