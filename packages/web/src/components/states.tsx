// Loading, empty and error states: every view shows one of these rather than a blank area.
import type { ReactNode } from "react";
import { ApiError } from "../api.ts";
import type { Loaded } from "../use-data.ts";

export function Loading({ what }: { what: string }) {
  return (
    <p className="bevan-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <div className="nhsuk-inset-text bevan-empty">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>{children}</p>
    </div>
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "Your session has ended. Sign in again.";
    // The query budget's refusals explain themselves (what to change), unlike a missing permission.
    if (error.code === "too_close_to_earlier_query" || error.code === "query_budget_exceeded")
      return `${error.message[0]?.toUpperCase() ?? ""}${error.message.slice(1)}.`;
    if (error.status === 403) return `You do not have access to this: ${error.message}.`;
    if (error.status === 404)
      return `Not found: ${error.message}. It may be outside your scope (the scope selector above shows what you can see).`;
    return error.message;
  }
  return "The page could not reach the Bevan server. Check that it is running, then reload the page.";
}

export function ErrorState({ what, error }: { what: string; error: unknown }) {
  return (
    <div className="nhsuk-error-summary" role="alert" tabIndex={-1}>
      <h2 className="nhsuk-error-summary__title">Could not load {what}</h2>
      <div className="nhsuk-error-summary__body">
        <p>{errorMessage(error)}</p>
      </div>
    </div>
  );
}

/** Renders `children(data)` once loaded, or the loading or error state. */
export function Async<T>({
  data,
  what,
  children,
}: {
  data: Loaded<T>;
  what: string;
  children: (value: T) => ReactNode;
}) {
  if (data.state === "loading") return <Loading what={what} />;
  if (data.state === "error") return <ErrorState what={what} error={data.error} />;
  return <>{children(data.data)}</>;
}
