// The API's segment labels (@bevan/query, which may not import @bevan/risk) are the ones the
// risk package assigns, in the same order.
import { SEGMENT_LABELS } from "@bevan/query";
import { SEGMENTS } from "@bevan/risk";
import { describe, expect, it } from "vitest";

describe("Bridges to Health segment labels", () => {
  it("match @bevan/risk's segment rules, id for id", () => {
    expect(SEGMENT_LABELS).toEqual(SEGMENTS.map((s) => ({ id: s.id, label: s.label })));
  });
});
