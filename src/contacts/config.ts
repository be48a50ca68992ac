// Contact settings, added to Config by declaration merging (see src/automations/config.ts).
declare module '../config.js' {
  interface Config {
    /** CONTACT_CUSTOM_KEY: the contact field the lookup's customKey searches, memberNumber (default) or externalId. */
    contactCustomKey?: 'memberNumber' | 'externalId';
  }
}

export function customKeyOf(value: string | undefined): 'memberNumber' | 'externalId' {
  if (value === undefined || value === '' || value === 'memberNumber') return 'memberNumber';
  if (value === 'externalId') return 'externalId';
  throw new Error(`CONTACT_CUSTOM_KEY must be memberNumber or externalId, got "${value}"`);
}
