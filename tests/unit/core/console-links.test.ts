// Console links (docs/console.md, "Routes"): the create-role deep link with every parameter, the
// legacy form, role details, create policy and user, per partition, and hash-route parsing.
import { describe, expect, it } from 'vitest';
import {
  policyArnFromPath,
  policyDetailsUrl,
  accessKeyUserFromPath,
  createPolicyUrl,
  createRoleUrl,
  createUserUrl,
  detailsLinkName,
  legacyCreateRoleUrl,
  nextSetupUrl,
  parseHashRoute,
  roleDetailsUrl,
  roleNameFromPath,
  userNameFromPath,
} from '../../../src/core/console-links.ts';

const link = {
  serviceAccountId: '123456789012',
  externalId: 'ext:a/b+c',
  policyArns: [
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
    'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
  ],
};

describe('the create-role deep link', () => {
  it('carries every parameter of docs/console.md, "Deep links", policies repeated', () => {
    const url = new URL(createRoleUrl('aws', link));
    expect(`${url.origin}${url.pathname}`).toBe('https://console.aws.amazon.com/iam/home');
    const { path, query } = parseHashRoute(url.hash);
    expect(path).toBe('/roles/create');
    expect([...query.keys()]).toEqual([
      'step',
      'trustedEntityType',
      'awsAccount',
      'isThirdParty',
      'externalId',
      'policies',
      'policies',
    ]);
    expect(Object.fromEntries(query)).toMatchObject({
      step: 'selectEntities',
      trustedEntityType: 'AWS_ACCOUNT',
      awsAccount: '123456789012',
      isThirdParty: 'true',
      externalId: 'ext:a/b+c',
    });
    expect(query.getAll('policies')).toEqual(link.policyArns);
    // URL-encoded: the policy ARN's ':' and '/' and the External ID's '+' survive the hash.
    expect(url.hash).toContain('policies=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess');
    expect(url.hash).toContain('externalId=ext%3Aa%2Fb%2Bc');
  });

  it.each([
    ['aws', 'console.aws.amazon.com'],
    ['aws-cn', 'console.amazonaws.cn'],
    ['aws-us-gov', 'console.amazonaws-us-gov.com'],
    ['aws-eusc', 'eusc-de-east-1.console.amazonaws-eusc.eu'],
  ] as const)('goes to the %s console, %s', (partition, host) => {
    expect(new URL(createRoleUrl(partition, link)).host).toBe(host);
  });

  it("stays on the customer's host and region when given", () => {
    const url = new URL(
      createRoleUrl(
        'aws',
        link,
        '111122223333-abcd1234.eu-west-1.console.aws.amazon.com',
        'eu-west-1',
      ),
    );
    expect(url.host).toBe('111122223333-abcd1234.eu-west-1.console.aws.amazon.com');
    expect(url.search).toBe('?region=eu-west-1');
  });

  it('has a legacy form carrying the role name, with a bare isThirdParty', () => {
    const url = new URL(legacyCreateRoleUrl('aws-us-gov', { ...link, roleName: 'SvcRole' }));
    expect(url.host).toBe('console.amazonaws-us-gov.com');
    expect(url.hash).toMatch(
      /^#\/roles\$new\?step=type&roleType=crossAccount&isThirdParty&accountID=/,
    );
    const { path, query } = parseHashRoute(url.hash);
    expect(path).toBe('/roles$new');
    expect(Object.fromEntries(query)).toMatchObject({
      step: 'type',
      roleType: 'crossAccount',
      isThirdParty: '',
      accountID: '123456789012',
      externalID: 'ext:a/b+c',
      roleName: 'SvcRole',
    });
    expect(query.getAll('policies')).toEqual(link.policyArns);
  });
});

describe('other console links', () => {
  it('open role details and its trust relationships, policies and user creation', () => {
    expect(roleDetailsUrl('aws', 'My+Role')).toBe(
      'https://console.aws.amazon.com/iam/home#/roles/details/My%2BRole',
    );
    expect(roleDetailsUrl('aws-cn', 'R', 'trust_relationships')).toBe(
      'https://console.amazonaws.cn/iam/home#/roles/details/R?section=trust_relationships',
    );
    expect(roleDetailsUrl('aws', 'R', 'permissions', 'us-east-1.console.aws.amazon.com')).toBe(
      'https://us-east-1.console.aws.amazon.com/iam/home#/roles/details/R?section=permissions',
    );
    expect(createPolicyUrl('aws-us-gov')).toBe(
      'https://console.amazonaws-us-gov.com/iam/home#/policies/create',
    );
    expect(createUserUrl('aws', [])).toBe('https://console.aws.amazon.com/iam/home#/users/create');
    expect(
      parseHashRoute(new URL(createUserUrl('aws', link.policyArns)).hash).query.getAll('policies'),
    ).toEqual(link.policyArns);
  });

  it('lead a setup to Create policy first, then the wizard with its custom policies', () => {
    const setup = {
      mode: 'create-role' as const,
      partition: 'aws-cn' as const,
      serviceAccountId: '123456789012',
      externalId: 'e-1',
      managedPolicyArns: ['arn:aws-cn:iam::aws:policy/ReadOnlyAccess'],
      customPolicies: [{ name: 'Mine', created: false }],
    };
    expect(nextSetupUrl(setup, '111122223333', null)).toBe(createPolicyUrl('aws-cn'));
    setup.customPolicies[0]!.created = true;
    const { path, query } = parseHashRoute(new URL(nextSetupUrl(setup, '111122223333', null)).hash);
    expect(path).toBe('/roles/create');
    expect(query.getAll('policies')).toEqual([
      'arn:aws-cn:iam::aws:policy/ReadOnlyAccess',
      'arn:aws-cn:iam::111122223333:policy/Mine',
    ]);
  });
});

describe('hash routes', () => {
  it('read the new wizard route with its repeated policies', () => {
    const { path, query } = parseHashRoute('#/roles/create?step=review&policies=a&policies=b');
    expect(path).toBe('/roles/create');
    expect(query.get('step')).toBe('review');
    expect(query.getAll('policies')).toEqual(['a', 'b']);
  });

  it('read the legacy route, $new included in the path', () => {
    const { path, query } = parseHashRoute('#/roles$new?step=type');
    expect(path).toBe('/roles$new');
    expect(query.get('step')).toBe('type');
    expect([...query.keys()]).toEqual(['step']);
  });

  it('read routes without a query, with or without #', () => {
    expect(parseHashRoute('#/roles/details/R')).toMatchObject({ path: '/roles/details/R' });
    expect(parseHashRoute('/roles').path).toBe('/roles');
    expect(parseHashRoute('').path).toBe('');
    expect([...parseHashRoute('#/roles').query]).toEqual([]);
  });
});

describe('the names routes carry', () => {
  it('read the role of its page and of Edit trust policy, decoded, and nothing else', () => {
    expect(roleNameFromPath('/roles/details/Crossrole%2BDemo', 'details')).toBe('Crossrole+Demo');
    expect(roleNameFromPath('/roles/edit_trust_policy/R', 'edit_trust_policy')).toBe('R');
    expect(roleNameFromPath('/roles/edit_trust_policy/R', 'details')).toBeNull();
    expect(roleNameFromPath('/roles/details/', 'details')).toBeNull();
    expect(roleNameFromPath('/roles/details/R/extra', 'details')).toBeNull();
    expect(roleNameFromPath('/roles/details/%E0%A4%A', 'details')).toBeNull();
    expect(roleNameFromPath('/roles', 'details')).toBeNull();
  });

  it('tell the user page from its Create access key page', () => {
    expect(userNameFromPath('/users/details/Me')).toBe('Me');
    expect(userNameFromPath('/users/details/Me/create_access_key')).toBeNull();
    expect(accessKeyUserFromPath('/users/details/a%40b/create_access_key')).toBe('a@b');
    expect(accessKeyUserFromPath('/users/details/Me')).toBeNull();
    expect(userNameFromPath('/users/details/%E0%A4%A')).toBeNull();
    expect(userNameFromPath('/users')).toBeNull();
  });

  it('read the role or user a flash links to, by kind', () => {
    const role = 'https://console.aws.amazon.com/iam/home#/roles/details/My%2BRole?section=x';
    expect(detailsLinkName(role, 'roles')).toBe('My+Role');
    expect(detailsLinkName(role, 'users')).toBeNull();
    expect(detailsLinkName('#/users/details/u1/create_access_key', 'users')).toBe('u1');
    expect(detailsLinkName('#/roles/details/%E0%A4%A', 'roles')).toBeNull();
  });

  it('read the policy of a policy page, its ARN encoded or not, never of its Edit page', () => {
    const arn = 'arn:aws:iam::111122223333:policy/team/CostBilling';
    expect(policyArnFromPath(`/policies/details/${encodeURIComponent(arn)}`)).toBe(arn);
    expect(policyArnFromPath(`/policies/details/${arn}`)).toBe(arn);
    expect(policyArnFromPath(`/policies/details/${arn}/edit`)).toBeNull();
    expect(policyArnFromPath(`/policies/details/${encodeURIComponent(arn)}/edit`)).toBeNull();
    expect(policyArnFromPath('/policies/details/CostBilling')).toBeNull();
    expect(policyArnFromPath('/policies/details/arn:aws:iam::1:role/R')).toBeNull();
    expect(policyDetailsUrl('aws', arn)).toBe(
      `https://console.aws.amazon.com/iam/home#/policies/details/${encodeURIComponent(arn)}`,
    );
  });
});
