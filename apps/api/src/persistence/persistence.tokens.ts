export const EVENT_STORE = Symbol('EVENT_STORE');
export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
