/*
 * xgpio.h: the AXI GPIO driver (embeddedsw drivers/gpio/src/xgpio.h, xgpio_l.h; PG144 register
 * space), classic device-ID flavour. Channels are 1 and 2; a direction bit of 1 is an input.
 */
#ifndef XGPIO_H
#define XGPIO_H

#include "xil_types.h"
#include "xil_assert.h"
#include "xil_io.h"
#include "xstatus.h"

#define XGPIO_DATA_OFFSET 0x0U
#define XGPIO_TRI_OFFSET 0x4U
#define XGPIO_DATA2_OFFSET 0x8U
#define XGPIO_TRI2_OFFSET 0xCU
#define XGPIO_GIE_OFFSET 0x11CU
#define XGPIO_ISR_OFFSET 0x120U
#define XGPIO_IER_OFFSET 0x128U
#define XGPIO_CHAN_OFFSET 8U
#define XGPIO_GIE_GINTR_ENABLE_MASK 0x80000000U
#define XGPIO_IR_CH1_MASK 0x1U
#define XGPIO_IR_CH2_MASK 0x2U

#define XGpio_ReadReg(BaseAddress, RegOffset) Xil_In32((BaseAddress) + (RegOffset))
#define XGpio_WriteReg(BaseAddress, RegOffset, Data) Xil_Out32((BaseAddress) + (RegOffset), (u32)(Data))

typedef struct {
  u16 DeviceId;
  UINTPTR BaseAddress;
  int InterruptPresent;
  int IsDual;
} XGpio_Config;

typedef struct {
  UINTPTR BaseAddress;
  u32 IsReady;
  int InterruptPresent;
  int IsDual;
} XGpio;

extern XGpio_Config XGpio_ConfigTable[];

int XGpio_Initialize(XGpio *InstancePtr, u16 DeviceId);
XGpio_Config *XGpio_LookupConfig(u16 DeviceId);
int XGpio_CfgInitialize(XGpio *InstancePtr, XGpio_Config *Config, UINTPTR EffectiveAddr);
void XGpio_SetDataDirection(XGpio *InstancePtr, unsigned Channel, u32 DirectionMask);
u32 XGpio_GetDataDirection(XGpio *InstancePtr, unsigned Channel);
u32 XGpio_DiscreteRead(XGpio *InstancePtr, unsigned Channel);
void XGpio_DiscreteWrite(XGpio *InstancePtr, unsigned Channel, u32 Mask);
void XGpio_DiscreteSet(XGpio *InstancePtr, unsigned Channel, u32 Mask);
void XGpio_DiscreteClear(XGpio *InstancePtr, unsigned Channel, u32 Mask);
void XGpio_InterruptGlobalEnable(XGpio *InstancePtr);
void XGpio_InterruptGlobalDisable(XGpio *InstancePtr);
void XGpio_InterruptEnable(XGpio *InstancePtr, u32 Mask);
void XGpio_InterruptDisable(XGpio *InstancePtr, u32 Mask);
void XGpio_InterruptClear(XGpio *InstancePtr, u32 Mask);
u32 XGpio_InterruptGetStatus(XGpio *InstancePtr);

#endif
