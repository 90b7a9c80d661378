/** torch.nn.Linear: y = x W^T + b, with W stored as [outFeatures, inFeatures]. */
import type { OracleTensor } from './tensor.ts';

export function linear(x: OracleTensor, weight: OracleTensor, bias?: Float32Array): OracleTensor {
  if (x.shape.length !== 2) {
    throw new Error(`linear expects [N, features], got [${x.shape.join(', ')}]`);
  }
  const [n, inF] = x.shape as [number, number];
  const [outF, weightInF] = weight.shape as [number, number];
  if (weight.shape.length !== 2 || weightInF !== inF) {
    throw new Error(
      `linear weight [${weight.shape.join(', ')}] does not fit ${inF} input features; ` +
        `expected [outFeatures, ${inF}]`,
    );
  }
  if (bias && bias.length !== outF) {
    throw new Error(`linear bias has ${bias.length} values, expected ${outF}`);
  }
  const out = new Float32Array(n * outF);
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < outF; o++) {
      let sum = bias ? bias[o]! : 0;
      for (let i = 0; i < inF; i++) sum += x.data[b * inF + i]! * weight.data[o * inF + i]!;
      out[b * outF + o] = sum;
    }
  }
  return { shape: [n, outF], data: out };
}
