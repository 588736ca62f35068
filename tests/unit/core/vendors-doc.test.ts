// docs/vendors.md stays true: its example profile is the demo profile, its report examples are
// valid reports (role.connected and the later events of the same connection), and its three lines
// of Node make a connection code Crossrole accepts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseConnectionCode } from '../../../src/core/connection-code.ts';
import { codeFromLink, connectionLink } from '../../../src/core/connection-link.ts';
import { readConnectionCode } from '../../../src/core/imports.ts';
import { parseProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { linkedServiceProfile, parsedExampleProfiles } from '../../support/setup-fixtures.ts';
import {
  parseReport,
  parseRoleEvent,
  ROLE_CHANGE_KINDS,
  RoleChangeSchema,
} from '../../../src/core/report.ts';

const doc = readFileSync(path.resolve(import.meta.dirname, '../../../docs/vendors.md'), 'utf8');
const blocks = (lang: string) =>
  [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('docs/vendors.md', () => {
  it('shows the demo profile as its example', () => {
    const [profile] = blocks('json');
    expect(JSON.parse(profile!)).toEqual(EXAMPLE_PROFILES[0]);
    expect(parseProfile(profile!).ok).toBe(true);
  });

  it('shows a valid report', () => {
    expect(parseReport(JSON.parse(blocks('json')[1]!))).toMatchObject({ ok: true });
  });

  it('shows a valid organization report, one of its member accounts', () => {
    const example = blocks('json').find((b) => b.includes('"organization"'));
    const parsed = parseReport(JSON.parse(example!));
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        organization: { stackSetName: 'YourServiceRole', managementAccountId: '111122223333' },
      },
    });
    // Its member account is not the management account, and the role is in the member's.
    if (!parsed.ok) return;
    expect(parsed.value.accountId).not.toBe(parsed.value.organization!.managementAccountId);
    expect(parsed.value.roleArn).toContain(`::${parsed.value.accountId}:role/`);
  });

  it('shows a valid role.updated and role.disconnected of the connection its report made', () => {
    const connected = JSON.parse(blocks('json')[1]!) as Record<string, unknown>;
    const later = blocks('json')
      .map((b) => JSON.parse(b) as Record<string, unknown>)
      .filter((b) => b.event === 'role.updated' || b.event === 'role.disconnected');
    expect(later.map((b) => b.event)).toEqual(['role.updated', 'role.disconnected']);
    for (const body of later) {
      const parsed = parseRoleEvent(body);
      if (!parsed.ok) throw new Error(`${parsed.errors[0]!.path}: ${parsed.errors[0]!.message}`);
      expect(parsed.value).toEqual(body);
      // The same connection, each event with a key of its own.
      expect(body.connectionId).toBe(connected.setupId);
      expect(body.setupId).not.toBe(connected.setupId);
      for (const field of ['profileId', 'roleArn', 'accountId', 'partition', 'externalId'])
        expect(body[field]).toBe(connected[field]);
    }
    expect(later[0]!.setupId).not.toBe(later[1]!.setupId);
  });

  it('lists every kind of change with the fields its schema takes', () => {
    const section = doc.slice(doc.indexOf('### Later events'), doc.indexOf('### Organization'));
    // The table's rows after its heading: | `kind` | `field`, `field` | meaning |
    const rows = new Map(
      [...section.matchAll(/^\| `([a-z-]+)` \| ([^|]+) \|/gm)]
        .filter((m) => m[1] !== 'kind')
        .map((m) => [m[1]!, [...m[2]!.matchAll(/`(\w+)`/g)].map((f) => f[1]!)]),
    );
    expect([...rows.keys()]).toEqual([...ROLE_CHANGE_KINDS]);
    for (const option of RoleChangeSchema._zod.def.options) {
      const { kind, ...fields } = option._zod.def.shape;
      const name = (kind._zod.def.values as string[])[0]!;
      expect(rows.get(name), name).toEqual(Object.keys(fields));
    }
  });

  it('makes a connection code Crossrole accepts in three lines of Node', () => {
    const [snippet] = blocks('js');
    expect(snippet!.trim().split('\n')).toHaveLength(3);
    // The snippet runs as written, in a fresh context with the customer's token and External ID.
    const run = (token: string, externalId: string) =>
      runInNewContext(`${snippet}\ncode;`, { token, externalId, Buffer, Date }) as string;
    const demo = parseProfile(EXAMPLE_PROFILES[0]);
    if (!demo.ok) throw new Error('demo invalid');
    const known = parseConnectionCode(
      run('opaque-token', 'tenant-42:a/b'),
      { builtin: [{ ...demo.value, id: 'your-service' }], imported: [] },
      new Date(),
    );
    expect(known).toMatchObject({
      ok: true,
      value: {
        token: 'opaque-token',
        externalId: 'tenant-42:a/b',
        label: 'Acme Corp — workspace 42',
        profileIncluded: false,
      },
    });
  });
});

describe('docs/examples/connection-link.mjs', () => {
  const file = path.resolve(import.meta.dirname, '../../../docs/examples/connection-link.mjs');
  const builtins = parsedExampleProfiles();
  const acme = linkedServiceProfile();

  it('is shown in docs/vendors.md as it is', () => {
    expect(blocks('js')).toContain(readFileSync(file, 'utf8'));
  });

  it('prints a link whose code reads back and validates as an import, the link Crossrole itself builds', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crossrole-link-'));
    writeFileSync(path.join(dir, 'acme.json'), JSON.stringify(acme));
    const link = execFileSync(process.execPath, [file, path.join(dir, 'acme.json'), 'Acme Corp'], {
      encoding: 'utf8',
    }).trim();
    const code = codeFromLink(link);
    if (!code.ok) throw new Error(code.errors[0]!.message);
    const read = readConnectionCode(
      code.value,
      { builtin: builtins, imported: [] },
      { developmentBuild: false },
      new Date(),
    );
    if (!read.ok) throw new Error(`${read.errors[0]!.path}: ${read.errors[0]!.message}`);
    expect(read.value).toMatchObject({
      profileIncluded: true,
      profile: { id: 'acme-costs' },
      label: 'Acme Corp',
      token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      externalId: expect.stringMatching(/^acme-costs-/),
      expiresAt: expect.any(String),
    });
    // The console's own parameters are exactly those src/core/connection-link.ts writes.
    const ours = connectionLink(read.value.profile, code.value);
    expect(ours).toEqual({ ok: true, value: link });
  });
});
