#include "xil_mmu.h"
#include "xil_printf.h"
#include "xpseudo_asm.h"
#include "xtime_l.h"
#include "shared.h"

int main(void) {
  XTime t;
  XTime_GetTime(&t);
  /* CPU1's program has its own translation table: map the OCM here too. */
  Xil_SetTlbAttributes(OCM_SECTION, OCM_SHARED_ATTR);
  CPU1_START = (u32)t;
  xil_printf("CPU1: main is running at 0x%08x\r\n", CPU1_ENTRY);
  dmb();
  CPU1_READY = 1; /* from now on only CPU0 prints */

  while (JOB_READY == 0) { /* poll the flag ... */
  }
  dmb(); /* ... and read the data only after seeing it */
  u32 sum = 0;
  for (u32 i = 0; i < JOB_WORDS; i++) sum += JOB_DATA[i];
  JOB_RESULT = sum;
  dmb(); /* the result is in memory before the flag */
  JOB_DONE = 1;
  for (;;) wfe(); /* nothing left to do: sleep until an event */
}
