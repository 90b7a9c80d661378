/*
 * outbyte and inbyte: the BSP's stdout and stdin, as Vitis generates outbyte.c and inbyte.c from
 * the BSP settings (embeddedsw lib/bsp/standalone; xparameters.h's STDOUT_BASEADDRESS block):
 * - a PS UART (ps7_uart_0 or ps7_uart_1): XUartPs_SendByte/XUartPs_RecvByte on its base address;
 * - the JTAG UART (ps7_coresight_comp_0, XPAR_STDIN_IS_CORESIGHTPS_DCC): the CPU's debug
 *   communications channel, XCoresightPs_DccSendByte/XCoresightPs_DccRecvByte, which xsdb's
 *   jtagterminal reads;
 * - none: no STDOUT_BASEADDRESS; characters go nowhere (as the standalone BSP's print.c skips its
 *   output without it), and a program that reads stdin does not link.
 */
#include "xparameters.h"
#include "xil_printf.h"

#if defined(XPAR_STDIN_IS_CORESIGHTPS_DCC)
#include "xcoresightpsdcc.h"

void outbyte(char8 c) { XCoresightPs_DccSendByte(STDOUT_BASEADDRESS, (u8)c); }

char8 inbyte(void) { return (char8)XCoresightPs_DccRecvByte(STDIN_BASEADDRESS); }
#elif defined(STDOUT_BASEADDRESS)
#include "xuartps_hw.h"

void outbyte(char8 c) { XUartPs_SendByte(STDOUT_BASEADDRESS, (u8)c); }

char8 inbyte(void) { return (char8)XUartPs_RecvByte(STDIN_BASEADDRESS); }
#else
void outbyte(char8 c) { (void)c; }
#endif
