// Writes the app icons into public/icons: `npx tsx web/icons/write-app-icons.mjs`. Run it after
// changing draw-app-icon.ts and commit the PNGs; the build only copies them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { drawAppIcon } from './draw-app-icon.ts';
import { encodePng } from './encode-png.ts';

const dir = fileURLToPath(new URL('../../public/icons', import.meta.url));
mkdirSync(dir, { recursive: true });
const icons = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'icon-maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon-180.png', size: 180, maskable: true },
];
for (const { file, size, maskable } of icons) {
  const png = encodePng(drawAppIcon(size, { maskable }), size, size, (b) =>
    deflateSync(b, { level: 9 }),
  );
  writeFileSync(dir + file, png);
}
