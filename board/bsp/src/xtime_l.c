/* The global timer as a time base (embeddedsw cortexa9/xtime_l.c), written for ShuffleNet Lab. */
#include "xil_io.h"
#include "xtime_l.h"

void XTime_StartTimer(void) {
  if ((Xil_In32(GLOBAL_TMR_BASEADDR + GTIMER_CONTROL_OFFSET) & 0x1U) == 0U)
    Xil_Out32(GLOBAL_TMR_BASEADDR + GTIMER_CONTROL_OFFSET, 0x1U);
}

/* The counter can only be written while the timer is disabled (ARM DDI 0407 chapter 4). */
void XTime_SetTime(XTime Xtime_Global) {
  Xil_Out32(GLOBAL_TMR_BASEADDR + GTIMER_CONTROL_OFFSET, 0x0U);
  Xil_Out32(GLOBAL_TMR_BASEADDR + GTIMER_COUNTER_LOWER_OFFSET, (u32)Xtime_Global);
  Xil_Out32(GLOBAL_TMR_BASEADDR + GTIMER_COUNTER_UPPER_OFFSET, (u32)(Xtime_Global >> 32U));
  Xil_Out32(GLOBAL_TMR_BASEADDR + GTIMER_CONTROL_OFFSET, 0x1U);
}

/* Upper, lower, then upper again until it is stable: the lower word may carry in between. */
void XTime_GetTime(XTime *Xtime_Global) {
  u32 low;
  u32 high;
  do {
    high = Xil_In32(GLOBAL_TMR_BASEADDR + GTIMER_COUNTER_UPPER_OFFSET);
    low = Xil_In32(GLOBAL_TMR_BASEADDR + GTIMER_COUNTER_LOWER_OFFSET);
  } while (Xil_In32(GLOBAL_TMR_BASEADDR + GTIMER_COUNTER_UPPER_OFFSET) != high);
  *Xtime_Global = (((XTime)high) << 32U) | (XTime)low;
}
