/**
 * The exported int8 ShuffleNet C program as a static JSON asset (site/build/shufflenet-c.ts): the
 * lesson zynq/shufflenet-in-c's network console downloads it (about 2.2 MB, mostly constant
 * data) only when the reader presses Run, and builds it in the board worker.
 */
import type { APIRoute } from 'astro';
import { shufflenetProgram } from '../../build/shufflenet-c.ts';

export const prerender = true;

export const GET: APIRoute = () =>
  new Response(JSON.stringify(shufflenetProgram()), {
    headers: { 'Content-Type': 'application/json' },
  });
