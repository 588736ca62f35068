// docs/vendors.md stays true: its example profile is the demo profile, its report example is a
// valid report, and its three lines of Node make a connection code Crossrole accepts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseConnectionCode } from '../../../src/core/connection-code.ts';
import { parseProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { parseReport } from '../../../src/core/report.ts';

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
