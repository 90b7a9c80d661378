/*
 * The GIC CPU interface without a pending interrupt: ICCIAR reads the spurious ID 1023; an SGI
 * raised with IRQs masked is acknowledged by hand (ID and source CPU) and ended.
 */
#include "xil_io.h"
#include "xil_printf.h"
#include "xparameters.h"
#include "xscugic.h"

static XScuGic gic;

int main(void) {
  XScuGic_Config *gc = XScuGic_LookupConfig(XPAR_SCUGIC_0_DEVICE_ID);
  XScuGic_CfgInitialize(&gic, gc, gc->CpuBaseAddress);
  u32 iar = Xil_In32(XPAR_SCUGIC_0_CPU_BASEADDR + XSCUGIC_INT_ACK_OFFSET);
  xil_printf("idle IAR id %d\r\n", (int)(iar & 0x3FFU));
  XScuGic_Enable(&gic, 5);
  XScuGic_SoftwareIntr(&gic, 5, 1U);
  iar = Xil_In32(XPAR_SCUGIC_0_CPU_BASEADDR + XSCUGIC_INT_ACK_OFFSET);
  xil_printf("SGI IAR id %d from CPU %d\r\n", (int)(iar & 0x3FFU), (int)((iar >> 10) & 7U));
  Xil_Out32(XPAR_SCUGIC_0_CPU_BASEADDR + XSCUGIC_EOI_OFFSET, iar);
  iar = Xil_In32(XPAR_SCUGIC_0_CPU_BASEADDR + XSCUGIC_INT_ACK_OFFSET);
  xil_printf("after EOI IAR id %d\r\n", (int)(iar & 0x3FFU));
  return 0;
}
