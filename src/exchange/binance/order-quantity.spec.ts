import { formatOrderQuantity } from './order-quantity';

describe('formatOrderQuantity', () => {
  it('floors to the step size', () => {
    expect(formatOrderQuantity('0.0199999', '0.00001')).toBe('0.01999');
    expect(formatOrderQuantity('12.5', '1')).toBe('12');
    expect(formatOrderQuantity('0.123456789', '0.001')).toBe('0.123');
  });

  it('never writes exponent notation', () => {
    expect(formatOrderQuantity('1e-7', '0.00000001')).toBe('0.0000001');
    expect(formatOrderQuantity('0.00000010', '0.00000001')).toBe('0.0000001');
    expect(formatOrderQuantity('1e+21', '1')).toBe('1000000000000000000000');
  });

  it('leaves a quantity alone without a step', () => {
    expect(formatOrderQuantity('0.123456789')).toBe('0.123456789');
    expect(formatOrderQuantity('0.5', '0')).toBe('0.5');
  });

  it('gives nothing when less than one step remains', () => {
    expect(formatOrderQuantity('0.000009', '0.00001')).toBeUndefined();
    expect(formatOrderQuantity('0')).toBeUndefined();
  });
});
