/*
 * How long does printing hold up the CPU? Time outbyte() for N
 * characters with the global timer (333 MHz, half the CPU clock),
 * each time starting with an empty TX FIFO.
 */
#include "sleep.h"
#include "xil_printf.h"
#include "xtime_l.h"

static const int sizes[] = {10, 64, 65, 66, 100, 200, 500};
static u32 took_us[7];

/* n characters: lines of 48 dots, each ended by CR+LF. */
static void print_n(int n) {
  for (int i = 0; i < n; i++)
    outbyte(i % 50 == 48 ? '\r' : i % 50 == 49 ? '\n' : '.');
}

int main(void) {
  XTime_StartTimer();
  for (int k = 0; k < 7; k++) {
    XTime t0, t1;
    XTime_GetTime(&t0);
    print_n(sizes[k]);
    XTime_GetTime(&t1);
    took_us[k] = (u32)((t1 - t0) / COUNTS_PER_USECOND);
    xil_printf("\r\n");
    /* 10 ms: the last 65 characters (5.6 ms) leave first */
    usleep(10000);
  }
  xil_printf("%5s %11s\r\n", "chars", "outbyte us");
  for (int k = 0; k < 7; k++)
    xil_printf("%5d %11d\r\n", sizes[k], took_us[k]);
  return 0;
}
