/**
 * The committed float-vs-int8 report is what site/build/quant-report.ts computes now: a change to
 * the quantization, the weights or the sample that changes it fails here until the JSON is
 * regenerated (`node site/build/quant-report.ts`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fashionQuantReport, REPORT_FILE, reportJson } from './quant-report.ts';

describe('quant-report.json', () => {
  it('equals a fresh computation', () => {
    expect(readFileSync(REPORT_FILE, 'utf8')).toBe(reportJson(fashionQuantReport()));
  }, 180_000);
});
