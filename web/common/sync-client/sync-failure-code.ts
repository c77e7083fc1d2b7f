// The codes of the sync worker's own failures (not the API's or the device's), as the page receives them.

/**
 * `not_started`, `busy` (another tab syncs, or changes wait to go up), `namespace_not_found`,
 * `digest_mismatch` (a snapshot that does not add up); and the checks of an edit made here:
 * `forbidden` (a viewer), `not_found`, `invalid_name`, `name_taken`, `cycle`. The last five are
 * the strings the contract's `ErrorCode` uses for the same refusals by the server.
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
  | 'cycle';
