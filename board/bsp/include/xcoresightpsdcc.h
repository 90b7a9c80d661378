/*
 * xcoresightpsdcc.h: the JTAG UART over the Cortex-A9 debug communications channel (embeddedsw
 * XilinxProcessorIPLib/drivers/coresightps_dcc/src/xcoresightpsdcc.h). Each core has its own DCC;
 * xsdb's jtagterminal shows the selected core's. BaseAddress is unused, as in Xilinx's driver: it
 * only matches the other stdio drivers' prototypes.
 */
#ifndef XCORESIGHTPSDCC_H
#define XCORESIGHTPSDCC_H

#include "xil_types.h"

void XCoresightPs_DccSendByte(u32 BaseAddress, u8 Data);
u8 XCoresightPs_DccRecvByte(u32 BaseAddress);

#endif
