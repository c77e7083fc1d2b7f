// The rule for a node's name: NFC-normalized, and refused with a coded TreeError when unusable.
import { TreeError } from './tree-error.ts';
import { utf8Length } from './utf8.ts';

/** Longest name, in UTF-8 bytes, as on common file systems. */
export const MAX_NAME_BYTES = 255;

/**
 * Returns `name` in NFC. Throws a TreeError when the name is empty, `.` or `..`, holds `/` or NUL,
 * holds a lone surrogate, or takes more than 255 bytes in UTF-8.
 */
export function normalizeName(name: string): string {
  if (name.length === 0) throw new TreeError('name_empty', 'A name cannot be empty.');
  const nfc = _isSurelyNfc(name) ? name : name.normalize('NFC');
  if (nfc === '.' || nfc === '..') {
    throw new TreeError('name_reserved', `"${nfc}" is reserved and cannot name a node.`);
  }
  if (nfc.includes('/')) throw new TreeError('name_has_slash', `"${nfc}" contains "/".`);
  if (nfc.includes('\0')) throw new TreeError('name_has_nul', 'A name cannot contain NUL.');
  const bytes = utf8Length(nfc);
  if (bytes < 0) {
    throw new TreeError('name_invalid_unicode', 'A name cannot contain a lone surrogate.');
  }
  if (bytes > MAX_NAME_BYTES) {
    throw new TreeError(
      'name_too_long',
      `A name takes at most ${MAX_NAME_BYTES} bytes in UTF-8; this one takes ${bytes}.`,
    );
  }
  return nfc;
}

/**
 * Below U+0300 no character decomposes into or composes with a combining mark of its own range,
 * so such text is already NFC; most names are, and skipping `normalize` saves most of the cost.
 */
function _isSurelyNfc(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x300) return false;
  return true;
}
