#include "xparameters.h"
#include "xil_exception.h"
#include "xil_io.h"
#include "xil_printf.h"
#include "xpseudo_asm.h"
#include "xscugic.h"
#include "xscutimer.h"

#define TICK_HZ 10
/* The private timer counts at CPU_3x2x, half the CPU clock: 333,333,343 Hz on this board. */
#define TIMER_CLOCK_HZ (XPAR_CPU_CORTEXA9_0_CPU_CLK_FREQ_HZ / 2)
/* With prescaler 0 one period is LOAD + 1 counts. */
#define TIMER_LOAD (TIMER_CLOCK_HZ / TICK_HZ - 1)
#define LEDS XPAR_AXI_GPIO_0_BASEADDR

static XScuGic gic;
static XScuTimer timer;
static volatile u32 ticks; /* written by the ISR, read by main */

/* The ISR: count the tick and return. Nothing slow in here. */
static void TimerIsr(void *ref) {
  XScuTimer *t = (XScuTimer *)ref;
  if (XScuTimer_IsExpired(t)) {
    ticks++;
  }
}

int main(void) {
  XScuGic_Config *gic_cfg;
  XScuTimer_Config *timer_cfg;
  u32 seen = 0;

  Xil_Out32(LEDS + 4, 0x00); /* GPIO_TRI: the eight LED pins are outputs */

  /* 1. The GIC: distributor and this CPU's interface. */
  gic_cfg = XScuGic_LookupConfig(XPAR_SCUGIC_SINGLE_DEVICE_ID);
  if (XScuGic_CfgInitialize(&gic, gic_cfg, gic_cfg->CpuBaseAddress) != XST_SUCCESS) return 1;

  /* 2. The CPU's IRQ exception goes to the GIC driver, which asks the GIC for the ID. */
  Xil_ExceptionInit();
  Xil_ExceptionRegisterHandler(XIL_EXCEPTION_ID_IRQ_INT,
                               (Xil_ExceptionHandler)XScuGic_InterruptHandler, &gic);

  /* 3. ID 29 calls TimerIsr(&timer); enable ID 29 in the distributor. */
  XScuGic_Connect(&gic, XPAR_SCUTIMER_INTR, (Xil_InterruptHandler)TimerIsr, &timer);
  XScuGic_Enable(&gic, XPAR_SCUTIMER_INTR);

  /* 4. The private timer: 10 interrupts a second, reloading itself. */
  timer_cfg = XScuTimer_LookupConfig(XPAR_XSCUTIMER_0_DEVICE_ID);
  if (XScuTimer_CfgInitialize(&timer, timer_cfg, timer_cfg->BaseAddr) != XST_SUCCESS) return 1;
  XScuTimer_LoadTimer(&timer, TIMER_LOAD);
  XScuTimer_EnableAutoReload(&timer);
  XScuTimer_EnableInterrupt(&timer);
  XScuTimer_Start(&timer);

  /* 5. Last: clear the I bit in the CPSR, so the CPU takes IRQs. */
  Xil_ExceptionEnable();

  xil_printf("Timer LOAD = %d, %d ticks a second\r\n", TIMER_LOAD, TICK_HZ);
  for (;;) {
    while (ticks == seen) {
      wfi(); /* sleep until the next interrupt */
    }
    seen = ticks;
    Xil_Out32(LEDS, seen & 0xFF); /* the count in binary on the eight LEDs */
    if (seen % TICK_HZ == 0) xil_printf("%d s: %d ticks\r\n", seen / TICK_HZ, seen);
  }
}
