#include "xil_printf.h"

/* Prints milli / 1000 with exactly three decimals, no newline: 23456 -> 23.456, -50 -> -0.050. */
void print_fixed3(int milli) {
  // TODO: print the whole part, a point and three digits (xil_printf has no %f)
  xil_printf("%d", milli / 1000);
}
