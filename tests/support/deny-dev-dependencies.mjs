// Test support, for `node --import`: no package that only devDependencies need can load, as after
// `npm ci --omit=dev`. Plain JavaScript, because it runs before tsx is registered.
import Module, { register } from 'node:module';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';

/**
 * The folders `npm ci --omit=dev` would not install: every package-lock entry marked `dev`,
 * direct and transitive, as absolute paths under the real node_modules folder.
 */
function devOnlyFolders() {
  const lockfile = fileURLToPath(new URL('../../package-lock.json', import.meta.url));
  const root = realpathSync(join(dirname(lockfile), 'node_modules'));
  const { packages } = JSON.parse(readFileSync(lockfile, 'utf8'));
  return Object.entries(packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev === true)
    .map(([path]) => `${join(root, path.slice('node_modules/'.length))}${sep}`);
}

function refuse(folders, resolvedPath, specifier, parent) {
  const folder = folders.find((f) => resolvedPath.startsWith(f));
  if (!folder) return;
  const error = new Error(
    `Cannot find package '${specifier}' imported from ${parent ?? 'the command line'}: ` +
      `it is a devDependency (${folder}), absent from a production install.`,
  );
  error.code = 'ERR_MODULE_NOT_FOUND';
  throw error;
}

let folders = [];

/** Module hook (loader thread): runs after the default resolution, on the file it found. */
export function initialize(data) {
  folders = data.folders;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (result.url.startsWith('file:')) {
    refuse(folders, fileURLToPath(result.url), specifier, context.parentURL);
  }
  return result;
}

if (isMainThread) {
  const found = devOnlyFolders();
  register(import.meta.url, { data: { folders: found } });
  // require() (createRequire included) does not go through the module hooks above.
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    const filename = resolveFilename.call(this, request, parent, ...rest);
    if (!Module.isBuiltin(filename)) {
      refuse(found, realpathSync(filename), request, parent?.filename);
    }
    return filename;
  };
}
