// Test fixture: the code of the error an action throws, or 'no error', so a test can compare codes.

/** Runs `action` and answers the `code` of what it threw, or 'no error' when it returned. */
export function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code;
  }
}
