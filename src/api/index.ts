// What a capability's API file needs from the API kernel, in one import.
export { API_PREFIX, defineOperation, type Operation } from './operations.ts';
export { asProblem, problem, sendProblem } from './problem.ts';
export { idParams, isoDateOut, pagination, timestampsOut, tombstoneOut, uuidParam } from './schemas.ts';
export { syncListQuery, syncPage, tombstone } from './sync.ts';
