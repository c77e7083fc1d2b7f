import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FilenameTable, type NameHolder } from './filename-table.ts';
import { normalizeName } from './normalize-name.ts';
import { TreeError } from './tree-error.ts';

/** Any name the table accepts: arbitrary Unicode (NFD forms included), minus the refused ones. */
const validName = fc
  .oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
    fc
      .string({ unit: 'grapheme-composite', minLength: 1, maxLength: 8 })
      .map((s) => s.normalize('NFD')),
  )
  .filter((name) => {
    try {
      normalizeName(name);
      return true;
    } catch {
      return false;
    }
  });

describe('FilenameTable', () => {
  it('stores each distinct name once and hands out the same offset for it', () => {
    const table = new FilenameTable();
    const a = table.intern('report.pdf');
    const b = table.intern('notes.txt');
    expect(table.intern('report.pdf')).toBe(a);
    expect(b).not.toBe(a);
    expect(table.distinctNames).toBe(2);
    expect(table.usedBytes).toBe('report.pdf'.length + 1 + 'notes.txt'.length + 1);
    expect(table.holdersOf(a)).toBe(2);
  });

  it('keeps names in one byte array, each followed by a separator', () => {
    const table = new FilenameTable();
    const offset = table.intern('ab');
    table.intern('é');
    expect(Array.from(table.bytes.subarray(offset, table.usedBytes))).toEqual([
      0x61, 0x62, 0, 0xc3, 0xa9, 0,
    ]);
  });

  it('round-trips any valid name, normalized to NFC', () => {
    fc.assert(
      fc.property(fc.array(validName, { minLength: 1, maxLength: 30 }), (names) => {
        const table = new FilenameTable({ indexCapacity: 2 });
        const offsets = names.map((name) => table.intern(name));
        names.forEach((name, i) => {
          expect(table.nameAt(offsets[i]!)).toBe(name.normalize('NFC'));
          expect(table.find(name)).toBe(offsets[i]);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('treats the NFC and NFD spellings of a name as the same name', () => {
    const table = new FilenameTable();
    const composed = table.intern('caf\u00e9');
    expect(table.intern('cafe\u0301')).toBe(composed);
    expect(table.nameAt(composed)).toBe('caf\u00e9');
  });

  it('resolves forced hash collisions to the right names (every name hashing alike, tiny table)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(validName, {
          minLength: 2,
          maxLength: 40,
          selector: (n) => n.normalize('NFC'),
        }),
        (names) => {
          const table = new FilenameTable({ indexCapacity: 2, nameHash: () => 7 });
          const offsets = names.map((name) => table.intern(name));
          expect(new Set(offsets).size).toBe(names.length);
          names.forEach((name, i) => {
            expect(table.find(name)).toBe(offsets[i]);
            expect(table.nameAt(offsets[i]!)).toBe(name.normalize('NFC'));
          });
          expect(table.find('never-interned')).toBe(-1);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('doubles its index as it fills and still finds every name', () => {
    const table = new FilenameTable({ indexCapacity: 2 });
    const offsets = Array.from({ length: 1000 }, (_, i) => table.intern(`file-${i}`));
    for (let i = 0; i < 1000; i++) expect(table.find(`file-${i}`)).toBe(offsets[i]);
    expect(table.byteSize).toBeGreaterThan(2048 * 4);
  });

  it('refuses unusable names with a coded error', () => {
    const table = new FilenameTable();
    const code = (name: string) => {
      try {
        table.intern(name);
        return 'accepted';
      } catch (error) {
        return (error as TreeError).code;
      }
    };
    expect(code('')).toBe('name_empty');
    expect(code('.')).toBe('name_reserved');
    expect(code('..')).toBe('name_reserved');
    expect(code('a/b')).toBe('name_has_slash');
    expect(code('a\0b')).toBe('name_has_nul');
    expect(code('x'.repeat(256))).toBe('name_too_long');
    expect(code('é'.repeat(128))).toBe('name_too_long');
    expect(code('x'.repeat(255))).toBe('accepted');
    expect(code('a\ud800')).toBe('name_invalid_unicode');
    expect(table.find('a/b')).toBe(-1);
  });

  it('counts bytes of names nobody holds as garbage and revives a name interned again', () => {
    const table = new FilenameTable();
    const offset = table.intern('gone.txt');
    table.release(offset);
    expect(table.garbageBytes).toBe('gone.txt'.length + 1);
    expect(table.intern('gone.txt')).toBe(offset);
    expect(table.garbageBytes).toBe(0);
  });

  it('compacts unused names once garbage passes the fraction, telling holders the new offsets', () => {
    const table = new FilenameTable({ compactAt: 0.5, compactMinBytes: 0 });
    const held = new Map<string, number>();
    const holder: NameHolder = {
      remapNames: (remap) => held.forEach((offset, name) => held.set(name, remap[offset]!)),
    };
    table.attach(holder);
    const dropped = ['aaaaaaaa', 'bbbbbbbb', 'cccccccc'].map((name) => table.intern(name));
    for (const name of ['keep-1', 'keep-2']) held.set(name, table.intern(name));
    table.release(dropped[0]!);
    expect(table.compactIfWasteful()).toBe(false);
    table.release(dropped[1]!);
    table.release(dropped[2]!);
    expect(table.compactIfWasteful()).toBe(true);
    expect(table.usedBytes).toBe('keep-1'.length + 1 + 'keep-2'.length + 1);
    expect(table.garbageBytes).toBe(0);
    expect(table.find('aaaaaaaa')).toBe(-1);
    for (const [name, offset] of held) {
      expect(table.nameAt(offset)).toBe(name);
      expect(table.find(name)).toBe(offset);
      expect(table.holdersOf(offset)).toBe(1);
    }
  });

  it('rebuilds from its bytes and refuses malformed or repeated names', () => {
    const table = new FilenameTable();
    const offsets = ['one', 'two', 'thrée'].map((name) => table.intern(name));
    const copy = FilenameTable.fromBytes(table.bytes.slice(0, table.usedBytes));
    expect(offsets.map((o) => copy.nameAt(o))).toEqual(['one', 'two', 'thrée']);
    expect(copy.find('two')).toBe(offsets[1]);
    expect(copy.garbageBytes).toBe(table.usedBytes);
    const twice = new Uint8Array([0x61, 0, 0x61, 0]);
    expect(() => FilenameTable.fromBytes(twice)).toThrow(TreeError);
    expect(() => FilenameTable.fromBytes(new Uint8Array([0x61, 0x2f, 0x62, 0]))).toThrow(TreeError);
  });

  it('compares names across two tables by their bytes', () => {
    const a = new FilenameTable();
    const b = new FilenameTable();
    b.intern('padding');
    expect(a.sameName(a.intern('x.txt'), b, b.intern('x.txt'))).toBe(true);
    expect(a.sameName(a.intern('x.txt'), b, b.intern('x.tx'))).toBe(false);
  });
});
