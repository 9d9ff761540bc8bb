import { describe, expect, it } from 'vitest';
import { chooseDelegate, median } from '@/lib/detect/blazeface/delegate';

describe('chooseDelegate', () => {
  it('honours an explicit choice whatever was measured', () => {
    expect(chooseDelegate('GPU', { cpuMs: 1, gpuMs: 100 })).toBe('GPU');
    expect(chooseDelegate('CPU', { cpuMs: 100, gpuMs: 1 })).toBe('CPU');
  });
  it('auto stays on the CPU until the GPU is measured clearly faster', () => {
    expect(chooseDelegate('auto', null)).toBe('CPU');
    expect(chooseDelegate('auto', { cpuMs: 10, gpuMs: null })).toBe('CPU');
    expect(chooseDelegate('auto', { cpuMs: 10, gpuMs: 9 })).toBe('CPU');
    expect(chooseDelegate('auto', { cpuMs: 10, gpuMs: 5 })).toBe('GPU');
  });
});

describe('median', () => {
  it('is robust to one slow outlier', () => {
    expect(median([5, 6, 500])).toBe(6);
    expect(median([4, 6])).toBe(5);
    expect(median([])).toBeNaN();
  });
});
