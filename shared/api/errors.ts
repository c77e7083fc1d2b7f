// Every error code the HTTP contract can answer with, and the JSON body that carries it.

export const errorCodes = [
  'invalid_input',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'unauthorized',
  'invalid_credentials',
  'forbidden',
  'origin_mismatch',
  'not_found',
  'user_not_found',
  'key_not_found',
  'client_not_found',
  'username_taken',
  'key_exists',
  'idempotency_conflict',
  'rate_limited',
  'invalid_endpoint',
  'endpoint_not_allowed',
  'invalid_keys',
  'namespace_not_found',
  'invite_not_found',
  'already_member',
  'rev_mismatch',
  'name_taken',
  'parent_missing',
  'not_a_dir',
  'cycle',
  'invalid_name',
  'blob_missing',
  'hash_mismatch',
  'upload_not_found',
  'offset_mismatch',
  'range_not_satisfiable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** The body of every error answer: `{"error": {"code", "message"}}`. */
export interface ApiErrorBody {
  error: { code: ErrorCode; message: string };
}
