// Guardrails at creation (docs/guardrails.md): role tags (the profile's and the customer's,
// checked as IAM would) and the maximum session duration, planned into the setup and then held
// against what the role page shows; the report says only what was read back.
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  planSetup,
  toContentSetup,
  type ContentEvent,
} from '../../../src/core/machine.ts';
import { parseProfile, type ServiceProfile } from '../../../src/core/profile.ts';
import { parseSessionDuration } from '../../../src/core/session-duration.ts';
import type { Setup } from '../../../src/core/setup.ts';
import { missingTags, tagsProblems } from '../../../src/core/tags.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import { consoleSender as sender, demoRolePage, demoStart } from '../../support/setup-fixtures.ts';

const NOW = Date.UTC(2026, 11, 3, 10, 0, 0);
const ID = '0b7c3a52-4f1e-4d5b-9a8e-2f6c1d0e9b7a';
const demo = EXAMPLE_PROFILES.find((p) => (p as { id: string }).id === 'crossrole-demo')!;

/** The demo profile with `role` fields added. */
function profileWith(role: Record<string, unknown>): ServiceProfile {
  const raw = structuredClone(demo) as { role: Record<string, unknown> };
  raw.role = { ...raw.role, ...role };
  const parsed = parseProfile(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

function planned(profile: ServiceProfile, tags?: { key: string; value: string }[]): Setup {
  const result = planSetup(profile, demoStart(tags ? { tags } : {}), {
    id: ID,
    now: NOW,
    reuse: null,
  });
  if (!result.ok) throw new Error(result.error);
  return { ...result.value.setup, tabId: 7 };
}

/** The role created, then its page read with `page` (the demo role's ARN, trust and policy). */
function readBack(setup: Setup, page: Record<string, unknown>) {
  const created = applyEvent(
    setup,
    { type: 'content.roleCreated', setupId: ID, roleName: setup.roleName },
    sender(),
    NOW,
  );
  return applyEvent(created.next!, demoRolePage(ID, page) as ContentEvent, sender(), NOW);
}

describe('role tags in the profile', () => {
  it('takes tags that follow IAM rules', () => {
    const profile = profileWith({ tags: [{ key: 'Vendor', value: 'Crossrole Demo' }] });
    expect(profile.role.tags).toEqual([{ key: 'Vendor', value: 'Crossrole Demo' }]);
  });

  it.each([
    [{ key: 'aws:created', value: 'x' }, 'role.tags[0].key', 'may not start with "aws:"'],
    [{ key: '', value: 'x' }, 'role.tags[0].key', 'must be 1–128'],
    [{ key: 'Team', value: 'a;b' }, 'role.tags[0].value', 'must be at most 256'],
  ])('refuses %j, naming the field', (tag, path, words) => {
    const raw = structuredClone(demo) as { role: Record<string, unknown> };
    raw.role.tags = [tag];
    const parsed = parseProfile(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const error = parsed.errors.find((e) => e.path === path);
    expect(error?.message).toContain(words);
  });

  it('refuses a key used twice in another letter case', () => {
    const raw = structuredClone(demo) as { role: Record<string, unknown> };
    raw.role.tags = [
      { key: 'Team', value: 'a' },
      { key: 'team', value: 'b' },
    ];
    const parsed = parseProfile(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors.map((e) => e.message).join(' ')).toContain('"team" is used twice');
  });
});

describe('tags the customer adds', () => {
  const profile = profileWith({ tags: [{ key: 'Vendor', value: 'Crossrole' }] });

  it('plans the profile tags first, then the customer’s, and gives them to the wizard', () => {
    const setup = planned(profile, [{ key: 'CostCenter', value: '4711' }]);
    expect(setup.tags).toEqual([
      { key: 'Vendor', value: 'Crossrole' },
      { key: 'CostCenter', value: '4711' },
    ]);
    expect(toContentSetup(setup).tags).toEqual(setup.tags);
  });

  it('refuses a customer tag that repeats the service’s key, naming the row', () => {
    const result = planSetup(profile, demoStart({ tags: [{ key: 'vendor', value: 'me' }] }), {
      id: ID,
      now: NOW,
      reuse: null,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors?.[0]?.path).toBe('tags[0].key');
    expect(result.error).toContain('"vendor" is set by Crossrole Demo Service');
  });

  it('counts the service’s tags against IAM’s 50', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: '' }));
    const found = tagsProblems(many, [{ key: 'Vendor', value: 'x' }], 'Acme');
    expect(found.map((f) => f.problem.code)).toEqual(['tagsTooMany']);
  });

  it('puts no tags on an update of an existing role’s trust', () => {
    const result = planSetup(
      profile,
      demoStart({ mode: 'update-trust', tags: [{ key: 'CostCenter', value: '1' }] }),
      { id: ID, now: NOW, reuse: null },
    );
    expect(result.ok && result.value.setup.tags).toEqual([]);
  });
});

describe('reading tags back', () => {
  const setup = planned(profileWith({}), [{ key: 'CostCenter', value: '4711' }]);

  it('holds the report while the Tags tab was not read', () => {
    const step = readBack(setup, { tags: null });
    expect(step.next?.state).toBe('arn-captured');
    expect(step.next?.problemCoded?.code).toBe('tagsUnread');
    expect(step.effects).toEqual([]);
  });

  it('holds the report when IAM shows another value, naming the tag', () => {
    const step = readBack(setup, { tags: [{ key: 'CostCenter', value: '4712' }] });
    expect(step.next?.state).toBe('arn-captured');
    expect(step.next?.problem).toContain('CostCenter=4711');
  });

  it('reports once every planned tag is read, keeping what else the role holds', () => {
    const shown = [
      { key: 'CostCenter', value: '4711' },
      { key: 'Owner', value: 'ops' },
    ];
    const step = readBack(setup, { tags: shown });
    expect(step.next?.state).toBe('verified');
    expect(step.next?.roleTags).toEqual(shown);
  });

  it('compares keys exactly: IAM keeps the case it was given', () => {
    expect(missingTags([{ key: 'Team', value: 'a' }], [{ key: 'team', value: 'a' }])).toHaveLength(
      1,
    );
  });
});

describe('the maximum session duration', () => {
  it.each([
    ['1 hour', 3600],
    ['2 hours', 7200],
    ['1 hour 30 minutes', 5400],
    ['12 時間', 43200],
    ['1 時間 30 分', 5400],
    ['43200 seconds', 43200],
    ['13 hours', null],
    ['30 minutes', null],
    ['-', null],
  ])('reads %j as %s', (text, seconds) => {
    expect(parseSessionDuration(text)).toBe(seconds);
  });

  const setup = planned(profileWith({ maxSessionDurationSeconds: 7200 }));

  it('holds the report while the role shows another duration, saying both', () => {
    const step = readBack(setup, { maxSessionDurationText: '1 hour' });
    expect(step.next?.state).toBe('arn-captured');
    expect(step.next?.problemCoded).toMatchObject({
      code: 'sessionDurationDiffers',
      shown: 3600,
      wanted: 7200,
    });
    expect(toContentSetup(setup).maxSessionDurationSeconds).toBe(7200);
  });

  it('holds it while the summary is unread, and reports what was read', () => {
    expect(readBack(setup, {}).next?.problemCoded?.code).toBe('sessionDurationUnread');
    const step = readBack(setup, { maxSessionDurationText: '2 hours' });
    expect(step.next?.state).toBe('verified');
    expect(step.next?.sessionDurationSeconds).toBe(7200);
  });
});

describe('a permissions boundary the customer names', () => {
  const plan = (permissionsBoundary: string) =>
    planSetup(profileWith({}), demoStart({ permissionsBoundary }), {
      id: ID,
      now: NOW,
      reuse: null,
    });
  const BOUNDARY = 'arn:aws:iam::111122223333:policy/OrgBoundary';

  it('takes a policy name or its exact ARN, and gives the wizard the name', () => {
    const byName = plan('OrgBoundary');
    expect(byName.ok && byName.value.setup.permissionsBoundary).toEqual({
      name: 'OrgBoundary',
      arn: null,
    });
    const byArn = plan(BOUNDARY);
    expect(byArn.ok && byArn.value.setup.permissionsBoundary).toEqual({
      name: 'OrgBoundary',
      arn: BOUNDARY,
    });
    expect(byArn.ok && toContentSetup(byArn.value.setup).permissionsBoundary).toBe('OrgBoundary');
  });

  it.each(['Org Boundary', 'arn:aws:iam::111122223333:role/OrgBoundary', ` ${BOUNDARY}`])(
    'refuses %j, naming the field',
    (text) => {
      const result = plan(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors?.[0]?.path).toBe('permissionsBoundary');
    },
  );

  it('holds the report until the Permissions tab shows that boundary, then says it', () => {
    const result = plan('OrgBoundary');
    if (!result.ok) throw new Error(result.error);
    const setup = { ...result.value.setup, tabId: 7 };
    expect(readBack(setup, {}).next?.problemCoded?.code).toBe('boundaryUnread');
    expect(readBack(setup, { permissionsBoundaryArn: null }).next?.problemCoded).toMatchObject({
      code: 'boundaryDiffers',
      shown: '(none)',
      wanted: 'OrgBoundary',
    });
    const step = readBack(setup, { permissionsBoundaryArn: BOUNDARY });
    expect(step.next?.state).toBe('verified');
    expect(step.next?.roleBoundaryArn).toBe(BOUNDARY);
  });

  it('keeps a boundary the customer chose in the wizard without Crossrole, and no text that is not an ARN', () => {
    const setup = planned(profileWith({}));
    expect(readBack(setup, { permissionsBoundaryArn: BOUNDARY }).next?.roleBoundaryArn).toBe(
      BOUNDARY,
    );
    expect(readBack(setup, { permissionsBoundaryArn: 'OrgBoundary' }).next).not.toHaveProperty(
      'roleBoundaryArn',
    );
  });
});
