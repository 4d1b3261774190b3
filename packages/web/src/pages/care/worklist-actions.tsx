// What a coordinator does with a person on a worklist: add them to the team's caseload (with
// the worklist as the reason), dismiss them with a reason (optionally until a date), or record
// that they were recalled (invited for tests or treatment). Each is audited by the API.
import { ApiError } from "@bevan/client";
import { useState } from "react";
import { api } from "../../api.ts";

export function WorklistRowActions({
  worklistId,
  worklistTitle,
  personId,
}: {
  worklistId: string;
  worklistTitle: string;
  personId: string;
}) {
  const [mode, setMode] = useState<null | "dismissed" | "recalled">(null);
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (what: () => Promise<unknown>, said: string) => {
    setProblem(null);
    try {
      await what();
      setDone(said);
      setMode(null);
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : "That did not work: try again.");
    }
  };
  if (done) return <span data-testid={`row-done-${personId}`}>{done}</span>;
  return (
    <div className="bevan-row-actions">
      {problem && <span className="nhsuk-error-message">{problem}</span>}
      {mode ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim())
              void run(
                () => api.care.worklistAction(worklistId, { personId, action: mode, reason: reason.trim() }),
                mode === "dismissed" ? "Dismissed" : "Recall recorded",
              );
          }}
        >
          <label className="nhsuk-u-visually-hidden" htmlFor={`reason-${personId}`}>
            {mode === "dismissed" ? "Why dismiss" : "What they were invited for"}
          </label>
          <input
            id={`reason-${personId}`}
            className="nhsuk-input nhsuk-input--width-10"
            placeholder={mode === "dismissed" ? "Why" : "Invited for"}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="nhsuk-button nhsuk-button--secondary bevan-small-button">
            {mode === "dismissed" ? "Dismiss" : "Record recall"}
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--reverse bevan-small-button"
            onClick={() => setMode(null)}
          >
            Cancel
          </button>
        </form>
      ) : (
        <>
          <button
            type="button"
            className="nhsuk-button bevan-small-button"
            data-testid={`add-to-caseload-${personId}`}
            onClick={() =>
              void run(
                () =>
                  api.care.refer({
                    personId,
                    reason: `On the worklist "${worklistTitle}"`,
                    source: "worklist",
                    sourceRef: worklistId,
                  }),
                "Added to the caseload",
              )
            }
          >
            Add to caseload<span className="nhsuk-u-visually-hidden">: person {personId}</span>
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary bevan-small-button"
            onClick={() => setMode("dismissed")}
          >
            Dismiss<span className="nhsuk-u-visually-hidden">: person {personId}</span>
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary bevan-small-button"
            onClick={() => setMode("recalled")}
          >
            Recall<span className="nhsuk-u-visually-hidden">: person {personId}</span>
          </button>
        </>
      )}
    </div>
  );
}
