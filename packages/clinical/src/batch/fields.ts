// Reading typed values out of a batch-calculator row, with errors that name the column.
import { ScoreInputError } from "../scores/score-result.ts";

export type Row = (column: string) => string | undefined;

export function num(row: Row, column: string): number {
  const raw = (row(column) ?? "").trim();
  const n = raw === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(n))
    throw new ScoreInputError(`${column} must be a number${raw === "" ? " (it is empty)" : ""}`);
  return n;
}

export function int(row: Row, column: string): number {
  const n = num(row, column);
  if (!Number.isInteger(n)) throw new ScoreInputError(`${column} must be a whole number`);
  return n;
}

export function flag(row: Row, column: string): boolean {
  const raw = (row(column) ?? "").trim();
  if (raw === "1") return true;
  if (raw === "0") return false;
  throw new ScoreInputError(`${column} must be 0 or 1`);
}

export function sex(row: Row): "female" | "male" {
  const raw = (row("sex") ?? "").trim().toLowerCase();
  if (raw === "female" || raw === "male") return raw;
  throw new ScoreInputError("sex must be female or male");
}

/** `bmi`, or `height_cm` and `weight_kg` when bmi is empty or absent. */
export function bmi(row: Row): number {
  const raw = (row("bmi") ?? "").trim();
  if (raw !== "") return num(row, "bmi");
  if ((row("height_cm") ?? "").trim() === "" && (row("weight_kg") ?? "").trim() === "")
    throw new ScoreInputError("give bmi, or height_cm and weight_kg");
  const h = num(row, "height_cm");
  const w = num(row, "weight_kg");
  if (h < 50 || h > 250) throw new ScoreInputError("height_cm must be 50–250");
  if (w < 20 || w > 350) throw new ScoreInputError("weight_kg must be 20–350");
  return w / (h / 100) ** 2;
}

/** A list of codes or numbers separated by semicolons, spaces or vertical bars. */
export function list(row: Row, column: string): string[] {
  return (row(column) ?? "").split(/[;|\s]+/).filter((s) => s !== "");
}
