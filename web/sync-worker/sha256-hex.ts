// SHA-256 of a blob's bytes as 64 lower-case hex digits, by the platform's crypto.subtle.
export async function sha256Hex(blob: Blob): Promise<string> {
  // crypto.subtle hashes whole buffers only, so the file is read into memory once (see docs).
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
