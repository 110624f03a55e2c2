import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_FIELD_LABELS,
  AUDIT_GROUP_PREFIXES,
  AUDIT_GROUPS,
  auditGroupOf,
} from './audit';

describe('audit trail labels', () => {
  it('puts every labelled action in exactly one area, so the area filter finds it', () => {
    for (const action of Object.keys(AUDIT_ACTION_LABELS)) {
      const groups = AUDIT_GROUPS.filter((g) => AUDIT_GROUP_PREFIXES[g].some((p) => action.startsWith(p)));
      expect(groups, action).toHaveLength(1);
      expect(auditGroupOf(action)).toBe(groups[0]);
    }
  });

  it('tells a prefix from a longer one: message_template is not message', () => {
    expect(auditGroupOf('message_template.update')).toBe('mensagens');
    expect(auditGroupOf('client.read')).toBe('clientes');
    expect(auditGroupOf('clientx.read')).toBeNull();
  });

  it('names recorded fields in lower-case Portuguese words, never the code name', () => {
    for (const [field, label] of Object.entries(AUDIT_FIELD_LABELS)) {
      expect(label, field).not.toBe(field);
      expect(label, field).toMatch(/^[a-záéíóúâêôãõç(]|^(UF|RQE|ANPD)/);
    }
  });
});
