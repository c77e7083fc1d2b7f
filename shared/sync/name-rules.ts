// Which names a device can hold at all (which can stand together in one folder: shared/commit/fold-name.ts).

/** Characters Windows, Android's shared storage and the File System Access API refuse in a name. */
const REFUSED = new Set(['\\', ':', '*', '?', '"', '<', '>', '|']);
/** Names Windows reserves whatever their extension. */
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/** A refused character or a control character (below U+0020). */
function _refused(char: string): boolean {
  return REFUSED.has(char) || char.charCodeAt(0) < 0x20;
}

/** True when a device can hold `name` as it is; a remote name that is not is renamed everywhere. */
export function isPortableName(name: string): boolean {
  for (const char of name) if (_refused(char)) return false;
  return !RESERVED.test(name) && !name.endsWith('.') && !name.endsWith(' ');
}

/**
 * `name` made portable: refused characters become `_`, a trailing dot or space becomes `_`, and a
 * reserved name gets a leading `_`. Returns `name` itself when it is portable already.
 */
export function portableName(name: string): string {
  if (isPortableName(name)) return name;
  let result = Array.from(name, (char) => (_refused(char) ? '_' : char)).join('');
  if (result.endsWith('.') || result.endsWith(' ')) result = `${result.slice(0, -1)}_`;
  if (RESERVED.test(result)) result = `_${result}`;
  return result;
}
