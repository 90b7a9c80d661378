/*
 * Exception handler table and the vector table's C entries (embeddedsw arm/common/xil_exception.c
 * and arm/cortexa9/vectors.c). The simulated CPU enters IRQInterrupt for an IRQ.
 */
#include "xil_exception.h"

typedef struct {
  Xil_ExceptionHandler Handler;
  void *Data;
} XExc_VectorTableEntry;

/* An exception nobody registered a handler for hangs the CPU here, as on hardware. */
static void Xil_ExceptionNullHandler(void *Data) {
  (void)Data;
  for (;;) {
  }
}

XExc_VectorTableEntry XExc_VectorTable[XIL_EXCEPTION_ID_LAST + 1U] = {
    {Xil_ExceptionNullHandler, NULL}, {Xil_ExceptionNullHandler, NULL},
    {Xil_ExceptionNullHandler, NULL}, {Xil_ExceptionNullHandler, NULL},
    {Xil_ExceptionNullHandler, NULL}, {Xil_ExceptionNullHandler, NULL},
    {Xil_ExceptionNullHandler, NULL},
};

/* Empty in the current BSP: the vector table is set up by the boot code. */
void Xil_ExceptionInit(void) { return; }

void Xil_ExceptionRegisterHandler(u32 Exception_id, Xil_ExceptionHandler Handler, void *Data) {
  XExc_VectorTable[Exception_id].Handler = Handler;
  XExc_VectorTable[Exception_id].Data = Data;
}

void Xil_ExceptionRemoveHandler(u32 Exception_id) {
  Xil_ExceptionRegisterHandler(Exception_id, Xil_ExceptionNullHandler, NULL);
}

void IRQInterrupt(void) {
  XExc_VectorTable[XIL_EXCEPTION_ID_IRQ_INT].Handler(XExc_VectorTable[XIL_EXCEPTION_ID_IRQ_INT].Data);
}

void FIQInterrupt(void) {
  XExc_VectorTable[XIL_EXCEPTION_ID_FIQ_INT].Handler(XExc_VectorTable[XIL_EXCEPTION_ID_FIQ_INT].Data);
}
