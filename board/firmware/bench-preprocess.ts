/**
 * Preprocessor speed: milliseconds of CPU for a 2,000-line, 330-macro file, best of 5 after a
 * warm-up. Run with `node board/firmware/bench-preprocess.ts`.
 */
import { macroHeavySource } from './macro-heavy-source.ts';
import { preprocess } from './preprocess.ts';
import { createVfs } from './vfs.ts';

const vfs = createVfs({ 'main.c': macroHeavySource() });
for (let k = 0; k < 3; k++) preprocess(vfs, 'main.c');
let best = Infinity;
for (let k = 0; k < 5; k++) {
  // CPU time rather than wall time, so other work on a shared machine does not decide.
  const before = process.cpuUsage();
  preprocess(vfs, 'main.c');
  const used = process.cpuUsage(before);
  best = Math.min(best, (used.user + used.system) / 1000);
}
console.log(`preprocess: 2000 lines, 330 macros: ${best.toFixed(1)} ms CPU (best of 5)`);
