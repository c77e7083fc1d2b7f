import { describe, expect, it } from 'vitest';
import { extensionOf, imageTypeOf, openTypeOf, previewKind } from './preview-kind.ts';

describe('previewKind', () => {
  it('previews images and text by extension, whatever its case', () => {
    expect(previewKind('Photo.JPG')).toBe('image');
    expect(previewKind('notes.md')).toBe('text');
    expect(previewKind('README')).toBe('text');
    expect(previewKind('report.pdf')).toBe('none');
    expect(previewKind('archive')).toBe('none');
    expect(imageTypeOf('logo.svg')).toBe('image/svg+xml');
  });

  it('never opens what could run script in a tab: HTML opens as text, SVG downloads', () => {
    expect(openTypeOf('page.html')).toBe('text/plain;charset=utf-8');
    expect(openTypeOf('logo.svg')).toBe('');
    expect(openTypeOf('photo.png')).toBe('image/png');
    expect(openTypeOf('report.pdf')).toBe('application/pdf');
    expect(openTypeOf('data.bin')).toBe('');
  });

  it('reads the extension after the last dot only', () => {
    expect(extensionOf('a.tar.gz')).toBe('gz');
    expect(extensionOf('.bashrc')).toBe('bashrc');
    expect(extensionOf('trailing.')).toBe('');
  });
});
