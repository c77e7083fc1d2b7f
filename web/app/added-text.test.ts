import { describe, expect, it } from 'vitest';
import { addedText, plural } from './added-text.ts';

describe('addedText', () => {
  it('says each kind of change that happened, the first word capitalised', () => {
    expect(addedText({ added: 2, replaced: 1, foldersCreated: 1 })).toBe(
      'Added 2 files, replaced 1 file with a new version, created 1 folder.',
    );
  });

  it('says when there was nothing to add', () => {
    expect(addedText({ added: 0, replaced: 0, foldersCreated: 0 })).toBe('Nothing to add.');
  });

  it('counts with thousands separators and the singular for one', () => {
    expect(plural(1200, 'file', 'files')).toBe('1,200 files');
    expect(plural(1, 'folder', 'folders')).toBe('1 folder');
  });
});
