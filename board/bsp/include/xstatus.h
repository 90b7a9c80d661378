/*
 * xstatus.h: status codes the Xilinx drivers return (embeddedsw common/xstatus.h).
 */
#ifndef XSTATUS_H
#define XSTATUS_H

#include "xil_types.h"

#define XST_SUCCESS 0L
#define XST_FAILURE 1L
#define XST_DEVICE_NOT_FOUND 2L
#define XST_DEVICE_BLOCK_NOT_FOUND 3L
#define XST_INVALID_VERSION 4L
#define XST_DEVICE_IS_STARTED 5L
#define XST_DEVICE_IS_STOPPED 6L
#define XST_INVALID_PARAM 15L

#endif
