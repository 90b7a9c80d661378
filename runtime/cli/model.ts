/**
 * Model summary CLI: `node runtime/cli/model.ts summary v2 --width 1.0`.
 *
 * Prints the cost table of `runtime/cost.ts` for one configuration. Exit status: 0 on success,
 * 2 when the arguments (or the configuration they describe) are not valid.
 */
import { buildArch } from '../arch.ts';
import type { Arch } from '../arch.ts';
import { costOf, formatCostTable } from '../cost.ts';
import { parseArgs, USAGE, UsageError } from './args.ts';

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

function main(argv: readonly string[]): number {
  let arch: Arch;
  try {
    const command = parseArgs(argv);
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
  process.stdout.write(`${describe(arch)}\n\n${formatCostTable(costOf(arch))}\n`);
  return 0;
}

// Set exitCode rather than calling process.exit, so a piped stdout is flushed completely.
process.exitCode = main(process.argv.slice(2));
