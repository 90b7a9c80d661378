/*
 * The SCU private timer driver (embeddedsw drivers/scutimer/src/xscutimer.c, xscutimer_sinit.c,
 * xscutimer_g.c), written for ShuffleNet Lab.
 */
#include "xparameters.h"
#include "xscutimer.h"

XScuTimer_Config XScuTimer_ConfigTable[XPAR_XSCUTIMER_NUM_INSTANCES] = {
    {XPAR_PS7_SCUTIMER_0_DEVICE_ID, XPAR_PS7_SCUTIMER_0_BASEADDR},
};

XScuTimer_Config *XScuTimer_LookupConfig(u16 DeviceId) {
  u32 i;
  for (i = 0U; i < (u32)XPAR_XSCUTIMER_NUM_INSTANCES; i++) {
    if (XScuTimer_ConfigTable[i].DeviceId == DeviceId) return &XScuTimer_ConfigTable[i];
  }
  return NULL;
}

s32 XScuTimer_CfgInitialize(XScuTimer *InstancePtr, XScuTimer_Config *ConfigPtr, u32 EffectiveAddress) {
  Xil_AssertNonvoid(InstancePtr != NULL);
  Xil_AssertNonvoid(ConfigPtr != NULL);
  if (InstancePtr->IsStarted == XIL_COMPONENT_IS_STARTED) return XST_DEVICE_IS_STARTED;
  InstancePtr->Config.DeviceId = ConfigPtr->DeviceId;
  InstancePtr->Config.BaseAddr = EffectiveAddress;
  InstancePtr->IsStarted = 0U;
  InstancePtr->IsReady = XIL_COMPONENT_IS_READY;
  return XST_SUCCESS;
}

void XScuTimer_Start(XScuTimer *InstancePtr) {
  u32 Register;
  Xil_AssertVoid(InstancePtr != NULL);
  Xil_AssertVoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  Register = XScuTimer_ReadReg(InstancePtr->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET);
  Register |= XSCUTIMER_CONTROL_ENABLE_MASK;
  XScuTimer_WriteReg(InstancePtr->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET, Register);
  InstancePtr->IsStarted = XIL_COMPONENT_IS_STARTED;
}

void XScuTimer_Stop(XScuTimer *InstancePtr) {
  u32 Register;
  Xil_AssertVoid(InstancePtr != NULL);
  Xil_AssertVoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  Register = XScuTimer_ReadReg(InstancePtr->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET);
  Register &= ~XSCUTIMER_CONTROL_ENABLE_MASK;
  XScuTimer_WriteReg(InstancePtr->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET, Register);
  InstancePtr->IsStarted = 0U;
}

void XScuTimer_SetPrescaler(XScuTimer *InstancePtr, u8 PrescalerValue) {
  u32 ControlReg;
  Xil_AssertVoid(InstancePtr != NULL);
  Xil_AssertVoid(InstancePtr->IsReady == XIL_COMPONENT_IS_READY);
  ControlReg = XScuTimer_ReadReg(InstancePtr->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET);
  ControlReg &= ~XSCUTIMER_CONTROL_PRESCALER_MASK;
  ControlReg |= ((u32)PrescalerValue << XSCUTIMER_CONTROL_PRESCALER_SHIFT);
  XScuTimer_WriteReg(InstancePtr->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET, ControlReg);
}

u8 XScuTimer_GetPrescaler(XScuTimer *InstancePtr) {
  u32 ControlReg;
  ControlReg = XScuTimer_ReadReg(InstancePtr->Config.BaseAddr, XSCUTIMER_CONTROL_OFFSET);
  return (u8)((ControlReg & XSCUTIMER_CONTROL_PRESCALER_MASK) >> XSCUTIMER_CONTROL_PRESCALER_SHIFT);
}
