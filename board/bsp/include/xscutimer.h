/*
 * xscutimer.h: the SCU private timer driver (embeddedsw drivers/scutimer/src/xscutimer.h and
 * xscutimer_hw.h), classic device-ID flavour.
 */
#ifndef XSCUTIMER_H
#define XSCUTIMER_H

#include "xil_types.h"
#include "xil_assert.h"
#include "xil_io.h"
#include "xstatus.h"

#define XSCUTIMER_LOAD_OFFSET 0x00U
#define XSCUTIMER_COUNTER_OFFSET 0x04U
#define XSCUTIMER_CONTROL_OFFSET 0x08U
#define XSCUTIMER_ISR_OFFSET 0x0CU

#define XSCUTIMER_CONTROL_PRESCALER_MASK 0x0000FF00U
#define XSCUTIMER_CONTROL_PRESCALER_SHIFT 8U
#define XSCUTIMER_CONTROL_IRQ_ENABLE_MASK 0x00000004U
#define XSCUTIMER_CONTROL_AUTO_RELOAD_MASK 0x00000002U
#define XSCUTIMER_CONTROL_ENABLE_MASK 0x00000001U
#define XSCUTIMER_ISR_EVENT_FLAG_MASK 0x00000001U

typedef struct {
  u16 DeviceId;
  u32 BaseAddr;
} XScuTimer_Config;

typedef struct {
  XScuTimer_Config Config;
  u32 IsReady;
  u32 IsStarted;
} XScuTimer;

extern XScuTimer_Config XScuTimer_ConfigTable[];

#define XScuTimer_ReadReg(BaseAddr, RegOffset) Xil_In32((BaseAddr) + (RegOffset))
#define XScuTimer_WriteReg(BaseAddr, RegOffset, Data) Xil_Out32((BaseAddr) + (RegOffset), (Data))

#define XScuTimer_IsExpired(InstancePtr) \
  ((XScuTimer_ReadReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_ISR_OFFSET) & \
    XSCUTIMER_ISR_EVENT_FLAG_MASK) == XSCUTIMER_ISR_EVENT_FLAG_MASK)
#define XScuTimer_RestartTimer(InstancePtr) \
  XScuTimer_LoadTimer((InstancePtr), XScuTimer_ReadReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_LOAD_OFFSET))
#define XScuTimer_LoadTimer(InstancePtr, Value) \
  XScuTimer_WriteReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_LOAD_OFFSET, (Value))
#define XScuTimer_GetCounterValue(InstancePtr) \
  XScuTimer_ReadReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_COUNTER_OFFSET)
#define XScuTimer_EnableAutoReload(InstancePtr) \
  XScuTimer_WriteReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET, \
    (XScuTimer_ReadReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET) | \
     XSCUTIMER_CONTROL_AUTO_RELOAD_MASK))
#define XScuTimer_DisableAutoReload(InstancePtr) \
  XScuTimer_WriteReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET, \
    (XScuTimer_ReadReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET) & \
     ~(XSCUTIMER_CONTROL_AUTO_RELOAD_MASK)))
#define XScuTimer_EnableInterrupt(InstancePtr) \
  XScuTimer_WriteReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET, \
    (XScuTimer_ReadReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET) | \
     XSCUTIMER_CONTROL_IRQ_ENABLE_MASK))
#define XScuTimer_DisableInterrupt(InstancePtr) \
  XScuTimer_WriteReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET, \
    (XScuTimer_ReadReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET) & \
     ~(XSCUTIMER_CONTROL_IRQ_ENABLE_MASK)))
#define XScuTimer_GetInterruptStatus(InstancePtr) \
  XScuTimer_ReadReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_ISR_OFFSET)
#define XScuTimer_ClearInterruptStatus(InstancePtr) \
  XScuTimer_WriteReg((InstancePtr)->Config.BaseAddr, XSCUTIMER_ISR_OFFSET, XSCUTIMER_ISR_EVENT_FLAG_MASK)

XScuTimer_Config *XScuTimer_LookupConfig(u16 DeviceId);
s32 XScuTimer_CfgInitialize(XScuTimer *InstancePtr, XScuTimer_Config *ConfigPtr, u32 EffectiveAddress);
void XScuTimer_Start(XScuTimer *InstancePtr);
void XScuTimer_Stop(XScuTimer *InstancePtr);
void XScuTimer_SetPrescaler(XScuTimer *InstancePtr, u8 PrescalerValue);
u8 XScuTimer_GetPrescaler(XScuTimer *InstancePtr);

#endif
