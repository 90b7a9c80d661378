/*
 * GIC priorities: three SGIs raised while IRQs are masked, at priorities 0xA0, 0x20 and 0x60; once
 * IRQs are unmasked they are taken highest priority (lowest value) first. The priorities are
 * multiples of 32, so the value read back does not depend on how many priority bits a GIC keeps.
 */
#include "xil_exception.h"
#include "xil_printf.h"
#include "xparameters.h"
#include "xscugic.h"

static XScuGic gic;
static volatile int order[3];
static volatile int taken;

static void handler(void *ref) {
  int id = (int)(UINTPTR)ref;
  if (taken < 3) order[taken] = id;
  taken++;
}

int main(void) {
  static const u8 priority[3] = {0xA0, 0x20, 0x60};
  XScuGic_Config *gc = XScuGic_LookupConfig(XPAR_SCUGIC_0_DEVICE_ID);
  XScuGic_CfgInitialize(&gic, gc, gc->CpuBaseAddress);
  Xil_ExceptionRegisterHandler(XIL_EXCEPTION_ID_INT, (Xil_ExceptionHandler)XScuGic_InterruptHandler,
                               &gic);
  for (u32 id = 1; id <= 3; id++) {
    u8 p, t;
    XScuGic_Connect(&gic, id, handler, (void *)(UINTPTR)id);
    XScuGic_SetPriorityTriggerType(&gic, id, priority[id - 1], 0);
    XScuGic_GetPriorityTriggerType(&gic, id, &p, &t);
    xil_printf("SGI %d priority 0x%02x\r\n", (int)id, p);
    XScuGic_Enable(&gic, id);
  }
  for (u32 id = 1; id <= 3; id++) XScuGic_SoftwareIntr(&gic, id, 1U);
  Xil_ExceptionEnable();
  while (taken < 3) {
  }
  xil_printf("taken in order %d %d %d\r\n", order[0], order[1], order[2]);
  return 0;
}
