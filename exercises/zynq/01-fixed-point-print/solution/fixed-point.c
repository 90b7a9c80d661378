#include "xil_printf.h"

/* Prints milli / 1000 with exactly three decimals, no newline: 23456 -> 23.456, -50 -> -0.050. */
void print_fixed3(int milli) {
  /*
   * Work on the magnitude as an unsigned int: -50 / 1000 is 0 in C (division truncates toward
   * zero), so the sign must be printed on its own, and -2147483648 has no positive int, but its
   * magnitude fits in an unsigned (0u - x is well defined modulo 2^32, C11 6.2.5p9).
   */
  unsigned int magnitude = milli < 0 ? 0u - (unsigned int)milli : (unsigned int)milli;
  if (milli < 0) {
    xil_printf("-");
  }
  /* %03u pads the fraction with zeros: 5 -> 0.005, not 0.5. */
  xil_printf("%u.%03u", magnitude / 1000u, magnitude % 1000u);
}
