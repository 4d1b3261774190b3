// Synthetic NHS numbers: valid modulus-11 numbers in the 9xx ranges, starting with the
// 999 range NHS England reserves for testing; never numbers issued to real patients.
import { nhsCheckDigit } from "@bevan/domain";

const PER_BLOCK = 900_000; // 100,000 decades of bodies, 9 valid numbers used in each
const DECADES = 100_000;
const SCRAMBLE = 37_813; // coprime with 100,000, so decade scrambling is a bijection

/** The NHS number of the person with this index (0-based). Unique for index < 99 × 900,000. */
export function syntheticNhsNumber(index: number): string {
  const block = 999 - Math.floor(index / PER_BLOCK);
  if (block < 900) throw new Error("the synthetic NHS number range holds at most 89.1 million people");
  const within = index % PER_BLOCK;
  const decade = (Math.floor(within / 9) * SCRAMBLE) % DECADES;
  let slot = within % 9;
  // Of the ten bodies in a decade at most one has no valid check digit: take the slot-th valid one.
  for (let last = 0; last < 10; last++) {
    const body = `${block}${String(decade * 10 + last).padStart(6, "0")}`;
    const check = nhsCheckDigit(body);
    if (check === null) continue;
    if (slot === 0) return `${body}${check}`;
    slot--;
  }
  throw new Error("unreachable: every decade holds at least nine valid NHS numbers");
}
