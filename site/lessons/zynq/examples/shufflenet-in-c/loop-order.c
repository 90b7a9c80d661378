/*
 * One pointwise layer of the capstone's size (7 x 7 pixels, 96 -> 96 channels, as in stage 3),
 * in int8 with the exported C's requantization, run in two loop orders and timed with the
 * global timer (XTime_GetTime counts at half the CPU clock, so cycles = 2 x counts).
 */
#include <stdint.h>
#include "xil_printf.h"
#include "xtime_l.h"

#define PIXELS 49
#define IN_C 96
#define OUT_C 96
#define IN_ZERO (-128)
#define OUT_ZERO (-128)
#define MULTIPLIER 1317922825 /* about 0.61 * 2^31 */
#define SHIFT (-9)            /* M = 0.61 * 2^-9: the accumulators land in int8 */

static int8_t x[PIXELS * IN_C];
static int8_t w[OUT_C * IN_C];
static int32_t bias[OUT_C];
static int8_t y1[PIXELS * OUT_C];
static int8_t y2[PIXELS * OUT_C];
static int32_t centred[IN_C];

/* Inputs from a linear congruential generator (Numerical Recipes' constants). */
static uint32_t seed = 1;
static int32_t next_byte(void) {
  seed = seed * 1664525u + 1013904223u;
  return (int32_t)(seed >> 24) - 128;
}

/* gemmlowp's rounding doubling high multiply and rounding right shift (TFLite). */
static int32_t srdhm(int32_t a, int32_t b) {
  int64_t ab = (int64_t)a * (int64_t)b;
  int64_t nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
  return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}
static int32_t requantize(int32_t acc) {
  int32_t v = srdhm(acc, MULTIPLIER);
  int32_t mask = (1 << -SHIFT) - 1;
  int32_t threshold = (mask >> 1) + (v < 0 ? 1 : 0);
  int32_t r = (v >> -SHIFT) + ((v & mask) > threshold ? 1 : 0);
  r += OUT_ZERO;
  return r < OUT_ZERO ? OUT_ZERO : r > 127 ? 127 : r; /* with the ReLU: clamp at Z */
}

/* The exported order: per pixel, subtract the zero point once, then one dot product per output. */
static void pixel_outer(void) {
  int32_t p, o, i;
  for (p = 0; p < PIXELS; p++) {
    for (i = 0; i < IN_C; i++) centred[i] = x[p * IN_C + i] - IN_ZERO;
    for (o = 0; o < OUT_C; o++) {
      int32_t acc = bias[o];
      for (i = 0; i < IN_C; i++) acc += centred[i] * w[o * IN_C + i];
      y1[p * OUT_C + o] = (int8_t)requantize(acc);
    }
  }
}

/* Output channel outermost: the same sums, but the zero point is subtracted in every MAC. */
static void channel_outer(void) {
  int32_t p, o, i;
  for (o = 0; o < OUT_C; o++) {
    for (p = 0; p < PIXELS; p++) {
      int32_t acc = bias[o];
      for (i = 0; i < IN_C; i++) acc += (x[p * IN_C + i] - IN_ZERO) * w[o * IN_C + i];
      y2[p * OUT_C + o] = (int8_t)requantize(acc);
    }
  }
}

static uint32_t cycles_of(void (*layer)(void)) {
  XTime start, end;
  XTime_GetTime(&start);
  layer();
  XTime_GetTime(&end);
  return (uint32_t)(end - start) * 2u;
}

int main(void) {
  int32_t i, same = 1;
  uint32_t a, b;
  XTime_SetTime(0); /* writes the count and sets the enable bit (UG585 4.2.3, Global Timer) */
  for (i = 0; i < PIXELS * IN_C; i++) x[i] = (int8_t)next_byte();
  for (i = 0; i < OUT_C * IN_C; i++) w[i] = (int8_t)(next_byte() / 4);
  for (i = 0; i < OUT_C; i++) bias[i] = next_byte() * 64;
  a = cycles_of(pixel_outer);
  b = cycles_of(channel_outer);
  for (i = 0; i < PIXELS * OUT_C; i++) same = same && y1[i] == y2[i];
  xil_printf("MACs        %d\r\n", PIXELS * IN_C * OUT_C);
  xil_printf("pixel-outer %d cycles\r\n", (int)a);
  xil_printf("chan-outer  %d cycles\r\n", (int)b);
  xil_printf("same output %s\r\n", same ? "yes" : "NO");
  return 0;
}
