// Finding a Java runtime new enough for Trino (476 needs Java 24 or later; this machine's
// default `java` is 17). Looked for in BEVAN_JAVA_HOME, JAVA_HOME, then /usr/lib/jvm.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const MIN_JAVA = 24;
const JVM_DIR = "/usr/lib/jvm";

export class JavaMissingError extends Error {
  constructor(found: readonly string[]) {
    super(
      `Trino needs Java ${MIN_JAVA} or later and none was found (${found.length ? `looked at ${found.join(", ")}` : `nothing under ${JVM_DIR}`}). ` +
        `Install a JDK ${MIN_JAVA}+ (e.g. Temurin 25 in /usr/lib/jvm/temurin-25-jdk-amd64) or set BEVAN_JAVA_HOME to one.`,
    );
    this.name = "JavaMissingError";
  }
}

/** The major version of the JDK or JRE at `home`, from its `release` file; null if it is none. */
export function javaMajor(home: string): number | null {
  const release = join(home, "release");
  if (!existsSync(release) || !existsSync(join(home, "bin", "java"))) return null;
  const m = /^JAVA_VERSION="(\d+)(?:\.(\d+))?/m.exec(readFileSync(release, "utf8"));
  if (!m) return null;
  // Java 8 and before call themselves 1.x.
  return m[1] === "1" ? Number(m[2]) : Number(m[1]);
}

/** A Java home of version MIN_JAVA or later, or a JavaMissingError saying what was seen. */
export function findJava(env: NodeJS.ProcessEnv = process.env, jvmDir = JVM_DIR): string {
  const seen: string[] = [];
  const candidates = [env.BEVAN_JAVA_HOME, env.JAVA_HOME].filter((h): h is string => !!h);
  const installed = existsSync(jvmDir)
    ? readdirSync(jvmDir)
        .map((n) => join(jvmDir, n))
        .sort()
        .reverse()
    : [];
  for (const home of [...candidates, ...installed]) {
    const major = javaMajor(home);
    if (major !== null && major >= MIN_JAVA) return home;
    seen.push(major === null ? `${home} (no JDK)` : `${home} (Java ${major})`);
  }
  if (env.BEVAN_JAVA_HOME) throw new JavaMissingError(seen.slice(0, 1));
  throw new JavaMissingError(seen);
}
