// The codes of the sync worker's own failures (not the API's or the device's), as the page receives them.

/**
 * `not_started`, `busy` (another tab syncs, or changes wait to go up), `namespace_not_found`,
 * `digest_mismatch` (a snapshot that does not add up); the checks of an edit made here:
 * `forbidden` (a viewer), `not_found`, `invalid_name`, `name_taken`, `cycle`; and the checks of an
 * operation before it goes to the server, which is then planned again: `not_found`, `rev_mismatch`
 * (the server's file changed), `blob_missing` (its content was not sent). All but the first four
 * are the strings the contract's `ErrorCode` uses for the same refusals by the server.
 */
export type SyncFailureCode =
  | 'not_started'
  | 'busy'
  | 'namespace_not_found'
  | 'digest_mismatch'
  | 'forbidden'
  | 'not_found'
  | 'invalid_name'
  | 'name_taken'
  | 'cycle'
  | 'rev_mismatch'
  | 'blob_missing';
