// The reference service: a local stand-in for a vendor's report endpoint (docs/vendors.md §3), used
// by the tests, the demo and the benchmark. It does what a careful vendor must: validate the
// report, treat a repeated Idempotency-Key as the same report, bind each External ID to the
// customer that first reported it (409 for anyone else), follow a connection's later events
// (role.updated, role.disconnected: 404 for a connection it does not know, 410 once it ended),
// and never log a token. Faults can be switched on per test: down, a status, Retry-After,
// slowness, a failure rate.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { encodeConnectionCode } from '../../src/core/connection-code.ts';
import { connectionLink } from '../../src/core/connection-link.ts';
import { parseProfile, type ServiceProfile } from '../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../src/core/profiles/index.ts';
import {
  parseAccessKeyReport,
  parseRoleEvent,
  type AccessKeyReport,
  type LifecycleReport,
  type RoleDisconnectedReport,
  type RoleReport,
  type RoleUpdatedReport,
} from '../../src/core/report.ts';

export type Faults = {
  /** Destroy the connection without answering (a network error). */
  down?: boolean;
  /** Answer this status, with `{ message }`. */
  status?: number;
  /** With 429 or 503: the Retry-After header, in seconds. */
  retryAfterSeconds?: number;
  /** Wait this long before answering (a timeout for a client with a shorter limit). */
  delayMs?: number;
  /** This fraction of requests answers 500 (seeded, so runs repeat). */
  failRate?: number;
  seed?: number;
  /** The message of a 4xx fault. */
  refuseMessage?: string;
  /** Apply the fault to this many requests only, then behave. */
  remaining?: number;
};

export type StoredConnection = {
  idempotencyKey: string;
  /** The role.connected report that made the connection. */
  report: RoleReport;
  receivedAt: string;
  /** Who the service believes reported it: the bearer token, or else the AWS account. */
  customer: string | null;
  /** What IAM holds now, by the latest report: `report`, then each role.updated taken. */
  latest: RoleReport | RoleUpdatedReport;
  /** The later events taken for it, in the order received. */
  events: StoredEvent[];
  /** The role.disconnected that ended it; the service no longer assumes the role. */
  disconnected: RoleDisconnectedReport | null;
};

/** A later event the service took (answered 2xx), with the connection it names. */
export type StoredEvent = {
  idempotencyKey: string;
  connectionId: string;
  report: LifecycleReport;
  receivedAt: string;
};

export type SeenRequest = {
  method: string;
  path: string;
  idempotencyKey: string | null;
  hasAuthorization: boolean;
  status: number;
  at: number;
};

/** The id of the reference service's own profile, the one its onboarding page links with. */
export const ONBOARDING_PROFILE_ID = 'crossrole-reference';
/** The onboarding page's one button (docs/vendors.md §6). */
export const ONBOARDING_BUTTON = 'Connect AWS account';

/**
 * The whole profile the onboarding page's codes carry: the demo service's access levels, but a
 * service that is not built in, issuing its External IDs and reporting with a token to `reportUrl`.
 */
export function onboardingProfile(reportUrl: string): ServiceProfile {
  const demo = structuredClone(EXAMPLE_PROFILES[0]) as Record<string, unknown>;
  const parsed = parseProfile({
    ...demo,
    id: ONBOARDING_PROFILE_ID,
    name: 'Crossrole Reference Service',
    externalId: { source: 'service' },
    role: {
      name: 'CrossroleReferenceRole',
      description: 'Read-only access for the Crossrole reference service (runs on this computer)',
    },
    report: { url: reportUrl, auth: 'token' },
  });
  if (!parsed.ok)
    throw new Error(`The onboarding profile is invalid: ${parsed.errors[0]?.message}`);
  return parsed.value;
}

/** One visit of the onboarding page: what it issued. */
export type Onboarding = { token: string; externalId: string; link: string; issuedAt: number };

export interface ReferenceService {
  url: string;
  origin: string;
  connections(): StoredConnection[];
  /** Every later event taken (role.updated, role.disconnected), of all connections, in order. */
  events(): StoredEvent[];
  /** Access keys received (method access-keys), one per Idempotency-Key. */
  accessKeys(): AccessKeyReport[];
  requests(): SeenRequest[];
  /** Every visit of `GET /onboarding`, oldest first. */
  onboardings(): Onboarding[];
  setFaults(faults: Faults): void;
  /** Resolves once `n` connections are stored (all of them), or rejects after `timeoutMs`. */
  waitForConnections(n: number, timeoutMs?: number): Promise<StoredConnection[]>;
  /** Resolves once `n` later events are taken (all of them), or rejects after `timeoutMs`. */
  waitForEvents(n: number, timeoutMs?: number): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

export type ReferenceServiceOptions = {
  port?: number;
  host?: string;
  path?: string;
  /**
   * Accepted bearer tokens; when given, a role.connected or access-key.created without one of
   * them gets 401. Later events carry no token (docs/vendors.md, "Later events"): their
   * connectionId and the role they name tie them to a connection.
   */
  tokens?: string[];
  /** Called once per request, for the command line's log (never with the token). */
  onRequest?: (request: SeenRequest) => void;
};

const MAX_BODY = 64 * 1024;

export function startReferenceService(
  options: ReferenceServiceOptions = {},
): Promise<ReferenceService> {
  const reportPath = options.path ?? '/crossrole/v1/connections';
  const stored = new Map<string, { body: string; connection: StoredConnection }>();
  const boundExternalIds = new Map<string, string>();
  const keys = new Map<string, AccessKeyReport>();
  /** Each later event's Idempotency-Key, with its body and the answer it got. */
  const answered = new Map<string, { body: string; status: number; answer: unknown }>();
  const events: StoredEvent[] = [];
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let faults: Faults = {};
  let random = 1;
  const waiters: (() => void)[] = [];
  /** Tokens the onboarding page issued, with the External ID issued with each. */
  const issued = new Map<string, Onboarding>();
  let profile: ServiceProfile | null = null;

  const nextRandom = (): number => {
    random = (random * 16807) % 2147483647;
    return random / 2147483647;
  };

  function corsHeaders(request: IncomingMessage): Record<string, string> {
    const origin = request.headers.origin ?? '';
    // Only extension pages: never `*`, never a web page.
    if (!/^(chrome|moz)-extension:\/\/[\w-]+$/.test(origin)) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'content-type, authorization, idempotency-key',
      Vary: 'Origin',
    };
  }

  function answer(
    request: IncomingMessage,
    response: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const record: SeenRequest = {
      method: request.method ?? '',
      path: (request.url ?? '').split('?')[0] ?? '',
      idempotencyKey: (request.headers['idempotency-key'] as string | undefined) ?? null,
      hasAuthorization: Boolean(request.headers.authorization),
      status,
      at: Date.now(),
    };
    seen.push(record);
    options.onRequest?.(record);
    response.writeHead(status, {
      'Content-Type': 'application/json',
      ...corsHeaders(request),
      ...headers,
    });
    response.end(body === null ? '' : JSON.stringify(body));
  }

  /** The fault for this request, if any (counting down `remaining`). */
  function takeFault(): Faults | null {
    const active =
      faults.down ||
      faults.status !== undefined ||
      faults.delayMs !== undefined ||
      faults.failRate !== undefined;
    if (!active) return null;
    if (faults.remaining !== undefined) {
      if (faults.remaining <= 0) return null;
      faults = { ...faults, remaining: faults.remaining - 1 };
    }
    return faults;
  }

  async function readBody(request: IncomingMessage): Promise<string | null> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) return null;
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'OPTIONS') return answer(request, response, 204, null);
    const fault = takeFault();
    if (fault?.down) {
      request.socket.destroy();
      seen.push({
        method: request.method ?? '',
        path: path ?? '',
        idempotencyKey: (request.headers['idempotency-key'] as string | undefined) ?? null,
        hasAuthorization: Boolean(request.headers.authorization),
        status: 0,
        at: Date.now(),
      });
      return;
    }
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.status !== undefined) {
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined
          ? { 'Retry-After': String(fault.retryAfterSeconds) }
          : {};
      return answer(
        request,
        response,
        fault.status,
        { message: fault.refuseMessage ?? `Simulated HTTP ${fault.status}` },
        headers,
      );
    }
    if (fault?.failRate !== undefined && nextRandom() < fault.failRate) {
      return answer(request, response, 500, { message: 'Simulated failure' });
    }

    if (path === '/onboarding' && request.method === 'GET') return onboarding(request, response);
    if (path !== reportPath) return answer(request, response, 404, { message: 'Not found' });
    if (request.method !== 'POST')
      return answer(request, response, 405, { message: 'Use POST' }, { Allow: 'POST' });
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? ''))
      return answer(request, response, 415, { message: 'Send application/json' });
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
    const onboarded = token ? issued.get(token) : undefined;
    const tokenRefused = Boolean(
      options.tokens && !onboarded && (!token || !options.tokens.includes(token)),
    );
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !key)
      return answer(request, response, 400, { message: 'Idempotency-Key header is required' });
    const body = await readBody(request);
    if (body === null) return answer(request, response, 413, { message: 'Report too large' });
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return answer(request, response, 400, { message: 'Body is not JSON' });
    }
    const event = (json as { event?: unknown } | null)?.event;
    // Later events carry no token: they name their connection (later(), below).
    if (tokenRefused && event !== 'role.updated' && event !== 'role.disconnected')
      return answer(request, response, 401, { message: 'A valid connection token is required' });
    if (event === 'access-key.created') {
      const key = parseAccessKeyReport(json);
      if (!key.ok) {
        const first = key.errors[0]!;
        return answer(request, response, 422, { message: `${first.path}: ${first.message}` });
      }
      if (!keys.has(key.value.setupId)) keys.set(key.value.setupId, key.value);
      answer(request, response, 200, { status: 'connected', message: 'Access key received.' });
      for (const wake of waiters.splice(0)) wake();
      return;
    }
    const parsed = parseRoleEvent(json);
    if (!parsed.ok) {
      const first = parsed.errors[0]!;
      return answer(request, response, 422, {
        message: `${first.path}: ${first.message}`,
        errors: parsed.errors,
      });
    }
    const report = parsed.value;
    if (report.event !== 'role.connected') return later(request, response, report, key);
    // A token from the onboarding page belongs to one External ID and to this service's profile.
    if (onboarded && report.externalId !== onboarded.externalId)
      return answer(request, response, 403, {
        message: 'This External ID was not issued with this connection token',
      });
    if (onboarded && report.profileId !== ONBOARDING_PROFILE_ID)
      return answer(request, response, 403, {
        message: `This token connects ${ONBOARDING_PROFILE_ID}, not ${report.profileId}`,
      });
    if (key !== report.setupId)
      return answer(request, response, 422, { message: 'Idempotency-Key must equal setupId' });

    const previous = stored.get(key);
    // What the console showed is a hint, not proof (docs/vendors.md §3): a service that cannot
    // assume the role yet answers pending when the customer's console could not show it all.
    const shownComplete = report.trustPolicyVerified && report.permissionsVerified === true;
    const ok = shownComplete
      ? {
          status: 'connected',
          message: `Connected ${report.accountId}${report.organization ? ` (Organization of ${report.organization.managementAccountId})` : ''} to the ${onboarded ? 'Crossrole Reference Service' : 'Crossrole Demo Service'}.`,
        }
      : {
          status: 'pending',
          message: `Received the role for ${report.accountId}; the service checks it before using it.`,
        };
    if (answered.has(key))
      return answer(request, response, 409, {
        message: 'Idempotency-Key already names a later event',
      });
    if (previous) {
      return previous.body === JSON.stringify(report)
        ? answer(request, response, 200, ok)
        : answer(request, response, 409, {
            message: 'Idempotency-Key reused for a different report',
          });
    }
    // One External ID for every account of an Organization (docs/vendors.md, "Organization
    // reports"): without a token, its customer is the management account, not each member, and
    // the management account's own single-account report is that same customer's.
    const customer = token ?? report.organization?.managementAccountId ?? report.accountId;
    const bound = boundExternalIds.get(report.externalId);
    if (bound !== undefined && bound !== customer) {
      return answer(request, response, 409, {
        message: 'This External ID is already connected to another customer',
      });
    }
    boundExternalIds.set(report.externalId, customer);
    stored.set(key, {
      body: JSON.stringify(report),
      connection: {
        idempotencyKey: key,
        report,
        receivedAt: new Date().toISOString(),
        customer,
        latest: report,
        events: [],
        disconnected: null,
      },
    });
    answer(request, response, 200, ok);
    for (const wake of waiters.splice(0)) wake();
  }

  /**
   * role.updated and role.disconnected (docs/vendors.md, "Later events"). They carry no token:
   * `connectionId` names the connection, and the role, account, partition, External ID and
   * profile must be the connection's. A repeated Idempotency-Key gets the first answer, whatever
   * it was; 404 for a connection this service does not hold (it never took it), 410 once the
   * connection ended.
   */
  function later(
    request: IncomingMessage,
    response: ServerResponse,
    report: LifecycleReport,
    key: string,
  ): void {
    if (key !== report.setupId)
      return answer(request, response, 422, { message: 'Idempotency-Key must equal setupId' });
    const body = JSON.stringify(report);
    const first = answered.get(key);
    if (first)
      return first.body === body
        ? answer(request, response, first.status, first.answer)
        : answer(request, response, 409, {
            message: 'Idempotency-Key reused for a different report',
          });
    if (stored.has(key))
      return answer(request, response, 409, {
        message: 'Idempotency-Key already names a connection',
      });
    const settle = (status: number, reply: unknown): void => {
      answered.set(key, { body, status, answer: reply });
      answer(request, response, status, reply);
    };
    const entry = stored.get(report.connectionId);
    if (!entry)
      return settle(404, {
        message: `No connection ${report.connectionId} here: nothing more to send for it.`,
      });
    const connection = entry.connection;
    const mismatch = (
      ['profileId', 'roleArn', 'accountId', 'partition', 'externalId'] as const
    ).find((field) => report[field] !== connection.report[field]);
    if (mismatch)
      return settle(409, {
        message: `${mismatch} is not the connection's (${connection.report[mismatch]})`,
      });
    if (connection.disconnected)
      return settle(410, {
        message: `Connection ${report.connectionId} ended at ${connection.disconnected.disconnectedAt}.`,
      });
    const taken: StoredEvent = {
      idempotencyKey: key,
      connectionId: report.connectionId,
      report,
      receivedAt: new Date().toISOString(),
    };
    events.push(taken);
    entry.connection = {
      ...connection,
      ...(report.event === 'role.updated' ? { latest: report } : { disconnected: report }),
      events: [...connection.events, taken],
    };
    if (report.event === 'role.disconnected') {
      settle(200, {
        message: `Disconnected ${report.accountId}: the service no longer uses ${report.roleArn}.`,
      });
    } else {
      // As for role.connected: what the console showed is a hint, so pending until checked.
      const shownComplete = report.trustPolicyVerified && report.permissionsVerified;
      settle(
        200,
        shownComplete
          ? {
              status: 'connected',
              message: `Updated the role of ${report.accountId} (${report.changes.map((c) => c.kind).join(', ')}).`,
            }
          : {
              status: 'pending',
              message: `Received the change for ${report.accountId}; the service checks it before using it.`,
            },
      );
    }
    for (const wake of waiters.splice(0)) wake();
  }

  /**
   * `GET /onboarding[?region=us-east-1]`: a vendor's onboarding page, whose one button is a
   * Crossrole link (docs/vendors.md §6) with a fresh token, a service-issued External ID and the
   * whole profile. Never cached: the link carries the token.
   */
  function onboarding(request: IncomingMessage, response: ServerResponse): void {
    const region = new URL(request.url ?? '/', 'http://x').searchParams.get('region');
    const validRegion = region && /^[a-z]{2,4}(-[a-z]+)+-\d$/.test(region) ? region : null;
    const token = randomBytes(24).toString('base64url');
    const externalId = `ref-${randomBytes(16).toString('base64url')}`;
    profile ??= onboardingProfile(`${origin()}${reportPath}`);
    const code = encodeConnectionCode({
      profile,
      token,
      externalId,
      label: `Reference workspace ${issued.size + 1}`,
      expiresAt: new Date(Date.now() + 24 * 3600 * 1000).toISOString(),
    });
    const link = connectionLink(profile, code, {
      host: validRegion ? `${validRegion}.console.aws.amazon.com` : null,
      region: validRegion,
    });
    if (!link.ok) return answer(request, response, 500, { message: link.errors[0]!.message });
    issued.set(token, { token, externalId, link: link.value, issuedAt: Date.now() });
    const href = link.value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Crossrole Reference Service: connect your AWS account</title></head>
<body><main>
<h1>Connect your AWS account</h1>
<p>Crossrole Reference Service reads your account's configuration with a read-only IAM role.</p>
<p><a id="connect" href="${href}" target="_blank" rel="noopener noreferrer">${ONBOARDING_BUTTON}</a></p>
<p>Without Crossrole, the AWS console opens its Create role wizard with our account, your External ID and the policy filled in.</p>
</main></body></html>`;
    seen.push({
      method: 'GET',
      path: '/onboarding',
      idempotencyKey: null,
      hasAuthorization: false,
      status: 200,
      at: Date.now(),
    });
    options.onRequest?.(seen[seen.length - 1]!);
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': "default-src 'none'",
    });
    response.end(html);
  }

  let origin = (): string => '';

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) answer(request, response, 500, { message: 'Internal error' });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const base = `http://${options.host ?? '127.0.0.1'}:${port}`;
      origin = () => base;
      const connections = () => [...stored.values()].map((s) => s.connection);
      /** Waits until `read()` holds `n` items, woken by each report taken. */
      const waitFor = async <T>(
        n: number,
        timeoutMs: number,
        read: () => T[],
        what: string,
      ): Promise<T[]> => {
        const deadline = Date.now() + timeoutMs;
        while (read().length < n) {
          const left = deadline - Date.now();
          if (left <= 0)
            throw new Error(
              `The reference service holds ${read().length} ${what}(s), expected ${n}, after ${timeoutMs} ms`,
            );
          await new Promise<void>((wake) => {
            const timer = setTimeout(wake, Math.min(left, 250));
            waiters.push(() => {
              clearTimeout(timer);
              wake();
            });
          });
        }
        return read();
      };
      resolve({
        url: `${base}${reportPath}`,
        origin: base,
        connections,
        events: () => [...events],
        accessKeys: () => [...keys.values()],
        requests: () => [...seen],
        onboardings: () => [...issued.values()],
        setFaults(next) {
          faults = { ...next };
          random = next.seed ?? 1;
        },
        waitForConnections: (n, timeoutMs = 30_000) =>
          waitFor(n, timeoutMs, connections, 'connection'),
        waitForEvents: (n, timeoutMs = 30_000) =>
          waitFor(n, timeoutMs, () => [...events], 'later event'),
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
