// The key two names of one folder collide on: the one name folding the server and the clients share.

/**
 * The key of `name` in a folder: NFC, then lower-cased and put in NFC again, unless `caseSensitive`
 * (then NFC only). Two names with the same key cannot stand in one folder: `Foo.txt` and
 * `foo.txt`, or `é` composed and decomposed, as on the case-insensitive, normalizing file systems
 * of most devices. Normalizing first makes a decomposed name fold as its composed twin; normalizing
 * again after lower-casing catches the letters whose lower case composes where the capital cannot
 * (`H` + U+0331 lower-cases to `h` + U+0331, which is `ẖ`), as Unicode's canonical caseless match
 * does. Nothing is trimmed: `"a "` and `"a"` are different names.
 */
export function foldName(name: string, caseSensitive = false): string {
  const nfc = _nfc(name);
  return caseSensitive ? nfc : _nfc(nfc.toLowerCase());
}

function _nfc(text: string): string {
  return _isSurelyNfc(text) ? text : text.normalize('NFC');
}

/** Below U+0300 nothing composes or decomposes: most names skip `normalize`, which is slow. */
function _isSurelyNfc(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x300) return false;
  return true;
}
