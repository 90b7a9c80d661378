import { describe, expect, it } from 'vitest';
import { Bus } from '../bus.ts';
import { AxiGpio } from './axi-gpio.ts';
import { Gic } from './gic.ts';

// PG144 register space; XPAR_AXI_GPIO_0_BASEADDR.
const GPIO = 0x41200000;
const GPIO_DATA = GPIO + 0x000;
const GPIO_TRI = GPIO + 0x004;
const GPIO2_DATA = GPIO + 0x008;
const GPIO2_TRI = GPIO + 0x00c;
const GIER = GPIO + 0x11c;
const IP_ISR = GPIO + 0x120;
const IP_IER = GPIO + 0x128;

const ICD = 0xf8f01000;
const ICC = 0xf8f00100;
const IRQF2P0 = 61;

function board(): { bus: Bus; gpio: AxiGpio; gic: Gic; leds: number[] } {
  const bus = new Bus();
  const gic = new Gic(2);
  const gpio = new AxiGpio(gic);
  const leds: number[] = [];
  gpio.onLeds = (v) => leds.push(v);
  bus.map(ICD, 0x1000, gic.distributor, 'gic-distributor');
  bus.map(ICC, 0x100, gic.cpuInterface, 'gic-cpu-interface');
  bus.map(GPIO, 0x10000, gpio, 'axi-gpio');
  return { bus, gpio, gic, leds };
}

describe('AXI GPIO', () => {
  it('starts with every bit an input and the LEDs off', () => {
    const { bus, gpio } = board();
    expect(bus.read(GPIO_TRI, 4)).toBe(0xff);
    bus.write(GPIO_DATA, 0xff, 4);
    expect(gpio.leds).toBe(0); // not driven yet
  });

  it('drives the LEDs from channel 1 once XGpio_SetDataDirection makes them outputs', () => {
    const { bus, gpio, leds } = board();
    bus.write(GPIO_TRI, 0x00, 4);
    bus.write(GPIO_DATA, 0xa5, 4);
    expect(gpio.leds).toBe(0xa5);
    expect(bus.read(GPIO_DATA, 4)).toBe(0xa5);
    bus.write(GPIO_DATA, 0x1a5, 4); // only 8 bits exist
    expect(leds).toEqual([0xa5]); // no change, no callback
    bus.write(GPIO_TRI, 0xf0, 4); // the upper four back to inputs
    expect(leds).toEqual([0xa5, 0x05]);
  });

  it('reads the switches on channel 2, which ignores writes as an all-inputs channel', () => {
    const { bus, gpio } = board();
    gpio.setInputs(2, 0x3c);
    expect(bus.read(GPIO2_DATA, 4)).toBe(0x3c);
    bus.write(GPIO2_TRI, 0, 4);
    bus.write(GPIO2_DATA, 0xff, 4);
    expect(bus.read(GPIO2_DATA, 4)).toBe(0x3c);
  });

  it('interrupts on a switch change when GIER and IP IER allow it; ISR toggles on write', () => {
    const { bus, gpio, gic } = board();
    bus.write(ICD, 1, 4);
    bus.write(ICD + 0x400 + IRQF2P0, 0xa0, 1);
    bus.write(ICD + 0x800 + IRQF2P0, 1, 1);
    bus.write(ICD + 0x100 + 4, 1 << (IRQF2P0 - 32), 4);
    bus.write(ICC + 0x04, 0xf0, 4);
    bus.write(ICC, 1, 4);
    bus.write(IP_IER, 0x2, 4);
    gpio.setInputs(2, 1);
    expect(bus.read(IP_ISR, 4)).toBe(0x2);
    expect(gic.pendingFor(0)).toBe(false); // GIER still off
    bus.write(GIER, 0x80000000, 4);
    expect(gic.pendingFor(0)).toBe(true);
    bus.write(IP_ISR, 0x2, 4);
    expect(bus.read(IP_ISR, 4)).toBe(0);
    expect(gic.pendingFor(0)).toBe(false);
  });
});
