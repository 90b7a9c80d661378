/*
 * xil_printf.h: the BSP's small printf (embeddedsw common/xil_printf.h). It writes each character
 * to UART1 through outbyte, unchanged: no "\n" to "\r\n" translation.
 */
#ifndef XIL_PRINTF_H
#define XIL_PRINTF_H

#include <stdarg.h>
#include "xil_types.h"

void xil_printf(const char8 *ctrl1, ...);
void xil_vprintf(const char8 *ctrl1, va_list argp);
void print(const char8 *ptr);
void outbyte(char8 c);
char8 inbyte(void);

#endif
