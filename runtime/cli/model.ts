/**
 * Model CLI: `node runtime/cli/model.ts summary v2 --width 1.0` prints the cost table of
 * `runtime/cost.ts` for one configuration; `... export-onnx v2 --width 1.0 -o file.onnx` writes
 * the model as ONNX (runtime/onnx/export.ts). Exit status: 0 on success, 2 when the arguments
 * (or the configuration they describe) are not valid, 1 when a file cannot be read or written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { buildArch } from '../arch.ts';
import type { Arch } from '../arch.ts';
import { costOf, formatCostTable } from '../cost.ts';
import { exportOnnxFrom } from '../onnx/export.ts';
import { randomWeights, readWeights } from '../weights.ts';
import { parseArgs, USAGE, UsageError, type ExportOnnxCommand } from './args.ts';

const HELP_HINT = 'Run `node runtime/cli/model.ts --help` for usage.';

function describe(arch: Arch): string {
  const { version, width, groups, layout, inputShape, numClasses, stem } = arch.config;
  const parts = [
    `ShuffleNet ${version.toUpperCase()} ${width}x`,
    ...(version === 'v1' ? [`g=${groups}`] : []),
    `layout ${layout}`,
    `input ${inputShape.join('x')}`,
    `${numClasses} classes`,
    `stem stride ${stem.convStride}${stem.maxPool ? ' + maxpool' : ', no maxpool'}`,
  ];
  return parts.join(', ');
}

/** Writes the ONNX file; weights from a safetensors file or seeded random ones. */
function exportOnnxFile(command: ExportOnnxCommand, arch: Arch): number {
  try {
    const weights = command.weights
      ? readWeights(arch, new Uint8Array(readFileSync(command.weights)))
      : randomWeights(arch, command.seed);
    const bytes = exportOnnxFrom(arch, weights);
    writeFileSync(command.output, bytes);
    const source = command.weights ?? `random weights, seed ${command.seed}`;
    process.stdout.write(
      `${describe(arch)}\nwrote ${command.output} (${bytes.length} bytes, ONNX opset 13, ${source})\n`,
    );
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`model: export-onnx: ${message}\n`);
    return 1;
  }
}

function main(argv: readonly string[]): number {
  let arch: Arch;
  let command: ReturnType<typeof parseArgs>;
  try {
    command = parseArgs(argv);
    if (command.command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    // buildArch validates against the papers' tables (e.g. V2 width 0.75); its errors are usage
    // errors too, and its messages already name the expected values.
    arch = buildArch(command.options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const prefix = error instanceof UsageError ? 'model: ' : 'model: invalid configuration: ';
    process.stderr.write(`${prefix}${message}\n${HELP_HINT}\n`);
    return 2;
  }
  if (command.command === 'export-onnx') return exportOnnxFile(command, arch);
  process.stdout.write(`${describe(arch)}\n\n${formatCostTable(costOf(arch))}\n`);
  return 0;
}

// Set exitCode rather than calling process.exit, so a piped stdout is flushed completely.
process.exitCode = main(process.argv.slice(2));
