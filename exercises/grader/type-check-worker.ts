/**
 * Worker-thread entry of the type check (type-check.ts): loads the TypeScript compiler at once,
 * answers one request with its type errors, and ends. A thread of its own lets the compiler load
 * and check while the grading worker runs the checks and the CLI loads, instead of after them.
 */
import { parentPort } from 'node:worker_threads';
import type { TypeCheckRequest } from './type-check.ts';

const modules = Promise.all([import('typescript'), import('./type-check.ts')]);

parentPort!.once('message', (request: TypeCheckRequest) => {
  void modules.then(([ts, { typeCheck }]) => {
    parentPort!.postMessage(typeCheck(ts.default, request));
  });
});
