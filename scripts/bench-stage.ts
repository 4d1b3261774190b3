// Runs one pipeline stage in this process and prints its resource use as JSON on the last
// line of stdout, so the benchmark can measure each stage as a whole process.
import { main } from "@bevan/cli";

const started = process.hrtime.bigint();
const code = await main(process.argv.slice(2));
const usage = process.resourceUsage();
process.stdout.write(
  `\n${JSON.stringify({
    code,
    wallSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    peakRssMb: usage.maxRSS / 1024,
  })}\n`,
);
process.exitCode = code;
