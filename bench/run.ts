// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) and prints each figure.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatFigure, type Bench } from './figure.ts';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

for (const file of files) {
  const mod = (await import(new URL(file, import.meta.url).href)) as { default: Bench };
  console.log(`# ${file}`);
  for (const figure of await mod.default()) console.log(formatFigure(figure));
}
