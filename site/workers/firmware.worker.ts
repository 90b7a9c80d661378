/**
 * Builds and runs learners' firmware on the simulated Zynq, off the page's main thread: a
 * runaway program can only use up this worker, which the page terminates at its time limit.
 */
import runtimeWasm from 'web-tree-sitter/web-tree-sitter.wasm?url';
import grammarWasm from 'tree-sitter-c/tree-sitter-c.wasm?url';
import { loadCParser } from '../../board/firmware/index.ts';
import { runFirmware } from '../../board/session.ts';
import { browserBsp } from '../lib/bsp-browser.ts';
import type { FirmwareJob, FirmwareReply } from '../lib/firmware-console.ts';

const env = { bsp: browserBsp(), parser: loadCParser({ runtimeWasm, grammarWasm }) };

self.onmessage = async (event: MessageEvent<FirmwareJob>) => {
  const { id, request } = event.data;
  let reply: FirmwareReply;
  try {
    reply = { id, ok: true, result: await runFirmware(request, env) };
  } catch (err) {
    reply = { id, ok: false, message: (err as Error).message };
  }
  self.postMessage(reply);
};
