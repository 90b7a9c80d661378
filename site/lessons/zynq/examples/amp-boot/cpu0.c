#include "xil_io.h"
#include "xil_mmu.h"
#include "xil_printf.h"
#include "xpseudo_asm.h"
#include "xtime_l.h"
#include "shared.h"

/* The global timer's low word: it wraps after 12.9 s. */
static u32 now(void) {
  XTime t;
  XTime_GetTime(&t);
  return (u32)t;
}

/* The timer counts at 333.33 MHz: one count is 3 ns. */
static u32 ns(u32 counts) { return counts * 3U; }

int main(void) {
  /* Shared OCM: Normal, not cached, shareable. */
  Xil_SetTlbAttributes(OCM_SECTION, OCM_SHARED_ATTR);
  XTime_StartTimer();
  CPU1_READY = 0;
  JOB_READY = 0;
  JOB_DONE = 0;
  xil_printf("CPU0: starting CPU1 at 0x%08x\r\n", CPU1_ENTRY);

  u32 t0 = now();
  Xil_Out32(CPU1_START_ADDR, CPU1_ENTRY); /* where CPU1 will jump */
  dsb();                                  /* the store has completed */
  sev();                                  /* before the event wakes CPU1 */

  /* CPU1 prints a line, then sets CPU1_READY: until then it has the UART. */
  while (CPU1_READY == 0) {
    if (now() - t0 > 10000U * COUNTS_PER_USECOND) {
      xil_printf("CPU0: no answer from CPU1 within 10 ms\r\n");
      return 1;
    }
  }
  dmb(); /* read CPU1_START only after seeing the flag */
  xil_printf("CPU0: CPU1 began main %d ns after the SEV\r\n",
             ns(CPU1_START - t0));

  /* A job for CPU1: the data, a barrier, then the flag that says so. */
  u32 expected = 0;
  for (u32 i = 0; i < JOB_WORDS; i++) {
    JOB_DATA[i] = i * i;
    expected += i * i;
  }
  u32 t1 = now();
  dmb();
  JOB_READY = 1;
  while (JOB_DONE == 0) {
  }
  dmb(); /* read the result only after seeing the flag */
  u32 t2 = now();
  xil_printf("CPU0: CPU1 summed %d words: %d (expected %d), "
             "%d ns after JOB_READY\r\n",
             JOB_WORDS, JOB_RESULT, expected, ns(t2 - t1));
  return 0;
}
