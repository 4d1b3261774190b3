// Quantiles against reference values from R (qnorm/qchisq/qt) as reproduced by SciPy 1.17
// (stats.norm/chi2/t.ppf); relative tolerance 1e-10.
import { describe, expect, it } from "vitest";
import {
  betaCdf,
  betaQuantile,
  chiSquareQuantile,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from "../src/index.ts";
import { close } from "./vectors.ts";

const REL = 1e-10;

describe("distribution functions", () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
    [0.9995, 3.2905267314918945],
    [0.5, 0],
    [1e-10, -6.361340902404056],
  ])("normalQuantile(%f)", (p, z) => {
    expect(close(normalQuantile(p), z, REL, 1e-15)).toBe(true);
  });

  it("normalCdf inverts normalQuantile and matches pnorm in the tail", () => {
    expect(close(normalCdf(1.96), 0.9750021048517795, REL)).toBe(true);
    expect(close(normalCdf(-5), 2.866515718791939e-7, 1e-9)).toBe(true);
  });

  it.each([
    [0.025, 2, 0.05063561596857975],
    [0.975, 4, 11.143286781877793],
    [0.999, 2000, 2201.156196586629],
    [0.001, 2800, 2574.435600783298],
    [0.999, 2802, 3039.0452070153265],
  ])("chiSquareQuantile(%f, %i)", (p, df, x) => {
    expect(close(chiSquareQuantile(p, df), x, REL)).toBe(true);
  });

  it.each([
    [0.975, 7, 2.364624251592784],
    [0.999, 17, 3.6457673800784094],
    [0.9995, 3, 12.923978636687961],
    [0.975, 1, 12.706204736174694],
    [0.025, 100000, -1.95998770753461],
  ])("studentTQuantile(%f, %i)", (p, df, t) => {
    expect(close(studentTQuantile(p, df), t, REL)).toBe(true);
  });

  it("studentTCdf(2.3646..., 7) = 0.975", () => {
    expect(close(studentTCdf(2.364624251592784, 7), 0.975, REL)).toBe(true);
  });

  // SciPy 1.17 stats.beta.ppf.
  it.each([
    [0.1, 2, 5, 0.09259525891312873],
    [0.9, 2, 5, 0.5103163065514917],
    [0.5, 0.5, 0.5, 0.5],
    [0.01, 30, 70, 0.2004461702770203],
    [0.99, 30, 70, 0.41125178070516255],
    [0.1, 1, 1, 0.1],
    [0.975, 8, 2, 0.9718550265221018],
  ])("betaQuantile(%f, %f, %f)", (p, a, b, x) => {
    expect(close(betaQuantile(p, a, b), x, 1e-9, 1e-14)).toBe(true);
    expect(close(betaCdf(x, a, b), p, 1e-9, 1e-14)).toBe(true);
  });
});
