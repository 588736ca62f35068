// IAM dashboard (#/home): a landing page with the account and links.
import Box from '@cloudscape-design/components/box';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { ACCOUNT_ID, T } from './env';

export function Dashboard() {
  return (
    <SpaceBetween size="l">
      <Header variant="h1">IAM {T.sideDashboard}</Header>
      <Container header={<Header variant="h2">AWS {T.accountId}</Header>}>
        <SpaceBetween size="s">
          <Box data-testid="dashboard-account">{ACCOUNT_ID}</Box>
          <Link href="#/roles">{T.roles}</Link>
          <Link href="#/policies">{T.policies}</Link>
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );
}
