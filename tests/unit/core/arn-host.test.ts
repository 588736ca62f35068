// IAM ARNs and names (docs/console.md, "The signed-in account") and console hosts (§1): parsing, formatting and the
// look-alikes that must not pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatArn,
  formatPolicyArn,
  formatRoleArn,
  formatUserArn,
  parseArn,
  ROLE_ARN_IN_TEXT,
  sanitizeDescription,
  toPartition,
  userNameForRole,
  validateAccountId,
  validateDescription,
  validatePolicyName,
  validateRoleName,
} from '../../../src/core/arn.ts';
import {
  accountIdFromHost,
  partitionFromHost,
  PARTITIONS,
  regionFromHost,
} from '../../../src/core/partition.ts';

const segment = fc.stringMatching(/^[\w+=,.@-]{1,12}$/);
const pathArb = fc
  .array(segment, { maxLength: 3 })
  .map((parts) => (parts.length ? `/${parts.join('/')}/` : '/'));

describe('ARNs', () => {
  it('round-trip roles, users and policies with paths in all four partitions (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PARTITIONS),
        fc.constantFrom('role', 'user', 'policy'),
        fc.stringMatching(/^\d{12}$/),
        pathArb,
        fc.stringMatching(/^[\w+=,.@-]{1,64}$/),
        (partition, resourceType, accountId, path, name) => {
          const text = `arn:${partition}:iam::${accountId}:${resourceType}${path}${name}`;
          const arn = parseArn(text);
          expect(arn).toEqual({ partition, accountId, resourceType, path, name });
          expect(formatArn(arn!)).toBe(text);
        },
      ),
    );
  });

  it.each(PARTITIONS)('parse AWS managed policies with paths in %s', (partition) => {
    const text = `arn:${partition}:iam::aws:policy/job-function/ViewOnlyAccess`;
    expect(parseArn(text)).toEqual({
      partition,
      accountId: 'aws',
      resourceType: 'policy',
      path: '/job-function/',
      name: 'ViewOnlyAccess',
    });
    expect(formatArn(parseArn(text)!)).toBe(text);
    expect(toPartition('arn:aws:iam::aws:policy/ReadOnlyAccess', partition)).toBe(
      `arn:${partition}:iam::aws:policy/ReadOnlyAccess`,
    );
  });

  it('format role, user and policy ARNs', () => {
    expect(formatRoleArn('aws-us-gov', '111122223333', 'R')).toBe(
      'arn:aws-us-gov:iam::111122223333:role/R',
    );
    expect(formatUserArn('aws-cn', '111122223333', 'U')).toBe(
      'arn:aws-cn:iam::111122223333:user/U',
    );
    expect(formatPolicyArn('aws-eusc', '111122223333', 'P')).toBe(
      'arn:aws-eusc:iam::111122223333:policy/P',
    );
  });

  it.each([
    'arn:aws-evil:iam::111122223333:role/X',
    'arn:awscn:iam::111122223333:role/X',
    'arn:aws-cn-evil:iam::111122223333:role/X',
    'arn:AWS:iam::111122223333:role/X',
    'arn:aws-iso:iam::111122223333:role/X',
    'arn:aws:iam::11112222333:role/X',
    'arn:aws:iam::111122223333:group/X',
    'arn:aws:sts::111122223333:assumed-role/X/session',
    'arn:aws:iam::aws:role/X',
    'arn:aws:iam::111122223333:role/X Y',
    'arn:aws:iam::111122223333:role/',
    'xarn:aws:iam::111122223333:role/X',
  ])('refuse %s', (text) => {
    expect(parseArn(text)).toBeNull();
  });

  it('find role ARNs in page text', () => {
    const text =
      'ARN arn:aws:iam::111122223333:role/A-b Copy\narn:aws-cn:iam::444455556666:role/team/Scanner (and arn:aws:iam::111122223333:user/U';
    expect(text.match(ROLE_ARN_IN_TEXT)).toEqual([
      'arn:aws:iam::111122223333:role/A-b',
      'arn:aws-cn:iam::444455556666:role/team/Scanner',
    ]);
  });
});

describe('IAM names and descriptions', () => {
  it('role names are 1–64 of letters, digits and + = , . @ _ -', () => {
    expect(validateRoleName('A+=,.@_-1')).toBeNull();
    expect(validateRoleName('x'.repeat(64))).toBeNull();
    expect(validateRoleName('x'.repeat(65))).toBe('is 65 characters long, IAM allows 64');
    expect(validateRoleName('')).toMatch(/empty/);
    expect(validateRoleName('My Role/x')).toMatch(/contains " ", "\/"/);
    expect(validatePolicyName('x'.repeat(129))).toMatch(/128/);
    expect(validateAccountId('1234-5678-9012')).toMatch(/12 digits/);
    expect(validateAccountId('123456789012')).toBeNull();
  });

  it('names the access-keys user after the role, within the 64 IAM allows', () => {
    expect(userNameForRole('ExampleInfrastructureManagerRole')).toBe(
      'ExampleInfrastructureManagerUser',
    );
    expect(userNameForRole('crossrole-demo-role')).toBe('crossrole-demo-user');
    expect(userNameForRole('Scanner')).toBe('Scanner-user');
    fc.assert(
      fc.property(fc.stringMatching(/^[\w+=,.@-]{1,64}$/), (role) => {
        const user = userNameForRole(role);
        expect(validateRoleName(user)).toBeNull();
        expect(user).not.toBe(role);
      }),
    );
  });

  it("descriptions keep to IAM's character set and 1000 characters", () => {
    expect(validateDescription('Tab\tLF\nCR\r ASCII ~ and Latin-1 é ÿ ¡')).toBeNull();
    expect(validateDescription('Hi 👋')).toMatch(/does not allow .*👋/);
    expect(validateDescription('日本')).toMatch(/does not allow/);
    expect(validateDescription('x'.repeat(1001))).toMatch(/1001 characters long, IAM allows 1000/);
    expect(sanitizeDescription('Read — only “access” 👀 日本…')).toBe('Read - only "access"  ...');
    fc.assert(
      fc.property(fc.string({ maxLength: 1200, unit: 'grapheme' }), (text) => {
        expect(validateDescription(sanitizeDescription(text))).toBeNull();
      }),
    );
  });
});

describe('console hosts', () => {
  it.each([
    ['console.aws.amazon.com', 'aws', null, null],
    ['us-east-1.console.aws.amazon.com', 'aws', 'us-east-1', null],
    ['ap-southeast-2.console.aws.amazon.com', 'aws', 'ap-southeast-2', null],
    ['111122223333-abcd1234.us-east-1.console.aws.amazon.com', 'aws', 'us-east-1', '111122223333'],
    ['111122223333-ABCD1234.EU-WEST-1.console.aws.amazon.com', 'aws', 'eu-west-1', '111122223333'],
    ['console.amazonaws.cn', 'aws-cn', null, null],
    ['cn-north-1.console.amazonaws.cn', 'aws-cn', 'cn-north-1', null],
    ['cn-northwest-1.console.amazonaws.cn', 'aws-cn', 'cn-northwest-1', null],
    ['console.amazonaws-us-gov.com', 'aws-us-gov', null, null],
    ['us-gov-west-1.console.amazonaws-us-gov.com', 'aws-us-gov', 'us-gov-west-1', null],
    ['us-gov-east-1.console.amazonaws-us-gov.com', 'aws-us-gov', 'us-gov-east-1', null],
    ['console.amazonaws-eusc.eu', 'aws-eusc', null, null],
    ['eusc-de-east-1.console.amazonaws-eusc.eu', 'aws-eusc', 'eusc-de-east-1', null],
  ])('%s → partition %s, region %s, account %s', (host, partition, region, account) => {
    expect([partitionFromHost(host), regionFromHost(host), accountIdFromHost(host)]).toEqual([
      partition,
      region,
      account,
    ]);
  });

  it.each([
    'console.aws.amazon.com.evil.example',
    'evilconsole.aws.amazon.com',
    'a.b.c.console.aws.amazon.com',
    '111122223333-abcd1234.us-east-1.console.aws.amazon.com.evil.example',
    'console.aws.amazon.co',
    'aws.amazon.com',
    'console-aws.amazon.com',
    'xconsole.amazonaws.cn',
    'console.amazonaws.cn.example.com',
    'console.amazonaws-us-gov.com.evil',
    'evil_.console.aws.amazon.com',
    '-x.console.aws.amazon.com',
    '.console.aws.amazon.com',
    '',
  ])('refuse the look-alike %s', (host) => {
    expect(partitionFromHost(host)).toBeNull();
    expect(regionFromHost(host)).toBeNull();
    expect(accountIdFromHost(host)).toBeNull();
  });

  it('read no account from a host that is not multi-session', () => {
    expect(accountIdFromHost('11112222333-abcd1234.us-east-1.console.aws.amazon.com')).toBeNull();
    expect(accountIdFromHost('111122223333-abc.us-east-1.console.aws.amazon.com')).toBeNull();
    expect(regionFromHost('notaregion.console.aws.amazon.com')).toBeNull();
  });
});
