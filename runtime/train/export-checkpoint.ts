/**
 * `node runtime/train/export-checkpoint.ts <checkpoint.safetensors> <weights.safetensors>`: the
 * weights inside a training checkpoint (models/checkpoints/.../latest.safetensors), written in
 * the layout `createShuffleNet`, `npm run eval` and `npm run train -- --init` read.
 */
import { writeFileSync } from 'node:fs';
import { buildArch } from '../arch.ts';
import { useBackend } from '../backends-node.ts';
import { checkpointWeights } from './checkpoint.ts';
import { FASHION_ARCH } from './fashion.ts';

const [from, to] = process.argv.slice(2);
if (!from || !to) {
  console.error('usage: node runtime/train/export-checkpoint.ts <checkpoint> <weights out>');
  process.exit(2);
}
await useBackend('wasm');
const bytes = checkpointWeights(from, buildArch(FASHION_ARCH));
writeFileSync(to, bytes);
console.log(`wrote ${to} (${bytes.length} bytes)`);
