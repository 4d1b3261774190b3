// The criteria tree as a form: groups ("all of", "any of") hold criteria and other groups;
// any criterion can be excluded (NOT), moved or removed; a node the fields cannot show whole
// is edited as JSON in place, so nothing a definition says is ever dropped.
import { useState } from "react";
import {
  appendTo,
  formCovers,
  KINDS,
  kindLabel,
  moveAt,
  type Node,
  type Path,
  pointer,
  removeAt,
  replaceAt,
  toggleNot,
} from "../../lib/cohort-tree.ts";
import { CriterionFields, type EditorContext } from "./criterion-fields.tsx";

export interface TreeProps {
  readonly root: Node;
  readonly onChange: (root: Node) => void;
  readonly ctx: EditorContext;
  /** Problems the API found, by JSON Pointer. */
  readonly issues: ReadonlyMap<string, string>;
}

const idOf = (path: Path) => `c${path.length ? `-${path.join("-")}` : ""}`;

function JsonNode({ id, node, onChange }: { id: string; node: Node; onChange: (n: Node) => void }) {
  const [text, setText] = useState(JSON.stringify(node, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className={`nhsuk-form-group${problem ? " nhsuk-form-group--error" : ""}`}>
      <label className="nhsuk-label" htmlFor={`${id}-json`}>
        This criterion as JSON (the form has no fields for all of it)
      </label>
      {problem && (
        <span className="nhsuk-error-message" id={`${id}-json-error`}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
        </span>
      )}
      <textarea
        className="nhsuk-textarea bevan-json-input"
        id={`${id}-json`}
        rows={Math.min(16, text.split("\n").length + 1)}
        value={text}
        aria-describedby={problem ? `${id}-json-error` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          try {
            const v = JSON.parse(text) as Node;
            if (typeof v !== "object" || v === null || typeof v.kind !== "string")
              throw new Error('a criterion is a JSON object with a "kind"');
            setProblem(null);
            onChange(v);
          } catch (e) {
            setProblem(`Not applied: ${(e as Error).message}`);
          }
        }}
      />
    </div>
  );
}

function AddCriterion({ id, onAdd }: { id: string; onAdd: (n: Node) => void }) {
  const [kind, setKind] = useState("age");
  const groups = [...new Set(KINDS.map((k) => k.group))];
  return (
    <div className="bevan-add">
      <div className="nhsuk-form-group bevan-inline-field">
        <label className="nhsuk-label" htmlFor={`${id}-add`}>
          Add a criterion
        </label>
        <select
          id={`${id}-add`}
          className="nhsuk-select"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
        >
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {KINDS.filter((k) => k.group === g).map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="nhsuk-button nhsuk-button--secondary bevan-small-button"
        onClick={() => onAdd((KINDS.find((k) => k.kind === kind) ?? KINDS[0])?.make() as Node)}
      >
        Add
      </button>
    </div>
  );
}

function Criterion({ path, tree }: { path: Path; tree: TreeProps }) {
  const { root, onChange, ctx, issues } = tree;
  const node = replaceSafe(root, path);
  const id = idOf(path);
  const set = (n: Node) => onChange(replaceAt(root, path, n));
  const excluded = node.kind === "not";
  const inner = excluded ? (node.of as Node) : node;
  const innerPath = excluded ? [...path, 0] : path;
  const problem = issues.get(pointer(root, path)) ?? issues.get(pointer(root, innerPath));
  const isGroup = inner.kind === "and" || inner.kind === "or";
  const inGroup = path.length > 0;
  return (
    <li
      className={`bevan-criterion${excluded ? " bevan-criterion--not" : ""}${problem ? " bevan-criterion--error" : ""}`}
      data-testid={`criterion-${id}`}
    >
      <div className="bevan-criterion__head">
        <h4 className="bevan-criterion__title" id={`${id}-title`}>
          {excluded && <strong className="bevan-not">NOT </strong>}
          {isGroup ? (inner.kind === "and" ? "All of these" : "Any of these") : kindLabel(inner.kind)}
        </h4>
        <div className="bevan-criterion__tools">
          {inGroup && (
            <>
              <button
                type="button"
                className="bevan-link-button"
                onClick={() => set(toggleNot(node))}
                aria-describedby={`${id}-title`}
              >
                {excluded ? "Include instead" : "Exclude (NOT)"}
              </button>
              <button
                type="button"
                className="bevan-link-button"
                onClick={() => onChange(moveAt(root, path, -1))}
                aria-describedby={`${id}-title`}
              >
                Move up
              </button>
              <button
                type="button"
                className="bevan-link-button"
                onClick={() => onChange(moveAt(root, path, 1))}
                aria-describedby={`${id}-title`}
              >
                Move down
              </button>
              <button
                type="button"
                className="bevan-link-button"
                onClick={() => onChange(removeAt(root, path))}
                aria-describedby={`${id}-title`}
              >
                Remove
              </button>
            </>
          )}
        </div>
      </div>
      {problem && (
        <span className="nhsuk-error-message">
          <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
        </span>
      )}
      {isGroup ? (
        <Group path={innerPath} tree={tree} />
      ) : formCovers(inner) ? (
        <CriterionFields
          id={idOf(innerPath)}
          node={inner}
          onChange={(n) => onChange(replaceAt(root, innerPath, n))}
          ctx={ctx}
        />
      ) : (
        <JsonNode
          id={idOf(innerPath)}
          node={inner}
          onChange={(n) => onChange(replaceAt(root, innerPath, n))}
        />
      )}
    </li>
  );
}

/** The node at a path (the tree always has it while it is rendered). */
function replaceSafe(root: Node, path: Path): Node {
  let n: Node = root;
  for (const i of path) n = (n.kind === "not" ? n.of : (n.of as Node[])[i]) as Node;
  return n;
}

function Group({ path, tree }: { path: Path; tree: TreeProps }) {
  const { root, onChange } = tree;
  const group = replaceSafe(root, path);
  const id = idOf(path);
  const of = group.of as Node[];
  return (
    <div className="bevan-group">
      <div className="nhsuk-form-group bevan-inline-field">
        <label className="nhsuk-label" htmlFor={`${id}-combine`}>
          People must meet
        </label>
        <select
          id={`${id}-combine`}
          className="nhsuk-select"
          value={group.kind}
          onChange={(e) => onChange(replaceAt(root, path, { ...group, kind: e.target.value }))}
        >
          <option value="and">all of these (AND)</option>
          <option value="or">any of these (OR)</option>
        </select>
      </div>
      {of.length === 0 ? (
        <p className="nhsuk-body-s">No criteria yet: everyone in the population matches.</p>
      ) : (
        <ol className="bevan-criteria">
          {of.map((_, i) => (
            // The index is the criterion's place in the definition, which is what identifies it.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <Criterion key={i} path={[...path, i]} tree={tree} />
          ))}
        </ol>
      )}
      <AddCriterion id={id} onAdd={(n) => onChange(appendTo(root, path, n))} />
    </div>
  );
}

/** The whole criteria tree: a group at the top, or one criterion (which can be made a group). */
export function CriteriaTree(props: TreeProps) {
  const { root, onChange } = props;
  if (root.kind === "and" || root.kind === "or") return <Group path={[]} tree={props} />;
  return (
    <>
      <ol className="bevan-criteria">
        <Criterion path={[]} tree={props} />
      </ol>
      <AddCriterion
        id="c-root"
        onAdd={(n) => onChange({ kind: "and", of: root.kind === "everyone" ? [n] : [root, n] })}
      />
    </>
  );
}
