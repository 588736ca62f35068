// The CloudFormation console app of the replica (served under /cloudformation/home): its side
// navigation, breadcrumbs and hash routes for StackSets (docs/organizations.md, "Console pages").
import { useEffect } from 'react';
import AppLayout from '@cloudscape-design/components/app-layout';
import BreadcrumbGroup from '@cloudscape-design/components/breadcrumb-group';
import Flashbar from '@cloudscape-design/components/flashbar';
import SideNavigation from '@cloudscape-design/components/side-navigation';
import Box from '@cloudscape-design/components/box';
import { dismissFlash, useFlashes, useRoute, useSlow, type Route } from './env';
import { C } from './cf-strings';
import { Loading } from './roles';
import { CreateStackSetWizard } from './stackset-wizard';
import { StackSetPage, StackSetsList, matchStackSetPage, stackSetPath } from './stacksets';

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function Content({ route }: { route: Route }) {
  const ready = useSlow(route.path);
  const path = route.path;
  // The wizard delays each step itself.
  if (path === '/stacksets/create') return <CreateStackSetWizard key={path} />;
  if (!ready) return <Loading />;
  const page = matchStackSetPage(path);
  if (page) {
    const name = safeDecode(page.name);
    return <StackSetPage key={name} name={name} tab={page.tab} route={route} />;
  }
  if (path === '/stacks') return <Box padding="l">{C.stacksNotInReplica}</Box>;
  return <StackSetsList />;
}

function breadcrumbs(path: string) {
  const items = [
    { text: C.breadcrumbCloudFormation, href: '#/stacksets' },
    { text: C.stackSets, href: '#/stacksets' },
  ];
  if (path === '/stacksets/create')
    items.push({ text: C.createStackSet, href: '#/stacksets/create' });
  const page = matchStackSetPage(path);
  if (page) {
    const name = safeDecode(page.name);
    items.push({ text: name, href: `#${stackSetPath(name, 'info')}` });
  }
  return items;
}

export function CloudFormationApp() {
  const route = useRoute();
  // The console's home lands on the StackSets list in this replica.
  const known = route.path === '/stacks' || route.path.startsWith('/stacksets');
  useEffect(() => {
    if (!known) location.replace('#/stacksets');
  }, [known]);
  useEffect(() => {
    document.title = `${C.stackSets} | ${C.serviceName}`;
  }, []);
  const flashes = useFlashes(safeDecode(route.path));
  const page = matchStackSetPage(route.path);
  return (
    <AppLayout
      headerSelector=".replica-nav"
      toolsHide
      contentType={route.path === '/stacksets/create' ? 'wizard' : 'default'}
      navigation={
        <SideNavigation
          header={{ text: C.serviceName, href: '#/stacksets' }}
          activeHref={route.path === '/stacks' ? '#/stacks' : '#/stacksets'}
          items={[
            { type: 'link', text: C.sideStacks, href: '#/stacks' },
            { type: 'link', text: C.sideStackSets, href: '#/stacksets' },
            { type: 'link', text: C.sideExports, href: '#/exports' },
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
            dismissLabel: C.dismiss,
            onDismiss: () => dismissFlash(f.id),
          }))}
        />
      }
      content={known ? <Content key={page ? page.name : route.path} route={route} /> : null}
    />
  );
}
