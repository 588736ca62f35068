// Users list and user summary (ARN, Permissions, Security credentials with the access keys).
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import Table from '@cloudscape-design/components/table';
import Tabs from '@cloudscape-design/components/tabs';
import {
  T,
  navigate,
  replaceHash,
  useApi,
  userArn,
  type AccessKeyMetadata,
  type Route,
  type UserData,
} from './env';
import { Loading } from './roles';

const userPath = (name: string) => `/users/details/${encodeURIComponent(name)}`;

export function UsersList() {
  const { data, loading, error } = useApi<{ users: UserData[] }>('listUsers', {}, 'users');
  const users = data?.users ?? [];
  return (
    <SpaceBetween size="m">
      {error && <Alert type="error">{error}</Alert>}
      <Table<UserData>
        data-testid="users-table"
        variant="full-page"
        items={users}
        loading={loading}
        loadingText={T.loading}
        trackBy="userName"
        header={
          <Header
            variant="awsui-h1-sticky"
            counter={`(${users.length})`}
            description={T.usersDescription}
            actions={
              <Button variant="primary" onClick={() => navigate('/users/create')}>
                {T.createUser}
              </Button>
            }
          >
            {T.users}
          </Header>
        }
        empty={<Box textAlign="center">{T.noUsers}</Box>}
        columnDefinitions={[
          {
            id: 'name',
            header: T.userNameColumn,
            cell: (u) => <Link href={`#${userPath(u.userName)}`}>{u.userName}</Link>,
          },
          { id: 'path', header: T.pathColumn, cell: () => '/' },
          {
            id: 'keys',
            header: T.accessKeyIdColumn,
            cell: (u) =>
              (u.accessKeys ?? [])
                .map((k) => `${k.status === 'Active' ? T.active : T.inactive} - ${k.accessKeyId}`)
                .join(', ') || '-',
          },
          { id: 'created', header: T.creationTimeColumn, cell: (u) => u.createDate },
        ]}
      />
    </SpaceBetween>
  );
}

export function UserDetails({ name, route }: { name: string; route: Route }) {
  const user = useApi<{ user: UserData }>('getUser', { userName: name }, `user-${name}`);
  const keys = useApi<{ accessKeys: AccessKeyMetadata[] }>(
    'listAccessKeys',
    { userName: name },
    `keys-${name}`,
  );
  if (user.loading) return <Loading />;
  if (user.error || !user.data) {
    return (
      <Alert type="error" header={T.userNotFound}>
        {user.error}
      </Alert>
    );
  }
  const u = user.data.user;
  const accessKeys = keys.data?.accessKeys ?? [];
  const section =
    route.query.get('section') === 'security_credentials' ? 'security_credentials' : 'permissions';
  const arn = u.arn || userArn(u.userName);
  return (
    <SpaceBetween size="l">
      <Header variant="h1">{u.userName}</Header>
      <Container header={<Header variant="h2">{T.summary}</Header>} data-testid="user-summary">
        <ColumnLayout columns={3} variant="text-grid">
          <div>
            <Box variant="awsui-key-label">{T.arn}</Box>
            <div data-testid="user-arn">
              <CopyToClipboard
                variant="inline"
                textToCopy={arn}
                copyButtonAriaLabel={T.copyArn}
                copySuccessText={T.arnCopied}
                copyErrorText={T.arnCopyFailed}
              />
            </div>
            <Box variant="awsui-key-label" margin={{ top: 's' }}>
              {T.created}
            </Box>
            <div>{u.createDate}</div>
          </div>
          <div>
            <Box variant="awsui-key-label">{T.consoleAccessLabel}</Box>
            <StatusIndicator type="stopped">{T.disabled}</StatusIndicator>
          </div>
          <div>
            {accessKeys.map((k, i) => (
              <div key={k.accessKeyId}>
                <Box variant="awsui-key-label" margin={{ top: i ? 's' : 'n' }}>
                  {`${T.accessKey} ${i + 1}`}
                </Box>
                <div>
                  {k.accessKeyId} - {k.status === 'Active' ? T.active : T.inactive}
                </div>
              </div>
            ))}
          </div>
        </ColumnLayout>
      </Container>
      <Tabs
        activeTabId={section}
        onChange={(e) => {
          replaceHash(`${userPath(u.userName)}?section=${e.detail.activeTabId}`);
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        }}
        tabs={[
          {
            id: 'permissions',
            label: T.permissions,
            content: (
              <Container header={<Header variant="h2">{T.attachedPolicies}</Header>}>
                {u.attachedPolicyArns.length === 0 ? (
                  <Box color="text-status-inactive">{T.noAttachedPolicies}</Box>
                ) : (
                  <ul className="replica-policy-list" data-testid="attached-policies">
                    {u.attachedPolicyArns.map((a) => (
                      <li key={a} data-policy-arn={a}>
                        {a}
                      </li>
                    ))}
                  </ul>
                )}
              </Container>
            ),
          },
          {
            id: 'security_credentials',
            label: T.securityCredentials,
            content: (
              <Table<AccessKeyMetadata>
                data-testid="access-keys"
                variant="container"
                items={accessKeys}
                loading={keys.loading}
                loadingText={T.loading}
                trackBy="accessKeyId"
                header={
                  <Header
                    variant="h2"
                    description={T.accessKeysDescription}
                    actions={
                      <Button
                        disabled={keys.loading || accessKeys.length >= 2}
                        onClick={() => navigate(`${userPath(u.userName)}/create_access_key`)}
                      >
                        {T.createAccessKey}
                      </Button>
                    }
                  >
                    {T.accessKeysHeader(accessKeys.length)}
                  </Header>
                }
                empty={
                  <Box textAlign="center">
                    <b>{T.noAccessKeys}</b>
                    <Box variant="p" color="inherit">
                      {T.noAccessKeysDesc}
                    </Box>
                  </Box>
                }
                columnDefinitions={[
                  {
                    id: 'id',
                    header: T.accessKeyIdColumn,
                    cell: (k) => <span data-access-key-id={k.accessKeyId}>{k.accessKeyId}</span>,
                  },
                  {
                    id: 'description',
                    header: T.descriptionColumn,
                    cell: (k) => k.description || '-',
                  },
                  {
                    id: 'status',
                    header: T.statusColumn,
                    cell: (k) =>
                      k.status === 'Active' ? (
                        <StatusIndicator type="success">{T.active}</StatusIndicator>
                      ) : (
                        <StatusIndicator type="stopped">{T.inactive}</StatusIndicator>
                      ),
                  },
                  { id: 'created', header: T.created, cell: (k) => k.createDate },
                ]}
              />
            ),
          },
        ]}
      />
    </SpaceBetween>
  );
}
