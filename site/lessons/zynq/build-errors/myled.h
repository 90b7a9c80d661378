/*
 * myled.h: the driver header of a custom AXI IP with one register, in the style of the driver
 * Vivado's "Create and Package IP" writes: the register macros call Xil_Out32 and Xil_In32, but
 * the header includes only xil_types.h and xstatus.h.
 */
#ifndef MYLED_H
#define MYLED_H

#include "xil_types.h"
#include "xstatus.h"

#define MYLED_S00_AXI_SLV_REG0_OFFSET 0

#define MYLED_mWriteReg(BaseAddress, RegOffset, Data) \
  Xil_Out32((BaseAddress) + (RegOffset), (u32)(Data))
#define MYLED_mReadReg(BaseAddress, RegOffset) Xil_In32((BaseAddress) + (RegOffset))

#endif
