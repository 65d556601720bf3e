export const ROLES = ['FAMILY', 'ADVOCATE', 'POLICY', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** The authenticated caller, from a verified bearer token. */
export interface Viewer {
  readonly id: string;
  readonly role: Role;
  /** The advocacy organisation of an ADVOCATE (e.g. a charity's id); null for others. */
  readonly organisation: string | null;
}
