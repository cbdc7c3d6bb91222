/** An identifier as a request carries it: the value is read and normalised by the rules (IDN-2). */
export interface IdentifierInput {
  readonly type: string;
  readonly value: string | number;
}

/** A communication channel as a request carries it; the seeds send booleans both as JSON and as strings. */
export interface CommChannelInput {
  readonly type: string;
  readonly value: string | number;
  readonly primary?: boolean | 'true' | 'false';
  readonly verified?: boolean | 'true' | 'false';
  readonly meta?: {
    readonly lastViewedDate?: string;
    readonly residence?: boolean | 'true' | 'false';
    readonly office?: boolean | 'true' | 'false';
  };
}

/** A source profile as Register and Update carry it. */
export interface ProfileInput {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly identifiers?: readonly IdentifierInput[];
  readonly commChannels?: readonly CommChannelInput[];
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly source?: string;
  readonly accountId?: string;
}

/** The body of Register Customer (REG-1). */
export interface RegisterBody {
  readonly loyaltyInfo: { readonly loyaltyType: string };
  readonly associatedWith?: string;
  readonly profiles: readonly ProfileInput[];
  readonly extendedFields?: Readonly<Record<string, unknown>>;
  /** Accepted for compatibility with the seed's sample; enrollment is modelled with loyalty programs. */
  readonly loyaltyProgramEnrollments?: readonly unknown[];
}

/** The body of Update Customer Details (UPD-1). */
export interface UpdateBody {
  readonly loyaltyInfo?: { readonly loyaltyType: string };
  readonly profiles?: readonly ProfileInput[];
  readonly extendedFields?: Readonly<Record<string, unknown>>;
  readonly loyaltyProgramEnrollments?: readonly unknown[];
}

/** When and by which till a write happens: the core reads no clock (ARC-1, ORG-5). */
export interface CommandMeta {
  /** An ISO 8601 date-time with offset, e.g. `2024-05-01T10:00:00+05:30`. */
  readonly at: string;
  /** The code of the till that acts. */
  readonly till: string;
}

/** Register a customer in a source account, or combine into the existing customer (REG-1..REG-9). */
export interface RegisterCommand {
  readonly kind: 'register';
  readonly source: string;
  readonly accountId?: string;
  readonly body: RegisterBody;
  readonly meta: CommandMeta;
}

/** Update profile, channels, fields and loyalty of one source profile (UPD-1..UPD-5). */
export interface UpdateCommand {
  readonly kind: 'update';
  readonly customerId: number;
  readonly source: string;
  readonly accountId?: string;
  readonly body: UpdateBody;
  readonly meta: CommandMeta;
}

/** Add and remove identifiers in one source account, merging where the seed says so (CHG-1..CHG-8). */
export interface ChangeIdentifierCommand {
  readonly kind: 'changeIdentifier';
  readonly customerId: number;
  readonly source: string;
  readonly accountId?: string;
  readonly add?: readonly IdentifierInput[];
  readonly remove?: readonly IdentifierInput[];
  readonly meta: CommandMeta;
}

/** Merge one customer into another explicitly, as the platform's merge request does (MRG-1..MRG-7). */
export interface MergeCommand {
  readonly kind: 'merge';
  readonly survivorId: number;
  readonly victimId: number;
  readonly meta: CommandMeta;
}

/** Every write the identity core decides on. */
export type Command = RegisterCommand | UpdateCommand | ChangeIdentifierCommand | MergeCommand;
