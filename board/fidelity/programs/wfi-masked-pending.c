/*
 * WFI with the private timer's interrupt pending but masked in the CPSR: the core wakes every time
 * and goes on (ARM ARM v7-A B1.8.13); once the program unmasks IRQs, the handler runs.
 */
#include "xil_exception.h"
#include "xil_printf.h"
#include "xparameters.h"
#include "xscugic.h"
#include "xscutimer.h"

static XScuGic gic;
static XScuTimer timer;
static volatile int handled;

static void tick(void *ref) {
  XScuTimer_ClearInterruptStatus((XScuTimer *)ref);
  handled++;
}

int main(void) {
  XScuGic_Config *gc = XScuGic_LookupConfig(XPAR_SCUGIC_0_DEVICE_ID);
  XScuGic_CfgInitialize(&gic, gc, gc->CpuBaseAddress);
  XScuTimer_Config *tc = XScuTimer_LookupConfig(XPAR_XSCUTIMER_0_DEVICE_ID);
  XScuTimer_CfgInitialize(&timer, tc, tc->BaseAddr);
  Xil_ExceptionRegisterHandler(XIL_EXCEPTION_ID_INT, (Xil_ExceptionHandler)XScuGic_InterruptHandler,
                               &gic);
  XScuGic_Connect(&gic, XPAR_SCUTIMER_INTR, tick, &timer);
  XScuGic_Enable(&gic, XPAR_SCUTIMER_INTR);
  XScuTimer_LoadTimer(&timer, 1000U);
  XScuTimer_EnableInterrupt(&timer);
  XScuTimer_Start(&timer);
  while (!XScuTimer_IsExpired(&timer)) {
  }
  int woke = 0;
  for (int i = 0; i < 100; i++) {
    wfi();
    woke++;
  }
  xil_printf("masked: woke from WFI %d times, handler ran %d times\r\n", woke, handled);
  Xil_ExceptionEnable();
  while (!handled) wfi();
  xil_printf("unmasked: handler ran %d time(s)\r\n", handled);
  return 0;
}
