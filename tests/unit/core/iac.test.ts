// One plan, three outputs (docs/iac.md): the wizard's fill (`toContentSetup`), the CloudFormation
// template and the Terraform snippet describe the same IAM result — read back from the template
// by resolving its intrinsic functions and from the snippet by a test-side HCL reader
// (tests/support/iac-readers.ts), and compared equal. Hostile text from a profile stays text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPolicyArn } from '../../../src/core/arn.ts';
import {
  cloudFormationTemplate,
  hclString,
  terraformSnippet,
  type IacPlan,
} from '../../../src/core/iac.ts';
import { planSetup, toContentSetup } from '../../../src/core/machine.ts';
import type { SetupStartInput } from '../../../src/core/messages.ts';
import { PARTITIONS, type Partition } from '../../../src/core/partition.ts';
import { parseProfile, type ServiceProfile } from '../../../src/core/profile.ts';
import { EXAMPLE_PROFILES } from '../../../src/core/profiles/index.ts';
import type { Setup } from '../../../src/core/setup.ts';
import {
  cfnResolve,
  hclEvaluate,
  parseHcl,
  type HclBody,
  type HclNode,
} from '../../support/iac-readers.ts';

const ACCOUNT = '111122223333';

const parsed = (value: unknown): ServiceProfile => {
  const result = parseProfile(value);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
};
const example = (id: string) =>
  parsed(EXAMPLE_PROFILES.find((p) => (p as { id: string }).id === id));

function plan(profile: ServiceProfile, over: Partial<SetupStartInput> = {}): Setup {
  const input: SetupStartInput = {
    mode: 'create-role',
    profileId: profile.id,
    levelId: profile.access.find((l) => l.default)!.id,
    optionIds: [],
    partition: 'aws',
    roleName: profile.role.name,
    roleDescription: profile.role.description ?? '',
    externalId: 'ext-0123456789abcdefghijkl',
    ...(profile.report.auth === 'token' ? { token: 'tok' } : {}),
    ...over,
  };
  const result = planSetup(profile, input, { id: 'iac-test', now: 0, reuse: null });
  if (!result.ok) throw new Error(result.error);
  return result.value.setup;
}

/** The IAM result, as the wizard is told to make it and as each file makes it. */
type IamResult = {
  roleName: string;
  roleDescription: string;
  trustPolicy: unknown;
  /** Every policy attached to the role, in order: AWS managed, then the custom ones. */
  policyArns: string[];
  customPolicies: { name: string; description: string; document: unknown }[];
};

function fromWizard(setup: Setup): IamResult {
  const page = toContentSetup(setup);
  return {
    roleName: page.roleName,
    roleDescription: page.roleDescription,
    trustPolicy: page.trustPolicy,
    policyArns: [
      ...page.managedPolicyArns,
      ...page.customPolicies.map((p) => formatPolicyArn(page.partition, ACCOUNT, p.name)),
    ],
    customPolicies: page.customPolicies.map((p) => ({
      name: p.name,
      description: p.description,
      document: p.document,
    })),
  };
}

type Resource = { Type: string; Properties: Record<string, unknown> };

function fromTemplate(text: string, partition: Partition): IamResult {
  const template = JSON.parse(text) as Record<string, unknown>;
  const world = { partition, accountId: ACCOUNT };
  const resources = Object.values(template.Resources as Record<string, Resource>);
  const roles = resources.filter((r) => r.Type === 'AWS::IAM::Role');
  const policies = resources.filter((r) => r.Type === 'AWS::IAM::ManagedPolicy');
  // Nothing else is created.
  expect(roles).toHaveLength(1);
  expect(roles.length + policies.length).toBe(resources.length);
  const role = cfnResolve(template, roles[0]!.Properties, world) as Record<string, unknown>;
  expect(Object.keys(role).sort()).toEqual(
    expect.arrayContaining(['AssumeRolePolicyDocument', 'ManagedPolicyArns', 'RoleName']),
  );
  const outputs = cfnResolve(template, template.Outputs, world) as Record<
    string,
    { Value: unknown }
  >;
  expect(outputs.RoleArn!.Value).toBe(
    `arn:${partition}:iam::${ACCOUNT}:role/${role.RoleName as string}`,
  );
  return {
    roleName: role.RoleName as string,
    roleDescription: (role.Description as string | undefined) ?? '',
    trustPolicy: role.AssumeRolePolicyDocument,
    policyArns: role.ManagedPolicyArns as string[],
    customPolicies: policies.map((p) => {
      const props = cfnResolve(template, p.Properties, world) as Record<string, unknown>;
      return {
        name: props.ManagedPolicyName as string,
        description: (props.Description as string | undefined) ?? '',
        document: props.PolicyDocument,
      };
    }),
  };
}

const blocksOf = (body: HclBody, type: string) => body.blocks.filter((b) => b.type === type);

function fromSnippet(text: string, partition: Partition): IamResult & { precondition: boolean } {
  const body = parseHcl(text);
  const variables = new Map(
    blocksOf(body, 'variable').map((b) => [b.labels[0]!, b.body.attributes.get('default')!]),
  );
  const resources = (type: string) =>
    blocksOf(body, 'resource').filter((b) => b.labels[0] === type);
  const [role, ...otherRoles] = resources('aws_iam_role');
  expect(otherRoles).toEqual([]);
  const policies = resources('aws_iam_policy');
  const attachments = resources('aws_iam_role_policy_attachment');
  // Nothing else is created, and the partition is the one Terraform runs in.
  expect(blocksOf(body, 'resource')).toHaveLength(1 + policies.length + attachments.length);
  expect(blocksOf(body, 'data').map((b) => b.labels)).toEqual([['aws_partition', 'current']]);
  const attr = (block: { body: HclBody }, name: string): HclNode | undefined =>
    block.body.attributes.get(name);
  const lookup = (path: string[]): unknown => {
    const key = path.join('.');
    if (path[0] === 'var' && path.length === 2 && variables.has(path[1]!))
      return evaluate(variables.get(path[1]!)!);
    if (key === 'data.aws_partition.current.partition') return partition;
    if (key === `aws_iam_role.${role!.labels[1]}.name`) return evaluate(attr(role!, 'name')!);
    if (key === `aws_iam_role.${role!.labels[1]}.arn`)
      return `arn:${partition}:iam::${ACCOUNT}:role/${evaluate(attr(role!, 'name')!) as string}`;
    const policy = policies.find((p) => key === `aws_iam_policy.${p.labels[1]}.arn`);
    if (policy)
      return formatPolicyArn(partition, ACCOUNT, evaluate(attr(policy, 'name')!) as string);
    throw new Error(`unknown reference ${key}`);
  };
  const evaluate = (node: HclNode): unknown => hclEvaluate(node, lookup);
  const roleName = evaluate(attr(role!, 'name')!) as string;
  for (const a of attachments) expect(evaluate(attr(a, 'role')!)).toBe(roleName);
  const [lifecycle] = role!.body.blocks;
  const [precondition] = lifecycle!.body.blocks;
  const [output] = blocksOf(body, 'output').filter((b) => b.labels[0] === 'role_arn');
  expect(evaluate(attr(output!, 'value')!)).toBe(
    `arn:${partition}:iam::${ACCOUNT}:role/${roleName}`,
  );
  const description = attr(role!, 'description');
  return {
    roleName,
    roleDescription: description ? (evaluate(description) as string) : '',
    trustPolicy: evaluate(attr(role!, 'assume_role_policy')!),
    policyArns: attachments.map((a) => evaluate(attr(a, 'policy_arn')!) as string),
    customPolicies: policies.map((p) => {
      const d = attr(p, 'description');
      return {
        name: evaluate(attr(p, 'name')!) as string,
        description: d ? (evaluate(d) as string) : '',
        document: evaluate(attr(p, 'policy')!),
      };
    }),
    precondition: evaluate(attr(precondition!, 'condition')!) as boolean,
  };
}

const outputs = (setup: IacPlan) => {
  const template = cloudFormationTemplate(setup);
  const snippet = terraformSnippet(setup);
  if (!template.ok) throw new Error(template.error);
  if (!snippet.ok) throw new Error(snippet.error);
  return { template: template.value, snippet: snippet.value };
};

/** Checks the three outputs agree, and returns the wizard's result for further checks. */
function expectSameResult(setup: Setup): IamResult {
  const wizard = fromWizard(setup);
  const { template, snippet } = outputs(setup);
  expect(fromTemplate(template, setup.partition)).toStrictEqual(wizard);
  const { precondition, ...terraform } = fromSnippet(snippet, setup.partition);
  expect(terraform).toStrictEqual(wizard);
  expect(precondition).toBe(true);
  return wizard;
}

describe('wizard, CloudFormation template and Terraform snippet', () => {
  it('make the same role for the built-in read-only demo', () => {
    const demo = example('crossrole-demo');
    const result = expectSameResult(plan(demo));
    expect(result.policyArns).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(result.trustPolicy).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::999988887777:root' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'sts:ExternalId': 'ext-0123456789abcdefghijkl' } },
        },
      ],
    });
    expectSameResult(plan(demo, { levelId: 'view-only', roleName: 'Other', roleDescription: '' }));
  });

  it('make the same role for a custom policy and a narrowed principal, in each partition it has', () => {
    const diagrams = example('example-cloud-diagrams');
    for (const partition of ['aws', 'aws-us-gov'] as const) {
      const result = expectSameResult(plan(diagrams, { partition }));
      expect(result.customPolicies.map((p) => p.name)).toEqual(['ExampleCloudDiagramsRead']);
      const account = partition === 'aws' ? '210987654321' : '310987654321';
      expect(JSON.stringify(result.trustPolicy)).toContain(
        `"arn:${partition}:iam::${account}:role/DiagramsScanner"`,
      );
    }
  });

  it('make the same role with managed and custom policies together, and with service-issued External IDs', () => {
    const operations = example('example-operations');
    const result = expectSameResult(plan(operations, { optionIds: ['write-logs'] }));
    expect(result.policyArns).toHaveLength(3);
    const cost = example('example-cost-inventory');
    expect(expectSameResult(plan(cost, { externalId: 'tenant-42:a/b' })).policyArns).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      `arn:aws:iam::${ACCOUNT}:policy/ExampleCostInventoryBilling`,
    ]);
  });

  it('make the same role in every partition, with the partition in each ARN', () => {
    const profile = parsed({
      ...(structuredClone(
        EXAMPLE_PROFILES.find((p) => (p as { id: string }).id === 'example-operations'),
      ) as object),
      trust: {
        accountId: '777788889999',
        principalArn: 'arn:aws:iam::777788889999:role/ops/Scanner',
        otherPartitions: {
          'aws-cn': '877788889999',
          'aws-us-gov': '977788889999',
          'aws-eusc': '677788889999',
        },
      },
    });
    for (const partition of PARTITIONS) {
      const setup = plan(profile, { partition, optionIds: ['write-logs'] });
      const result = expectSameResult(setup);
      expect(result.policyArns.every((arn) => arn.startsWith(`arn:${partition}:iam::`))).toBe(true);
      // The ARNs the files build take the partition the stack or plan runs in (a custom
      // policy's document is pasted as the profile wrote it, in the wizard as in the files).
      const { template, snippet } = outputs(setup);
      const role = (JSON.parse(template) as { Resources: { Role: unknown } }).Resources.Role;
      expect(JSON.stringify(role)).not.toContain(`arn:${partition}:`);
      expect(JSON.stringify(role)).toContain(
        'arn:${AWS::Partition}:iam::${ServiceAccountId}:role/ops/Scanner',
      );
      const built = snippet.split('\n').filter((l) => /policy_arn +=|"AWS" =/.test(l));
      expect(built).toHaveLength(4);
      for (const line of built)
        expect(line).toMatch(
          /"arn:\$\{data\.aws_partition\.current\.partition\}:iam::|aws_iam_policy\./,
        );
    }
  });

  it('refuse to trust the same 12 digits in another partition', () => {
    const diagrams = example('example-cloud-diagrams');
    const setup = plan(diagrams, { partition: 'aws-us-gov' });
    const { template, snippet } = outputs(setup);
    // CloudFormation: the mapping has the planned partition only, so Fn::FindInMap fails.
    expect(() => fromTemplate(template, 'aws')).toThrow(
      /Fn::FindInMap: no ServiceAccount\/aws\/Id/,
    );
    // Terraform: the role's precondition is false, so the plan stops.
    expect(fromSnippet(snippet, 'aws').precondition).toBe(false);
  });

  it('take the External ID and role name as parameters and variables, the plan’s values by default', () => {
    const setup = plan(example('crossrole-demo'));
    const { template, snippet } = outputs(setup);
    const t = JSON.parse(template) as {
      Parameters: Record<string, { Default: string; NoEcho?: boolean; AllowedPattern: string }>;
    };
    expect(t.Parameters.ExternalId!.Default).toBe(setup.externalId);
    expect(t.Parameters.ExternalId!.NoEcho).toBeUndefined();
    expect(t.Parameters.RoleName!.Default).toBe(setup.roleName);
    // A value given at stack creation is the one the role trusts.
    const role = cfnResolve(
      JSON.parse(template) as Record<string, unknown>,
      (JSON.parse(template) as { Resources: { Role: unknown } }).Resources.Role,
      { partition: 'aws', accountId: ACCOUNT, parameters: { ExternalId: 'given-1234' } },
    );
    expect(JSON.stringify(role)).toContain('"sts:ExternalId":"given-1234"');
    // CloudFormation's AllowedPattern must match the whole value (Java regex).
    expect(new RegExp(`^${t.Parameters.ExternalId!.AllowedPattern}$`).test(setup.externalId)).toBe(
      true,
    );
    expect(new RegExp(`^${t.Parameters.RoleName!.AllowedPattern}$`).test(setup.roleName)).toBe(
      true,
    );
    const body = parseHcl(snippet);
    expect(
      blocksOf(body, 'variable').map((b) => [
        b.labels[0],
        hclEvaluate(b.body.attributes.get('default')!, () => undefined),
      ]),
    ).toEqual([
      ['role_name', setup.roleName],
      ['external_id', setup.externalId],
    ]);
  });

  it('are written only for a new role', () => {
    const setup = plan(example('crossrole-demo'), { mode: 'update-trust' });
    expect(cloudFormationTemplate(setup)).toEqual({
      ok: false,
      error: 'Only a new role can be written as infrastructure as code.',
    });
    expect(terraformSnippet(setup).ok).toBe(false);
  });
});

describe('hostile text from a profile', () => {
  // What the schema lets through: descriptions of printable ASCII, Latin-1, tabs and line
  // breaks; a principal path of any visible ASCII; policy condition keys and values of anything.
  const NASTY =
    'x" }\nresource "aws_iam_user" "evil" {\n  name = "${var.role_name}" %{ if true }yes%{ endif } $${kept} %%{kept} \\" \\n \\\\\r\tend ${!Literal} EOT\n*/ # // ;';
  const hostile = () =>
    parsed({
      schemaVersion: 1,
      id: 'hostile',
      name: 'Evil "${x}" %{y} \\ Co',
      trust: {
        accountId: '123456789012',
        principalArn: 'arn:aws:iam::123456789012:role/a${b}"c\\d%{e}/Name',
      },
      externalId: { source: 'generate', prefix: 'x-' },
      role: { name: 'HostileRole', description: NASTY },
      access: [
        {
          id: 'only',
          label: 'Only',
          default: true,
          managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
          customPolicies: [
            {
              name: 'Hostile-Policy_1',
              description: NASTY.replace(/\r/g, ''),
              document: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Sid: 'Own',
                    Effect: 'Allow',
                    Action: 's3:GetObject',
                    Resource: 'arn:aws:s3:::bucket/${aws:username}/*',
                    Condition: {
                      StringLike: {
                        's3:prefix': [
                          '${aws:username}/*',
                          NASTY,
                          '\u0000\u001f\u007f\u00a0\u200b\u202e\u2028😀',
                        ],
                        'aws:${x}"key\\': '%{ for x in y }',
                      },
                      NumericLessThan: { 'aws:MultiFactorAuthAge': -1.5e21 },
                      Bool: { 'aws:SecureTransport': true },
                    },
                  },
                ],
              },
            },
          ],
        },
      ],
      report: { url: 'https://service.example.com/r', auth: 'none' },
    });

  it('cannot break out of the HCL strings or the JSON: all three still describe the same role', () => {
    const setup = plan(hostile(), { roleDescription: NASTY });
    expect(setup.roleDescription).toBe(NASTY);
    const result = expectSameResult(setup);
    expect(result.roleDescription).toBe(NASTY);
    const { snippet } = outputs(setup);
    const body = parseHcl(snippet);
    // No injected block: exactly what the writer means to write.
    expect(body.blocks.map((b) => [b.type, ...b.labels])).toEqual([
      ['variable', 'role_name'],
      ['variable', 'external_id'],
      ['data', 'aws_partition', 'current'],
      ['resource', 'aws_iam_policy', 'custom_1'],
      ['resource', 'aws_iam_role', 'this'],
      ['resource', 'aws_iam_role_policy_attachment', 'managed_1'],
      ['resource', 'aws_iam_role_policy_attachment', 'custom_1'],
      ['output', 'role_arn'],
      ['output', 'external_id'],
    ]);
    // Nothing unprintable reaches the file: each is an escape.
    const unprintable = [...snippet].filter(
      (c) => c !== '\n' && !/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(c),
    );
    expect(unprintable).toEqual([]);
    expect(snippet).toContain('\\u0000\\u001f\\u007f\\u00a0\\u200b\\u202e\\u2028😀');
  });

  it('refuses a policy CloudFormation would read as a function, and Terraform still writes it', () => {
    const profile = hostile();
    const document = profile.access[0]!.customPolicies![0]!.document as {
      Statement: { Condition: Record<string, unknown> }[];
    };
    document.Statement[0]!.Condition.StringEquals = { Ref: 'AWS::AccountId' };
    const setup = plan(profile, { roleDescription: NASTY });
    expect(cloudFormationTemplate(setup)).toEqual({
      ok: false,
      error:
        'Custom policy Hostile-Policy_1 (1): document.Statement[0].Condition.StringEquals.Ref reads as a CloudFormation function, so the template cannot hold this document.',
    });
    const snippet = terraformSnippet(setup);
    if (!snippet.ok) throw new Error(snippet.error);
    expect(fromSnippet(snippet.value, 'aws').customPolicies[0]!.document).toStrictEqual(document);
  });

  it('refuses a lone surrogate, which HCL cannot write', () => {
    const profile = hostile();
    (
      profile.access[0]!.customPolicies![0]!.document.Statement as { Resource: string }[]
    )[0]!.Resource = 'arn:aws:s3:::\ud800';
    expect(terraformSnippet(plan(profile))).toEqual({
      ok: false,
      error:
        'plan.customPolicies[0].document.Statement[0].Resource holds a lone surrogate, which HCL cannot write.',
    });
  });

  it('refuses a text HCL would normalize to NFC, and writes the same text in NFC', () => {
    const profile = hostile();
    const statement = (
      profile.access[0]!.customPolicies![0]!.document.Statement as { Resource: string }[]
    )[0]!;
    statement.Resource = 'arn:aws:s3:::cafe\u0301';
    expect(terraformSnippet(plan(profile))).toMatchObject({
      ok: false,
      error: expect.stringContaining('is not in Unicode NFC'),
    });
    statement.Resource = 'arn:aws:s3:::caf\u00e9';
    expectSameResult(plan(profile));
  });

  it('reads back any text written as an HCL string', () => {
    fc.assert(
      fc.property(
        // HCL's special characters, densely, and any code point.
        fc.string({
          unit: fc.constantFrom(...'${}%"\\\n\r\ta \u0000\u007f\u00a0\u200b\u202e\u2028é😀'),
        }),
        fc.string({ unit: 'binary' }),
        (a, b) => {
          const texts = [a, b.replace(/\p{Cs}/gu, '')];
          return texts.every(
            (text) =>
              hclEvaluate(parseHcl(`x = ${hclString(text)}\n`).attributes.get('x')!, () => {
                throw new Error('no reference expected');
              }) === text,
          );
        },
      ),
      { numRuns: 1000 },
    );
    for (const text of ['${', '%{', '$${', '%%{', '$$${x}', '\\${', '$', '%', '${}', '"', '\\']) {
      const body = parseHcl(`x = ${hclString(text)}\n`);
      expect(hclEvaluate(body.attributes.get('x')!, () => undefined)).toBe(text);
    }
  }, 60_000);
});
