// Infrastructure as code from the plan that fills the console wizard (docs/iac.md): the Setup that
// `planSetup` builds becomes a CloudFormation template (JSON) and a Terraform snippet (HCL) that
// create the same role — the same name, description, trust policy, AWS managed policies and
// customer-managed policies with their documents. Text only, no browser API: the popup offers
// both files for copy and download. Nothing here can capture the Role ARN: the customer gives it
// to the service.
import type { Setup } from './setup.ts';

export type IacPlan = Pick<
  Setup,
  | 'mode'
  | 'serviceName'
  | 'partition'
  | 'serviceAccountId'
  | 'principalArn'
  | 'externalId'
  | 'roleName'
  | 'roleDescription'
  | 'managedPolicyArns'
  | 'customPolicies'
  | 'trustPolicy'
>;

export type IacOutcome = { ok: true; value: string } | { ok: false; error: string };
const refuse = (error: string): IacOutcome => ({ ok: false, error });

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Logical names in the template and the snippet (fixed words: no profile text in them). */
export const CFN_ROLE = 'Role';
export const cfnPolicy = (index: number) => `CustomPolicy${index + 1}`;
export const TF_ROLE = 'this';
export const tfPolicy = (index: number) => `custom_${index + 1}`;
export const tfManagedAttachment = (index: number) => `managed_${index + 1}`;

/**
 * The trust policy with the service's principal and the External ID replaced where the wizard
 * puts them (each statement's `Principal.AWS` and `Condition.StringEquals["sts:ExternalId"]`),
 * everything else as it is; null when the plan's trust policy does not hold them there.
 */
function trustWith(plan: IacPlan, principal: unknown, externalId: unknown): Json | null {
  const statements = plan.trustPolicy.Statement;
  let principals = 0;
  let ids = 0;
  const replace = (statement: unknown): unknown => {
    if (!isObject(statement)) return statement;
    const out: Json = { ...statement };
    if (isObject(statement.Principal) && statement.Principal.AWS === plan.principalArn) {
      out.Principal = { ...statement.Principal, AWS: principal };
      principals += 1;
    }
    const condition = statement.Condition;
    if (
      isObject(condition) &&
      isObject(condition.StringEquals) &&
      condition.StringEquals['sts:ExternalId'] === plan.externalId
    ) {
      out.Condition = {
        ...condition,
        StringEquals: { ...condition.StringEquals, 'sts:ExternalId': externalId },
      };
      ids += 1;
    }
    return out;
  };
  const replaced = Array.isArray(statements) ? statements.map(replace) : replace(statements);
  return principals > 0 && ids > 0 ? { ...plan.trustPolicy, Statement: replaced } : null;
}

/** Why the plan cannot be written as code, or null. Only a new role is (no report, no ARN). */
function planProblem(plan: IacPlan): string | null {
  if (plan.mode !== 'create-role')
    return 'Only a new role can be written as infrastructure as code.';
  const prefix = `arn:${plan.partition}:`;
  const other = [plan.principalArn, ...plan.managedPolicyArns].find((a) => !a.startsWith(prefix));
  if (other) return `${other} is not in partition ${plan.partition}.`;
  if (!plan.principalArn.startsWith(`${prefix}iam::${plan.serviceAccountId}:`))
    return `${plan.principalArn} is not in the service's account ${plan.serviceAccountId}.`;
  return null;
}

// --- CloudFormation ---------------------------------------------------------------------------

/**
 * An object CloudFormation would read as an intrinsic function (`{"Ref": …}`, `{"Fn::…": …}`,
 * `{"Condition": …}`) wherever it stands, policy documents included: a policy holding one would
 * not be the policy the wizard pastes. Its path, or null.
 */
function intrinsicLookalike(value: unknown, path: string): string | null {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = intrinsicLookalike(item, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0]! : null;
  if (only && (only === 'Ref' || only === 'Condition' || only.startsWith('Fn::')))
    return `${path}.${only}`;
  for (const key of keys) {
    const found = intrinsicLookalike(value[key], `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

/** Literal text inside `Fn::Sub`: `${` is written `${!` so it stays text. */
const subLiteral = (text: string): string => text.replaceAll('${', '${!');

/** An ARN of the plan's partition, with the partition the stack is created in. */
const cfnPartitionArn = (arn: string, partition: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:${subLiteral(arn.slice(`arn:${partition}:`.length))}`,
});

/** The plan as a CloudFormation template (JSON text), or why it cannot be one. */
export function cloudFormationTemplate(plan: IacPlan): IacOutcome {
  const problem = planProblem(plan);
  if (problem) return refuse(problem);
  for (const [i, policy] of plan.customPolicies.entries()) {
    const found = intrinsicLookalike(policy.document, 'document');
    if (found)
      return refuse(
        `Custom policy ${policy.name} (${i + 1}): ${found} reads as a CloudFormation function, so the template cannot hold this document.`,
      );
  }
  const head = `arn:${plan.partition}:iam::${plan.serviceAccountId}:`;
  // The service's account exists in one partition only: the same 12 digits elsewhere may be
  // someone else's account. The mapping has the plan's partition alone, so a stack created in
  // another partition fails on Fn::FindInMap instead of trusting that account (docs/iac.md).
  const principal = {
    'Fn::Sub': [
      `arn:\${AWS::Partition}:iam::\${ServiceAccountId}:${subLiteral(plan.principalArn.slice(head.length))}`,
      {
        ServiceAccountId: { 'Fn::FindInMap': ['ServiceAccount', { Ref: 'AWS::Partition' }, 'Id'] },
      },
    ],
  };
  const trust = trustWith(plan, principal, { Ref: 'ExternalId' });
  if (!trust) return refuse('The plan’s trust policy does not name the service and External ID.');

  const resources: Json = {};
  plan.customPolicies.forEach((policy, i) => {
    resources[cfnPolicy(i)] = {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        ManagedPolicyName: policy.name,
        ...(policy.description ? { Description: policy.description } : {}),
        PolicyDocument: policy.document,
      },
    };
  });
  resources[CFN_ROLE] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      RoleName: { Ref: 'RoleName' },
      ...(plan.roleDescription ? { Description: plan.roleDescription } : {}),
      AssumeRolePolicyDocument: trust,
      ManagedPolicyArns: [
        ...plan.managedPolicyArns.map((arn) => cfnPartitionArn(arn, plan.partition)),
        // Ref of an AWS::IAM::ManagedPolicy is its ARN.
        ...plan.customPolicies.map((_, i) => ({ Ref: cfnPolicy(i) })),
      ],
    },
  };

  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      `The IAM role ${plan.serviceName} needs, as Crossrole plans it for the console wizard.`.slice(
        0,
        1024,
      ),
    Parameters: {
      RoleName: {
        Type: 'String',
        Default: plan.roleName,
        AllowedPattern: '[\\w+=,.@-]{1,64}',
        Description: 'The role name (IAM: 1-64 letters, digits and + = , . @ _ -).',
      },
      // Not NoEcho: an External ID is no secret (it tells the service's requests apart, the
      // service and the customer both see it, and the role's trust policy shows it to anyone
      // who can read the role), and the customer must be able to read it back to give it to the
      // service (docs/iac.md).
      ExternalId: {
        Type: 'String',
        Default: plan.externalId,
        AllowedPattern: '[\\w+=,.@:/-]{2,1224}',
        Description: `The External ID ${plan.serviceName} presents; give the service this value.`,
      },
    },
    Mappings: { ServiceAccount: { [plan.partition]: { Id: plan.serviceAccountId } } },
    Resources: resources,
    Outputs: {
      RoleArn: {
        Description: `Give this Role ARN to ${plan.serviceName}.`,
        Value: { 'Fn::GetAtt': [CFN_ROLE, 'Arn'] },
      },
      ExternalId: { Value: { Ref: 'ExternalId' } },
    },
  };
  return { ok: true, value: `${JSON.stringify(template, null, 2)}\n` };
}

// --- Terraform --------------------------------------------------------------------------------

/** An HCL expression written as is (a reference or a template), not a value to quote. */
class HclExpression {
  constructor(readonly text: string) {}
}

// What HCL's quoted strings keep as they are (docs/iac.md, "Escaping"): letters, marks, numbers,
// punctuation, symbols and the space. Anything else is written \uNNNN or \UNNNNNNNN.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Text as the literal part of an HCL quoted template: quotes, backslashes and line breaks
 * escaped, `${` and `%{` doubled to `$${` and `%%{` so they never start an interpolation or a
 * directive, anything unprintable as a \u escape.
 */
export function hclLiteral(text: string): string {
  let out = '';
  const chars = [...text];
  chars.forEach((c, i) => {
    const next = chars[i + 1];
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if ((c === '$' || c === '%') && next === '{') out += c + c;
    else if (PRINTABLE.test(c)) out += c;
    else {
      const code = c.codePointAt(0)!;
      out +=
        code > 0xffff
          ? `\\U${code.toString(16).padStart(8, '0')}`
          : `\\u${code.toString(16).padStart(4, '0')}`;
    }
  });
  return out;
}

export const hclString = (text: string): string => `"${hclLiteral(text)}"`;

/** A JSON value as an HCL expression (for `jsonencode`), `indent` spaces deep. */
function hclValue(value: unknown, indent: number): string {
  const pad = ' '.repeat(indent + 2);
  const end = ' '.repeat(indent);
  if (value instanceof HclExpression) return value.text;
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'boolean' || value === null) return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('not a JSON number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => `${pad}${hclValue(v, indent + 2)},\n`).join('')}${end}]`;
  }
  if (isObject(value)) {
    const entries = Object.entries(value);
    if (!entries.length) return '{}';
    return `{\n${entries
      .map(([k, v]) => `${pad}${hclString(k)} = ${hclValue(v, indent + 2)}\n`)
      .join('')}${end}}`;
  }
  throw new Error('not a JSON value');
}

/**
 * Where a text of the plan is one HCL would not keep as it is, and why; null when none is. A lone
 * surrogate has no UTF-8 form; HCL reads string literals into Unicode NFC, so a text in another
 * form would reach IAM changed (docs/iac.md, "Refused").
 */
function unwritableText(value: unknown, path: string): string | null {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value))
      return `${path} holds a lone surrogate, which HCL cannot write.`;
    if (value.normalize('NFC') !== value)
      return `${path} is not in Unicode NFC, and HCL would normalize it.`;
    return null;
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = unwritableText(v, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const found = unwritableText(k, path) ?? unwritableText(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

const PARTITION_REF = 'data.aws_partition.current.partition';

/** An ARN of the plan's partition as an HCL template with the partition Terraform runs in. */
const tfPartitionArn = (arn: string, partition: string) =>
  new HclExpression(
    `"arn:\${${PARTITION_REF}}:${hclLiteral(arn.slice(`arn:${partition}:`.length))}"`,
  );

/** The plan as a Terraform snippet (HCL text, AWS provider), or why it cannot be one. */
export function terraformSnippet(plan: IacPlan): IacOutcome {
  const problem = planProblem(plan);
  if (problem) return refuse(problem);
  const unwritable = unwritableText(plan, 'plan');
  if (unwritable) return refuse(unwritable);
  const trust = trustWith(
    plan,
    tfPartitionArn(plan.principalArn, plan.partition),
    new HclExpression('var.external_id'),
  );
  if (!trust) return refuse('The plan’s trust policy does not name the service and External ID.');
  const role = `aws_iam_role.${TF_ROLE}`;
  /** A block with its attributes aligned as `terraform fmt` aligns them; null values left out. */
  const block = (header: string, attributes: [string, string | null][], tail = ''): string => {
    const set = attributes.filter((a): a is [string, string] => a[1] !== null);
    const width = Math.max(...set.map(([name]) => name.length));
    const lines = set.map(([name, value]) => `  ${name.padEnd(width)} = ${value}\n`).join('');
    return `${header} {\n${lines}${tail}}\n`;
  };
  const variable = (name: string, description: string, value: string) =>
    block(`variable "${name}"`, [
      ['description', hclString(description)],
      ['type', 'string'],
      ['default', hclString(value)],
    ]);
  const attachment = (name: string, policyArn: string) =>
    block(`resource "aws_iam_role_policy_attachment" "${name}"`, [
      ['role', `${role}.name`],
      ['policy_arn', policyArn],
    ]);
  const blocks: string[] = [
    '# Generated by Crossrole from the plan that fills the IAM console wizard (same role, trust\n' +
      '# policy and policies). Needs Terraform 1.2 or later and the hashicorp/aws provider.\n',
    variable(
      'role_name',
      'The role name (IAM: 1-64 letters, digits and + = , . @ _ -).',
      plan.roleName,
    ),
    // Not sensitive: an External ID is no secret, and the customer gives it to the service.
    variable(
      'external_id',
      `The External ID ${plan.serviceName} presents; give the service this value.`,
      plan.externalId,
    ),
    'data "aws_partition" "current" {}\n',
    ...plan.customPolicies.map((policy, i) =>
      block(`resource "aws_iam_policy" "${tfPolicy(i)}"`, [
        ['name', hclString(policy.name)],
        ['description', policy.description ? hclString(policy.description) : null],
        ['policy', `jsonencode(${hclValue(policy.document, 2)})`],
      ]),
    ),
    block(
      `resource "aws_iam_role" "${TF_ROLE}"`,
      [
        ['name', 'var.role_name'],
        ['description', plan.roleDescription ? hclString(plan.roleDescription) : null],
        ['assume_role_policy', `jsonencode(${hclValue(trust, 2)})`],
      ],
      // The service's account exists in this partition only (docs/iac.md).
      `\n  lifecycle {\n    precondition {\n` +
        `      condition     = ${PARTITION_REF} == ${hclString(plan.partition)}\n` +
        `      error_message = ${hclString(`This role trusts an account of ${plan.serviceName} in partition ${plan.partition}; apply it there.`)}\n` +
        `    }\n  }\n`,
    ),
    ...plan.managedPolicyArns.map((arn, i) =>
      attachment(tfManagedAttachment(i), tfPartitionArn(arn, plan.partition).text),
    ),
    ...plan.customPolicies.map((_, i) =>
      attachment(tfPolicy(i), `aws_iam_policy.${tfPolicy(i)}.arn`),
    ),
    block('output "role_arn"', [
      ['description', hclString(`Give this Role ARN to ${plan.serviceName}.`)],
      ['value', `${role}.arn`],
    ]),
    block('output "external_id"', [['value', 'var.external_id']]),
  ];
  return { ok: true, value: blocks.join('\n') };
}
