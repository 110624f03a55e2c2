import { describe, expect, it } from 'vitest';
import { settingsAccessOf, tabFromParam } from './settings-access';

describe('settingsAccessOf', () => {
  it('gives reception the team, the clinic and the agenda resources, read-only', () => {
    expect(settingsAccessOf(['recepcionista'])).toEqual({
      tabs: ['team', 'clinic', 'agenda'],
      canManage: false,
    });
  });

  it('keeps the agenda tab from the DPO alone', () => {
    expect(settingsAccessOf(['encarregado_dados']).tabs).not.toContain('agenda');
  });

  it('gives a manager every tab and editing', () => {
    expect(settingsAccessOf(['gestor'])).toEqual({
      tabs: ['team', 'clinic', 'policy', 'agenda'],
      canManage: true,
    });
  });

  it('shows the policy, read-only, to professionals', () => {
    expect(settingsAccessOf(['medico'])).toEqual({
      tabs: ['team', 'clinic', 'policy', 'agenda'],
      canManage: false,
    });
  });
});

describe('tabFromParam', () => {
  it('opens the tab named in the address when the user can see it', () => {
    expect(tabFromParam('clinica', ['team', 'clinic'])).toBe('clinic');
    expect(tabFromParam('competencias', ['team', 'clinic'])).toBe('team');
    expect(tabFromParam(null, ['team', 'clinic'])).toBe('team');
  });
});
