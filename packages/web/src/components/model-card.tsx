// The model card beside a risk score: opened on demand (the page does not wait for it), it
// says how the models were validated, how well they discriminate and calibrate, and for which
// groups calibration is off, in words an analyst or clinician can weigh.
import type { ModelCardResponse } from "@bevan/client";
import { useState } from "react";
import { api } from "../api.ts";
import { inHundred } from "../lib/labels.ts";
import { useData } from "../use-data.ts";
import { Async } from "./states.tsx";

type Card = NonNullable<ModelCardResponse["card"]>;
type Outcome = Card["outcomes"][number];

const f2 = (x: number) => x.toFixed(2);
const int = (n: number) => n.toLocaleString("en-GB");

/** AUROC in words: how often the model ranks a person who had the outcome above one who did not. */
function discrimination(o: Outcome): string {
  const a = o.auroc.value;
  const word = a >= 0.8 ? "good" : a >= 0.7 ? "fair" : "weak";
  return `${word}: AUROC ${f2(a)} (95% CI ${f2(o.auroc.lower)}–${f2(o.auroc.upper)}) — it ranks a person who went on to have ${o.predicts.replace(/ in the next 12 months$/, "")} above one who did not ${Math.round(100 * a)} times in 100`;
}

function calibrationWords(o: Outcome): string {
  const s = o.calibrationSlope;
  const oe = o.observedOverExpected;
  const slope =
    s.lower <= 1 && s.upper >= 1
      ? "the spread of risks is right"
      : s.value < 1
        ? "risks are too extreme (high ones too high, low ones too low)"
        : "risks are too modest";
  const level =
    Math.abs(oe - 1) < 0.1
      ? "on average it predicts about as many as happen"
      : oe < 1
        ? `it predicts about ${Math.round(100 * (1 / oe - 1))}% more than happen`
        : `it predicts about ${Math.round(100 * (1 - 1 / oe))}% fewer than happen`;
  return `slope ${f2(s.value)} (95% CI ${f2(s.lower)}–${f2(s.upper)}): ${slope}; ${level}`;
}

function OutcomeCard({ o }: { o: Outcome }) {
  const top = o.calibration.at(-1);
  return (
    <div className="bevan-model-card__outcome">
      <h4 className="nhsuk-heading-xs">Risk of {o.predicts}</h4>
      <dl className="nhsuk-summary-list bevan-summary-compact">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Discrimination</dt>
          <dd className="nhsuk-summary-list__value">{discrimination(o)}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Calibration</dt>
          <dd className="nhsuk-summary-list__value">
            {calibrationWords(o)}
            {top
              ? `. In the tenth with the highest predictions, ${inHundred(top.predicted)} were predicted and ${inHundred(top.observed)} had it.`
              : ""}
          </dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Tested on</dt>
          <dd className="nhsuk-summary-list__value">
            about {int(o.validationPeople)} people, of whom about {int(o.validationEvents)} had the outcome
          </dd>
        </div>
      </dl>
      {o.warnings.length > 0 ? (
        <div className="nhsuk-warning-callout bevan-model-card__warnings">
          <h5 className="nhsuk-warning-callout__label">
            <span>
              <span className="nhsuk-u-visually-hidden">Important: </span>Fairness: calibration is off for
            </span>
          </h5>
          <ul className="nhsuk-list nhsuk-list--bullet">
            {o.warnings.map((w) => (
              <li key={`${w.dimension}-${w.group}`}>
                {w.dimension} {w.group}: {w.problem}
              </li>
            ))}
          </ul>
          <p className="nhsuk-body-s">Weigh a score for someone in these groups with care.</p>
        </div>
      ) : (
        <p className="nhsuk-body-s">No group's calibration is flagged.</p>
      )}
    </div>
  );
}

function CardBody() {
  const card = useData(() => api.modelCard(), []);
  return (
    <Async data={card} what="the model card">
      {(r) =>
        r.card === null ? (
          <p>No model card: {r.missing}.</p>
        ) : (
          <div data-testid="model-card">
            <p className="nhsuk-body-s">
              {r.card.method} Trained on outcomes after {r.card.trainingIndexDate}; tested on people as they
              were on {r.card.validationIndexDate} and what happened in the {r.card.outcomeWindow}.{" "}
              {r.card.features} factors. A score is a probability for people like this person, not a
              prediction for them alone.
            </p>
            {r.card.outcomes.map((o) => (
              <OutcomeCard key={o.outcome} o={o} />
            ))}
          </div>
        )
      }
    </Async>
  );
}

/** "About these risk scores": the model card, loaded when opened. */
export function ModelCardLink() {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="nhsuk-details bevan-model-card"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">About these risk scores (model card)</span>
      </summary>
      <div className="nhsuk-details__text">{open ? <CardBody /> : null}</div>
    </details>
  );
}
