/** The sweep's last line, as issue #13 specifies it. */
import { OUTCOMES, type Outcome, type SeedResult } from './compare.ts';

export function counts(results: readonly SeedResult[]): Record<Outcome, number> {
  const c = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of results) c[r.outcome]++;
  return c;
}

export function summaryLine(results: readonly SeedResult[]): string {
  const c = counts(results);
  return (
    `csmith: ${c.agree} agree, ${c.differ} differ, ${c['build-error']} build-error, ` +
    `${c['runtime-error']} runtime-error, ${c.timeout} timeout, ${c.unusable} unusable`
  );
}
