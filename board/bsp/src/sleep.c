/*
 * sleep and usleep: busy-waits on the global timer (embeddedsw cortexa9/sleep.c), starting it first
 * if nothing has. Written for ShuffleNet Lab.
 */
#include "sleep.h"
#include "xtime_l.h"

static void wait_counts(XTime counts) {
  XTime tEnd;
  XTime tCur;
  XTime_StartTimer();
  XTime_GetTime(&tCur);
  tEnd = tCur + counts;
  do {
    XTime_GetTime(&tCur);
  } while (tCur < tEnd);
}

int usleep(ULONG useconds) {
  wait_counts((XTime)useconds * COUNTS_PER_USECOND);
  return 0;
}

unsigned sleep(unsigned int seconds) {
  wait_counts((XTime)seconds * COUNTS_PER_SECOND);
  return 0;
}
