/**
 * `npm run fidelity [-- name...]`: the fidelity suite (suite.ts), one line per program and, last,
 * `fidelity: N passed, M failed, K excluded`. Exit status 1 when any program failed or the tools
 * are missing.
 */
import { fidelityPrograms, runFidelity } from './suite.ts';

try {
  const names = process.argv.slice(2);
  const report = await runFidelity({
    ...(names.length ? { only: names } : {}),
    log: (line) => console.log(line),
  });
  console.log(report.summary);
  process.exitCode = report.failed > 0 ? 1 : 0;
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  // None could run: every program to compare counts as failed.
  console.log(`fidelity: 0 passed, ${fidelityPrograms().compared.length} failed, 0 excluded`);
  process.exitCode = 1;
}
