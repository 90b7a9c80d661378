/*
 * sleep and usleep: wait on the global timer (embeddedsw cortexa9/sleep.c), starting it first if
 * nothing has. Xilinx's polls the counter; on the simulated board (XPAR_SIM_WAKE_BASEADDR) this one
 * dozes until the end count between checks (a WFE that leaves the event register alone), which
 * takes the same simulated time without simulating millions of polls. Written for ShuffleNet Lab.
 */
#include "sleep.h"
#include "xil_io.h"
#include "xparameters.h"
#include "xtime_l.h"

static void wait_counts(XTime counts) {
  XTime tEnd;
  XTime tCur;
  XTime_StartTimer();
  XTime_GetTime(&tCur);
  tEnd = tCur + counts;
  do {
#ifdef XPAR_SIM_WAKE_BASEADDR
    Xil_Out32(XPAR_SIM_WAKE_BASEADDR, (u32)tEnd);
    Xil_Out32(XPAR_SIM_WAKE_BASEADDR + 4U, (u32)(tEnd >> 32U));
    wfe();
#endif
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
