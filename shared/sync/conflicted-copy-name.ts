// How a name that cannot stand where it wants to is renamed: `name (conflicted copy YYYY-MM-DD).ext`.
import { MAX_NAME_BYTES } from '../tree/index.ts';
import { utf8Length } from '../tree/utf8.ts';

/**
 * The name of a conflicted copy of `name` made on `date` (UTC): the suffix goes before the last
 * extension (`report (conflicted copy 2024-05-01).pdf`), after the whole name when it has none or
 * starts with its only dot (`.env (conflicted copy 2024-05-01)`). `n` > 1 numbers further copies
 * of the same day: `report (conflicted copy 2024-05-01 2).pdf`. The stem is shortened (never
 * splitting a character) so the result fits in 255 UTF-8 bytes.
 */
export function conflictedCopyName(name: string, date: Date, n = 1): string {
  const day = date.toISOString().slice(0, 10);
  const suffix = ` (conflicted copy ${day}${n > 1 ? ` ${n}` : ''})`;
  const dot = name.lastIndexOf('.');
  const hasExtension = dot > 0 && dot < name.length - 1;
  let stem = hasExtension ? name.slice(0, dot) : name;
  const extension = hasExtension ? name.slice(dot) : '';
  // A long extension leaves no room: it is shortened too, from its end.
  let tail = extension;
  while (utf8Length(suffix + tail) > MAX_NAME_BYTES - 1)
    tail = Array.from(tail).slice(0, -1).join('');
  const budget = MAX_NAME_BYTES - utf8Length(suffix + tail);
  while (utf8Length(stem) > budget) stem = Array.from(stem).slice(0, -1).join('');
  if (stem === '') stem = '_';
  return `${stem}${suffix}${tail}`;
}
