// The content hash of the empty file, which needs no uploaded blob.

/** SHA-256 of zero bytes. */
export const emptySha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
