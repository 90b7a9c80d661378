/*
 * xil_exception.h: exception handler registration and the CPSR interrupt masks (embeddedsw
 * arm/common/xil_exception.h). The IRQ exception enters IRQInterrupt (vectors), which calls the
 * handler registered for XIL_EXCEPTION_ID_IRQ_INT.
 */
#ifndef XIL_EXCEPTION_H
#define XIL_EXCEPTION_H

#include "xil_types.h"
#include "xpseudo_asm.h"

#define XIL_EXCEPTION_FIQ XREG_CPSR_FIQ_ENABLE
#define XIL_EXCEPTION_IRQ XREG_CPSR_IRQ_ENABLE
#define XIL_EXCEPTION_ALL (XREG_CPSR_FIQ_ENABLE | XREG_CPSR_IRQ_ENABLE)

#define XIL_EXCEPTION_ID_FIRST 0U
#define XIL_EXCEPTION_ID_RESET 0U
#define XIL_EXCEPTION_ID_UNDEFINED_INT 1U
#define XIL_EXCEPTION_ID_SWI_INT 2U
#define XIL_EXCEPTION_ID_PREFETCH_ABORT_INT 3U
#define XIL_EXCEPTION_ID_DATA_ABORT_INT 4U
#define XIL_EXCEPTION_ID_IRQ_INT 5U
#define XIL_EXCEPTION_ID_FIQ_INT 6U
#define XIL_EXCEPTION_ID_LAST 6U
#define XIL_EXCEPTION_ID_INT XIL_EXCEPTION_ID_IRQ_INT

typedef void (*Xil_ExceptionHandler)(void *data);
typedef void (*Xil_InterruptHandler)(void *data);

#define Xil_ExceptionEnableMask(Mask) mtcpsr(mfcpsr() & ~((Mask) & XIL_EXCEPTION_ALL))
#define Xil_ExceptionEnable() Xil_ExceptionEnableMask(XIL_EXCEPTION_IRQ)
#define Xil_ExceptionDisableMask(Mask) mtcpsr(mfcpsr() | ((Mask) & XIL_EXCEPTION_ALL))
#define Xil_ExceptionDisable() Xil_ExceptionDisableMask(XIL_EXCEPTION_IRQ)

void Xil_ExceptionRegisterHandler(u32 Exception_id, Xil_ExceptionHandler Handler, void *Data);
void Xil_ExceptionRemoveHandler(u32 Exception_id);
void Xil_ExceptionInit(void);

/* The vector table's C entries (embeddedsw arm/cortexa9/vectors.c). */
void IRQInterrupt(void);
void FIQInterrupt(void);

#endif
