import { describe, expect, it } from 'vitest';
import { extensionOf, imageTypeOf, openTypeOf, previewKind } from './preview-kind.ts';

/** Expects `answer(name)` to be the text given for each file name. */
function expectAnswers(answer: (name: string) => string, cases: Record<string, string>) {
  for (const [name, expected] of Object.entries(cases)) expect(answer(name), name).toBe(expected);
}

describe('previewKind', () => {
  it('previews images and text by extension, whatever its case', () => {
    expectAnswers(previewKind, {
      'Photo.JPG': 'image',
      'notes.md': 'text',
      README: 'text',
      'report.pdf': 'none',
      archive: 'none',
    });
    expect(imageTypeOf('logo.svg')).toBe('image/svg+xml');
  });

  it('never opens what could run script in a tab: HTML opens as text, SVG downloads', () => {
    expectAnswers(openTypeOf, {
      'page.html': 'text/plain;charset=utf-8',
      'logo.svg': '',
      'photo.png': 'image/png',
      'report.pdf': 'application/pdf',
      'data.bin': '',
    });
  });

  it('reads the extension after the last dot only', () => {
    expectAnswers(extensionOf, { 'a.tar.gz': 'gz', '.bashrc': 'bashrc', 'trailing.': '' });
  });
});
