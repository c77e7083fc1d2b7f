// Which files the browser can preview (images in <img>, text in <pre>), and the type to give their
// bytes, from the name's extension: the bytes from the sync worker carry no type.

export type PreviewKind = 'image' | 'text' | 'none';

const imageTypes: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  // Shown through <img> an SVG runs no script; opened as a page it would, so it is never opened.
  svg: 'image/svg+xml',
};

const textExtensions = new Set(
  (
    'txt md markdown csv tsv log json jsonl xml yml yaml toml ini cfg conf env ' +
    'html htm css js mjs cjs ts tsx jsx py rb go rs java kt c h cc cpp hpp cs php sh bash zsh ' +
    'sql svelte vue lua pl r swift tex bib srt vtt'
  ).split(' '),
);

/** Types a new tab shows without running anything the file holds (PDF, audio, video). */
const passiveTypes: Record<string, string> = {
  pdf: 'application/pdf',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/** A name's extension, lower case, without the dot ("" when it has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 || dot === name.length - 1 ? '' : name.slice(dot + 1).toLowerCase();
}

export function previewKind(name: string): PreviewKind {
  const ext = extensionOf(name);
  if (ext in imageTypes) return 'image';
  if (textExtensions.has(ext) || (ext === '' && /^(readme|license|makefile)$/i.test(name))) {
    return 'text';
  }
  return 'none';
}

/** The type for an image preview in <img>. */
export function imageTypeOf(name: string): string {
  return imageTypes[extensionOf(name)] ?? '';
}

/**
 * The type to open the bytes with in a new tab, or "" to download them instead. The tab would have
 * Cubby's origin, so nothing that can run script (HTML, SVG) is ever opened as what it is: text
 * opens as plain text.
 */
export function openTypeOf(name: string): string {
  const ext = extensionOf(name);
  if (ext === 'svg') return '';
  if (ext in imageTypes) return imageTypes[ext] ?? '';
  if (previewKind(name) === 'text') return 'text/plain;charset=utf-8';
  return passiveTypes[ext] ?? '';
}
