// Loads data for a view: loading, error and loaded states, re-run when the inputs change,
// stale answers ignored. When every loader on the page has settled it marks
// `bevan:data-ready` (the browser benchmark reads it) and sets `data-bevan-ready` on <html>
// (print-to-PDF waits for it).
import { useEffect, useState } from "react";

export type Loaded<T> =
  | { readonly state: "loading" }
  | { readonly state: "error"; readonly error: unknown }
  | { readonly state: "ok"; readonly data: T };

let pending = 0;
const expose = () => {
  (window as unknown as { bevanPending: number }).bevanPending = pending;
  // Print-to-PDF waits for this attribute (html[data-bevan-ready]).
  if (pending > 0) delete document.documentElement.dataset.bevanReady;
};

function settled(): void {
  pending -= 1;
  expose();
  // Marked at the first frame that shows the data (React may take a frame or two to render
  // it); a page whose loaders start later marks again.
  if (pending === 0) requestAnimationFrame(markWhenShown);
}

function markWhenShown(): void {
  if (pending !== 0) return;
  if (document.querySelector(".bevan-loading")) requestAnimationFrame(markWhenShown);
  else {
    performance.mark("bevan:data-ready");
    document.documentElement.dataset.bevanReady = "1";
  }
}

export function useData<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: "loading" });
  useEffect(() => {
    let live = true;
    pending += 1;
    expose();
    setResult({ state: "loading" });
    load().then(
      (data) => {
        if (live) setResult({ state: "ok", data });
        settled();
      },
      (error: unknown) => {
        if (live) setResult({ state: "error", error });
        settled();
      },
    );
    return () => {
      live = false;
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on
  }, deps);
  return result;
}
