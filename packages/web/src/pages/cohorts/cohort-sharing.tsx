// Who a saved cohort belongs to and who else sees it. Its owner chooses: only me (private),
// named colleagues (each viewing, or also saving versions), or everyone whose area overlaps
// mine (read-only). Anyone else is told whose it is and what they may do with it. The API
// decides and audits; this form only asks.
import type { CohortSummary } from "@bevan/client";
import { type FormEvent, useState } from "react";
import { api } from "../../api.ts";
import { errorMessage } from "../../components/states.tsx";
import { useData } from "../../use-data.ts";
import "./cohort-sharing.scss";

type Sharing = CohortSummary["sharing"];

const SHARING_LABELS: Record<Sharing, string> = {
  private: "Only me",
  team: "Colleagues I name",
  scope: "Everyone in my area",
};

/** One line saying who sees the cohort, for the saved cohorts table. */
export function sharingText(c: CohortSummary): string {
  if (c.sharing === "private") return c.mine ? "Only you" : "Private";
  if (c.sharing === "scope") return "Everyone in the area (view)";
  const n = c.team.length;
  return `${n} ${n === 1 ? "colleague" : "colleagues"}`;
}

function savedText(c: CohortSummary): string {
  if (c.sharing === "private") return "Saved: only you can see it.";
  if (c.sharing === "scope") return "Saved: everyone in your area can view it; only you can change it.";
  const editors = c.team.filter((m) => m.canEdit).length;
  return `Saved: ${sharingText(c)} can see it${editors > 0 ? `, ${editors} of them can save versions` : ""}.`;
}

export function CohortSharing({ cohort, onChanged }: { cohort: CohortSummary; onChanged: () => void }) {
  if (!cohort.mine)
    return (
      <section className="bevan-sharing" aria-labelledby="sharing-heading">
        <h2 id="sharing-heading">Who sees this cohort</h2>
        <p>
          {cohort.owner.displayName}'s cohort,{" "}
          {cohort.sharing === "scope"
            ? "shared with everyone in their area to view."
            : cohort.canEdit
              ? "shared with you to view and to save new versions."
              : "shared with you to view."}{" "}
          {cohort.canEdit
            ? "Versions you save are theirs too."
            : "To change it, save it as a cohort of your own."}
        </p>
      </section>
    );
  return <SharingForm cohort={cohort} onChanged={onChanged} />;
}

function SharingForm({ cohort, onChanged }: { cohort: CohortSummary; onChanged: () => void }) {
  const candidates = useData(() => api.shareCandidates(), []);
  const [sharing, setSharing] = useState<Sharing>(cohort.sharing);
  const [team, setTeam] = useState<Map<string, boolean>>(
    () => new Map(cohort.team.map((m) => [m.username, m.canEdit])),
  );
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const people = candidates.state === "ok" ? candidates.data.users : [];
  const toggle = (username: string, on: boolean) =>
    setTeam((t) => {
      const next = new Map(t);
      if (on) next.set(username, next.get(username) ?? false);
      else next.delete(username);
      return next;
    });
  const setEdit = (username: string, canEdit: boolean) => setTeam((t) => new Map(t).set(username, canEdit));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (sharing === "team" && team.size === 0) {
      setMessage({ ok: false, text: "Choose at least one colleague, or keep it to yourself." });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const r = await api.shareCohort(
        cohort.id,
        sharing,
        [...team].map(([username, canEdit]) => ({ username, canEdit })),
      );
      setMessage({ ok: true, text: savedText(r.cohort) });
      onChanged();
    } catch (err) {
      setMessage({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="bevan-sharing" aria-labelledby="sharing-heading" onSubmit={submit} noValidate>
      <h2 id="sharing-heading">Who sees this cohort</h2>
      <div className="nhsuk-form-group">
        <fieldset className="nhsuk-fieldset" aria-describedby="sharing-hint">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Share with</legend>
          <div className="nhsuk-hint" id="sharing-hint">
            Only you can change who sees it. People see it within their own area's data; each change is
            recorded in the audit trail.
          </div>
          <div className="nhsuk-radios">
            {(["private", "team", "scope"] as const).map((s) => (
              <div key={s} className="nhsuk-radios__item">
                <input
                  className="nhsuk-radios__input"
                  id={`sharing-${s}`}
                  name="sharing"
                  type="radio"
                  checked={sharing === s}
                  onChange={() => setSharing(s)}
                />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={`sharing-${s}`}>
                  {SHARING_LABELS[s]}
                </label>
                {s === "scope" && (
                  <div className="nhsuk-hint nhsuk-radios__hint">
                    Anyone whose area overlaps yours can view it; only you can change it.
                  </div>
                )}
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      {sharing === "team" && (
        <div className="nhsuk-form-group">
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Colleagues</legend>
            {candidates.state === "loading" && <p>Loading colleagues…</p>}
            {candidates.state === "error" && (
              <p>Colleagues could not be loaded: {errorMessage(candidates.error)}</p>
            )}
            {candidates.state === "ok" && people.length === 0 && (
              <p>Nobody else who works with cohorts in your area has an account yet.</p>
            )}
            <ul className="nhsuk-list bevan-team-list">
              {people.map((p) => {
                const on = team.has(p.username);
                return (
                  <li key={p.username}>
                    <div className="nhsuk-checkboxes__item">
                      <input
                        className="nhsuk-checkboxes__input"
                        id={`share-${p.username}`}
                        type="checkbox"
                        checked={on}
                        onChange={(e) => toggle(p.username, e.target.checked)}
                      />
                      <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`share-${p.username}`}>
                        {p.displayName} <span className="bevan-sharing__role">({p.role})</span>
                      </label>
                    </div>
                    {on && p.canEdit && (
                      <div className="nhsuk-checkboxes__item bevan-team-edit">
                        <input
                          className="nhsuk-checkboxes__input"
                          id={`share-edit-${p.username}`}
                          type="checkbox"
                          checked={team.get(p.username) === true}
                          onChange={(e) => setEdit(p.username, e.target.checked)}
                        />
                        <label
                          className="nhsuk-label nhsuk-checkboxes__label"
                          htmlFor={`share-edit-${p.username}`}
                        >
                          {p.displayName} may also save new versions
                        </label>
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        </div>
      )}
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={busy}>
        Save who sees it
      </button>
      <div role="status">
        {message && (
          <p className={message.ok ? "bevan-sharing__done" : "nhsuk-error-message"}>{message.text}</p>
        )}
      </div>
    </form>
  );
}
