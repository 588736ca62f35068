// What the replica knows about where it runs: options injected by installConsoleReplica, the
// signed-in account from the session meta tag, the partition from the host, plus the small pieces
// of shared state (route, flash messages, delays) every page uses.
import { useEffect, useState, type ReactNode } from 'react';
import { STRINGS, type Language, type Strings } from './strings';

export interface ReplicaOptions {
  language: Language;
  slowMs: number;
  ignoreUrlParams: boolean;
  /** The policy tables' filter: a plain search box, or a property filter (tokens on Enter). */
  policyFilter: 'text' | 'property';
  /** Rows a page in the policy tables (wizards, attach page). */
  policyPageSize: number;
  /** Rows a page in a role's attached-policies tables. */
  attachedPageSize: number;
  /** Where Edit trust policy and Attach policies live (see rolePagePath). */
  roleRoutes: 'default' | 'alternate';
  /** Rows a page in the CloudFormation Stack instances table. */
  instancesPageSize: number;
}

function readOptions(): ReplicaOptions {
  const el = document.getElementById('replica-options');
  let raw: Partial<ReplicaOptions>;
  try {
    raw = el?.textContent ? (JSON.parse(el.textContent) as Partial<ReplicaOptions>) : {};
  } catch {
    raw = {};
  }
  return {
    language: raw.language === 'ja' ? 'ja' : 'en',
    slowMs: typeof raw.slowMs === 'number' && raw.slowMs > 0 ? raw.slowMs : 0,
    ignoreUrlParams: raw.ignoreUrlParams === true,
    policyFilter: raw.policyFilter === 'property' ? 'property' : 'text',
    policyPageSize: pageSize(raw.policyPageSize),
    attachedPageSize: pageSize(raw.attachedPageSize),
    roleRoutes: raw.roleRoutes === 'alternate' ? 'alternate' : 'default',
    instancesPageSize: pageSize(raw.instancesPageSize),
  };
}

function pageSize(n: unknown): number {
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 10;
}

function readSession(): { accountId: string; accountAlias: string } {
  const meta = document.querySelector('meta[name="awsc-session-data"]');
  try {
    const data = JSON.parse(meta?.getAttribute('content') ?? '{}') as {
      accountId?: string;
      accountAlias?: string;
    };
    return { accountId: data.accountId ?? '111122223333', accountAlias: data.accountAlias ?? '' };
  } catch {
    return { accountId: '111122223333', accountAlias: '' };
  }
}

function partitionOfHost(host: string): string {
  if (/(^|\.)console\.amazonaws\.cn$/i.test(host)) return 'aws-cn';
  if (/(^|\.)console\.amazonaws-us-gov\.com$/i.test(host)) return 'aws-us-gov';
  if (/(^|\.)console\.amazonaws-eusc\.eu$/i.test(host)) return 'aws-eusc';
  return 'aws';
}

export const OPTIONS = readOptions();
export const SESSION = readSession();
export const ACCOUNT_ID = SESSION.accountId;
export const PARTITION = partitionOfHost(location.hostname);
/** Which console app this page is: IAM (`/iam/…`) or CloudFormation (`/cloudformation/…`). */
export const APP: 'iam' | 'cloudformation' = location.pathname.startsWith('/cloudformation')
  ? 'cloudformation'
  : 'iam';
/** The console's region, as the page's `awsc-mezz-region` meta says. */
export const REGION =
  document.getElementById('awsc-mezz-region')?.getAttribute('content') ?? 'us-east-1';
export const T: Strings = STRINGS[OPTIONS.language];
document.documentElement.lang = OPTIONS.language;

export function managedPolicyArn(path: string): string {
  return `arn:${PARTITION}:iam::aws:policy/${path}`;
}

export function roleArn(name: string): string {
  return `arn:${PARTITION}:iam::${ACCOUNT_ID}:role/${name}`;
}

export function userArn(name: string): string {
  return `arn:${PARTITION}:iam::${ACCOUNT_ID}:user/${name}`;
}

// ---- routing -------------------------------------------------------------------------------

/** The tabs of the role summary page, as `?section=` names them. */
export const ROLE_SECTIONS = [
  'permissions',
  'trust_relationships',
  'tags',
  'access_advisor',
  'revoke_sessions',
] as const;
export type RoleSection = (typeof ROLE_SECTIONS)[number];

/** The role summary page (the same in both route variants). */
export function roleDetailsPath(name: string, section?: RoleSection) {
  const base = `/roles/details/${encodeURIComponent(name)}`;
  return section ? `${base}?section=${section}` : base;
}

export type RolePage = 'edit_trust_policy' | 'attach_policies' | 'edit_role';

/**
 * The route of a page under a role. Default: `#/roles/edit_trust_policy/<name>`,
 * `#/roles/details/<name>/attach_policies` and `#/roles/details/<name>/edit` (Edit role: the
 * description and maximum session duration). The 'alternate' variant moves them where the
 * extension has never seen them: `#/roles/<name>/trust-policy/edit`,
 * `#/roles/<name>/permissions/attach` and `#/roles/<name>/edit`. Only the variant's own routes
 * are served.
 */
export function rolePagePath(page: RolePage, name: string): string {
  const n = encodeURIComponent(name);
  if (OPTIONS.roleRoutes === 'alternate') {
    if (page === 'edit_trust_policy') return `/roles/${n}/trust-policy/edit`;
    if (page === 'attach_policies') return `/roles/${n}/permissions/attach`;
    return `/roles/${n}/edit`;
  }
  if (page === 'edit_trust_policy') return `/roles/edit_trust_policy/${n}`;
  if (page === 'attach_policies') return `/roles/details/${n}/attach_policies`;
  return `/roles/details/${n}/edit`;
}

/** Which role page a route path is, in the variant in force (the name still URL-encoded). */
export function matchRolePage(path: string): { page: RolePage; name: string } | null {
  const patterns: [RolePage, RegExp][] =
    OPTIONS.roleRoutes === 'alternate'
      ? [
          ['edit_trust_policy', /^\/roles\/([^/]+)\/trust-policy\/edit$/],
          ['attach_policies', /^\/roles\/([^/]+)\/permissions\/attach$/],
          ['edit_role', /^\/roles\/([^/]+)\/edit$/],
        ]
      : [
          ['edit_trust_policy', /^\/roles\/edit_trust_policy\/([^/]+)$/],
          ['attach_policies', /^\/roles\/details\/([^/]+)\/attach_policies$/],
          ['edit_role', /^\/roles\/details\/([^/]+)\/edit$/],
        ];
  for (const [page, re] of patterns) {
    const m = re.exec(path);
    if (m && m[1] !== 'details' && m[1] !== 'create') return { page, name: m[1]! };
  }
  return null;
}

export interface Route {
  /** The hash without `#` and without the query, e.g. `/roles/create`. */
  path: string;
  query: URLSearchParams;
  /** The raw hash, for keys. */
  raw: string;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#/, '');
  const q = h.indexOf('?');
  const path = q < 0 ? h : h.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : h.slice(q + 1));
  return { path: path || '/', query, raw: h };
}

export function useRoute(): Route {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return parseHash(hash);
}

export function navigate(hash: string): void {
  location.hash = hash.startsWith('#') ? hash : `#${hash}`;
}

/** Rewrites the hash without a navigation (as the console does with its wizard state). */
export function replaceHash(hash: string): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}#${hash}`);
}

// ---- flash messages ------------------------------------------------------------------------

export interface Flash {
  id: string;
  type: 'success' | 'error' | 'info';
  content: ReactNode;
  /** The route path on which the flash shows; it goes away once the user leaves that route. */
  path: string;
}

type FlashListener = (flashes: Flash[]) => void;
let flashes: Flash[] = [];
const flashListeners = new Set<FlashListener>();

export function pushFlash(flash: Omit<Flash, 'id'>): void {
  flashes = [{ ...flash, id: String(Date.now()) + Math.random() }];
  flashListeners.forEach((l) => l(flashes));
}

export function dismissFlash(id: string): void {
  flashes = flashes.filter((f) => f.id !== id);
  flashListeners.forEach((l) => l(flashes));
}

export function useFlashes(path: string): Flash[] {
  const [list, setList] = useState(flashes);
  useEffect(() => {
    flashListeners.add(setList);
    return () => {
      flashListeners.delete(setList);
    };
  }, []);
  useEffect(() => {
    // Leaving the route of a flash removes it.
    const kept = flashes.filter((f) => f.path === path);
    if (kept.length !== flashes.length) {
      flashes = kept;
      flashListeners.forEach((l) => l(flashes));
    }
  }, [path]);
  return list.filter((f) => f.path === path);
}

// ---- slow variant ----------------------------------------------------------------------------

/** False for `slowMs` after `key` changes, then true (always true when slowMs is 0). */
export function useSlow(key: string): boolean {
  const [readyKey, setReadyKey] = useState(OPTIONS.slowMs > 0 ? null : key);
  useEffect(() => {
    if (OPTIONS.slowMs <= 0) {
      setReadyKey(key);
      return;
    }
    const timer = setTimeout(() => setReadyKey(key), OPTIONS.slowMs);
    return () => clearTimeout(timer);
  }, [key]);
  return OPTIONS.slowMs <= 0 || readyKey === key;
}

// ---- API -----------------------------------------------------------------------------------

export class ApiError extends Error {}

export async function api<T>(op: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`/${APP}/replica-api/${op}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = {};
  }
  if (!res.ok) {
    const message = (body as { message?: string }).message ?? `HTTP ${res.status}`;
    throw new ApiError(message);
  }
  return body as T;
}

export interface RoleData {
  roleName: string;
  arn: string;
  description: string;
  trustPolicy: unknown;
  trustPolicyText: string;
  attachedPolicyArns: string[];
  createDate: string;
  tags: { Key: string; Value: string }[];
  permissionsBoundaryArn?: string;
  /** Seconds. */
  maxSessionDuration: number;
}

/** One entry of listAttachedRolePolicies (IAM's PolicyName and PolicyArn, plus how many roles and
 * users the policy is attached to, as GetPolicy's AttachmentCount). */
export interface AttachedPolicyData {
  policyName: string;
  policyArn: string;
  attachmentCount: number;
}

export interface PolicyData {
  policyName: string;
  arn: string;
  description: string;
  /** The default version's document. */
  document: string;
  defaultVersionId: string;
  versions: PolicyVersionData[];
  createDate: string;
}

export interface PolicyVersionData {
  versionId: string;
  document: string;
  isDefaultVersion: boolean;
  createDate: string;
}

export interface AccessKeyMetadata {
  userName: string;
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: string;
  description: string;
}

export interface UserData {
  userName: string;
  arn: string;
  attachedPolicyArns: string[];
  createDate: string;
  /** Only in listUsers answers. */
  accessKeys?: AccessKeyMetadata[];
}

/** Loads data with `op` whenever `key` changes. */
export function useApi<T>(
  op: string,
  input: unknown,
  key: string,
): { data?: T; error?: string; loading: boolean } {
  const [state, setState] = useState<{ key: string; data?: T; error?: string } | null>(null);
  useEffect(() => {
    let live = true;
    api<T>(op, input).then(
      (data) => live && setState({ key, data }),
      (e: unknown) => live && setState({ key, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [op, key]);
  if (!state || state.key !== key) return { loading: true };
  return { data: state.data, error: state.error, loading: false };
}
