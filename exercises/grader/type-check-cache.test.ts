import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { typeCheckInWorker } from './node-runner.ts';
import { readTypeErrors, typeCheckKey, writeTypeErrors } from './type-check-cache.ts';

const ID = 'shufflenet/02-channel-shuffle';
const FILE = 'channel-shuffle.ts';
const SOLUTION = readFileSync(
  new URL(`../shufflenet/02-channel-shuffle/solution/${FILE}`, import.meta.url),
  'utf8',
);

describe('type-check cache', () => {
  it('keys a request by its files: same files, same key; any change, another key', () => {
    const key = typeCheckKey({ exerciseId: ID, files: { [FILE]: SOLUTION } });
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(typeCheckKey({ exerciseId: ID, files: { [FILE]: SOLUTION } })).toBe(key);
    expect(typeCheckKey({ exerciseId: ID, files: { [FILE]: SOLUTION + ' ' } })).not.toBe(key);
    expect(typeCheckKey({ exerciseId: ID, files: { 'other.ts': SOLUTION } })).not.toBe(key);
    expect(typeCheckKey({ exerciseId: 'no/such-exercise', files: { [FILE]: SOLUTION } })).toBe(
      undefined,
    );
  });

  it('keeps what a real check found, and answers from it the next time', async () => {
    // A fresh comment makes a key no earlier run has used, so this run checks for real.
    const source = `${SOLUTION}\nconst broken: number = 'text'; // ${Date.now()} ${Math.random()}\n`;
    const request = { exerciseId: ID, files: { [FILE]: source } };
    const key = typeCheckKey(request)!;
    expect(readTypeErrors(key)).toBeUndefined();
    const errors = await typeCheckInWorker(request);
    expect(errors.map((e) => e.message).join('\n')).toMatch(/not assignable to type 'number'/);
    expect(readTypeErrors(key)).toEqual(errors);

    // What is kept is what is answered: an entry written under the key comes back unchanged.
    const kept = [{ file: FILE, line: 3, column: 7, message: 'kept (TS0000)' }];
    writeTypeErrors(key, kept);
    expect(await typeCheckInWorker(request)).toEqual(kept);
  });
});
