// Test fixture: scenarios written as lines, `"5 docs/"` for a folder and `"6 docs/a.txt h1"` for a file.
import type { Scenario, ScenarioNode } from './scenario.ts';

/**
 * One scenario list from lines `ID PATH [HASH]`: a path ending in `/` is a folder; the parent is
 * the node at the path's folder in the same list. The root is added.
 */
export function listOf(lines: string[]): ScenarioNode[] {
  const nodes: ScenarioNode[] = [{ id: 'root', parentId: null, name: '', kind: 'dir' }];
  const byPath = new Map<string, string>([['', 'root']]);
  for (const line of lines) {
    const [id, rawPath, hash] = line.split(' ') as [string, string, string | undefined];
    const folder = rawPath.endsWith('/');
    const path = folder ? rawPath.slice(0, -1) : rawPath;
    const cut = path.lastIndexOf('/');
    const parentPath = cut < 0 ? '' : path.slice(0, cut);
    const parentId = byPath.get(parentPath);
    if (parentId === undefined) throw new Error(`no folder ${parentPath} before ${line}`);
    byPath.set(path, id);
    const node: ScenarioNode = {
      id,
      parentId,
      name: path.slice(cut + 1),
      kind: folder ? 'dir' : 'file',
    };
    if (hash !== undefined) node.hash = hash;
    nodes.push(node);
  }
  return nodes;
}

/** A scenario from three lists of lines. */
export function scenarioOf(lines: { remote: string[]; sync: string[]; local: string[] }): Scenario {
  return { remote: listOf(lines.remote), sync: listOf(lines.sync), local: listOf(lines.local) };
}
