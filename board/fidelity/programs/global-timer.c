/* The global timer as the BSP's time base: it counts up, usleep waits at least as many counts. */
#include "sleep.h"
#include "xil_printf.h"
#include "xtime_l.h"

int main(void) {
  XTime t0, t1, t2;
  XTime_StartTimer();
  XTime_GetTime(&t0);
  XTime_GetTime(&t1);
  xil_printf("counts up: %s\r\n", t1 >= t0 ? "yes" : "no");
  usleep(2000);
  XTime_GetTime(&t2);
  xil_printf("usleep(2000) waited at least 2000 us of counts: %s\r\n",
             (t2 - t1) >= 2000ULL * COUNTS_PER_USECOND ? "yes" : "no");
  XTime_SetTime(0x100000000ULL);
  XTime_GetTime(&t0);
  xil_printf("SetTime carried into the upper word: %s\r\n", (t0 >> 32) == 1ULL ? "yes" : "no");
  return 0;
}
