#include <stdint.h>

/*
 * gemmlowp SaturatingRoundingDoublingHighMul: the high 32 bits of 2 * a * b, rounded to nearest
 * (the one overflow, INT32_MIN * INT32_MIN, saturates).
 */
static int32_t srdhm(int32_t a, int32_t b) {
  int64_t ab;
  int64_t nudge;
  if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
  ab = (int64_t)a * (int64_t)b;
  nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
  return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}

/* gemmlowp RoundingDivideByPOT: x / 2^exponent, to nearest, ties away from zero. */
static int32_t rounding_divide_by_pot(int32_t x, int32_t exponent) {
  int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
  int32_t remainder = x & mask;
  int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/*
 * TFLite MultiplyByQuantizedMultiplier: acc * multiplier * 2^(shift - 31), rounded. A positive
 * shift multiplies first (saturating to int32); a negative one divides, rounding, after.
 */
static int32_t requantize(int32_t acc, int32_t multiplier, int32_t shift) {
  // TODO: multiply by multiplier * 2^(shift - 31) with the two helpers above (shift may be > 0)
  (void)multiplier;
  (void)shift;
  return acc;
}

/*
 * A 1x1 convolution on int8 HWC data: x is [pixels][in_c], weight [out_c][in_c], y
 * [pixels][out_c]. Per output:
 *   acc = bias[o] + sum_i (x[p][i] - in_zero) * weight[o][i]
 *   y[p][o] = clamp(out_zero + requantize(acc, multiplier[o], shift[o]), lo, 127)
 * with lo = out_zero after a ReLU (real 0) and -128 without.
 */
void pointwise_int8(const int8_t *x, int8_t *y, int32_t pixels, int32_t in_c, int32_t out_c,
                    const int8_t *weight, const int32_t *bias, const int32_t *multiplier,
                    const int32_t *shift, int32_t in_zero, int32_t out_zero, int32_t relu) {
  // TODO: one dot product per pixel and output channel, requantized and clamped
  (void)x;
  (void)y;
  (void)pixels;
  (void)in_c;
  (void)out_c;
  (void)weight;
  (void)bias;
  (void)multiplier;
  (void)shift;
  (void)in_zero;
  (void)out_zero;
  (void)relu;
}
