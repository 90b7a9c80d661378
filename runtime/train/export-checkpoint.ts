/**
 * `node runtime/train/export-checkpoint.ts <checkpoint.safetensors> <weights.safetensors>`: the
 * weights inside a training checkpoint (runs/checkpoints/latest.safetensors by default), written
 * in the layout `createShuffleNet`, `npm run eval` and `npm run train -- --init` read. Writing
 * inside models/ needs --force. Exit status: 0 on success, 2 for a mistake in the arguments, 1
 * for a missing or damaged checkpoint or an unwritable output (one line, no stack trace).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildArch } from '../arch.ts';
import { useBackend } from '../backends-node.ts';
import { checkpointWeights } from './checkpoint.ts';
import { FASHION_ARCH } from './fashion.ts';
import { EXPORT_USAGE, parseExportArgs, UsageError } from './train-args.ts';

const MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, '; ');
}

async function main(argv: readonly string[]): Promise<number> {
  let options: ReturnType<typeof parseExportArgs>;
  try {
    options = parseExportArgs(argv, { cwd: process.cwd(), modelsDir: MODELS_DIR });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`export-checkpoint: ${error.message}\n${EXPORT_USAGE}`);
    return 2;
  }
  if (options.command === 'help') {
    console.log(EXPORT_USAGE);
    return 0;
  }
  const { from, to } = options;
  if (!existsSync(from)) {
    console.error(`export-checkpoint: no checkpoint at ${from}; expected a file written by train`);
    return 1;
  }
  await useBackend('wasm');
  let bytes: Uint8Array;
  try {
    bytes = checkpointWeights(from, buildArch(FASHION_ARCH));
  } catch (error) {
    // Parsing the file or matching it to the architecture: all about the checkpoint.
    console.error(`export-checkpoint: ${from}: ${oneLine(error)}`);
    return 1;
  }
  try {
    writeFileSync(to, bytes);
  } catch (error) {
    console.error(`export-checkpoint: cannot write ${to} (${oneLine(error)})`);
    return 1;
  }
  console.log(`wrote ${to} (${bytes.length} bytes)`);
  return 0;
}

// Set exitCode rather than calling process.exit, so a piped stdout is flushed completely.
process.exitCode = await main(process.argv.slice(2));
