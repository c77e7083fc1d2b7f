// Where a list the page shows stands: still loading, shown, or failed (and said in words).
export type LoadState = 'loading' | 'ready' | 'error';
