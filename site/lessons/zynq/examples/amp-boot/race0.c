#include "xil_io.h"
#include "xil_printf.h"
#include "xpseudo_asm.h"
#include "shared.h"

int main(void) {
  /* Short on purpose: a real board also needs Xil_SetTlbAttributes(0xFFFF0000, 0x14de2) here
     (see cpu0.c), or the start address may stay in CPU0's cache. The simulator has no caches. */
  Xil_Out32(CPU1_START_ADDR, CPU1_ENTRY);
  dsb();
  sev();
  /* Both cores print at once: nothing decides whose turn it is. */
  for (int i = 1; i <= 3; i++)
    xil_printf("CPU0: this is line %d of 3 from the first Cortex-A9 core\r\n",
               i);
  return 0;
}
