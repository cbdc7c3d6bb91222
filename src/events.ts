import type { CommChannel, FieldMap, LoyaltyType, SourceProfile } from './customer';
import type { CustomerId, TillCode } from './ids';
import type { Identifier } from './identifiers';
import type { Source } from './sources';

/** When and by whom: every event carries the command's time and till (ORG-5). */
interface EventMeta {
  readonly at: string;
  readonly till: TillCode;
}

/** A new customer with its first source profile (REG-1). */
export interface CustomerRegistered extends EventMeta {
  readonly kind: 'CustomerRegistered';
  readonly customerId: CustomerId;
  readonly profile: SourceProfile;
  readonly loyaltyType: LoyaltyType;
  readonly extendedFields: FieldMap;
  readonly associatedWith: TillCode | null;
}

/** A registration in a new source account joined an existing customer (REG-6, warning 8050). */
export interface SourceProfileCombined extends EventMeta {
  readonly kind: 'SourceProfileCombined';
  readonly customerId: CustomerId;
  readonly profile: SourceProfile;
  /** The loyalty type after the combine: the higher of the two (LOY-1). */
  readonly loyaltyType: LoyaltyType;
  /** Extended fields the customer did not have yet; existing ones are never overwritten (REG-6). */
  readonly extendedFields: FieldMap;
}

/** Profile, channel, field and loyalty changes to one source profile (UPD-1). */
export interface CustomerUpdated extends EventMeta {
  readonly kind: 'CustomerUpdated';
  readonly customerId: CustomerId;
  readonly source: Source;
  readonly accountId: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** Channels that replace the channels of the same type (UPD-4). */
  readonly commChannels: readonly CommChannel[];
  /** Custom fields set on the profile, key by key. */
  readonly fields: FieldMap;
  /** Extended fields set on the customer, key by key. */
  readonly extendedFields: FieldMap;
  readonly loyaltyType: LoyaltyType;
}

/** An identifier joined a source profile (CHG-1). */
export interface IdentifierAdded extends EventMeta {
  readonly kind: 'IdentifierAdded';
  readonly customerId: CustomerId;
  readonly source: Source;
  readonly accountId: string;
  readonly identifier: Identifier;
}

/** An identifier left a source profile: the only way an identifier is ever lost (CHG-2). */
export interface IdentifierRemoved extends EventMeta {
  readonly kind: 'IdentifierRemoved';
  readonly customerId: CustomerId;
  readonly source: Source;
  readonly accountId: string;
  readonly identifier: Identifier;
}

/** What linked two customers: the identifier added in a source account, or null for an explicit merge request. */
export interface MergeCause {
  readonly source: Source;
  readonly accountId: string;
  readonly identifier: Identifier;
}

/** The victim's profiles joined the survivor, which keeps its id (MRG-1..MRG-4). */
export interface CustomersMerged extends EventMeta {
  readonly kind: 'CustomersMerged';
  readonly survivorId: CustomerId;
  readonly victimId: CustomerId;
  readonly cause: MergeCause | null;
}

/** Everything that can happen to the graph; `evolve` folds these (ARC-2). */
export type GraphEvent =
  | CustomerRegistered
  | SourceProfileCombined
  | CustomerUpdated
  | IdentifierAdded
  | IdentifierRemoved
  | CustomersMerged;
