/* The private timer's interrupt (ID 29) in auto-reload mode: five ticks, counted in the handler. */
#include "xil_exception.h"
#include "xil_printf.h"
#include "xparameters.h"
#include "xscugic.h"
#include "xscutimer.h"

static XScuGic gic;
static XScuTimer timer;
static volatile int ticks;
static volatile u32 isr_before[8];
static volatile u32 isr_after[8];

/* Each tick records the timer's ISR before and after clearing it; main prints them after five. */
static void tick(void *ref) {
  XScuTimer *t = (XScuTimer *)ref;
  if (ticks < 8) isr_before[ticks] = XScuTimer_ReadReg(t->Config.BaseAddr, XSCUTIMER_ISR_OFFSET);
  XScuTimer_ClearInterruptStatus(t);
  if (ticks < 8) isr_after[ticks] = XScuTimer_ReadReg(t->Config.BaseAddr, XSCUTIMER_ISR_OFFSET);
  ticks++;
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
  XScuTimer_EnableAutoReload(&timer);
  XScuTimer_LoadTimer(&timer, 100000U);
  XScuTimer_EnableInterrupt(&timer);
  Xil_ExceptionEnable();
  XScuTimer_Start(&timer);
  while (ticks < 5) wfi();
  XScuTimer_Stop(&timer);
  Xil_ExceptionDisable();
  /* Printed after the fact: how fast the timer runs against the UART is not compared. */
  for (int i = 0; i < 5; i++)
    xil_printf("tick %d: ISR %d, after clearing %d\r\n", i + 1, (int)isr_before[i],
               (int)isr_after[i]);
  xil_printf("stopped after at least 5 ticks: %s\r\n", ticks >= 5 ? "yes" : "no");
  return 0;
}
