import { describe, expect, it } from 'vitest';
import { utf8Length } from '../tree/utf8.ts';
import { conflictedCopyName } from './conflicted-copy-name.ts';
import { foldName } from '../commit/fold-name.ts';
import { isPortableName, portableName } from './name-rules.ts';

const day = new Date('2024-05-01T23:59:59Z');

describe('conflictedCopyName', () => {
  it('puts the dated suffix before the last extension', () => {
    expect(conflictedCopyName('report.pdf', day)).toBe('report (conflicted copy 2024-05-01).pdf');
    expect(conflictedCopyName('archive.tar.gz', day)).toBe(
      'archive.tar (conflicted copy 2024-05-01).gz',
    );
  });

  it('appends it to names without an extension, dotfiles and names ending in a dot', () => {
    expect(conflictedCopyName('Makefile', day)).toBe('Makefile (conflicted copy 2024-05-01)');
    expect(conflictedCopyName('.env', day)).toBe('.env (conflicted copy 2024-05-01)');
    expect(conflictedCopyName('notes.', day)).toBe('notes. (conflicted copy 2024-05-01)');
  });

  it('numbers further copies of the same day', () => {
    expect(conflictedCopyName('a.txt', day, 2)).toBe('a (conflicted copy 2024-05-01 2).txt');
  });

  it('shortens long names to fit 255 UTF-8 bytes without splitting a character', () => {
    const long = `${'é'.repeat(200)}.txt`;
    const name = conflictedCopyName(long, day);
    expect(utf8Length(name)).toBeLessThanOrEqual(255);
    expect(name.endsWith(' (conflicted copy 2024-05-01).txt')).toBe(true);
    const longExtension = conflictedCopyName(`a.${'x'.repeat(250)}`, day);
    expect(utf8Length(longExtension)).toBeLessThanOrEqual(255);
  });
});

describe('name rules', () => {
  it('folds case and Unicode normalization to one key', () => {
    expect(foldName('Café.TXT')).toBe(foldName('cafe\u0301.txt'));
    expect(foldName('a')).not.toBe(foldName('b'));
  });

  it('makes names a device cannot hold portable, and leaves the others alone', () => {
    expect(portableName('a:b?.txt')).toBe('a_b_.txt');
    expect(portableName('CON.txt')).toBe('_CON.txt');
    expect(portableName('trailing. ')).toBe('trailing._');
    expect(portableName('ok name.txt')).toBe('ok name.txt');
    expect(isPortableName('ok name.txt')).toBe(true);
    expect(isPortableName('tab\there')).toBe(false);
  });
});
