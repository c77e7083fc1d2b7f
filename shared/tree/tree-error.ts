// The one error type of the tree engine: every refusal carries a code from TreeErrorCode.

/**
 * Why the tree engine refused something. Kept here until the codes move to `shared/api/errors.ts`
 * (outside this module's reach for now); the strings are meant to be stable.
 */
export type TreeErrorCode =
  | 'name_empty'
  | 'name_reserved'
  | 'name_has_slash'
  | 'name_has_nul'
  | 'name_too_long'
  | 'name_invalid_unicode'
  | 'id_invalid'
  | 'id_exists'
  | 'id_unknown'
  | 'parent_not_folder'
  | 'name_taken'
  | 'move_into_itself'
  | 'root_immutable'
  | 'folder_not_empty'
  | 'value_out_of_range'
  | 'content_hash_invalid'
  | 'key_invalid'
  | 'key_mismatch'
  | 'no_random_source'
  | 'snapshot_invalid'
  | 'log_invalid'
  | 'log_base_mismatch'
  | 'listing_invalid';

export class TreeError extends Error {
  readonly code: TreeErrorCode;

  constructor(code: TreeErrorCode, message: string) {
    super(message);
    this.name = 'TreeError';
    this.code = code;
  }
}
