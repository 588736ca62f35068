// Entry point of the console replica: navigation bar, then the IAM app or, under
// /cloudformation/, the CloudFormation app (cloudformation.tsx); each with its own hash router.
import '@cloudscape-design/global-styles/index.css';
import './replica.css';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import AppLayout from '@cloudscape-design/components/app-layout';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Flashbar from '@cloudscape-design/components/flashbar';
import SideNavigation from '@cloudscape-design/components/side-navigation';
import { I18nProvider } from '@cloudscape-design/components/i18n';
import messagesEn from '@cloudscape-design/components/i18n/messages/all.en';
import messagesJa from '@cloudscape-design/components/i18n/messages/all.ja';
import {
  ACCOUNT_ID,
  APP,
  OPTIONS,
  REGION,
  SESSION,
  T,
  dismissFlash,
  matchRolePage,
  parseHash,
  roleDetailsPath,
  useFlashes,
  useRoute,
  useSlow,
  type Route,
} from './env';
import { CreateRoleWizard } from './wizard';
import {
  AttachPolicies,
  EditRole,
  EditTrustPolicy,
  Loading,
  RoleDetails,
  RolesList,
} from './roles';
import { CreatePolicy, EditPolicy, PoliciesList, PolicyDetails } from './policies';
import { Dashboard } from './dashboard';
import { UserDetails, UsersList } from './users';
import { CreateUserWizard } from './user-wizard';
import { CreateAccessKey } from './access-key-wizard';
import { CloudFormationApp } from './cloudformation';

const WIZARD_PATHS = /^\/(?:roles\/create|users\/create|users\/details\/[^/]+\/create_access_key)$/;

function dashed(id: string): string {
  return id.replace(/^(\d{4})(\d{4})(\d{4})$/, '$1-$2-$3');
}

function NavBar() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!(e.target as Element).closest?.('.replica-account')) setOpen(false);
    };
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, [open]);
  return (
    <header className="replica-nav" data-testid="awsc-nav-header">
      <a className="replica-nav-logo" href="#/home" aria-label="AWS">
        aws
      </a>
      <span className="replica-nav-services">▦</span>
      <input
        className="replica-nav-search"
        placeholder={`${T.navSearch}  [Alt+S]`}
        aria-label={T.navSearch}
      />
      <span className="replica-nav-spacer" />
      <span className="replica-nav-item">{APP === 'cloudformation' ? REGION : T.navRegion}</span>
      <div className="replica-account">
        <button
          type="button"
          className="replica-nav-item replica-account-button"
          data-testid="more-menu__awsc-nav-account-menu-button"
          aria-expanded={open}
          aria-haspopup="true"
          onClick={() => setOpen((o) => !o)}
        >
          {SESSION.accountAlias ? `${SESSION.accountAlias} ` : ''}@ {dashed(ACCOUNT_ID)} ▾
        </button>
        {open && (
          <div className="replica-account-menu" data-testid="account-detail-menu" role="menu">
            <div className="replica-account-row">
              <span>{T.accountId}:</span>
              <button
                type="button"
                data-testid="awsc-copy-accountid"
                aria-label={T.copyAccountId}
                onClick={() =>
                  void navigator.clipboard?.writeText(ACCOUNT_ID).catch(() => undefined)
                }
              >
                {dashed(ACCOUNT_ID)}
              </button>
            </div>
            <div className="replica-account-row">
              <button type="button" className="replica-signout">
                {T.signOut}
              </button>
            </div>
          </div>
        )}
      </div>
    </header>
  );
}

function legacyRedirect(route: Route): string | null {
  // #/roles$new?step=type&roleType=crossAccount&isThirdParty&accountID=…&externalID=…&policies=…
  if (route.path === '/roles$new' || route.path === '/roles/$new') {
    if (OPTIONS.ignoreUrlParams) return '/roles/create?step=selectEntities';
    const q = route.query;
    const out = new URLSearchParams();
    out.set('step', 'selectEntities');
    if (q.get('roleType') === 'crossAccount' || q.has('accountID')) {
      out.set('trustedEntityType', 'AWS_ACCOUNT');
    }
    const account = q.get('accountID');
    if (account) out.set('awsAccount', account);
    if (q.has('isThirdParty') && q.get('isThirdParty') !== 'false') out.set('isThirdParty', 'true');
    const ext = q.get('externalID');
    if (ext !== null) out.set('externalId', ext);
    for (const p of q.getAll('policies').flatMap((v) => v.split(/,(?=arn:)/))) {
      if (p) out.append('policies', p);
    }
    return `/roles/create?${out.toString()}`;
  }
  // #/roles/<RoleName> (one segment only: the alternate routes under #/roles/<name>/… stay)
  const m = /^\/roles\/([^/]+)$/.exec(route.path);
  if (m && m[1] !== 'create') return `/roles/details/${m[1]}`;
  return null;
}

function Content({ route }: { route: Route }) {
  const ready = useSlow(route.path);
  const path = route.path;
  const detail = /^\/roles\/details\/([^/]+)$/.exec(path);
  const rolePage = matchRolePage(path);
  const user = /^\/users\/details\/([^/]+)$/.exec(path);
  const newKey = /^\/users\/details\/([^/]+)\/create_access_key$/.exec(path);
  // The wizards delay each step themselves.
  if (path === '/roles/create') return <CreateRoleWizard key={path} route={route} />;
  if (path === '/users/create') return <CreateUserWizard key={path} route={route} />;
  if (newKey) {
    return <CreateAccessKey key={path} name={safeDecode(newKey[1]!)} route={route} />;
  }
  if (!ready) return <Loading />;
  if (path === '/users') return <UsersList />;
  if (user) return <UserDetails key={user[1]} name={safeDecode(user[1]!)} route={route} />;
  if (path === '/roles') return <RolesList />;
  if (detail)
    return <RoleDetails key={detail[1]} name={decodeURIComponent(detail[1]!)} route={route} />;
  if (rolePage?.page === 'edit_trust_policy') {
    return <EditTrustPolicy key={path} name={safeDecode(rolePage.name)} />;
  }
  if (rolePage?.page === 'attach_policies') {
    return <AttachPolicies key={path} name={safeDecode(rolePage.name)} route={route} />;
  }
  if (rolePage?.page === 'edit_role') {
    return <EditRole key={path} name={safeDecode(rolePage.name)} />;
  }
  if (path === '/policies') return <PoliciesList />;
  if (path === '/policies/create') return <CreatePolicy />;
  const policy = /^\/policies\/details\/([^/]+)$/.exec(path);
  if (policy) return <PolicyDetails key={path} arn={safeDecode(policy[1]!)} />;
  const editPolicy = /^\/policies\/details\/([^/]+)\/edit$/.exec(path);
  if (editPolicy) return <EditPolicy key={path} arn={safeDecode(editPolicy[1]!)} />;
  return <Dashboard />;
}

function breadcrumbs(path: string) {
  const items = [{ text: T.breadcrumbIam, href: '#/home' }];
  if (path.startsWith('/roles')) items.push({ text: T.roles, href: '#/roles' });
  if (path === '/roles/create') items.push({ text: T.createRole, href: '#/roles/create' });
  const rolePage = matchRolePage(path);
  const name = rolePage?.name ?? /^\/roles\/details\/([^/]+)$/.exec(path)?.[1];
  if (name) items.push({ text: safeDecode(name), href: `#${roleDetailsPath(safeDecode(name))}` });
  if (rolePage?.page === 'edit_trust_policy') {
    items.push({ text: T.editTrustPolicy, href: `#${path}` });
  }
  if (rolePage?.page === 'attach_policies') {
    items.push({ text: T.addPermissions, href: `#${path}` });
  }
  if (rolePage?.page === 'edit_role') items.push({ text: T.editRole, href: `#${path}` });
  if (path.startsWith('/users')) items.push({ text: T.users, href: '#/users' });
  if (path === '/users/create') items.push({ text: T.createUser, href: '#/users/create' });
  const userName = /^\/users\/details\/([^/]+)/.exec(path)?.[1];
  if (userName) {
    items.push({ text: safeDecode(userName), href: `#/users/details/${userName}` });
  }
  if (/^\/users\/details\/[^/]+\/create_access_key$/.test(path)) {
    items.push({ text: T.createAccessKey, href: `#${path}` });
  }
  if (path.startsWith('/policies')) items.push({ text: T.policies, href: '#/policies' });
  if (path === '/policies/create') items.push({ text: T.createPolicy, href: '#/policies/create' });
  const policyArn = /^\/policies\/details\/([^/]+)(?:\/edit)?$/.exec(path)?.[1];
  if (policyArn) {
    items.push({
      text: safeDecode(policyArn).split('/').pop()!,
      href: `#/policies/details/${policyArn}`,
    });
  }
  if (/^\/policies\/details\/[^/]+\/edit$/.test(path)) {
    items.push({ text: T.editPolicy, href: `#${path}` });
  }
  return items;
}

function App() {
  return APP === 'cloudformation' ? (
    <>
      <NavBar />
      <CloudFormationApp />
    </>
  ) : (
    <IamApp />
  );
}

function IamApp() {
  const route = useRoute();
  const redirect = legacyRedirect(route);
  useEffect(() => {
    if (redirect) location.replace(`#${redirect}`);
  }, [redirect]);
  const flashPath = safeDecode(route.path);
  const flashes = useFlashes(flashPath);
  if (redirect) return <NavBar />;
  return (
    <>
      <NavBar />
      <AppLayout
        headerSelector=".replica-nav"
        toolsHide
        contentType={WIZARD_PATHS.test(route.path) ? 'wizard' : 'default'}
        navigation={
          <SideNavigation
            header={{ text: 'Identity and Access Management (IAM)', href: '#/home' }}
            activeHref={`#${activeSection(route.path)}`}
            items={[
              { type: 'link', text: T.sideDashboard, href: '#/home' },
              {
                type: 'section',
                text: T.sideAccessManagement,
                items: [
                  { type: 'link', text: T.sideUsers, href: '#/users' },
                  { type: 'link', text: T.sideRoles, href: '#/roles' },
                  { type: 'link', text: T.sidePolicies, href: '#/policies' },
                ],
              },
            ]}
          />
        }
        breadcrumbs={<BreadcrumbGroup items={breadcrumbs(route.path)} ariaLabel="Breadcrumbs" />}
        notifications={
          <Flashbar
            items={flashes.map((f) => ({
              id: f.id,
              type: f.type,
              content: f.content,
              dismissible: true,
              dismissLabel: T.dismiss,
              onDismiss: () => dismissFlash(f.id),
            }))}
          />
        }
        content={<Content route={route} />}
      />
    </>
  );
}

function activeSection(path: string): string {
  for (const s of ['/users', '/roles', '/policies']) if (path.startsWith(s)) return s;
  return '/home';
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const messages = OPTIONS.language === 'ja' ? [messagesJa] : [messagesEn];
createRoot(document.getElementById('app')!).render(
  <I18nProvider locale={OPTIONS.language} messages={messages}>
    <App />
  </I18nProvider>,
);

// For tests and debugging: the parsed route as the replica sees it.
(window as unknown as { __replicaRoute?: () => Route }).__replicaRoute = () =>
  parseHash(location.hash);
