// A simulated IAM for the console replica: the Node-side store of what the replica really
// submitted, enforcing IAM's own rules and speaking in IAM's own error messages. Pure TypeScript,
// no browser. Every operation is recorded in `calls` so tests can count submissions.
import { createHash, randomBytes } from 'node:crypto';
import { AWS_MANAGED_POLICY_PATHS } from '../console-replica/src/managed-policies.tsx';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-eusc';

export interface SimRole {
  roleName: string;
  arn: string;
  description: string;
  /** The trust policy as parsed JSON. */
  trustPolicy: unknown;
  /** The trust policy exactly as submitted. */
  trustPolicyText: string;
  attachedPolicyArns: string[];
  createDate: string;
  /** The role's tags, in the order given (IAM keeps the key's case as submitted). */
  tags: SimTag[];
  /** The managed policy set as the role's permissions boundary, if any. */
  permissionsBoundaryArn?: string;
  /** MaxSessionDuration in seconds: 3600 (IAM's default) to 43200. */
  maxSessionDuration: number;
}

/** A tag as IAM's API spells it. */
export interface SimTag {
  Key: string;
  Value: string;
}

export interface SimPolicy {
  policyName: string;
  arn: string;
  description: string;
  /** The default version's document. */
  document: string;
  defaultVersionId: string;
  /** Oldest first; at most 5. */
  versions: SimPolicyVersion[];
  createDate: string;
}

/** One version of a customer-managed policy (ids v1, v2, … never reused, as in IAM). */
export interface SimPolicyVersion {
  versionId: string;
  document: string;
  isDefaultVersion: boolean;
  createDate: string;
}

export interface SimUser {
  userName: string;
  arn: string;
  attachedPolicyArns: string[];
  createDate: string;
}

/**
 * An access key as the simulated IAM keeps it. Real IAM never shows the secret again; this store
 * keeps it so tests can compare what a service received with what IAM made. The replica's API
 * returns it only once, in the createAccessKey answer.
 */
export interface SimAccessKey {
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** SHA-256 of the secret (hex), for tests that would rather not handle the secret itself. */
  secretSha256: string;
  status: 'Active' | 'Inactive';
  createDate: string;
  /** The "Description tag value" given when it was made ('' if none). */
  description: string;
}

/** What listAccessKeys answers: the metadata, never the secret. */
export type SimAccessKeyMetadata = Omit<SimAccessKey, 'secretAccessKey' | 'secretSha256'>;

export interface CreateUserInput {
  userName: string;
  policyArns?: string[];
}

export interface SimCall {
  op: string;
  input: unknown;
  status: number;
}

export interface SimulatedIamOptions {
  accountId?: string;
  partition?: Partition;
  /**
   * Managed policies a role may hold: IAM's quota, 10 unless raised (at most 20, as Service
   * Quotas allows).
   */
  policiesPerRole?: number;
  /**
   * The service control policy variant: CreateRole is denied unless the request carries a tag of
   * each of these keys (as an SCP denying `iam:CreateRole` when `aws:RequestTag/<key>` is null).
   * Empty or absent: no SCP.
   */
  scpRequiredTagKeys?: string[];
  /** The caller named in access-denied messages (default `…:assumed-role/Admin/alice`). */
  callerArn?: string;
}

export interface CreateRoleInput {
  roleName: string;
  description?: string;
  trustPolicy: string;
  policyArns?: string[];
  tags?: SimTag[];
  permissionsBoundaryArn?: string;
  /** Seconds (default 3600). The console sets it only afterwards, on the Edit role page. */
  maxSessionDuration?: number;
}

/** UpdateRole: only the fields given change. */
export interface UpdateRoleInput {
  roleName: string;
  description?: string;
  maxSessionDuration?: number;
}

export interface CreatePolicyInput {
  policyName: string;
  description?: string;
  document: string;
}

/** An IAM error: HTTP status plus the message IAM itself would give. */
export class IamError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly code = 'ValidationError',
  ) {
    super(message);
    this.name = 'IamError';
  }
}

export const ROLE_NAME_RE = /^[\w+=,.@-]{1,64}$/;
export const POLICY_NAME_RE = /^[\w+=,.@-]{1,128}$/;
export const DESCRIPTION_RE = /^[\t\n\r\u0020-\u007e\u00a1-\u00ff]*$/;
export const MAX_DESCRIPTION = 1000;
export const MAX_TRUST_POLICY = 2048;
export const MAX_POLICY_SIZE = 6144;
export const MAX_POLICIES_PER_ROLE = 10;
export const USER_NAME_RE = /^[\w+=,.@-]{1,64}$/;
export const MAX_POLICIES_PER_USER = 10;
export const MAX_ACCESS_KEYS_PER_USER = 2;
export const MAX_TAG_VALUE = 256;
export const TAG_VALUE_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const MAX_TAG_KEY = 128;
export const TAG_KEY_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;
export const MAX_TAGS_PER_ROLE = 50;
export const MAX_POLICY_VERSIONS = 5;
export const MIN_SESSION_DURATION = 3600;
export const MAX_SESSION_DURATION = 43200;

export const MSG = {
  roleNameInvalid:
    'The specified value for roleName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
  roleNameLength: (n: number) =>
    `1 validation error detected: Value at 'roleName' failed to satisfy constraint: Member must have length ${n < 1 ? 'greater than or equal to 1' : 'less than or equal to 64'}`,
  roleExists: (name: string) => `Role with name ${name} already exists.`,
  roleMissing: (name: string) => `The role with name ${name} cannot be found.`,
  descriptionInvalid:
    "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*",
  descriptionLength:
    "1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000",
  syntax: 'Syntax errors in policy.',
  aclSize: `Cannot exceed quota for ACLSizePerRole: ${MAX_TRUST_POLICY}`,
  policySize: `Cannot exceed quota for PolicySize: ${MAX_POLICY_SIZE}`,
  policiesPerRole: `Cannot exceed quota for PoliciesPerRole: ${MAX_POLICIES_PER_ROLE}`,
  policiesPerRoleQuota: (n: number) => `Cannot exceed quota for PoliciesPerRole: ${n}`,
  policyMissing: (arn: string) => `Policy ${arn} does not exist or is not attachable.`,
  policyArnInvalid: (arn: string) => `ARN ${arn} is not valid.`,
  policyNameInvalid:
    'The specified value for policyName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
  policyExists: (name: string) =>
    `A policy called ${name} already exists. Duplicate names are not allowed.`,
  unknownOp: (op: string) => `Unknown operation ${op}.`,
  userNameInvalid:
    'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-',
  userNameLength: (n: number) =>
    `1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length ${n < 1 ? 'greater than or equal to 1' : 'less than or equal to 64'}`,
  userExists: (name: string) => `User with name ${name} already exists.`,
  userMissing: (name: string) => `The user with name ${name} cannot be found.`,
  policiesPerUser: `Cannot exceed quota for PoliciesPerUser: ${MAX_POLICIES_PER_USER}`,
  accessKeysPerUser: `Cannot exceed quota for AccessKeysPerUser: ${MAX_ACCESS_KEYS_PER_USER}`,
  accessKeyMissing: (id: string) => `The Access Key with id ${id} cannot be found.`,
  tagValueInvalid:
    "1 validation error detected: Value at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
  tagValueLength:
    "1 validation error detected: Value at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256",
  // Tags of CreateRole: `n` is the tag's 1-based place in the request, as IAM's members count.
  tagKeyInvalid: (n: number) =>
    `1 validation error detected: Value at 'tags.${n}.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+`,
  tagKeyLength: (n: number, length: number) =>
    `1 validation error detected: Value at 'tags.${n}.member.key' failed to satisfy constraint: Member must have length ${length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_TAG_KEY}`}`,
  tagValueInvalidAt: (n: number) =>
    `1 validation error detected: Value at 'tags.${n}.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*`,
  tagValueLengthAt: (n: number) =>
    `1 validation error detected: Value at 'tags.${n}.member.value' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TAG_VALUE}`,
  tooManyTags: `1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TAGS_PER_ROLE}`,
  duplicateTagKeys: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
  // IAM's own wording for a reserved key is not on record; this is EC2's, which says the same.
  reservedTagKey: "Tag keys starting with 'aws:' are reserved for internal use.",
  /** An explicit deny in a service control policy, as IAM words it (HTTP 403, AccessDenied). */
  scpDenied: (caller: string, action: string, resource: string) =>
    `User: ${caller} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in a service control policy`,
  /** A permissions boundary that names no attachable policy (NoSuchEntity, HTTP 404). */
  boundaryMissing: (arn: string) => `Scope ARN: ${arn} does not exist or is not attachable.`,
  policyVersions:
    'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
  policyVersionMissing: (arn: string, versionId: string) =>
    `Policy ${arn} version ${versionId} does not exist or is not attachable.`,
  deleteDefaultVersion: 'Cannot delete the default version of a policy.',
  deletePolicyAttached: 'Cannot delete a policy attached to entities.',
  deletePolicyVersions:
    "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
  deleteRoleAttached: 'Cannot delete entity, must detach all policies first.',
  notAttached: (arn: string) => `Policy ${arn} was not found.`,
  maxSessionDuration: (value: unknown, tooLow: boolean) =>
    `1 validation error detected: Value '${String(value)}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value ${tooLow ? `greater than or equal to ${MIN_SESSION_DURATION}` : `less than or equal to ${MAX_SESSION_DURATION}`}`,
} as const;

/** The partition of a console host (`console.amazonaws.cn` → `aws-cn`, …). */
export function partitionOfHost(host: string): Partition {
  if (/(^|\.)console\.amazonaws\.cn$/i.test(host)) return 'aws-cn';
  if (/(^|\.)console\.amazonaws-us-gov\.com$/i.test(host)) return 'aws-us-gov';
  if (/(^|\.)console\.amazonaws-eusc\.eu$/i.test(host)) return 'aws-eusc';
  return 'aws';
}

/** Parses a policy document; throws IAM's syntax error if it is not a JSON object. */
function parsePolicy(text: unknown): unknown {
  if (typeof text !== 'string') throw new IamError(MSG.syntax, 400, 'MalformedPolicyDocument');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new IamError(MSG.syntax, 400, 'MalformedPolicyDocument');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new IamError(MSG.syntax, 400, 'MalformedPolicyDocument');
  }
  return parsed;
}

/** Size as IAM counts it: whitespace outside strings does not count. */
export function policySize(text: string): number {
  return JSON.stringify(JSON.parse(text)).length;
}

function checkRoleName(name: unknown): string {
  if (typeof name !== 'string') throw new IamError(MSG.roleNameInvalid);
  if (name.length < 1 || name.length > 64) throw new IamError(MSG.roleNameLength(name.length));
  if (!ROLE_NAME_RE.test(name)) throw new IamError(MSG.roleNameInvalid);
  return name;
}

function checkUserName(name: unknown): string {
  if (typeof name !== 'string') throw new IamError(MSG.userNameInvalid);
  if (name.length < 1 || name.length > 64) throw new IamError(MSG.userNameLength(name.length));
  if (!USER_NAME_RE.test(name)) throw new IamError(MSG.userNameInvalid);
  return name;
}

/** An access key ID: AKIA + 16 characters of IAM's base32 alphabet (A–Z, 2–7). */
function newAccessKeyId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return 'AKIA' + [...randomBytes(16)].map((b) => alphabet[b % 32]).join('');
}

/** A secret access key: 40 characters of base64 (A–Z, a–z, 0–9, + and /). */
function newSecret(): string {
  return randomBytes(30).toString('base64');
}

function checkDescription(description: unknown): string {
  if (description === undefined || description === null) return '';
  if (typeof description !== 'string') throw new IamError(MSG.descriptionInvalid);
  if (description.length > MAX_DESCRIPTION) throw new IamError(MSG.descriptionLength);
  if (!DESCRIPTION_RE.test(description)) throw new IamError(MSG.descriptionInvalid);
  return description;
}

function checkTrustPolicy(text: unknown): { text: string; parsed: unknown } {
  const parsed = parsePolicy(text);
  if (policySize(text as string) > MAX_TRUST_POLICY) {
    throw new IamError(MSG.aclSize, 409, 'LimitExceeded');
  }
  return { text: text as string, parsed };
}

/** A role's tags under IAM's rules: 50 at most, keys unique ignoring case, IAM's characters. */
function checkTags(tags: unknown): SimTag[] {
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags)) throw new IamError(MSG.tagKeyInvalid(1));
  if (tags.length > MAX_TAGS_PER_ROLE) throw new IamError(MSG.tooManyTags, 400, 'LimitExceeded');
  const out: SimTag[] = [];
  tags.forEach((tag: unknown, i) => {
    const n = i + 1;
    const { Key: key, Value: value } = (tag ?? {}) as { Key?: unknown; Value?: unknown };
    if (typeof key !== 'string') throw new IamError(MSG.tagKeyLength(n, 0));
    const keyLength = [...key].length;
    if (keyLength < 1 || keyLength > MAX_TAG_KEY)
      throw new IamError(MSG.tagKeyLength(n, keyLength));
    if (!TAG_KEY_RE.test(key)) throw new IamError(MSG.tagKeyInvalid(n));
    const v = value === undefined || value === null ? '' : value;
    if (typeof v !== 'string') throw new IamError(MSG.tagValueInvalidAt(n));
    if ([...v].length > MAX_TAG_VALUE) throw new IamError(MSG.tagValueLengthAt(n));
    if (!TAG_VALUE_RE.test(v)) throw new IamError(MSG.tagValueInvalidAt(n));
    out.push({ Key: key, Value: v });
  });
  for (const t of out) {
    if (t.Key.toLowerCase().startsWith('aws:')) {
      throw new IamError(MSG.reservedTagKey, 400, 'InvalidInput');
    }
  }
  const keys = new Set(out.map((t) => t.Key.toLowerCase()));
  if (keys.size !== out.length) throw new IamError(MSG.duplicateTagKeys, 400, 'InvalidInput');
  return out;
}

function checkMaxSessionDuration(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new IamError(MSG.maxSessionDuration(value, true));
  }
  if (value < MIN_SESSION_DURATION) throw new IamError(MSG.maxSessionDuration(value, true));
  if (value > MAX_SESSION_DURATION) throw new IamError(MSG.maxSessionDuration(value, false));
  return value;
}

export class SimulatedIam {
  readonly accountId: string;
  readonly partition: Partition;
  readonly policiesPerRole: number;
  readonly calls: SimCall[] = [];
  /**
   * The SCP variant in force (see SimulatedIamOptions): may change between calls, so a test can
   * seed roles first and turn the SCP on after.
   */
  scpRequiredTagKeys: string[];
  readonly callerArn: string;
  private readonly roleStore = new Map<string, SimRole>();
  private readonly policyStore = new Map<string, SimPolicy>();
  private readonly userStore = new Map<string, SimUser>();
  private readonly keyStore: SimAccessKey[] = [];

  constructor(options: SimulatedIamOptions = {}) {
    this.accountId = options.accountId ?? '111122223333';
    this.partition = options.partition ?? 'aws';
    this.policiesPerRole = options.policiesPerRole ?? MAX_POLICIES_PER_ROLE;
    this.scpRequiredTagKeys = [...(options.scpRequiredTagKeys ?? [])];
    this.callerArn =
      options.callerArn ?? `arn:${this.partition}:sts::${this.accountId}:assumed-role/Admin/alice`;
    if (!/^\d{12}$/.test(this.accountId)) throw new Error(`bad account id ${this.accountId}`);
    if (
      !Number.isInteger(this.policiesPerRole) ||
      this.policiesPerRole < MAX_POLICIES_PER_ROLE ||
      this.policiesPerRole > 20
    ) {
      throw new Error(`bad PoliciesPerRole quota ${this.policiesPerRole} (10 to 20)`);
    }
  }

  roleArn(roleName: string): string {
    return `arn:${this.partition}:iam::${this.accountId}:role/${roleName}`;
  }

  policyArn(policyName: string): string {
    return `arn:${this.partition}:iam::${this.accountId}:policy/${policyName}`;
  }

  /** All roles, oldest first (copies). */
  roles(): SimRole[] {
    return [...this.roleStore.values()].map((r) => structuredClone(r));
  }

  /** One role by exact name (IAM lookups are case-insensitive too; so is this one). */
  role(name: string): SimRole | undefined {
    const r = this.roleStore.get(name.toLowerCase());
    return r && structuredClone(r);
  }

  /** All customer-managed policies (copies). */
  policies(): SimPolicy[] {
    return [...this.policyStore.values()].map((p) => structuredClone(p));
  }

  policy(name: string): SimPolicy | undefined {
    const p = this.policyStore.get(name);
    return p && structuredClone(p);
  }

  userArn(userName: string): string {
    return `arn:${this.partition}:iam::${this.accountId}:user/${userName}`;
  }

  /** All users, oldest first (copies). */
  users(): SimUser[] {
    return [...this.userStore.values()].map((u) => structuredClone(u));
  }

  /** One user by name (case-insensitive, as IAM's lookups are). */
  user(name: string): SimUser | undefined {
    const u = this.userStore.get(name.toLowerCase());
    return u && structuredClone(u);
  }

  /**
   * A user's access keys, oldest first, with the secret IAM made (for test assertions only: the
   * replica never gets it back after createAccessKey).
   */
  accessKeys(userName: string): SimAccessKey[] {
    const u = this.userStore.get(userName.toLowerCase());
    if (!u) return [];
    return this.keyStore.filter((k) => k.userName === u.userName).map((k) => ({ ...k }));
  }

  /** Number of recorded calls of one operation (optionally only those with a status). */
  count(op: string, status?: number): number {
    return this.calls.filter((c) => c.op === op && (status === undefined || c.status === status))
      .length;
  }

  createRole(input: CreateRoleInput): SimRole {
    const roleName = checkRoleName(input?.roleName);
    const description = checkDescription(input.description);
    const trust = checkTrustPolicy(input.trustPolicy);
    const policyArns = input.policyArns ?? [];
    if (!Array.isArray(policyArns) || policyArns.some((a) => typeof a !== 'string')) {
      throw new IamError(MSG.policyArnInvalid(String(policyArns)));
    }
    const unique = [...new Set(policyArns)];
    if (unique.length > this.policiesPerRole) {
      throw new IamError(MSG.policiesPerRoleQuota(this.policiesPerRole), 409, 'LimitExceeded');
    }
    const tags = checkTags(input.tags);
    const maxSessionDuration =
      input.maxSessionDuration === undefined
        ? MIN_SESSION_DURATION
        : checkMaxSessionDuration(input.maxSessionDuration);
    // Authorisation comes after the request's own validation and before any lookup.
    const tagged = new Set(tags.map((t) => t.Key.toLowerCase()));
    if (this.scpRequiredTagKeys.some((k) => !tagged.has(k.toLowerCase()))) {
      throw new IamError(
        MSG.scpDenied(this.callerArn, 'iam:CreateRole', this.roleArn(roleName)),
        403,
        'AccessDenied',
      );
    }
    for (const arn of unique) this.checkAttachable(arn);
    const boundary = input.permissionsBoundaryArn;
    if (boundary !== undefined && boundary !== null && boundary !== '') {
      this.checkBoundary(boundary);
    }
    const existing = this.roleStore.get(roleName.toLowerCase());
    if (existing) throw new IamError(MSG.roleExists(roleName), 409, 'EntityAlreadyExists');
    const role: SimRole = {
      roleName,
      arn: this.roleArn(roleName),
      description,
      trustPolicy: trust.parsed,
      trustPolicyText: trust.text,
      attachedPolicyArns: unique,
      createDate: new Date().toISOString(),
      tags,
      ...(boundary ? { permissionsBoundaryArn: boundary } : {}),
      maxSessionDuration,
    };
    this.roleStore.set(roleName.toLowerCase(), role);
    return structuredClone(role);
  }

  getRole(roleName: string): SimRole {
    const r = typeof roleName === 'string' ? this.roleStore.get(roleName.toLowerCase()) : undefined;
    if (!r) throw new IamError(MSG.roleMissing(String(roleName)), 404, 'NoSuchEntity');
    return structuredClone(r);
  }

  /**
   * UpdateRole, as the console's Edit role page saves it: a new description and/or maximum
   * session duration (3600 to 43200 seconds, IAM's validation message otherwise). Checked whole
   * before anything changes.
   */
  updateRole(input: UpdateRoleInput): SimRole {
    const r =
      typeof input?.roleName === 'string'
        ? this.roleStore.get(input.roleName.toLowerCase())
        : undefined;
    const description =
      input?.description === undefined ? undefined : checkDescription(input.description);
    const duration =
      input?.maxSessionDuration === undefined
        ? undefined
        : checkMaxSessionDuration(input.maxSessionDuration);
    if (!r) throw new IamError(MSG.roleMissing(String(input?.roleName)), 404, 'NoSuchEntity');
    if (description !== undefined) r.description = description;
    if (duration !== undefined) r.maxSessionDuration = duration;
    return structuredClone(r);
  }

  updateTrustPolicy(roleName: string, trustPolicy: string): SimRole {
    const r = typeof roleName === 'string' ? this.roleStore.get(roleName.toLowerCase()) : undefined;
    if (!r) throw new IamError(MSG.roleMissing(String(roleName)), 404, 'NoSuchEntity');
    const trust = checkTrustPolicy(trustPolicy);
    r.trustPolicy = trust.parsed;
    r.trustPolicyText = trust.text;
    return structuredClone(r);
  }

  /**
   * Attaches managed policies to a role, as the console's Add permissions does (one
   * AttachRolePolicy per policy in IAM). Checked as a whole before anything changes: every ARN
   * must name an attachable policy of this partition, and the role may hold at most
   * `policiesPerRole` managed policies afterwards (IAM's LimitExceeded message). Policies
   * already attached are accepted and not attached twice, as in IAM.
   */
  attachRolePolicies(roleName: string, policyArns: string[]): SimRole {
    const r = typeof roleName === 'string' ? this.roleStore.get(roleName.toLowerCase()) : undefined;
    if (!r) throw new IamError(MSG.roleMissing(String(roleName)), 404, 'NoSuchEntity');
    if (!Array.isArray(policyArns) || policyArns.some((a) => typeof a !== 'string')) {
      throw new IamError(MSG.policyArnInvalid(String(policyArns)));
    }
    const unique = [...new Set(policyArns)];
    for (const arn of unique) this.checkAttachable(arn);
    const added = unique.filter((a) => !r.attachedPolicyArns.includes(a));
    if (r.attachedPolicyArns.length + added.length > this.policiesPerRole) {
      throw new IamError(MSG.policiesPerRoleQuota(this.policiesPerRole), 409, 'LimitExceeded');
    }
    r.attachedPolicyArns.push(...added);
    return structuredClone(r);
  }

  /** How many roles and users a policy is attached to (GetPolicy's AttachmentCount). */
  attachmentCount(policyArn: string): number {
    let n = 0;
    for (const r of this.roleStore.values()) if (r.attachedPolicyArns.includes(policyArn)) n++;
    for (const u of this.userStore.values()) if (u.attachedPolicyArns.includes(policyArn)) n++;
    return n;
  }

  /** A role's managed policies as ListAttachedRolePolicies gives them, with attachment counts. */
  listAttachedRolePolicies(
    roleName: string,
  ): { policyName: string; policyArn: string; attachmentCount: number }[] {
    return this.getRole(roleName).attachedPolicyArns.map((policyArn) => ({
      policyName: policyArn.split('/').pop()!,
      policyArn,
      attachmentCount: this.attachmentCount(policyArn),
    }));
  }

  createPolicy(input: CreatePolicyInput): SimPolicy {
    const policyName = input?.policyName;
    if (typeof policyName !== 'string' || !POLICY_NAME_RE.test(policyName)) {
      throw new IamError(MSG.policyNameInvalid);
    }
    const description = checkDescription(input.description);
    const document = input.document;
    parsePolicy(document);
    if (policySize(document) > MAX_POLICY_SIZE) {
      throw new IamError(MSG.policySize, 409, 'LimitExceeded');
    }
    if (this.policyStore.has(policyName)) {
      throw new IamError(MSG.policyExists(policyName), 409, 'EntityAlreadyExists');
    }
    const createDate = new Date().toISOString();
    const policy: SimPolicy = {
      policyName,
      arn: this.policyArn(policyName),
      description,
      document,
      defaultVersionId: 'v1',
      versions: [{ versionId: 'v1', document, isDefaultVersion: true, createDate }],
      createDate,
    };
    this.policyStore.set(policyName, policy);
    return structuredClone(policy);
  }

  /** A customer-managed policy of this account by ARN, or IAM's NoSuchEntity. */
  private ownPolicy(arn: unknown): SimPolicy {
    const name = typeof arn === 'string' ? arn.split('/').pop()! : '';
    const p = this.policyStore.get(name);
    if (!p || p.arn !== arn)
      throw new IamError(MSG.policyMissing(String(arn)), 404, 'NoSuchEntity');
    return p;
  }

  /** getPolicy of a customer-managed policy, with its versions. */
  getPolicy(arn: string): SimPolicy {
    return structuredClone(this.ownPolicy(arn));
  }

  /**
   * CreatePolicyVersion: a new version of the document (the same rules as createPolicy), made
   * the default when asked. Five versions at most: IAM's LimitExceeded message beyond.
   */
  createPolicyVersion(arn: string, document: string, setAsDefault: boolean): SimPolicyVersion {
    const p = this.ownPolicy(arn);
    parsePolicy(document);
    if (policySize(document) > MAX_POLICY_SIZE) {
      throw new IamError(MSG.policySize, 409, 'LimitExceeded');
    }
    if (p.versions.length >= MAX_POLICY_VERSIONS) {
      throw new IamError(MSG.policyVersions, 409, 'LimitExceeded');
    }
    const next = Math.max(...p.versions.map((v) => Number(v.versionId.slice(1)))) + 1;
    const version: SimPolicyVersion = {
      versionId: `v${next}`,
      document,
      isDefaultVersion: false,
      createDate: new Date().toISOString(),
    };
    p.versions.push(version);
    if (setAsDefault === true) this.makeDefault(p, version.versionId);
    return structuredClone(version);
  }

  setDefaultPolicyVersion(arn: string, versionId: string): SimPolicy {
    const p = this.ownPolicy(arn);
    if (!p.versions.some((v) => v.versionId === versionId)) {
      throw new IamError(MSG.policyVersionMissing(arn, String(versionId)), 404, 'NoSuchEntity');
    }
    this.makeDefault(p, versionId);
    return structuredClone(p);
  }

  /** DeletePolicyVersion: never the default one (IAM's DeleteConflict). */
  deletePolicyVersion(arn: string, versionId: string): SimPolicy {
    const p = this.ownPolicy(arn);
    const v = p.versions.find((x) => x.versionId === versionId);
    if (!v) {
      throw new IamError(MSG.policyVersionMissing(arn, String(versionId)), 404, 'NoSuchEntity');
    }
    if (v.isDefaultVersion) throw new IamError(MSG.deleteDefaultVersion, 409, 'DeleteConflict');
    p.versions = p.versions.filter((x) => x !== v);
    return structuredClone(p);
  }

  /**
   * DeletePolicy: refused while the policy is attached to a role or user, or while it still has
   * versions besides the default (the console deletes those first), in IAM's words.
   */
  deletePolicy(arn: string): void {
    const p = this.ownPolicy(arn);
    if (this.attachmentCount(p.arn) > 0) {
      throw new IamError(MSG.deletePolicyAttached, 409, 'DeleteConflict');
    }
    if (p.versions.length > 1) throw new IamError(MSG.deletePolicyVersions, 409, 'DeleteConflict');
    this.policyStore.delete(p.policyName);
  }

  /** DetachRolePolicy. */
  detachRolePolicy(roleName: string, policyArn: string): SimRole {
    const r = typeof roleName === 'string' ? this.roleStore.get(roleName.toLowerCase()) : undefined;
    if (!r) throw new IamError(MSG.roleMissing(String(roleName)), 404, 'NoSuchEntity');
    if (!r.attachedPolicyArns.includes(policyArn)) {
      throw new IamError(MSG.notAttached(String(policyArn)), 404, 'NoSuchEntity');
    }
    r.attachedPolicyArns = r.attachedPolicyArns.filter((a) => a !== policyArn);
    return structuredClone(r);
  }

  /**
   * DeleteRole: refused while managed policies are attached (IAM's DeleteConflict; the console
   * detaches them first).
   */
  deleteRole(roleName: string): void {
    const r = typeof roleName === 'string' ? this.roleStore.get(roleName.toLowerCase()) : undefined;
    if (!r) throw new IamError(MSG.roleMissing(String(roleName)), 404, 'NoSuchEntity');
    if (r.attachedPolicyArns.length > 0) {
      throw new IamError(MSG.deleteRoleAttached, 409, 'DeleteConflict');
    }
    this.roleStore.delete(r.roleName.toLowerCase());
  }

  private makeDefault(p: SimPolicy, versionId: string): void {
    for (const v of p.versions) v.isDefaultVersion = v.versionId === versionId;
    p.defaultVersionId = versionId;
    p.document = p.versions.find((v) => v.versionId === versionId)!.document;
  }

  createUser(input: CreateUserInput): SimUser {
    const userName = checkUserName(input?.userName);
    const policyArns = input.policyArns ?? [];
    if (!Array.isArray(policyArns) || policyArns.some((a) => typeof a !== 'string')) {
      throw new IamError(MSG.policyArnInvalid(String(policyArns)));
    }
    const unique = [...new Set(policyArns)];
    if (unique.length > MAX_POLICIES_PER_USER) {
      throw new IamError(MSG.policiesPerUser, 409, 'LimitExceeded');
    }
    for (const arn of unique) this.checkAttachable(arn);
    if (this.userStore.has(userName.toLowerCase())) {
      throw new IamError(MSG.userExists(userName), 409, 'EntityAlreadyExists');
    }
    const user: SimUser = {
      userName,
      arn: this.userArn(userName),
      attachedPolicyArns: unique,
      createDate: new Date().toISOString(),
    };
    this.userStore.set(userName.toLowerCase(), user);
    return structuredClone(user);
  }

  getUser(userName: string): SimUser {
    const u = typeof userName === 'string' ? this.userStore.get(userName.toLowerCase()) : undefined;
    if (!u) throw new IamError(MSG.userMissing(String(userName)), 404, 'NoSuchEntity');
    return structuredClone(u);
  }

  /**
   * Makes an access key for a user: the only answer that carries the secret. At most two keys a
   * user (active or not), as in IAM.
   */
  createAccessKey(
    userName: string,
    description?: string,
  ): {
    userName: string;
    accessKeyId: string;
    secretAccessKey: string;
    status: 'Active';
    createDate: string;
  } {
    const u = this.getUser(userName);
    let tag = '';
    if (description !== undefined && description !== null) {
      if (typeof description !== 'string') throw new IamError(MSG.tagValueInvalid);
      if (description.length > MAX_TAG_VALUE) throw new IamError(MSG.tagValueLength);
      if (!TAG_VALUE_RE.test(description)) throw new IamError(MSG.tagValueInvalid);
      tag = description;
    }
    if (this.keyStore.filter((k) => k.userName === u.userName).length >= MAX_ACCESS_KEYS_PER_USER) {
      throw new IamError(MSG.accessKeysPerUser, 409, 'LimitExceeded');
    }
    let accessKeyId = newAccessKeyId();
    while (this.keyStore.some((k) => k.accessKeyId === accessKeyId)) accessKeyId = newAccessKeyId();
    const secretAccessKey = newSecret();
    const key: SimAccessKey = {
      userName: u.userName,
      accessKeyId,
      secretAccessKey,
      secretSha256: createHash('sha256').update(secretAccessKey).digest('hex'),
      status: 'Active',
      createDate: new Date().toISOString(),
      description: tag,
    };
    this.keyStore.push(key);
    return {
      userName: key.userName,
      accessKeyId,
      secretAccessKey,
      status: 'Active',
      createDate: key.createDate,
    };
  }

  /** The metadata of a user's keys, as IAM lists them (no secrets). */
  listAccessKeys(userName: string): SimAccessKeyMetadata[] {
    const u = this.getUser(userName);
    return this.keyStore
      .filter((k) => k.userName === u.userName)
      .map(({ userName, accessKeyId, status, createDate, description }) => ({
        userName,
        accessKeyId,
        status,
        createDate,
        description,
      }));
  }

  /** Marks a key Inactive (it still counts towards the quota, as in IAM). */
  deactivateAccessKey(userName: string, accessKeyId: string): SimAccessKeyMetadata {
    const u = this.getUser(userName);
    const key = this.keyStore.find(
      (k) => k.userName === u.userName && k.accessKeyId === accessKeyId,
    );
    if (!key) throw new IamError(MSG.accessKeyMissing(String(accessKeyId)), 404, 'NoSuchEntity');
    key.status = 'Inactive';
    return {
      userName: key.userName,
      accessKeyId: key.accessKeyId,
      status: key.status,
      createDate: key.createDate,
      description: key.description,
    };
  }

  /**
   * Runs one replica API operation and records it. Returns the HTTP status and JSON body the
   * replica gets back: 200 with the result, or IAM's error with `{ message }`.
   */
  handle(op: string, input: unknown): { status: number; body: unknown } {
    let status = 200;
    let body: unknown;
    const i = (input ?? {}) as Record<string, unknown>;
    try {
      switch (op) {
        case 'listRoles':
          body = { roles: this.roles() };
          break;
        case 'getRole':
          body = { role: this.getRole(i.roleName as string) };
          break;
        case 'createRole':
          body = { role: this.createRole(i as unknown as CreateRoleInput) };
          break;
        case 'updateRole':
          body = { role: this.updateRole(i as unknown as UpdateRoleInput) };
          break;
        case 'updateTrustPolicy':
          body = {
            role: this.updateTrustPolicy(i.roleName as string, i.trustPolicy as string),
          };
          break;
        case 'attachRolePolicies':
          body = {
            role: this.attachRolePolicies(i.roleName as string, i.policyArns as string[]),
          };
          break;
        case 'listAttachedRolePolicies':
          body = { attachedPolicies: this.listAttachedRolePolicies(i.roleName as string) };
          break;
        case 'listPolicies':
          body = { policies: this.policies() };
          break;
        case 'createPolicy':
          body = { policy: this.createPolicy(i as unknown as CreatePolicyInput) };
          break;
        case 'getPolicy':
          body = { policy: this.getPolicy(i.policyArn as string) };
          break;
        case 'createPolicyVersion':
          body = {
            version: this.createPolicyVersion(
              i.policyArn as string,
              i.document as string,
              i.setAsDefault === true,
            ),
          };
          break;
        case 'setDefaultPolicyVersion':
          body = {
            policy: this.setDefaultPolicyVersion(i.policyArn as string, i.versionId as string),
          };
          break;
        case 'deletePolicyVersion':
          body = { policy: this.deletePolicyVersion(i.policyArn as string, i.versionId as string) };
          break;
        case 'deletePolicy':
          this.deletePolicy(i.policyArn as string);
          body = {};
          break;
        case 'detachRolePolicy':
          body = { role: this.detachRolePolicy(i.roleName as string, i.policyArn as string) };
          break;
        case 'deleteRole':
          this.deleteRole(i.roleName as string);
          body = {};
          break;
        case 'listUsers':
          body = {
            users: this.users().map((u) => ({
              ...u,
              accessKeys: this.listAccessKeys(u.userName),
            })),
          };
          break;
        case 'getUser':
          body = { user: this.getUser(i.userName as string) };
          break;
        case 'createUser':
          body = { user: this.createUser(i as unknown as CreateUserInput) };
          break;
        case 'createAccessKey':
          body = {
            accessKey: this.createAccessKey(
              i.userName as string,
              i.description as string | undefined,
            ),
          };
          break;
        case 'listAccessKeys':
          body = { accessKeys: this.listAccessKeys(i.userName as string) };
          break;
        case 'deactivateAccessKey':
          body = {
            accessKey: this.deactivateAccessKey(i.userName as string, i.accessKeyId as string),
          };
          break;
        default:
          throw new IamError(MSG.unknownOp(op), 400, 'InvalidAction');
      }
    } catch (e) {
      if (!(e instanceof IamError)) throw e;
      status = e.status === 409 ? 400 : e.status;
      body = { message: e.message, code: e.code };
    }
    this.calls.push({ op, input: structuredClone(input), status });
    return { status, body };
  }

  /** A permissions boundary must name an existing managed policy of this partition. */
  private checkBoundary(arn: unknown): void {
    if (typeof arn !== 'string') throw new IamError(MSG.policyArnInvalid(String(arn)));
    try {
      this.checkAttachable(arn);
    } catch (e) {
      if (e instanceof IamError && e.code === 'NoSuchEntity') {
        throw new IamError(MSG.boundaryMissing(arn), 404, 'NoSuchEntity');
      }
      throw e;
    }
  }

  private checkAttachable(arn: string): void {
    const m = /^arn:(aws|aws-cn|aws-us-gov|aws-eusc):iam::(aws|\d{12}):policy\/(.+)$/.exec(arn);
    if (!m || m[1] !== this.partition) throw new IamError(MSG.policyArnInvalid(arn));
    if (m[2] === 'aws') {
      if (!isAwsManagedPolicy(arn)) throw new IamError(MSG.policyMissing(arn), 404, 'NoSuchEntity');
      return;
    }
    const name = m[3]!.split('/').pop()!;
    const p = this.policyStore.get(name);
    if (m[2] !== this.accountId || !p || p.arn !== arn) {
      throw new IamError(MSG.policyMissing(arn), 404, 'NoSuchEntity');
    }
  }
}

/** The AWS managed policies the replica lists (paths after `policy/`). */
export const AWS_MANAGED_POLICIES: readonly string[] = AWS_MANAGED_POLICY_PATHS;

export function isAwsManagedPolicy(arn: string): boolean {
  const m = /^arn:[\w-]+:iam::aws:policy\/(.+)$/.exec(arn);
  return !!m && AWS_MANAGED_POLICIES.includes(m[1]!);
}
