// Serves the IAM console replica (tests/console-replica, built into .build/console-replica) at the
// real console URLs of every partition, through Playwright routing, and answers the replica's API
// calls from a SimulatedIam in Node. No network: everything is fulfilled in the test process.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Route } from 'playwright-core';
import { ROOT } from './browser.ts';
import {
  SimulatedIam,
  partitionOfHost,
  type CreatePolicyInput,
  type Partition,
} from './iam-sim.ts';

export const REPLICA_DIR = path.join(ROOT, '.build/console-replica');

/** A role that exists before the test starts. The trust policy defaults to this account's root. */
export interface SeedRole {
  roleName: string;
  description?: string;
  /** JSON text or an object (stringified). */
  trustPolicy?: string | object;
  policyArns?: string[];
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
  /** The create-role wizard ignores its hash query entirely (default false). */
  ignoreUrlParams?: boolean;
  /** Roles present from the start (in every partition's simulated IAM). */
  existingRoles?: SeedRole[];
  /** Customer-managed policies present from the start. */
  existingPolicies?: CreatePolicyInput[];
  /** IAM users present from the start (in every partition's simulated IAM). */
  existingUsers?: SeedUser[];
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
  /** The options in force. */
  readonly options: Readonly<ReplicaOptions>;
  /**
   * Changes the variant for subsequent page loads. Changing accountId, existingRoles,
   * existingPolicies or existingUsers starts fresh simulated IAMs (`iam` then returns the new one).
   */
  setOptions(partial: Partial<ReplicaOptions>): void;
  /** e.g. https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/roles */
  url(partition?: Partition, hashRoute?: string, region?: string): string;
  /** Stops serving the replica in this context. */
  uninstall(): Promise<void>;
}

/** Every console host of every partition, bare or with a region / multi-session prefix. */
export const CONSOLE_IAM_URL =
  /^https:\/\/(?:[a-z0-9-]+\.)*console\.(?:aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com|amazonaws-eusc\.eu)\/(?:iam|iamv2)(?:[/?#].*)?$/i;

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

function regionOf(url: URL, partition: Partition): string {
  const q = url.searchParams.get('region');
  if (q && /^[a-z]{2}(-[a-z]+)+-\d$/.test(q)) return q;
  const m = /^(?:\d{12}-[a-z0-9]+\.)?([a-z]{2}(?:-[a-z]+)+-\d)\.console\./.exec(url.hostname);
  return m?.[1] ?? DEFAULT_REGION[partition];
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');
}

export async function installConsoleReplica(
  context: BrowserContext,
  initial: ReplicaOptions = {},
): Promise<ConsoleReplica> {
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
    const sim = new SimulatedIam({ accountId, partition });
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
      });
    }
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

  function renderIndex(url: URL): string {
    const partition = partitionOfHost(url.hostname);
    const accountId = options.accountId ?? '111122223333';
    const region = regionOf(url, partition);
    const session = {
      accountId,
      accountAlias: options.accountAlias ?? 'demo',
      sessionARN: `arn:${partition}:sts::${accountId}:assumed-role/Admin/customer`,
      infrastructureRegion: region,
      prismModeEnabled: false,
      signInEndpoint: SIGN_IN[partition],
    };
    const replicaOptions = {
      language: options.language ?? 'en',
      slowMs: options.slowMs ?? 0,
      ignoreUrlParams: options.ignoreUrlParams ?? false,
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

  async function serveAsset(route: Route, rel: string): Promise<void> {
    const file = path.resolve(REPLICA_DIR, 'assets', rel);
    if (!file.startsWith(path.join(REPLICA_DIR, 'assets') + path.sep)) {
      await route.fulfill({ status: 404, body: 'Not found' });
      return;
    }
    let body = assetCache.get(file);
    if (!body) {
      try {
        body = await readFile(file);
      } catch {
        await route.fulfill({ status: 404, body: 'Not found' });
        return;
      }
      assetCache.set(file, body);
    }
    await route.fulfill({
      status: 200,
      body,
      headers: {
        'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      },
    });
  }

  const handler = async (route: Route): Promise<void> => {
    const request = route.request();
    const url = new URL(request.url());
    const partition = partitionOfHost(url.hostname);
    const api = /^\/(?:iam|iamv2)\/replica-api\/([A-Za-z]+)$/.exec(url.pathname);
    if (api) {
      let input: unknown;
      try {
        input = request.postData() ? JSON.parse(request.postData()!) : {};
      } catch {
        await route.fulfill({ status: 400, json: { message: 'Request body is not JSON.' } });
        return;
      }
      const { status, body } = iamFor(partition).handle(api[1]!, input);
      await route.fulfill({ status, json: body });
      return;
    }
    const asset = /\/assets\/([^?#]+)$/.exec(url.pathname);
    if (asset) {
      await serveAsset(route, decodeURIComponent(asset[1]!));
      return;
    }
    if (/^\/(?:iam|iamv2)(?:\/(?:home\/?)?)?$/.test(url.pathname)) {
      await route.fulfill({
        status: 200,
        body: renderIndex(url),
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      });
      return;
    }
    await route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not found' });
  };

  await context.route(CONSOLE_IAM_URL, handler);

  return {
    get iam() {
      return iamFor('aws');
    },
    iamFor,
    get options() {
      return { ...options };
    },
    setOptions(partial) {
      const resetsIam =
        'accountId' in partial ||
        'existingRoles' in partial ||
        'existingPolicies' in partial ||
        'existingUsers' in partial;
      options = { ...options, ...partial };
      if (resetsIam) {
        sims = new Map();
        iamFor('aws');
      }
    },
    url(partition: Partition = 'aws', hashRoute = '/roles', region?: string) {
      return consoleUrl(partition, hashRoute, region);
    },
    async uninstall() {
      await context.unroute(CONSOLE_IAM_URL, handler);
    },
  };
}
