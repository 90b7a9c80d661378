/*
 * fidelity: hangs
 * A line printed just before a data abort (the OCM's section unmapped with Xil_SetTlbAttributes,
 * then read: a translation fault), which the BSP's default handler turns into an endless loop. The UART
 * still sends what its FIFO held, so the terminal shows the line.
 */
#include "xil_io.h"
#include "xil_mmu.h"
#include "xil_printf.h"

int main(void) {
  xil_printf("the line before the hang\r\n");
  Xil_SetTlbAttributes(0xFFF00000U, 0U);
  return (int)Xil_In32(0xFFFF0000U);
}
