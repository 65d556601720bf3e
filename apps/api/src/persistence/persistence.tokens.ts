export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
/** The per-case data keys of crypto-shredding (erasure destroys them). */
export const KEY_STORE = Symbol('KEY_STORE');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
