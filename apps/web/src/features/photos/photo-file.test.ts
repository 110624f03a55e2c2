import { PHOTO_MAX_BYTES } from '@clinia/contracts';
import { describe, expect, it } from 'vitest';
import { comparablePairs, formatFileSize, photoFileProblem, takenAtFromFile } from './photo-file';

describe('photo file checks before upload', () => {
  it('accepts JPEG, PNG and HEIC, also a HEIC the browser reports without a type', () => {
    expect(photoFileProblem({ name: 'a.jpg', type: 'image/jpeg', size: 10 })).toBeNull();
    expect(photoFileProblem({ name: 'a.png', type: 'image/png', size: 10 })).toBeNull();
    expect(photoFileProblem({ name: 'IMG_0001.HEIC', type: '', size: 10 })).toBeNull();
    expect(photoFileProblem({ name: 'IMG_0001.heic', type: 'image/heic', size: 10 })).toBeNull();
  });

  it('refuses other types, empty, missing and oversize files', () => {
    expect(photoFileProblem({ name: 'a.gif', type: 'image/gif', size: 10 })).toBe('fileType');
    expect(photoFileProblem({ name: 'laudo.pdf', type: 'application/pdf', size: 10 })).toBe('fileType');
    expect(photoFileProblem(null)).toBe('fileRequired');
    expect(photoFileProblem({ name: 'a.jpg', type: 'image/jpeg', size: 0 })).toBe('fileRequired');
    expect(photoFileProblem({ name: 'a.jpg', type: 'image/jpeg', size: PHOTO_MAX_BYTES + 1 })).toBe(
      'fileSize',
    );
  });

  it('takes the file date unless it lies in the future', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(takenAtFromFile({ lastModified: Date.parse('2026-11-20T10:00:00Z') }, now).toISOString()).toBe(
      '2026-11-20T10:00:00.000Z',
    );
    expect(takenAtFromFile({ lastModified: Date.parse('2027-01-01T00:00:00Z') }, now)).toEqual(now);
  });

  it('formats sizes in pt-BR', () => {
    expect(formatFileSize(3_500_000)).toBe('3,3 MB');
    expect(formatFileSize(200)).toBe('1 KB');
  });
});

describe('comparable pairs', () => {
  it('offers only area and pose combinations with a before and an after, newest first', () => {
    const pairs = comparablePairs([
      { id: 'b1', area: 'face', pose: 'frontal', moment: 'antes', takenAt: '2026-10-01T10:00:00Z' },
      { id: 'b2', area: 'face', pose: 'frontal', moment: 'antes', takenAt: '2026-10-05T10:00:00Z' },
      { id: 'a1', area: 'face', pose: 'frontal', moment: 'depois', takenAt: '2026-11-01T10:00:00Z' },
      { id: 'x', area: 'face', pose: 'perfil_direito', moment: 'antes', takenAt: '2026-10-01T10:00:00Z' },
    ]);
    expect(pairs).toHaveLength(1);
    const ordered = comparablePairs([
      { id: 'p1', area: 'face', pose: 'perfil_direito', moment: 'antes', takenAt: '2026-10-01T10:00:00Z' },
      { id: 'p2', area: 'face', pose: 'perfil_direito', moment: 'depois', takenAt: '2026-11-01T10:00:00Z' },
      { id: 'f1', area: 'face', pose: 'frontal', moment: 'antes', takenAt: '2026-10-01T10:00:00Z' },
      { id: 'f2', area: 'face', pose: 'frontal', moment: 'depois', takenAt: '2026-11-01T10:00:00Z' },
    ]);
    expect(ordered.map((p) => p.pose)).toEqual(['frontal', 'perfil_direito']);
    expect(pairs[0]?.before.map((p) => p.id)).toEqual(['b2', 'b1']);
    expect(pairs[0]?.after.map((p) => p.id)).toEqual(['a1']);
  });
});
