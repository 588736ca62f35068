// Progress and results of every setup, newest first, with "Retry now", "Copy ARN" and
// "Discard"; then the accounts connected to each service. An organization setup
// (docs/organizations.md) is one card: its stack set, what the console showed of each account's
// instance, its per-account reports folded under it, and the management account's own wizard.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Connection, Reply, SetupStartInput } from '../../core/messages.ts';
import { disconnectProblem, nameInArn } from '../../core/lifecycle.ts';
import { keptFromBefore, updateProblem } from '../../core/role-update.ts';
import { isFailedInstance } from '../../core/organization.ts';
import type { Setup, StackSetState } from '../../core/setup.ts';
import type { PopupApi } from '../api.ts';
import { plural, t, type MessageKey } from '../i18n.ts';
import { problemText, refusalText } from '../problems.ts';
import { download } from './IacExport.tsx';
import { CLOUDFORMATION, STACKSET } from './OrganizationChoice.tsx';

/** A setup's problem in the popup's language, while its code still says the saved English. */
const setupProblemText = (setup: Setup): string =>
  setup.problemCoded && setup.problemCoded.message === setup.problem
    ? problemText(setup.problemCoded)
    : (setup.problem ?? '');

const STATE_TEXT: Record<Setup['state'], MessageKey> = {
  started: 'stateStarted',
  'policies-created': 'statePoliciesCreated',
  'role-created': 'stateRoleCreated',
  'arn-captured': 'stateArnCaptured',
  verified: 'stateVerified',
  delivered: 'stateDelivered',
  failed: 'stateFailed',
  discarded: 'stateDiscarded',
};

/** A disconnect's own words for where it stands (docs/lifecycle.md); any other setup's are STATE_TEXT's. */
function stateText(setup: Setup): MessageKey {
  if (setup.mode === 'disconnect' && setup.state === 'started') return 'stateDisconnecting';
  if (setup.mode === 'disconnect' && setup.state === 'delivered') return 'stateDisconnected';
  if (setup.mode === 'update-role' && setup.state === 'arn-captured') return 'stateChecking';
  if (setup.mode === 'update-role' && setup.state === 'delivered')
    return setup.upToDate ? 'stateUpToDate' : 'stateUpdated';
  return STATE_TEXT[setup.state];
}

function inWords(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 90 ? t('inSeconds', seconds) : t('inMinutes', Math.round(seconds / 60));
}

function DeliveryLine(props: { setup: Setup; now: number }) {
  const d = props.setup.delivery;
  if (!d) return null;
  switch (d.status) {
    case 'delivered':
      return (
        <p class="ok">{d.serviceMessage ? t('deliveredWith', d.serviceMessage) : t('delivered')}</p>
      );
    case 'queued':
    case 'sending':
      return (
        <p class="warning">
          {plural('waiting', d.attempts)}{' '}
          {d.nextAttemptAt ? t('retryIn', inWords(d.nextAttemptAt - props.now)) : ''}{' '}
          {d.lastError ?? ''}
        </p>
      );
    case 'refused':
      return <p class="error">{t('refused', d.serviceMessage ?? d.lastError ?? '')}</p>;
    case 'expired':
      return <p class="error">{t('expired')}</p>;
  }
}

/** What the console showed of every account's instance, as the popup counts it. */
export function instanceCounts(stackSet: StackSetState) {
  const failed = stackSet.instances.filter(isFailedInstance);
  const succeeded = stackSet.instances.filter((i) => i.detailedStatus === 'SUCCEEDED');
  return {
    total: stackSet.instances.length,
    reported: stackSet.reportedAccounts.length,
    failed,
    // Neither succeeded nor failed: pending, running, or a status the console gave no detail for.
    running: stackSet.instances.length - failed.length - succeeded.length,
  };
}

function organizationState(stackSet: StackSetState): { key: MessageKey; class: string } {
  if (stackSet.stackSetArn === null) return { key: 'stateStarted', class: 'started' };
  const counts = instanceCounts(stackSet);
  if (counts.total === 0 || counts.running > 0)
    return { key: 'orgStateDeploying', class: 'started' };
  if (counts.failed.length > 0) return { key: 'orgStateSomeFailed', class: 'failed' };
  return { key: 'orgStateDeployed', class: 'delivered' };
}

/**
 * The management account's own setup: the same service, level, options, role name and External
 * ID as the organization setup, through the single-account wizard, since service-managed stack
 * sets never deploy to the management account.
 */
export function managementAccountStart(org: Setup, token: string | null): SetupStartInput {
  return {
    mode: 'create-role',
    profileId: org.profileId,
    levelId: org.levelId,
    optionIds: org.optionIds,
    partition: org.partition,
    roleName: org.roleName,
    roleDescription: org.roleDescription,
    externalId: org.externalId,
    managementOf: org.id,
    ...(token ? { token } : {}),
  };
}

/** A single-account setup begun for the organization's management account, still kept. */
const managementSetupOf = (org: Setup, setups: Setup[]) =>
  setups.find(
    (s) =>
      s.mode === 'create-role' &&
      s.state !== 'discarded' &&
      s.profileId === org.profileId &&
      s.externalId === org.externalId &&
      s.roleName === org.roleName &&
      s.createdAt >= org.createdAt,
  );

function OrganizationDetails(props: {
  setup: Setup;
  stackSet: StackSetState;
  members: Setup[];
  management: Setup | undefined;
  now: number;
  onRetry: (setupId: string) => void;
  onConnectManagement: () => void;
  busy: boolean;
}) {
  const { stackSet } = props;
  const counts = instanceCounts(stackSet);
  const read = stackSet.stackSetArn !== null;
  const templateType = stackSet.templateFileName.endsWith('.json')
    ? 'application/json'
    : 'text/plain';
  return (
    <>
      <p>{t('orgStackSet', stackSet.stackSetName)}</p>
      {!read ? (
        <>
          <p>{t('orgFillWizard', STACKSET, CLOUDFORMATION)}</p>
          <div class="row">
            <button
              type="button"
              onClick={() =>
                download(stackSet.templateFileName, stackSet.templateBody, templateType)
              }
            >
              {t('orgDownloadTemplate')}
            </button>
          </div>
          <p class="hint">{t('orgTemplateWhy')}</p>
        </>
      ) : counts.total === 0 ? (
        <p class="hint">{t('orgNoInstances')}</p>
      ) : (
        <>
          <p class={counts.reported === counts.total ? 'ok' : undefined}>
            {plural('orgReported', counts.total, counts.reported)}
          </p>
          {counts.running > 0 && <p class="hint">{plural('orgRunning', counts.running)}</p>}
          {counts.failed.length > 0 && (
            <div class="failed-instances">
              <p class="error">{plural('orgFailed', counts.failed.length)}</p>
              <ul>
                {counts.failed.map((i) => (
                  <li key={i.accountId}>
                    {t(
                      'orgFailedInstance',
                      i.accountId,
                      i.detailedStatus ?? i.status,
                      i.reason ?? t('orgNoReason'),
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {props.members.length > 0 && (
        <details class="members">
          <summary>{plural('orgMembers', props.members.length)}</summary>
          <ul>
            {props.members.map((member) => (
              <li key={member.id}>
                <strong>{t('orgMemberAccount', member.accountId ?? '…')}</strong>
                <DeliveryLine setup={member} now={props.now} />
                {member.delivery && member.delivery.status !== 'delivered' && (
                  <button
                    type="button"
                    class="link"
                    aria-label={t('orgRetryMember', member.accountId ?? '…')}
                    onClick={() => props.onRetry(member.id)}
                  >
                    {t('retryNow')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="management">
        <p class="hint">
          {stackSet.managementAccountId
            ? t('orgManagementWhyAccount', stackSet.managementAccountId)
            : t('orgManagementWhy')}
        </p>
        {props.management ? (
          <p class="hint">{t('orgManagementUnderWay')}</p>
        ) : (
          <button type="button" disabled={props.busy} onClick={props.onConnectManagement}>
            {t('orgConnectManagement')}
          </button>
        )}
      </div>
    </>
  );
}

export function SetupList(props: {
  api: PopupApi;
  setups: Setup[];
  onError: (message: string) => void;
  /** Says a start went well (the management account's wizard opened). */
  onStarted?: (message: string) => void;
  /** The report token the popup holds for a service (from a connection code), if any. */
  tokenFor?: (profileId: string) => string | null;
  /** The levels of a service's profile today, to name an update's move by their labels. */
  levelsOf?: (profileId: string) => LevelChoice[];
}) {
  const [starting, setStarting] = useState(false);
  const now = props.api.now().getTime();
  const act = async (reply: Promise<Reply<null>>) => {
    const answer = await reply;
    if (!answer.ok) props.onError(refusalText(answer));
  };
  const discard = (setup: Setup) => {
    const unsent = setup.roleArn && setup.state !== 'delivered';
    if (unsent && !confirm(t('discardConfirm'))) return;
    void act(props.api.discard(setup.id));
  };
  const connectManagement = async (org: Setup) => {
    setStarting(true);
    const reply = await props.api.start(
      managementAccountStart(org, props.tokenFor?.(org.profileId) ?? null),
    );
    setStarting(false);
    if (reply.ok) props.onStarted?.(t('started', org.serviceName));
    else props.onError(refusalText(reply));
  };
  if (props.setups.length === 0) return <p class="hint">{t('noSetups')}</p>;
  // Member setups show under their organization setup; one whose parent is gone stands alone.
  const ids = new Set(props.setups.map((s) => s.id));
  const isGrouped = (s: Setup) =>
    s.mode === 'organization-member' && s.parentId !== undefined && ids.has(s.parentId);
  const membersOf = (org: Setup) =>
    props.setups
      .filter((s) => isGrouped(s) && s.parentId === org.id)
      .sort((a, b) => (a.accountId ?? '').localeCompare(b.accountId ?? ''));
  return (
    <ul class="setups">
      {props.setups
        .filter((s) => !isGrouped(s))
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((setup) =>
          setup.mode === 'organization' && setup.stackSet ? (
            <li key={setup.id} class="card">
              <p class="title">
                <strong>{setup.serviceName}</strong>{' '}
                <span class={`state ${organizationState(setup.stackSet).class}`}>
                  {t(organizationState(setup.stackSet).key)}
                </span>
              </p>
              <OrganizationDetails
                setup={setup}
                stackSet={setup.stackSet}
                members={membersOf(setup)}
                management={managementSetupOf(setup, props.setups)}
                now={now}
                onRetry={(id) => void act(props.api.retry(id))}
                onConnectManagement={() => void connectManagement(setup)}
                busy={starting}
              />
              {setup.problem && <p class="error">{setupProblemText(setup)}</p>}
              <div class="row">
                <button type="button" class="link" onClick={() => discard(setup)}>
                  {t('discard')}
                </button>
              </div>
            </li>
          ) : (
            <li key={setup.id} class="card">
              <p class="title">
                <strong>{setup.serviceName}</strong>{' '}
                <span class={`state ${setup.state}`}>{t(stateText(setup))}</span>
              </p>
              {setup.roleArn && <p class="mono">{setup.roleArn}</p>}
              {setup.mode === 'disconnect' && setup.roleGoneAt && (
                <p class="ok">
                  {t('disconnectRoleGone', new Date(setup.roleGoneAt).toLocaleString())}
                </p>
              )}
              {setup.mode === 'disconnect' && !!setup.deletedPolicyArns?.length && (
                <p class="ok">
                  {t(
                    'disconnectPoliciesDeleted',
                    setup.deletedPolicyArns.map(nameInArn).join(', '),
                  )}
                </p>
              )}
              {setup.roleArn && setup.mode !== 'access-keys' && setup.mode !== 'disconnect' && (
                <p class={setup.trustPolicyVerified ? 'ok' : 'warning'}>
                  {setup.trustPolicyVerified ? t('trustVerified') : t('trustNotVerified')}
                </p>
              )}
              {setup.mode === 'update-role' && setup.updateFrom?.levelId !== setup.levelId && (
                <p>
                  {t(
                    'updateFromTo',
                    levelLabel(props.levelsOf, setup.profileId, setup.updateFrom?.levelId ?? ''),
                    levelLabel(props.levelsOf, setup.profileId, setup.levelId),
                  )}
                </p>
              )}
              {keptFromBefore(setup).length > 0 && (
                <p class="warning">
                  {t('updateKept', keptFromBefore(setup).map(nameInArn).join(', '))}
                </p>
              )}
              {setup.roleArn && (setup.mode === 'create-role' || setup.mode === 'update-role') && (
                <p class={setup.permissionsVerified ? 'ok' : 'warning'}>
                  {setup.permissionsVerified
                    ? t('permissionsVerified')
                    : t('permissionsNotVerified')}
                </p>
              )}
              {(setup.trustProblemsCoded?.map(problemText) ?? setup.trustProblems).map((p) => (
                <p key={p} class="warning">
                  {p}
                </p>
              ))}
              {setup.problem && <p class="error">{setupProblemText(setup)}</p>}
              <DeliveryLine setup={setup} now={now} />
              <div class="row">
                {setup.delivery &&
                  setup.delivery.status !== 'delivered' &&
                  setup.mode !== 'access-keys' && (
                    <button type="button" onClick={() => void act(props.api.retry(setup.id))}>
                      {t('retryNow')}
                    </button>
                  )}
                {setup.roleArn && (
                  <button type="button" onClick={() => void props.api.copy(setup.roleArn ?? '')}>
                    {t('copyArn')}
                  </button>
                )}
                <button type="button" class="link" onClick={() => discard(setup)}>
                  {t('discard')}
                </button>
              </div>
            </li>
          ),
        )}
    </ul>
  );
}

/** An access level a connection can be checked against, by its label in the service's profile. */
export type LevelChoice = { id: string; label: string };

/** A level's label in its service's profile, else its id (a level the profile dropped). */
const levelLabel = (
  levelsOf: ((profileId: string) => LevelChoice[]) | undefined,
  profileId: string,
  levelId: string,
): string => levelsOf?.(profileId).find((l) => l.id === levelId)?.label ?? levelId;

/**
 * The accounts connected to each service. "Check and update" reads the role back against what
 * the service's profile asks for today, at its level or another; Disconnect asks first, in
 * Crossrole's own words, what it does and to whom. Both run on the console's pages
 * (docs/lifecycle.md), and the service is told only what IAM shows afterwards.
 */
export function Connections(props: {
  connections: Connection[];
  api?: Pick<PopupApi, 'disconnect' | 'update'>;
  /** The levels of a service's profile today (none: the profile is gone). */
  levelsOf?: (profileId: string) => LevelChoice[];
  onError?: (message: string) => void;
}) {
  const [asking, setAsking] = useState<{ id: string; what: 'update' | 'disconnect' } | null>(null);
  const [level, setLevel] = useState('');
  // The question takes the place of the button pressed: the keyboard's focus goes into it.
  const levelChoice = useRef<HTMLSelectElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => (levelChoice.current ?? confirmButton.current)?.focus(), [asking]);
  if (props.connections.length === 0) return null;
  const byService = new Map<string, Connection[]>();
  for (const c of props.connections)
    byService.set(c.serviceName, [...(byService.get(c.serviceName) ?? []), c]);
  const disconnect = async (c: Connection) => {
    setAsking(null);
    const answer = await props.api?.disconnect(c.setupId);
    if (answer && !answer.ok) props.onError?.(refusalText(answer));
  };
  const update = async (c: Connection, levelId: string) => {
    setAsking(null);
    const answer = await props.api?.update(c.setupId, levelId);
    if (answer && !answer.ok) props.onError?.(refusalText(answer));
  };
  const ask = (c: Connection, what: 'update' | 'disconnect') => {
    setLevel(c.levelId ?? '');
    setAsking({ id: c.setupId, what });
  };
  return (
    <section aria-labelledby="connected-title">
      <h2 id="connected-title">{t('connectedAccounts')}</h2>
      {[...byService].map(([service, list]) => (
        <div key={service} class="card">
          <p class="title">
            <strong>{service}</strong>{' '}
            <span class="hint">{plural('accountsCount', list.length)}</span>
          </p>
          <ul>
            {list.map((c) => {
              const why = disconnectProblem(c);
              const role = c.roleName ?? nameInArn(c.roleArn);
              const policies = (c.createdPolicyArns ?? []).map(nameInArn);
              const levels = props.levelsOf?.(c.profileId) ?? [];
              const canUpdate = !updateProblem(c) && levels.length > 0;
              const chosen = levels.some((l) => l.id === level) ? level : (levels[0]?.id ?? '');
              return (
                <li key={c.setupId}>
                  {c.accountId} <span class="hint">({c.partition})</span>{' '}
                  <span class="hint">{role}</span>
                  {c.disconnectedAt ? (
                    <p class="hint">
                      {t('disconnectedOn', new Date(c.disconnectedAt).toLocaleDateString())}
                    </p>
                  ) : asking?.id === c.setupId && asking.what === 'update' ? (
                    <div class="confirm check" role="group" aria-labelledby={`update-${c.setupId}`}>
                      <p id={`update-${c.setupId}`}>
                        <strong>{t('updateAsk', role, c.accountId, service)}</strong>
                      </p>
                      <label>
                        {t('updateLevel')}{' '}
                        <select
                          ref={levelChoice}
                          value={chosen}
                          onChange={(e) => setLevel((e.target as HTMLSelectElement).value)}
                        >
                          {levels.map((l) => (
                            <option key={l.id} value={l.id}>
                              {l.label}
                            </option>
                          ))}
                        </select>
                      </label>
                      <p>{t('updateWhat', service)}</p>
                      <div class="row">
                        <button
                          type="button"
                          class="primary"
                          onClick={() => void update(c, chosen)}
                        >
                          {t('updateOpen')}
                        </button>
                        <button type="button" class="link" onClick={() => setAsking(null)}>
                          {t('cancel')}
                        </button>
                      </div>
                    </div>
                  ) : asking?.id === c.setupId ? (
                    <div class="confirm" role="group" aria-labelledby={`disconnect-${c.setupId}`}>
                      <p id={`disconnect-${c.setupId}`}>
                        <strong>{t('disconnectAsk', role, c.accountId)}</strong>
                      </p>
                      <p>{t('disconnectWhat', service)}</p>
                      {policies.length > 0 && <p>{t('disconnectPolicies', policies.join(', '))}</p>}
                      <div class="row">
                        <button
                          ref={confirmButton}
                          type="button"
                          class="primary"
                          onClick={() => void disconnect(c)}
                        >
                          {t('disconnectOpen')}
                        </button>
                        <button type="button" class="link" onClick={() => setAsking(null)}>
                          {t('cancel')}
                        </button>
                      </div>
                    </div>
                  ) : (
                    <>
                      {why && (
                        <p class="hint">
                          {t(c.existingRole ? 'disconnectExisting' : 'disconnectOld')}
                        </p>
                      )}
                      {props.api && (canUpdate || !why) && (
                        <div class="row">
                          {canUpdate && (
                            <button
                              type="button"
                              aria-label={t('updateLabel', role, c.accountId)}
                              onClick={() => ask(c, 'update')}
                            >
                              {t('updateCheck')}
                            </button>
                          )}
                          {!why && (
                            <button
                              type="button"
                              aria-label={t('disconnectLabel', role, c.accountId)}
                              onClick={() => ask(c, 'disconnect')}
                            >
                              {t('disconnect')}
                            </button>
                          )}
                        </div>
                      )}
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
