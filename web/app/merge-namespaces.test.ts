import { describe, expect, it } from 'vitest';
import type { NamespaceInfo } from '../../shared/api/content.ts';
import type { NamespaceEntry } from '../common/sync-client/sync-api.ts';
import { mergeNamespaces } from './merge-namespaces.ts';

const info = (id: string, name: string, kind: 'root' | 'shared'): NamespaceInfo => ({
  id,
  name,
  kind,
  role: 'owner',
  rootId: 1,
  diffKey: '0'.repeat(32),
});

describe('mergeNamespaces', () => {
  it('takes the server’s folders with this device’s linked folder, own files first', () => {
    const local: NamespaceEntry[] = [
      { ...info('n_b', 'Trip', 'shared'), linkedFolder: 'Trip on disk' },
      { ...info('n_gone', 'Left', 'shared'), linkedFolder: null },
    ];
    const merged = mergeNamespaces(
      [
        info('n_b', 'Trip', 'shared'),
        info('n_c', 'band', 'shared'),
        info('n_a', 'My files', 'root'),
      ],
      local,
    );
    expect(merged.map((n) => [n.id, n.linkedFolder])).toEqual([
      ['n_a', null],
      ['n_c', null],
      ['n_b', 'Trip on disk'],
    ]);
    expect(merged[0]).not.toHaveProperty('diffKey');
  });

  it('lists what the device kept when the server cannot be reached', () => {
    const local: NamespaceEntry[] = [
      { ...info('n_b', 'Trip', 'shared'), linkedFolder: null },
      { ...info('n_a', 'My files', 'root'), linkedFolder: null },
    ];
    expect(mergeNamespaces(null, local).map((n) => n.id)).toEqual(['n_a', 'n_b']);
  });
});
