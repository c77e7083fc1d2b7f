// The commit rules the server and the sync worker share: the check of one op, and the name folding.
export { checkCommitOp, type CommitCheckOptions, type OpRefusal } from './check-commit-op.ts';
export { emptySha256 } from './empty-sha256.ts';
export { foldName } from './fold-name.ts';
