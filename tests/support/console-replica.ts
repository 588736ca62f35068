// Serves the console replica (tests/console-replica, built into .build/console-replica) at the
// real console URLs of every partition, IAM's and CloudFormation's, and answers the replica's API
// calls from a SimulatedIam and a SimulatedStackSets (one per partition) in Node. One responder, two transports: Playwright routing for Chromium (no network at all),
// and for Firefox a loopback HTTPS proxy that the browser is pointed at (see firefox.ts).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';
import selfsigned from 'selfsigned';
import { ROOT } from './browser.ts';
import {
  SimulatedIam,
  partitionOfHost,
  type CreatePolicyInput,
  type Partition,
  type SimTag,
} from './iam-sim.ts';
import { SimulatedStackSets, type OrganizationOptions, type SimStackSet } from './stacksets-sim.ts';

export const REPLICA_DIR = path.join(ROOT, '.build/console-replica');

/** A role that exists before the test starts. The trust policy defaults to this account's root. */
export interface SeedRole {
  roleName: string;
  description?: string;
  /** JSON text or an object (stringified). */
  trustPolicy?: string | object;
  policyArns?: string[];
  /** Its tags, IAM's way: `{ Key, Value }` (default none). */
  tags?: SimTag[];
  /** Its maximum session duration in seconds, 3600 to 43200 (default 3600). */
  maxSessionDuration?: number;
  /** A managed policy ARN set as its permissions boundary (rewritten to the partition). */
  permissionsBoundaryArn?: string;
}

/** The signed-in principal: in the session data, and named by IAM's access-denied messages. */
export function callerArn(partition: Partition, accountId: string): string {
  return `arn:${partition}:sts::${accountId}:assumed-role/Admin/alice`;
}

export interface ReplicaOptions {
  /** The signed-in account (default 111122223333). */
  accountId?: string;
  /** The account alias in the session data (default "demo"). */
  accountAlias?: string;
  /** Console language: every label, tile, button, heading, flash and step title (default en). */
  language?: 'en' | 'ja';
  /** Each route's main content and each wizard step appear only after this delay (default 0). */
  slowMs?: number;
  /**
   * The create-role wizard ignores its hash query entirely, and so does the Attach policies
   * page its `policies=` (default false).
   */
  ignoreUrlParams?: boolean;
  /**
   * The policy tables' filter (wizard step 2, Create user, Attach policies): 'text' is a search
   * box that filters as you type; 'property' is a Cloudscape PropertyFilter whose free text only
   * filters once committed with Enter as a token, with "Policy name" and "Type" properties
   * (default 'text').
   */
  policyFilter?: 'text' | 'property';
  /** Rows a page in those policy tables (default 10). */
  policyPageSize?: number;
  /** Rows a page in a role's attached-policies tables (default 10). */
  attachedPageSize?: number;
  /**
   * Routes of the pages under a role. 'default': `#/roles/edit_trust_policy/<name>`,
   * `#/roles/details/<name>/attach_policies` and `#/roles/details/<name>/edit` (Edit role);
   * 'alternate': `#/roles/<name>/trust-policy/edit`, `#/roles/<name>/permissions/attach` and
   * `#/roles/<name>/edit` (only the variant's own routes are served).
   */
  roleRoutes?: 'default' | 'alternate';
  /**
   * The account's PoliciesPerRole quota in the simulated IAM: 10 by default, raisable to 20 as
   * in Service Quotas (a seeded role with 12 policies needs it raised).
   */
  policiesPerRoleQuota?: number;
  /**
   * The service control policy variant: CreateRole is denied, with IAM's "explicit deny in a
   * service control policy" message (HTTP 403), unless the new role carries a tag of each of
   * these keys (matched ignoring case). Seeded roles are exempt. Changing it with setOptions
   * keeps the simulated IAMs and their roles. Default: no SCP.
   */
  scpRequiredTagKeys?: string[];
  /** Roles present from the start (in every partition's simulated IAM). */
  existingRoles?: SeedRole[];
  /** Customer-managed policies present from the start. */
  existingPolicies?: CreatePolicyInput[];
  /** IAM users present from the start (in every partition's simulated IAM). */
  existingUsers?: SeedUser[];
  /**
   * The simulated AWS Organization behind the CloudFormation console (management account =
   * accountId): member count, failing and suspended accounts, how fast instances move, trusted
   * access, and the Stack instances table's page size (docs/console.md, "CloudFormation
   * StackSets").
   */
  organization?: OrganizationOptions;
  /** Template bodies the Create StackSet wizard's "Amazon S3 URL" can fetch, by URL. */
  hostedTemplates?: Record<string, string>;
}

/** An IAM user that exists before the test starts (policy ARNs follow the partition). */
export interface SeedUser {
  userName: string;
  policyArns?: string[];
}

export interface ConsoleReplica {
  /** The simulated IAM of the `aws` partition (the one behind console.aws.amazon.com). */
  readonly iam: SimulatedIam;
  /** The simulated IAM behind one partition's console (created on first use, seeded alike). */
  iamFor(partition: Partition): SimulatedIam;
  /** The simulated Organization and StackSets of the `aws` partition. */
  readonly organization: SimulatedStackSets;
  /** One partition's simulated Organization and StackSets (created on first use). */
  organizationFor(partition: Partition): SimulatedStackSets;
  /** The stack sets created in the `aws` partition, as submitted (copies). */
  readonly stackSets: SimStackSet[];
  /** The stack sets created in one partition. */
  stackSetsFor(partition: Partition): SimStackSet[];
  /** The options in force. */
  readonly options: Readonly<ReplicaOptions>;
  /**
   * Changes the variant for subsequent page loads. Changing accountId, policiesPerRoleQuota,
   * existingRoles, existingPolicies or existingUsers starts fresh simulated IAMs (`iam` then
   * returns the new one); changing accountId or organization starts fresh Organizations.
   * Changing scpRequiredTagKeys applies to the simulated IAMs in place, their roles kept.
   */
  setOptions(partial: Partial<ReplicaOptions>): void;
  /** e.g. https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/roles */
  url(partition?: Partition, hashRoute?: string, region?: string): string;
  /** e.g. https://us-east-1.console.aws.amazon.com/cloudformation/home?region=us-east-1#/stacksets */
  cloudFormationUrl(partition?: Partition, hashRoute?: string, region?: string): string;
  /** Stops serving the replica in this context. */
  uninstall(): Promise<void>;
}

/** What the replica answers to one request, whatever carried it. */
export interface ReplicaResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** Every console host of every partition, bare or with a region / multi-session prefix. */
export const CONSOLE_IAM_URL =
  /^https:\/\/(?:[a-z0-9-]+\.)*console\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com|amazonaws-eusc\.eu)\/(?:iam|iamv2)(?:[/?#].*)?$/i;

/** The CloudFormation console app on the same hosts. */
export const CONSOLE_CLOUDFORMATION_URL =
  /^https:\/\/(?:[a-z0-9-]+\.)*console\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com|amazonaws-eusc\.eu)\/cloudformation(?:[/?#].*)?$/i;

/** What the replica serves, both transports alike: the IAM and the CloudFormation apps. */
export const CONSOLE_REPLICA_URL =
  /^https:\/\/(?:[a-z0-9-]+\.)*console\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com|amazonaws-eusc\.eu)\/(?:iam|iamv2|cloudformation)(?:[/?#].*)?$/i;

const CONSOLE_DOMAIN: Record<Partition, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
  'aws-eusc': 'console.amazonaws-eusc.eu',
};

const DEFAULT_REGION: Record<Partition, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-eusc': 'eusc-de-east-1',
};

const SIGN_IN: Record<Partition, string> = {
  aws: 'https://signin.aws.amazon.com',
  'aws-cn': 'https://signin.amazonaws.cn',
  'aws-us-gov': 'https://signin.amazonaws-us-gov.com',
  'aws-eusc': 'https://signin.amazonaws-eusc.eu',
};

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** The URL of a replica page (defaults: aws partition, `#/roles`, the partition's first region). */
export function consoleUrl(partition: Partition = 'aws', hashRoute = '/roles', region?: string) {
  const r = region ?? DEFAULT_REGION[partition];
  const hash = hashRoute.startsWith('#') ? hashRoute : `#${hashRoute}`;
  return `https://${r}.${CONSOLE_DOMAIN[partition]}/iam/home?region=${r}${hash}`;
}

/** The CloudFormation console's URL (defaults: aws partition, `#/stacksets`, its first region). */
export function cloudFormationUrl(
  partition: Partition = 'aws',
  hashRoute = '/stacksets',
  region?: string,
) {
  const r = region ?? DEFAULT_REGION[partition];
  const hash = hashRoute.startsWith('#') ? hashRoute : `#${hashRoute}`;
  return `https://${r}.${CONSOLE_DOMAIN[partition]}/cloudformation/home?region=${r}${hash}`;
}

function regionOf(url: URL, partition: Partition): string {
  const q = url.searchParams.get('region');
  if (q && /^[a-z]{2}(-[a-z]+)+-\d$/.test(q)) return q;
  const m = /^(?:\d{12}-[a-z0-9]+\.)?([a-z]{2}(?:-[a-z]+)+-\d)\.console\./.exec(url.hostname);
  return m?.[1] ?? DEFAULT_REGION[partition];
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');
}

type Responder = Omit<ConsoleReplica, 'uninstall'> & {
  respond(request: { method: string; url: string; body: string | null }): Promise<ReplicaResponse>;
};

async function createResponder(initial: ReplicaOptions): Promise<Responder> {
  const indexFile = path.join(REPLICA_DIR, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(
      `The IAM console replica is not built (${indexFile} is missing): run \`npm run build:replica\` first.`,
    );
  }
  const indexHtml = await readFile(indexFile, 'utf8');
  const assetCache = new Map<string, Buffer>();
  let options: ReplicaOptions = { ...initial };
  let sims = new Map<Partition, SimulatedIam>();

  function makeSim(partition: Partition): SimulatedIam {
    const accountId = options.accountId ?? '111122223333';
    const sim = new SimulatedIam({
      accountId,
      partition,
      policiesPerRole: options.policiesPerRoleQuota,
      callerArn: callerArn(partition, accountId),
    });
    for (const p of options.existingPolicies ?? []) sim.createPolicy(p);
    for (const r of options.existingRoles ?? []) {
      const trust =
        r.trustPolicy === undefined
          ? {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
                  Action: 'sts:AssumeRole',
                  Condition: {},
                },
              ],
            }
          : r.trustPolicy;
      sim.createRole({
        roleName: r.roleName,
        description: r.description ?? '',
        trustPolicy: typeof trust === 'string' ? trust : JSON.stringify(trust, null, 4),
        policyArns: (r.policyArns ?? []).map((a) => a.replace(/^arn:[\w-]+:/, `arn:${partition}:`)),
        tags: r.tags,
        maxSessionDuration: r.maxSessionDuration,
        permissionsBoundaryArn: r.permissionsBoundaryArn?.replace(
          /^arn:[\w-]+:/,
          `arn:${partition}:`,
        ),
      });
    }
    // After the seeds: roles that exist already were made before the SCP.
    sim.scpRequiredTagKeys = [...(options.scpRequiredTagKeys ?? [])];
    for (const u of options.existingUsers ?? []) {
      sim.createUser({
        userName: u.userName,
        policyArns: (u.policyArns ?? []).map((a) => a.replace(/^arn:[\w-]+:/, `arn:${partition}:`)),
      });
    }
    return sim;
  }

  function iamFor(partition: Partition): SimulatedIam {
    let sim = sims.get(partition);
    if (!sim) {
      sim = makeSim(partition);
      sims.set(partition, sim);
    }
    return sim;
  }
  iamFor('aws'); // seeds are checked now: a bad seed fails the install, not a later page load

  let organizations = new Map<Partition, SimulatedStackSets>();
  function organizationFor(partition: Partition): SimulatedStackSets {
    let sim = organizations.get(partition);
    if (!sim) {
      sim = new SimulatedStackSets({
        managementAccountId: options.accountId ?? '111122223333',
        partition,
        organization: options.organization,
        // Read at each call: setOptions({ hostedTemplates }) needs no fresh Organization.
        templateAt: (url) => {
          const hosted = options.hostedTemplates ?? {};
          return Object.hasOwn(hosted, url) ? hosted[url] : undefined;
        },
      });
      organizations.set(partition, sim);
    }
    return sim;
  }
  organizationFor('aws');

  function renderIndex(url: URL): string {
    const partition = partitionOfHost(url.hostname);
    const accountId = options.accountId ?? '111122223333';
    const region = regionOf(url, partition);
    const session = {
      accountId,
      accountAlias: options.accountAlias ?? 'demo',
      sessionARN: callerArn(partition, accountId),
      infrastructureRegion: region,
      prismModeEnabled: false,
      signInEndpoint: SIGN_IN[partition],
    };
    const replicaOptions = {
      language: options.language ?? 'en',
      slowMs: options.slowMs ?? 0,
      ignoreUrlParams: options.ignoreUrlParams ?? false,
      policyFilter: options.policyFilter ?? 'text',
      policyPageSize: options.policyPageSize ?? 10,
      attachedPageSize: options.attachedPageSize ?? 10,
      roleRoutes: options.roleRoutes ?? 'default',
      instancesPageSize: options.organization?.instancesPageSize ?? 10,
    };
    return indexHtml
      .replace(
        /<meta\s+name="awsc-session-data"\s+content='[^']*'\s*\/?>/,
        `<meta name="awsc-session-data" content='${escapeAttr(JSON.stringify(session))}' />`,
      )
      .replace(
        /<meta\s+id="awsc-mezz-region"\s+content="[^"]*"\s*\/?>/,
        `<meta id="awsc-mezz-region" content="${escapeAttr(region)}" />`,
      )
      .replace(
        '<!--replica-options-->',
        `<script type="application/json" id="replica-options">${JSON.stringify(
          replicaOptions,
        ).replace(/</g, '\\u003c')}</script>`,
      )
      .replace('<html lang="en">', `<html lang="${replicaOptions.language}">`);
  }

  const notFound: ReplicaResponse = {
    status: 404,
    headers: { 'content-type': 'text/plain' },
    body: 'Not found',
  };
  const json = (status: number, body: unknown): ReplicaResponse => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  async function serveAsset(rel: string): Promise<ReplicaResponse> {
    const file = path.resolve(REPLICA_DIR, 'assets', rel);
    if (!file.startsWith(path.join(REPLICA_DIR, 'assets') + path.sep)) return notFound;
    let body = assetCache.get(file);
    if (!body) {
      try {
        body = await readFile(file);
      } catch {
        return notFound;
      }
      assetCache.set(file, body);
    }
    return {
      status: 200,
      body,
      headers: {
        'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      },
    };
  }

  async function respond(request: {
    method: string;
    url: string;
    body: string | null;
  }): Promise<ReplicaResponse> {
    const url = new URL(request.url);
    const partition = partitionOfHost(url.hostname);
    const api = /^\/(iam|iamv2|cloudformation)\/replica-api\/([A-Za-z]+)$/.exec(url.pathname);
    if (api) {
      let input: unknown;
      try {
        input = request.body ? JSON.parse(request.body) : {};
      } catch {
        return json(400, { message: 'Request body is not JSON.' });
      }
      const sim = api[1] === 'cloudformation' ? organizationFor(partition) : iamFor(partition);
      const { status, body } = sim.handle(api[2]!, input);
      return json(status, body);
    }
    const asset = /\/assets\/([^?#]+)$/.exec(url.pathname);
    if (asset) return serveAsset(decodeURIComponent(asset[1]!));
    if (/^\/(?:iam|iamv2|cloudformation)(?:\/(?:home\/?)?)?$/.test(url.pathname)) {
      return {
        status: 200,
        body: renderIndex(url),
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      };
    }
    return notFound;
  }

  return {
    respond,
    get iam() {
      return iamFor('aws');
    },
    iamFor,
    get organization() {
      return organizationFor('aws');
    },
    organizationFor,
    get stackSets() {
      return organizationFor('aws').stackSets();
    },
    stackSetsFor(partition: Partition) {
      return organizationFor(partition).stackSets();
    },
    get options() {
      return { ...options };
    },
    setOptions(partial) {
      const resetsIam =
        'accountId' in partial ||
        'policiesPerRoleQuota' in partial ||
        'existingRoles' in partial ||
        'existingPolicies' in partial ||
        'existingUsers' in partial;
      options = { ...options, ...partial };
      if (resetsIam) {
        sims = new Map();
        iamFor('aws');
      } else if ('scpRequiredTagKeys' in partial) {
        for (const sim of sims.values()) {
          sim.scpRequiredTagKeys = [...(options.scpRequiredTagKeys ?? [])];
        }
      }
      if ('accountId' in partial || 'organization' in partial) {
        organizations = new Map();
        organizationFor('aws');
      }
    },
    url(partition: Partition = 'aws', hashRoute = '/roles', region?: string) {
      return consoleUrl(partition, hashRoute, region);
    },
    cloudFormationUrl(partition: Partition = 'aws', hashRoute = '/stacksets', region?: string) {
      return cloudFormationUrl(partition, hashRoute, region);
    },
  };
}

/** Wraps a responder so getters (iam, options) stay live on the object handed to tests. */
function withTransport<T extends { uninstall(): Promise<void> }>(
  responder: Responder,
  extra: T,
): Responder & T {
  return Object.assign(Object.create(responder) as Responder, extra);
}

/** Serves the replica to a Playwright context by routing; nothing reaches the network. */
export async function installConsoleReplica(
  context: BrowserContext,
  initial: ReplicaOptions = {},
): Promise<ConsoleReplica> {
  const responder = await createResponder(initial);
  const handler = async (route: Route): Promise<void> => {
    const request = route.request();
    const answer = await responder.respond({
      method: request.method(),
      url: request.url(),
      body: request.postData(),
    });
    await route.fulfill({ status: answer.status, headers: answer.headers, body: answer.body });
  };
  await context.route(CONSOLE_REPLICA_URL, handler);
  return withTransport(responder, {
    async uninstall() {
      await context.unroute(CONSOLE_REPLICA_URL, handler);
    },
  });
}

export interface ProxiedConsoleReplica extends ConsoleReplica {
  /** Loopback port of the HTTP proxy to set as the browser's HTTPS proxy. */
  readonly proxyPort: number;
}

/**
 * Serves the replica through a loopback HTTPS proxy, for browsers Playwright cannot route
 * (Firefox over Marionette). The browser sends CONNECT for console hosts; the proxy ends TLS
 * itself with a throwaway self-signed certificate (the driver accepts it for this session only)
 * and answers from the same responder. Any other host is refused: the test stays offline.
 */
export async function serveConsoleReplicaByProxy(
  initial: ReplicaOptions = {},
): Promise<ProxiedConsoleReplica> {
  const responder = await createResponder(initial);
  const pems = await selfsigned.generate(
    [{ name: 'commonName', value: 'Crossrole test console replica' }],
    { keyType: 'ec', notAfterDate: new Date(Date.now() + 2 * 24 * 3600 * 1000) },
  );
  const sockets = new Set<Socket>();
  const tlsServer = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = `https://${req.headers.host ?? ''}${req.url ?? '/'}`;
      const reply = CONSOLE_REPLICA_URL.test(url)
        ? responder.respond({
            method: req.method ?? 'GET',
            url,
            body: chunks.length ? Buffer.concat(chunks).toString('utf8') : null,
          })
        : Promise.resolve({ status: 404, headers: {}, body: 'Not found' });
      void reply.then(
        (answer) => {
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(String(error));
        },
      );
    });
  });
  const proxy = http.createServer((_req, res) => {
    res.writeHead(405, { 'content-type': 'text/plain' });
    res.end('Only CONNECT to console hosts');
  });
  proxy.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const host = (req.url ?? '').replace(/:443$/, '');
    if (!CONSOLE_IAM_URL.test(`https://${host}/iam/`)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    tlsServer.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyPort = (proxy.address() as AddressInfo).port;
  return withTransport(responder, {
    proxyPort,
    async uninstall() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      tlsServer.close();
    },
  });
}
