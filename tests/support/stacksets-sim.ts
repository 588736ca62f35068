// A simulated AWS Organization with CloudFormation StackSets, behind the CloudFormation console
// replica (docs/organizations.md, docs/console.md "CloudFormation StackSets"). Pure TypeScript, no
// browser. Stack instances move with time: each operation's schedule is fixed when it starts
// (which account runs when, and how it ends), and every read computes the statuses from the
// clock, so a test can wait, or move an injected clock, instead of ticking anything.
import { createHash, randomUUID } from 'node:crypto';
import type { Partition } from './iam-sim.ts';

export interface OrganizationOptions {
  /** Member accounts besides the management account (default 50). */
  memberCount?: number;
  /** Accounts where the role name already exists: their instance FAILS with the real reason. */
  roleExistsIn?: string[];
  /** Suspended accounts: their instance is SKIPPED_SUSPENDED_ACCOUNT. */
  suspended?: string[];
  /** How long each instance stays PENDING, then RUNNING (default 1000 ms; 0: at once). */
  instanceStepMs?: number;
  /** Trusted access between StackSets and Organizations (default true). */
  trustedAccess?: boolean;
  /** Rows a page in the Stack instances table (default 10; read by the replica page). */
  instancesPageSize?: number;
}

export interface SimulatedStackSetsOptions {
  /** The management account: the signed-in account of the replica. */
  managementAccountId?: string;
  partition?: Partition;
  organization?: OrganizationOptions;
  /** The template body at an HTTPS URL (the replica's `hostedTemplates`), else undefined. */
  templateAt?: (url: string) => string | undefined;
  /** The clock (default Date.now): tests move it instead of sleeping. */
  now?: () => number;
}

export type PermissionModel = 'SERVICE_MANAGED' | 'SELF_MANAGED';
export type StackSetTargets =
  | { kind: 'organization' }
  | { kind: 'ous'; ouIds: string[] }
  /** Self-service permissions only: account numbers. */
  | { kind: 'accounts'; accountIds: string[] };
export type ToleranceType = 'NUMBER' | 'PERCENTAGE';

export interface OperationPreferences {
  maxConcurrent: { type: ToleranceType; value: number };
  failureTolerance: { type: ToleranceType; value: number };
  regionConcurrency: 'SEQUENTIAL' | 'PARALLEL';
}

export interface CreateStackSetInput {
  stackSetName: string;
  description?: string;
  templateBody: string;
  parameters?: { key: string; value: string }[];
  permissionModel: PermissionModel;
  targets: StackSetTargets;
  autoDeployment?: { enabled: boolean; retainStacksOnAccountRemoval: boolean };
  regions: string[];
  operationPreferences?: Partial<OperationPreferences>;
  /** The capabilities the customer acknowledged (the review's checkbox). */
  capabilities?: string[];
  /** The console's region, where the stack set lives. */
  region: string;
}

/** A created stack set as the replica submitted it. */
export interface SimStackSet {
  stackSetName: string;
  stackSetId: string;
  arn: string;
  region: string;
  description: string;
  templateBody: string;
  parameters: { key: string; value: string }[];
  permissionModel: PermissionModel;
  targets: StackSetTargets;
  /** For self-service permissions always { enabled: false, retain: false }. */
  autoDeployment: { enabled: boolean; retainStacksOnAccountRemoval: boolean };
  regions: string[];
  operationPreferences: OperationPreferences;
  /** What the template needs acknowledged (CAPABILITY_IAM / CAPABILITY_NAMED_IAM), if anything. */
  requiredCapabilities: string[];
  /** Whether the customer ticked the acknowledgement (capabilities were passed). */
  capabilityAcknowledged: boolean;
  createdAt: string;
}

export type DetailedStatus =
  | 'PENDING'
  | 'RUNNING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'CANCELLED'
  | 'INOPERABLE'
  | 'SKIPPED_SUSPENDED_ACCOUNT'
  | 'FAILED_IMPORT';

/** One row of the Stack instances tab, at the time of the read. */
export interface SimStackInstance {
  account: string;
  region: string;
  /** The stack's ARN once it was started ('' before and when skipped or cancelled). */
  stackId: string;
  status: 'CURRENT' | 'OUTDATED' | 'INOPERABLE';
  detailedStatus: DetailedStatus;
  statusReason: string;
  organizationalUnitId: string;
}

export interface SimOperation {
  operationId: string;
  action: 'CREATE';
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  creationTimestamp: string;
  endTimestamp: string;
}

export interface SimAccount {
  accountId: string;
  ouId: string;
  suspended: boolean;
}

export interface SimOrganizationalUnit {
  id: string;
  name: string;
}

/** A StackSets or Organizations refusal, with the message the service gives. */
export class StackSetsError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly code = 'ValidationError',
  ) {
    super(message);
    this.name = 'StackSetsError';
  }
}

export const STACK_SET_NAME_RE = /^[a-zA-Z][-a-zA-Z0-9]*$/;
export const MAX_STACK_SET_NAME = 128;
export const MAX_STACK_SET_DESCRIPTION = 1024;
export const OU_ID_RE = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
export const ROOT_ID_RE = /^r-[0-9a-z]{4,32}$/;
export const DEFAULT_MEMBER_COUNT = 50;
export const DEFAULT_INSTANCE_STEP_MS = 1000;

const ROOT_ID = 'r-ab12';
const ORGANIZATIONAL_UNITS: readonly SimOrganizationalUnit[] = [
  { id: 'ou-ab12-prod4x7q', name: 'Production' },
  { id: 'ou-ab12-dev93kz1', name: 'Development' },
];

export const SA_MSG = {
  // [L] the API's words for CreateStackSet with SERVICE_MANAGED and trusted access off.
  trustedAccess: 'You must enable organizations access to operate a service managed stack set',
  nameInvalid: (name: string) =>
    `1 validation error detected: Value '${name}' at 'stackSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`,
  nameLength: (name: string) =>
    `1 validation error detected: Value '${name}' at 'stackSetName' failed to satisfy constraint: Member must have length less than or equal to ${MAX_STACK_SET_NAME}`,
  descriptionLength: `1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to ${MAX_STACK_SET_DESCRIPTION}`,
  nameExists: (name: string) => `StackSet ${name} already exists`,
  stackSetMissing: (name: string) => `StackSet ${name} not found`,
  capabilities: (caps: string[]) => `Requires capabilities : [${caps.join(', ')}]`,
  jsonSyntax: 'Template format error: JSON not well-formed.',
  yamlSyntax: 'Template format error: YAML not well-formed.',
  noResources: 'Template format error: At least one Resources member must be defined.',
  resourceType: (id: string) =>
    `Template format error: [/Resources/${id}] Every Resources object must contain a Type member.`,
  parameterType: (key: string) =>
    `Template format error: Every Parameters object must contain a Type member. (${key})`,
  templateUrl: 'TemplateURL must reference a valid S3 object to which you have access.',
  templateUrlScheme: 'TemplateURL must be a supported URL.',
  parameterPattern: (key: string, pattern: string) =>
    `Parameter '${key}' must match pattern ${pattern}`,
  parameterMissing: (key: string) => `Parameters: [${key}] must have values`,
  parameterUnknown: (key: string) => `Parameters: [${key}] do not exist in the template`,
  noRegions: 'Regions: at least one Region is required.',
  regionInvalid: (r: string) => `Region ${r} is not supported in this partition.`,
  ouInvalid: (id: string) =>
    `1 validation error detected: Value '[${id}]' at 'deploymentTargets.organizationalUnitIds' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy regular expression pattern: ^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$]`,
  ouMissing: (id: string) => `The organizational unit ${id} does not exist in the organization.`,
  noTargets: 'DeploymentTargets: at least one organizational unit is required.',
  accountInvalid: (id: string) => `Account ${id} is not a valid 12-digit AWS account ID.`,
  preference: (what: string) => `OperationPreferences: ${what} is out of range.`,
  unknownOp: (op: string) => `Unknown operation ${op}.`,
  // [M] docs/organizations.md: the two failures the replica plays.
  roleExists: (logicalId: string, roleName: string) =>
    `ResourceLogicalId:${logicalId}, ResourceType:AWS::IAM::Role, ResourceStatusReason:${roleName} already exists.`,
  suspended: (account: string) => `Account ${account} is suspended.`,
  cancelled: 'Cancelled since failure tolerance has exceeded',
} as const;

/** The regions a partition's console offers for stack instances (code → name). */
export const PARTITION_REGIONS: Record<Partition, Record<string, string>> = {
  aws: {
    'us-east-1': 'US East (N. Virginia)',
    'us-east-2': 'US East (Ohio)',
    'us-west-1': 'US West (N. California)',
    'us-west-2': 'US West (Oregon)',
    'ca-central-1': 'Canada (Central)',
    'eu-west-1': 'Europe (Ireland)',
    'eu-west-2': 'Europe (London)',
    'eu-west-3': 'Europe (Paris)',
    'eu-central-1': 'Europe (Frankfurt)',
    'eu-north-1': 'Europe (Stockholm)',
    'ap-northeast-1': 'Asia Pacific (Tokyo)',
    'ap-northeast-2': 'Asia Pacific (Seoul)',
    'ap-northeast-3': 'Asia Pacific (Osaka)',
    'ap-southeast-1': 'Asia Pacific (Singapore)',
    'ap-southeast-2': 'Asia Pacific (Sydney)',
    'ap-south-1': 'Asia Pacific (Mumbai)',
    'sa-east-1': 'South America (São Paulo)',
  },
  'aws-cn': { 'cn-north-1': 'China (Beijing)', 'cn-northwest-1': 'China (Ningxia)' },
  'aws-us-gov': {
    'us-gov-west-1': 'AWS GovCloud (US-West)',
    'us-gov-east-1': 'AWS GovCloud (US-East)',
  },
  'aws-eusc': { 'eusc-de-east-1': 'AWS European Sovereign Cloud (Germany)' },
};

/** The i-th member account (0-based): 12 digits, deterministic, never the management account. */
export function memberAccountId(index: number): string {
  return String(210000000000 + index * 1000003).padStart(12, '0');
}

interface Template {
  parameters: { key: string; description: string; defaultValue?: string; pattern?: string }[];
  requiredCapabilities: string[];
  /** The first AWS::IAM::Role: its logical id and RoleName as written (maybe a Ref). */
  role?: { logicalId: string; roleName: unknown };
}

/** Reads a template as CloudFormation does, with its messages. JSON only (no YAML parser here). */
export function parseTemplate(body: string): Template {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new StackSetsError(body.trim().startsWith('{') ? SA_MSG.jsonSyntax : SA_MSG.yamlSyntax);
  }
  if (!isRecord(parsed)) throw new StackSetsError(SA_MSG.jsonSyntax);
  const resources = parsed.Resources;
  if (!isRecord(resources) || Object.keys(resources).length === 0) {
    throw new StackSetsError(SA_MSG.noResources);
  }
  let iam = false;
  let named = false;
  let role: Template['role'];
  for (const [id, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string') {
      throw new StackSetsError(SA_MSG.resourceType(id));
    }
    if (!resource.Type.startsWith('AWS::IAM::')) continue;
    iam = true;
    const props = isRecord(resource.Properties) ? resource.Properties : {};
    const nameKeys = ['RoleName', 'ManagedPolicyName', 'UserName', 'GroupName'];
    if (nameKeys.some((k) => k in props)) named = true;
    if (resource.Type === 'AWS::IAM::Role' && !role)
      role = { logicalId: id, roleName: props.RoleName };
  }
  const parameters: Template['parameters'] = [];
  const declared = isRecord(parsed.Parameters) ? parsed.Parameters : {};
  for (const [key, p] of Object.entries(declared)) {
    if (!isRecord(p) || typeof p.Type !== 'string')
      throw new StackSetsError(SA_MSG.parameterType(key));
    parameters.push({
      key,
      description: typeof p.Description === 'string' ? p.Description : '',
      ...(p.Default !== undefined ? { defaultValue: String(p.Default) } : {}),
      ...(typeof p.AllowedPattern === 'string' ? { pattern: p.AllowedPattern } : {}),
    });
  }
  return {
    parameters,
    requiredCapabilities: named ? ['CAPABILITY_NAMED_IAM'] : iam ? ['CAPABILITY_IAM'] : [],
    role,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One instance's fixed plan within an operation: when it starts, ends, and how. */
interface ScheduledInstance {
  account: string;
  region: string;
  ouId: string;
  stackId: string;
  /** Start of RUNNING and the end (ms since epoch); skipped instances have both at the start. */
  startAt: number;
  endAt: number;
  outcome: 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'SKIPPED_SUSPENDED_ACCOUNT';
  reason: string;
}

interface Operation {
  operationId: string;
  createdAt: number;
  instances: ScheduledInstance[];
  toleranceExceeded: boolean;
}

interface StoredStackSet {
  record: SimStackSet;
  roleName: string;
  roleLogicalId: string;
  operations: Operation[];
}

export class SimulatedStackSets {
  readonly managementAccountId: string;
  readonly partition: Partition;
  readonly rootId = ROOT_ID;
  readonly calls: { op: string; input: unknown; status: number }[] = [];
  private readonly accounts: SimAccount[] = [];
  private readonly roleExistsIn: Set<string>;
  private readonly stepMs: number;
  private trustedAccess: boolean;
  private readonly store = new Map<string, StoredStackSet>();
  private readonly now: () => number;
  private readonly templateAt: (url: string) => string | undefined;

  constructor(options: SimulatedStackSetsOptions = {}) {
    this.managementAccountId = options.managementAccountId ?? '111122223333';
    this.partition = options.partition ?? 'aws';
    if (!/^\d{12}$/.test(this.managementAccountId)) {
      throw new Error(`bad management account id ${this.managementAccountId}`);
    }
    const org = options.organization ?? {};
    const count = org.memberCount ?? DEFAULT_MEMBER_COUNT;
    if (!Number.isInteger(count) || count < 0 || count > 5000) {
      throw new Error(`bad memberCount ${count}`);
    }
    this.stepMs = org.instanceStepMs ?? DEFAULT_INSTANCE_STEP_MS;
    if (!(this.stepMs >= 0)) throw new Error(`bad instanceStepMs ${this.stepMs}`);
    this.trustedAccess = org.trustedAccess ?? true;
    this.roleExistsIn = new Set(org.roleExistsIn ?? []);
    const suspended = new Set(org.suspended ?? []);
    this.now = options.now ?? Date.now;
    this.templateAt = options.templateAt ?? (() => undefined);
    for (let i = 0; i < count; i++) {
      const accountId = memberAccountId(i);
      this.accounts.push({
        accountId,
        ouId: ORGANIZATIONAL_UNITS[i % ORGANIZATIONAL_UNITS.length]!.id,
        suspended: suspended.has(accountId),
      });
    }
  }

  // ---- the organization ------------------------------------------------------------------

  organizationalUnits(): SimOrganizationalUnit[] {
    return ORGANIZATIONAL_UNITS.map((ou) => ({ ...ou }));
  }

  /** Member accounts (never the management account), in the order they joined. */
  memberAccounts(): SimAccount[] {
    return this.accounts.map((a) => ({ ...a }));
  }

  get trustedAccessEnabled(): boolean {
    return this.trustedAccess;
  }

  /** CloudFormation → StackSets → "Activate trusted access". */
  activateTrustedAccess(): void {
    this.trustedAccess = true;
  }

  /**
   * A member account joins the Organization (in `ouId`, default the first OU). Every stack set
   * with automatic deployment whose targets hold that OU starts an instance there at once.
   */
  addAccount(ouId: string = ORGANIZATIONAL_UNITS[0]!.id): string {
    if (!ORGANIZATIONAL_UNITS.some((ou) => ou.id === ouId)) throw new Error(`no OU ${ouId}`);
    const accountId = memberAccountId(this.accounts.length);
    const account = { accountId, ouId, suspended: false };
    this.accounts.push(account);
    for (const stored of this.store.values()) {
      const { record } = stored;
      if (record.permissionModel !== 'SERVICE_MANAGED' || !record.autoDeployment.enabled) continue;
      if (!this.targetsHold(record.targets, ouId)) continue;
      stored.operations.push(this.schedule(stored, [account]));
    }
    return accountId;
  }

  private targetsHold(targets: StackSetTargets, ouId: string): boolean {
    if (targets.kind === 'organization') return true;
    if (targets.kind === 'ous')
      return targets.ouIds.includes(ouId) || targets.ouIds.includes(ROOT_ID);
    return false;
  }

  // ---- templates -------------------------------------------------------------------------

  /** GetTemplateSummary: the body (fetched from a URL if given), its parameters and capabilities. */
  templateSummary(input: { templateBody?: unknown; templateUrl?: unknown }) {
    let body: string;
    if (typeof input.templateUrl === 'string' && input.templateUrl !== '') {
      if (!/^https:\/\//i.test(input.templateUrl))
        throw new StackSetsError(SA_MSG.templateUrlScheme);
      const found = this.templateAt(input.templateUrl);
      if (found === undefined) throw new StackSetsError(SA_MSG.templateUrl);
      body = found;
    } else if (typeof input.templateBody === 'string') {
      body = input.templateBody;
    } else {
      throw new StackSetsError(SA_MSG.jsonSyntax);
    }
    const t = parseTemplate(body);
    return {
      templateBody: body,
      parameters: t.parameters.map(({ key, description, defaultValue }) => ({
        key,
        description,
        ...(defaultValue !== undefined ? { defaultValue } : {}),
      })),
      capabilities: t.requiredCapabilities,
    };
  }

  // ---- stack sets ------------------------------------------------------------------------

  createStackSet(input: CreateStackSetInput): SimStackSet {
    const name = input.stackSetName;
    if (typeof name !== 'string' || name.length > MAX_STACK_SET_NAME) {
      throw new StackSetsError(SA_MSG.nameLength(String(name)));
    }
    if (!STACK_SET_NAME_RE.test(name)) throw new StackSetsError(SA_MSG.nameInvalid(name));
    const description = input.description ?? '';
    if (typeof description !== 'string' || description.length > MAX_STACK_SET_DESCRIPTION) {
      throw new StackSetsError(SA_MSG.descriptionLength);
    }
    const region = input.region;
    if (!(region in PARTITION_REGIONS[this.partition])) {
      throw new StackSetsError(SA_MSG.regionInvalid(String(region)));
    }
    if (this.store.has(key(region, name))) {
      throw new StackSetsError(SA_MSG.nameExists(name), 409, 'NameAlreadyExistsException');
    }
    const model = input.permissionModel;
    if (model !== 'SERVICE_MANAGED' && model !== 'SELF_MANAGED') {
      throw new StackSetsError(`PermissionModel ${String(model)} is not valid.`);
    }
    if (model === 'SERVICE_MANAGED' && !this.trustedAccess) {
      throw new StackSetsError(SA_MSG.trustedAccess);
    }
    const template = parseTemplate(String(input.templateBody));
    const parameters = this.checkParameters(template, input.parameters ?? []);
    const acknowledged = Array.isArray(input.capabilities) ? input.capabilities : [];
    const missing = template.requiredCapabilities.filter((c) => !acknowledged.includes(c));
    if (missing.length > 0)
      throw new StackSetsError(SA_MSG.capabilities(missing), 400, 'InsufficientCapabilities');
    const targets = this.checkTargets(model, input.targets);
    const regions = this.checkRegions(input.regions);
    const preferences = checkPreferences(input.operationPreferences ?? {});
    const uuid = randomUUID();
    const record: SimStackSet = {
      stackSetName: name,
      stackSetId: `${name}:${uuid}`,
      arn: `arn:${this.partition}:cloudformation:${region}:${this.managementAccountId}:stackset/${name}:${uuid}`,
      region,
      description,
      templateBody: input.templateBody,
      parameters,
      permissionModel: model,
      targets,
      autoDeployment:
        model === 'SERVICE_MANAGED'
          ? {
              enabled: input.autoDeployment?.enabled === true,
              retainStacksOnAccountRemoval:
                input.autoDeployment?.enabled === true &&
                input.autoDeployment.retainStacksOnAccountRemoval === true,
            }
          : { enabled: false, retainStacksOnAccountRemoval: false },
      regions,
      operationPreferences: preferences,
      requiredCapabilities: template.requiredCapabilities,
      capabilityAcknowledged: template.requiredCapabilities.length > 0 && missing.length === 0,
      createdAt: new Date(this.now()).toISOString(),
    };
    const roleName = resolveRoleName(template.role?.roleName, parameters);
    const stored: StoredStackSet = {
      record,
      roleName,
      roleLogicalId: template.role?.logicalId ?? '',
      operations: [],
    };
    this.store.set(key(region, name), stored);
    stored.operations.push(this.schedule(stored, this.targetAccounts(record)));
    return structuredClone(record);
  }

  private checkParameters(template: Template, given: { key: string; value: string }[]) {
    if (!Array.isArray(given)) throw new StackSetsError('Parameters must be a list.');
    const values = new Map<string, string>();
    for (const p of given) {
      if (!isRecord(p) || typeof p.key !== 'string' || typeof p.value !== 'string') {
        throw new StackSetsError('Parameters must be key-value pairs.');
      }
      if (!template.parameters.some((t) => t.key === p.key)) {
        throw new StackSetsError(SA_MSG.parameterUnknown(p.key));
      }
      values.set(p.key, p.value);
    }
    return template.parameters.map((t) => {
      const value = values.get(t.key) ?? t.defaultValue;
      if (value === undefined) throw new StackSetsError(SA_MSG.parameterMissing(t.key));
      if (t.pattern !== undefined && !new RegExp(`^(?:${t.pattern})$`, 'u').test(value)) {
        throw new StackSetsError(SA_MSG.parameterPattern(t.key, t.pattern));
      }
      return { key: t.key, value };
    });
  }

  private checkTargets(model: PermissionModel, targets: StackSetTargets): StackSetTargets {
    if (!isRecord(targets)) throw new StackSetsError(SA_MSG.noTargets);
    if (model === 'SELF_MANAGED') {
      const ids =
        targets.kind === 'accounts' && Array.isArray(targets.accountIds) ? targets.accountIds : [];
      if (ids.length === 0) throw new StackSetsError('Accounts: at least one account is required.');
      for (const id of ids)
        if (!/^\d{12}$/.test(String(id)))
          throw new StackSetsError(SA_MSG.accountInvalid(String(id)));
      return { kind: 'accounts', accountIds: [...new Set(ids)] };
    }
    if (targets.kind === 'organization') return { kind: 'organization' };
    if (targets.kind !== 'ous' || !Array.isArray(targets.ouIds) || targets.ouIds.length === 0) {
      throw new StackSetsError(SA_MSG.noTargets);
    }
    for (const id of targets.ouIds) {
      if (typeof id !== 'string' || !(OU_ID_RE.test(id) || ROOT_ID_RE.test(id))) {
        throw new StackSetsError(SA_MSG.ouInvalid(String(id)));
      }
      if (id !== ROOT_ID && !ORGANIZATIONAL_UNITS.some((ou) => ou.id === id)) {
        throw new StackSetsError(SA_MSG.ouMissing(id));
      }
    }
    return { kind: 'ous', ouIds: [...new Set(targets.ouIds)] };
  }

  private checkRegions(regions: unknown): string[] {
    if (!Array.isArray(regions) || regions.length === 0) throw new StackSetsError(SA_MSG.noRegions);
    for (const r of regions) {
      if (typeof r !== 'string' || !(r in PARTITION_REGIONS[this.partition])) {
        throw new StackSetsError(SA_MSG.regionInvalid(String(r)));
      }
    }
    return [...new Set(regions as string[])];
  }

  private targetAccounts(record: SimStackSet): SimAccount[] {
    const t = record.targets;
    if (t.kind === 'accounts') {
      return t.accountIds.map(
        (id) =>
          this.accounts.find((a) => a.accountId === id) ?? {
            accountId: id,
            ouId: '',
            suspended: false,
          },
      );
    }
    // Service-managed: members only, never the management account.
    return this.accounts.filter((a) => this.targetsHold(t, a.ouId));
  }

  /**
   * Fixes an operation's schedule. Per region, the accounts run in waves of "maximum concurrent
   * accounts"; each instance is PENDING until its wave starts (at least one step), RUNNING for one
   * step, then done. Once the failures of finished waves exceed the failure tolerance, later waves
   * are CANCELLED. Regions run one after another (SEQUENTIAL) or side by side (PARALLEL).
   * Suspended accounts are skipped at once and take no place in a wave.
   */
  private schedule(stored: StoredStackSet, accounts: SimAccount[]): Operation {
    const { record } = stored;
    const t0 = this.now();
    const step = this.stepMs;
    const prefs = record.operationPreferences;
    const runnable = accounts.filter((a) => !a.suspended);
    const total = runnable.length;
    const concurrency = Math.max(
      1,
      prefs.maxConcurrent.type === 'NUMBER'
        ? prefs.maxConcurrent.value
        : Math.floor((prefs.maxConcurrent.value * total) / 100),
    );
    const tolerance =
      prefs.failureTolerance.type === 'NUMBER'
        ? prefs.failureTolerance.value
        : Math.floor((prefs.failureTolerance.value * total) / 100);
    const instances: ScheduledInstance[] = [];
    let regionStart = t0;
    let failures = 0;
    let exceeded = false;
    for (const region of record.regions) {
      let regionEnd = regionStart;
      for (const a of accounts.filter((x) => x.suspended)) {
        instances.push({
          account: a.accountId,
          region,
          ouId: a.ouId,
          stackId: '',
          startAt: regionStart,
          endAt: regionStart,
          outcome: 'SKIPPED_SUSPENDED_ACCOUNT',
          reason: SA_MSG.suspended(a.accountId),
        });
      }
      for (let wave = 0; wave * concurrency < runnable.length; wave++) {
        const startAt = regionStart + (wave + 1) * step;
        const endAt = startAt + step;
        const members = runnable.slice(wave * concurrency, (wave + 1) * concurrency);
        let waveFailures = 0;
        for (const a of members) {
          const fails = this.roleExistsIn.has(a.accountId);
          if (fails && !exceeded) waveFailures++;
          instances.push({
            account: a.accountId,
            region,
            ouId: a.ouId,
            stackId: exceeded ? '' : this.stackIdFor(record, a.accountId, region),
            // A cancelled wave ends when the tolerance was found exceeded.
            startAt: exceeded ? regionEnd : startAt,
            endAt: exceeded ? regionEnd : endAt,
            outcome: exceeded ? 'CANCELLED' : fails ? 'FAILED' : 'SUCCEEDED',
            reason: exceeded
              ? SA_MSG.cancelled
              : fails
                ? SA_MSG.roleExists(stored.roleLogicalId || 'Role', stored.roleName)
                : '',
          });
        }
        if (!exceeded) {
          regionEnd = endAt;
          failures += waveFailures;
          if (failures > tolerance) exceeded = true;
        }
      }
      if (prefs.regionConcurrency === 'SEQUENTIAL') regionStart = regionEnd;
    }
    return {
      operationId: randomUUID(),
      createdAt: t0,
      instances,
      toleranceExceeded: exceeded,
    };
  }

  private stackIdFor(record: SimStackSet, account: string, region: string): string {
    const id = createHash('sha256')
      .update(`${record.stackSetId}|${account}|${region}`)
      .digest('hex');
    const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
    return `arn:${this.partition}:cloudformation:${region}:${account}:stack/StackSet-${record.stackSetName}-${uuid}/${uuid}`;
  }

  private stored(region: string, name: string): StoredStackSet {
    const s = this.store.get(key(region, name));
    if (!s)
      throw new StackSetsError(
        SA_MSG.stackSetMissing(String(name)),
        404,
        'StackSetNotFoundException',
      );
    return s;
  }

  /** Every stack set created, as submitted (copies). */
  stackSets(): SimStackSet[] {
    return [...this.store.values()].map((s) => structuredClone(s.record));
  }

  stackSet(name: string, region?: string): SimStackSet | undefined {
    const s = [...this.store.values()].find(
      (x) => x.record.stackSetName === name && (region === undefined || x.record.region === region),
    );
    return s ? structuredClone(s.record) : undefined;
  }

  describeStackSet(region: string, name: string): SimStackSet {
    return structuredClone(this.stored(region, name).record);
  }

  /** The stack instances now: the newest operation's word for each account and region. */
  instances(name: string, region?: string): SimStackInstance[] {
    const s = region === undefined ? this.byName(name) : this.stored(region, name);
    const now = this.now();
    const rows = new Map<string, SimStackInstance>();
    for (const op of s.operations) {
      for (const i of op.instances) rows.set(`${i.account}|${i.region}`, instanceAt(i, now));
    }
    return [...rows.values()].sort(
      (a, b) => a.account.localeCompare(b.account) || a.region.localeCompare(b.region),
    );
  }

  operations(name: string, region?: string): SimOperation[] {
    const s = region === undefined ? this.byName(name) : this.stored(region, name);
    const now = this.now();
    return s.operations
      .map((op) => {
        const end = Math.max(op.createdAt, ...op.instances.map((i) => i.endAt));
        const done = now >= end;
        return {
          operationId: op.operationId,
          action: 'CREATE' as const,
          status: !done
            ? ('RUNNING' as const)
            : op.toleranceExceeded
              ? ('FAILED' as const)
              : ('SUCCEEDED' as const),
          creationTimestamp: new Date(op.createdAt).toISOString(),
          endTimestamp: done ? new Date(end).toISOString() : '',
        };
      })
      .reverse();
  }

  private byName(name: string): StoredStackSet {
    const s = [...this.store.values()].find((x) => x.record.stackSetName === name);
    if (!s)
      throw new StackSetsError(SA_MSG.stackSetMissing(name), 404, 'StackSetNotFoundException');
    return s;
  }

  /** Runs one replica API operation and records it: 200 with the result, or `{ message }`. */
  handle(op: string, input: unknown): { status: number; body: unknown } {
    let status = 200;
    let body: unknown;
    const i = isRecord(input) ? input : {};
    const region = typeof i.region === 'string' ? i.region : '';
    const name = typeof i.stackSetName === 'string' ? i.stackSetName : '';
    try {
      switch (op) {
        case 'describeOrganization':
          body = {
            managementAccountId: this.managementAccountId,
            rootId: ROOT_ID,
            organizationalUnits: this.organizationalUnits(),
            trustedAccess: this.trustedAccess,
            regions: PARTITION_REGIONS[this.partition],
          };
          break;
        case 'activateTrustedAccess':
          this.activateTrustedAccess();
          body = { trustedAccess: true };
          break;
        case 'listStackSets':
          body = { stackSets: this.stackSets().filter((s) => s.region === region) };
          break;
        case 'getTemplateSummary':
          body = this.templateSummary(i);
          break;
        case 'createStackSet':
          body = { stackSet: this.createStackSet(i as unknown as CreateStackSetInput) };
          break;
        case 'describeStackSet':
          body = { stackSet: this.describeStackSet(region, name) };
          break;
        case 'listStackInstances':
          this.stored(region, name);
          body = { instances: this.instances(name, region) };
          break;
        case 'listOperations':
          this.stored(region, name);
          body = { operations: this.operations(name, region) };
          break;
        default:
          throw new StackSetsError(SA_MSG.unknownOp(op), 400, 'InvalidAction');
      }
    } catch (e) {
      if (!(e instanceof StackSetsError)) throw e;
      status = e.status === 409 ? 400 : e.status;
      body = { message: e.message, code: e.code };
    }
    this.calls.push({ op, input: structuredClone(input), status });
    return { status, body };
  }
}

function key(region: string, name: string): string {
  return `${region}|${name}`;
}

function instanceAt(i: ScheduledInstance, now: number): SimStackInstance {
  const base = { account: i.account, region: i.region, organizationalUnitId: i.ouId };
  if (i.outcome === 'SKIPPED_SUSPENDED_ACCOUNT' || (i.outcome === 'CANCELLED' && now >= i.endAt)) {
    return {
      ...base,
      stackId: '',
      status: 'OUTDATED',
      detailedStatus: i.outcome,
      statusReason: i.reason,
    };
  }
  if (i.outcome === 'CANCELLED' || now < i.startAt) {
    return {
      ...base,
      stackId: '',
      status: 'OUTDATED',
      detailedStatus: 'PENDING',
      statusReason: '',
    };
  }
  if (now < i.endAt) {
    return {
      ...base,
      stackId: i.stackId,
      status: 'OUTDATED',
      detailedStatus: 'RUNNING',
      statusReason: '',
    };
  }
  return {
    ...base,
    stackId: i.stackId,
    status: i.outcome === 'SUCCEEDED' ? 'CURRENT' : 'OUTDATED',
    detailedStatus: i.outcome,
    statusReason: i.reason,
  };
}

function resolveRoleName(written: unknown, parameters: { key: string; value: string }[]): string {
  if (typeof written === 'string') return written;
  if (isRecord(written) && typeof written.Ref === 'string') {
    return parameters.find((p) => p.key === written.Ref)?.value ?? written.Ref;
  }
  return 'Role';
}

function checkPreferences(p: Partial<OperationPreferences>): OperationPreferences {
  const maxConcurrent = p.maxConcurrent ?? { type: 'NUMBER', value: 1 };
  const failureTolerance = p.failureTolerance ?? { type: 'NUMBER', value: 0 };
  const ok = (t: { type: unknown; value: unknown }, min: number) =>
    (t.type === 'NUMBER' || t.type === 'PERCENTAGE') &&
    Number.isInteger(t.value) &&
    (t.value as number) >= min &&
    (t.type === 'NUMBER' || (t.value as number) <= 100);
  if (!ok(maxConcurrent, 1)) throw new StackSetsError(SA_MSG.preference('MaxConcurrent'));
  if (!ok(failureTolerance, 0)) throw new StackSetsError(SA_MSG.preference('FailureTolerance'));
  const regionConcurrency = p.regionConcurrency ?? 'SEQUENTIAL';
  if (regionConcurrency !== 'SEQUENTIAL' && regionConcurrency !== 'PARALLEL') {
    throw new StackSetsError(SA_MSG.preference('RegionConcurrencyType'));
  }
  return {
    maxConcurrent: { type: maxConcurrent.type, value: maxConcurrent.value },
    failureTolerance: { type: failureTolerance.type, value: failureTolerance.value },
    regionConcurrency,
  };
}
