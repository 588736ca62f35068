// A Crossrole link for one customer (docs/vendors.md §6): the AWS console's own create-role deep
// link, which prefills your account, the External ID and your AWS managed policies, plus one
// parameter, crossrole=<connection code>, that carries your whole profile and the customer's token.
// Run: node docs/examples/connection-link.mjs your-profile.json "Acme Corp — workspace 42"
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function connectionLink(profile, { token, externalId, label, expiresAt, levelId }) {
  const body = { profile, token, externalId, label, expiresAt }; // undefined fields are left out
  const code = 'crossrole1.' + Buffer.from(JSON.stringify(body)).toString('base64url');
  const level =
    profile.access.find((l) => l.id === levelId) ?? profile.access.find((l) => l.default);
  const query = new URLSearchParams({
    step: 'selectEntities',
    trustedEntityType: 'AWS_ACCOUNT',
    awsAccount: profile.trust.accountId,
    isThirdParty: 'true',
    externalId,
  });
  // Custom policies do not exist in the customer's account yet: Crossrole creates them.
  for (const arn of level.managedPolicyArns ?? []) query.append('policies', arn);
  return `https://console.aws.amazon.com/iam/home#/roles/create?${query}&crossrole=${code}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  // Yours, per customer: keep the token and the External ID with the customer's account.
  const link = connectionLink(profile, {
    token: randomBytes(24).toString('base64url'),
    externalId: `${profile.id}-${randomBytes(16).toString('base64url')}`,
    label: process.argv[3],
    expiresAt: new Date(Date.now() + 24 * 3600 * 1000).toISOString(), // a day
  });
  console.log(link);
}
