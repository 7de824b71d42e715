/** The tiers an account can be in, highest first. Apart from the settings schema so that code needing only the list does not bundle the schema. */
export const TIERS = ['key', 'growth', 'standard'] as const;
export type Tier = (typeof TIERS)[number];
