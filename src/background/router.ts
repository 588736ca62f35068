// Every message the background accepts: validated, checked against its sender (tab and frame
// from the browser, never from the payload), then handed to the module that owns it.
import { browser, type Runtime } from '../platform/browser.ts';
import {
  parseMessage,
  type ContentSetup,
  type Connection,
  type ConnectionView,
  type KnownService,
  type PopupStateValue,
  type Reply,
} from '../core/messages.ts';
import { checkImport } from '../core/imports.ts';
import { consoleWordsFor } from '../core/iam-words.ts';
import { labelWordsFor } from '../core/console-labels.ts';
import { isOrganizationSetup } from '../core/machine.ts';
import { connectionsOnPage, servicesForRolePage } from '../core/lifecycle.ts';
import { forPanel } from './panel-language.ts';
import { developmentBuild } from 'virtual:crossrole/build';
import { parseProfile, type ServiceProfile } from '../core/profile.ts';
import { problem } from '../core/problems.ts';
import { fieldRefusal, refusal } from '../core/refusal.ts';
import { formatErrors } from '../core/result.ts';
import { classifySender } from './senders.ts';
import { getConsoleTab, rememberConsoleTab } from './console-tabs.ts';
import { retryNow } from './delivery.ts';
import { dismissLink, linkView, receiveLink, startLink } from './links.ts';
import { builtins } from './profiles.ts';
import { once } from './requests.ts';
import {
  discardSetup,
  handleContentEvent,
  handleStackSetEvent,
  judgeTrust,
  noticeRoleMissing,
  setupForTab,
  startDisconnect,
  startUpdate,
  checkInTab,
  startSetup,
  toContentSetup,
} from './setups.ts';
import {
  addDiagnostic,
  isStorageFull,
  STORAGE_FULL_MESSAGE,
  StorageFullError,
  clearDiagnostics,
  loadConnections,
  loadCustomerTags,
  loadDiagnostics,
  loadImportedProfiles,
  loadSetups,
  removeImportedProfile,
  saveImportedProfile,
} from './store.ts';

const done = { ok: true, value: null } as const;

/** What the customer reads when something inside Crossrole failed: never the error's own text. */
export const INTERNAL_ERROR = problem('internalError').message;

/**
 * Every message gets a reply, never a throw: a rejection would reach the sender as a bare
 * "Error" (or nothing), and the error's text could carry what it was handling.
 */
export async function handleMessage(
  raw: unknown,
  sender: Runtime.MessageSender,
): Promise<Reply<unknown>> {
  try {
    return await route(raw, sender);
  } catch (error) {
    // Said for what it is: a throw here would reach the page as "could not reach its background".
    if (isStorageFull(error))
      return refusal(
        problem('storageFull'),
        error instanceof StorageFullError ? error.message : STORAGE_FULL_MESSAGE,
      );
    // The name only: a message may quote the input it failed on (a token, a key).
    console.error(
      `Crossrole: a message handler failed (${error instanceof Error ? error.name : typeof error})`,
    );
    return refusal(problem('internalError'));
  }
}

async function route(raw: unknown, sender: Runtime.MessageSender): Promise<Reply<unknown>> {
  const parsed = parseMessage(raw);
  if (!parsed.ok)
    return refusal(
      problem('messageNotUnderstood'),
      `Message not understood:\n${formatErrors(parsed.errors)}`,
    );
  const from = classifySender(sender, browser.runtime.id, browser.runtime.getURL(''));
  const message = parsed.value;

  if (message.type.startsWith('content.')) {
    if (from.kind !== 'content') return { ok: false, error: 'Not sent from an IAM console page' };
    const consoleSender = { tabId: from.tabId, host: from.url.hostname, partition: from.partition };
    // Each console's events from its own pages only (docs/organizations.md): a CloudFormation
    // page cannot report a role, nor an IAM page a stack set.
    const stackSetEvent =
      message.type === 'content.stackSet' || message.type === 'content.stackInstances';
    const anyConsole = message.type === 'content.hello' || message.type === 'content.locatorMiss';
    if (!anyConsole && stackSetEvent !== (from.console === 'cloudformation'))
      return {
        ok: false,
        error: stackSetEvent
          ? 'Not sent from a CloudFormation console page'
          : 'Not sent from an IAM console page',
      };
    switch (message.type) {
      case 'content.hello': {
        await rememberConsoleTab({
          tabId: from.tabId,
          partition: from.partition,
          host: from.url.hostname,
          route: message.route,
          seenAt: Date.now(),
          ...(message.language ? { language: message.language } : {}),
        });
        const setup = await setupForTab(consoleSender, {
          console: from.console,
          route: message.route,
          sessionAccountId: message.sessionAccountId,
        });
        // With no setup here, an IAM page may still show a connected role (docs/lifecycle.md),
        // or a role page a role whose trust names a known service.
        const noSetupIam = !setup && from.console === 'iam';
        const profiles = noSetupIam ? [...builtins(), ...(await loadImportedProfiles())] : [];
        const connections = noSetupIam
          ? connectionsOnPage(
              await loadConnections(),
              {
                partition: from.partition,
                host: from.url.hostname,
                route: message.route,
                sessionAccountId: message.sessionAccountId ?? null,
              },
              levelNames(profiles),
            )
          : [];
        const services =
          noSetupIam && !connections.length
            ? servicesForRolePage(profiles, from.partition, message.route)
            : [];
        return {
          ok: true,
          value: setup ? toContentSetup(setup) : null,
          // An IAM page's panel words are not in the content script (src/core/iam-words.ts),
          // nor are the names of the console's controls: a CloudFormation page gets those alone.
          ...(setup && isOrganizationSetup(setup)
            ? { words: labelWordsFor(message.language) }
            : setup || connections.length || services.length
              ? { words: consoleWordsFor(message.language) }
              : {}),
          ...(connections.length ? { connections } : {}),
          ...(services.length ? { services } : {}),
        } satisfies Reply<ContentSetup | null> & {
          words?: Record<string, string>;
          connections?: ConnectionView[];
          services?: KnownService[];
        };
      }
      case 'content.locatorMiss':
        await addDiagnostic({
          feature: message.feature,
          field: message.field,
          language: message.language,
          route: message.route,
          ...(message.outline ? { outline: message.outline } : {}),
          at: Date.now(),
        });
        return done;
      case 'content.policyCreated':
      case 'content.policyMissing':
      case 'content.roleCreated':
      case 'content.trustUpdated':
      case 'content.roleRenamed':
      case 'content.userCreated':
      case 'content.rolePage':
      case 'content.accessKey':
      case 'content.roleGone':
      case 'content.policyGone':
      case 'content.policyKept':
      case 'content.policyShown':
        return forPanel(await handleContentEvent(message, consoleSender), from.tabId);
      case 'content.roleMissing':
        return forPanel(await noticeRoleMissing(message, consoleSender), from.tabId);
      case 'content.checkConnection':
        return forPanel(await checkInTab(message, consoleSender), from.tabId);
      case 'content.trust':
        return judgeTrust(message, consoleSender);
      case 'content.stackSet':
      case 'content.stackInstances':
        return forPanel(await handleStackSetEvent(message, consoleSender), from.tabId);
      case 'content.link':
        return receiveLink(message.code, consoleSender);
    }
  }

  if (from.kind !== 'extension-page') return refusal(problem('notFromExtension'));
  switch (message.type) {
    case 'popup.state': {
      const value: PopupStateValue = {
        setups: await loadSetups(),
        importedProfiles: await loadImportedProfiles(),
        connections: await loadConnections(),
        diagnostics: await loadDiagnostics(),
        customerTags: await loadCustomerTags(),
      };
      return { ok: true, value };
    }
    case 'popup.activeTab':
      return { ok: true, value: await getConsoleTab(message.tabId) };
    // What changes state runs once per popup request id (requests.ts): a retry after a lost
    // reply gets the first outcome.
    case 'setup.start': {
      const { type: _type, requestId, ...input } = message;
      return once(requestId, message.type, (entry) => startSetup(input, entry.setupId));
    }
    case 'setup.retry':
      return once(message.requestId, message.type, () => retryNow(message.setupId));
    case 'setup.discard':
      return once(message.requestId, message.type, () => discardSetup(message.setupId));
    case 'connection.disconnect':
      return once(message.requestId, message.type, (entry) =>
        startDisconnect(message.connectionId, entry.setupId),
      );
    case 'connection.update':
      return once(message.requestId, message.type, (entry) =>
        startUpdate(message.connectionId, message.levelId, entry.setupId),
      );
    case 'profile.save':
      return once(message.requestId, message.type, () => saveProfile(message.profile));
    case 'profile.remove':
      return once(message.requestId, message.type, async () => {
        await removeImportedProfile(message.profileId);
        return done;
      });
    case 'diagnostics.clear':
      await clearDiagnostics();
      return done;
    // The link window (links.ts): only the extension's own page, naming a link the background holds.
    case 'link.get':
      return linkView(message.linkId);
    case 'link.start': {
      const { type: _type, requestId, linkId, ...input } = message;
      return once(requestId, message.type, (entry) => startLink(linkId, input, entry.setupId));
    }
    case 'link.dismiss':
      return once(message.requestId, message.type, () => dismissLink(message.linkId));
    default:
      return refusal(problem('messageNotUnderstood'));
  }
}

/** A connection's access level by its label in the service's profile, built in or imported. */
function levelNames(profiles: readonly ServiceProfile[]) {
  return (c: Connection): string | undefined =>
    profiles.find((p) => p.id === c.profileId)?.access.find((l) => l.id === c.levelId)?.label;
}

async function saveProfile(raw: unknown): Promise<Reply<null>> {
  const profile = parseProfile(raw);
  if (!profile.ok) return fieldRefusal(profile.errors);
  // Checked again here: the popup is not the only way a message can arrive.
  const refused = checkImport(
    profile.value,
    { builtin: builtins(), imported: await loadImportedProfiles() },
    { developmentBuild },
  );
  if (refused.length) return fieldRefusal(refused);
  await saveImportedProfile(profile.value);
  return done;
}
