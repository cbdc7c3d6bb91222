import { deepFreeze } from '../kernel/frozen';
import type { OrgConfig } from './org-config';
import { defineOrg, type Org } from './org';

/**
 * The default org's configuration: every source, the accounts and fields that the seeds' sample
 * requests use, and the till `demo.till` (password `demo`) (ORG-2).
 */
export const DEFAULT_ORG_CONFIG: OrgConfig = deepFreeze({
  id: 'default',
  name: 'Default emulator org',
  accounts: {
    WECHAT: ['22232', '1234'],
    FACEBOOK: ['fb-main'],
    LINE: ['line-main'],
    MOBILE_APP: ['400', '123'],
    WEB_ENGAGE: ['we-main'],
  },
  identifiers: { defaultCountryCode: '91', nationalMobileLength: 10 },
  extendedFields: [
    { name: 'gender', type: 'enum', values: ['Male', 'Female', 'Other'] },
    { name: 'city', type: 'string' },
    { name: 'ethnicity', type: 'string' },
    { name: 'religion', type: 'string' },
    { name: 'dob', type: 'date' },
    { name: 'age_group', type: 'string' },
    { name: 'preferred_store', type: 'string' },
    { name: 'nationality', type: 'string' },
  ],
  customFields: [
    { name: 'employee' },
    { name: 'dateofbirth' },
    { name: 'gender' },
    { name: 'city' },
    { name: 'Favorite Color' },
  ],
  programs: [
    {
      id: 1016,
      name: 'Nightly_ApiAutoDefaultProgram',
      description: 'The default program of the seed samples',
      tiers: [
        { serialNumber: 1, name: 'Bronze', description: 'Entry tier', upgradeThreshold: 0 },
        { serialNumber: 2, name: 'Silver', description: 'Silver tier', upgradeThreshold: 1000 },
        { serialNumber: 3, name: 'Gold', description: 'Gold tier', upgradeThreshold: 5000 },
        { serialNumber: 234, name: 'Platinum', description: 'Tier 234 of the seed samples', upgradeThreshold: 20000 },
      ],
    },
    {
      id: 1219,
      name: 'Premium',
      tiers: [
        { serialNumber: 1, name: 'Bronze', description: 'Bronze tier', upgradeThreshold: 0 },
        { serialNumber: 2, name: 'Silver', description: 'Silver tier', upgradeThreshold: 2000 },
        { serialNumber: 3, name: 'Gold', description: 'Gold tier', upgradeThreshold: 10000 },
      ],
      // Renewed on points earned since the last review, else one tier down (TIR-2, TIR-3).
      tierReview: { renewal: { kind: 'points', points: 1000 }, downgrade: 'oneTier', validityDays: 365 },
    },
    {
      id: 1223,
      name: 'Partner',
      tiers: [
        { serialNumber: 1, name: 'Tier1', description: 'Tier 1', upgradeThreshold: 0 },
        { serialNumber: 2, name: 'Tier2', description: 'Tier 2', upgradeThreshold: 500 },
        { serialNumber: 3, name: 'Star', description: 'Top level tier', upgradeThreshold: 5000 },
      ],
      // Renewed on purchases made since the last review, else back to the base tier (TIR-2, TIR-3).
      tierReview: { renewal: { kind: 'purchases', amount: 10000 }, downgrade: 'baseTier', validityDays: 365 },
    },
  ],
  tills: [
    { code: 'demo.till', name: 'Demo till', password: 'demo' },
    { code: 'bukl.till', password: 'bukl' },
    { code: 'rr.till', password: 'rr' },
  ],
} satisfies OrgConfig);

let built: Org | undefined;

/**
 * The default org (ORG-2), built once: its configuration is a frozen constant that the test suite
 * validates, so building it cannot fail.
 */
export function defaultOrg(): Org {
  built ??= defineOrg(DEFAULT_ORG_CONFIG).match(
    (org) => org,
    (error) => {
      throw new Error(`the default org configuration is invalid: ${error.message}`);
    },
  );
  return built;
}
