import { expect, it } from 'vitest';
import { maskCpf, maskEmail, maskPhone } from './masking';

it('masks CPF, phone and e-mail as staff lists show them', () => {
  expect(maskCpf('52998224725')).toBe('***.982.247-**');
  expect(maskPhone('+5511987654321')).toBe('(11) *****-4321');
  expect(maskPhone('+551132654321')).toBe('(11) ****-4321');
  expect(maskEmail('maria.santos@example.com')).toBe('m***@example.com');
});
