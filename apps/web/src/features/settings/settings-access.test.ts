import { describe, expect, it } from 'vitest';
import { settingsAccessOf, tabFromParam } from './settings-access';

describe('settingsAccessOf', () => {
  it('gives reception the team and the clinic, read-only', () => {
    expect(settingsAccessOf(['recepcionista'])).toEqual({ tabs: ['team', 'clinic'], canManage: false });
  });

  it('gives a manager every tab and editing', () => {
    expect(settingsAccessOf(['gestor'])).toEqual({ tabs: ['team', 'clinic', 'policy'], canManage: true });
  });

  it('shows the policy, read-only, to professionals', () => {
    expect(settingsAccessOf(['medico'])).toEqual({ tabs: ['team', 'clinic', 'policy'], canManage: false });
  });
});

describe('tabFromParam', () => {
  it('opens the tab named in the address when the user can see it', () => {
    expect(tabFromParam('clinica', ['team', 'clinic'])).toBe('clinic');
    expect(tabFromParam('competencias', ['team', 'clinic'])).toBe('team');
    expect(tabFromParam(null, ['team', 'clinic'])).toBe('team');
  });
});
