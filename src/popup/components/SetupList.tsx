// Progress and results of every setup, newest first, with "Retry now", "Copy ARN" and
// "Discard"; then the accounts connected to each service.
import type { Connection, Reply } from '../../core/messages.ts';
import type { Setup } from '../../core/setup.ts';
import type { PopupApi } from '../api.ts';
import { plural, t, type MessageKey } from '../i18n.ts';
import { problemText, refusalText } from '../problems.ts';

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

export function SetupList(props: {
  api: PopupApi;
  setups: Setup[];
  onError: (message: string) => void;
}) {
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
  if (props.setups.length === 0) return <p class="hint">{t('noSetups')}</p>;
  return (
    <ul class="setups">
      {[...props.setups]
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((setup) => (
          <li key={setup.id} class="card">
            <p class="title">
              <strong>{setup.serviceName}</strong>{' '}
              <span class={`state ${setup.state}`}>{t(STATE_TEXT[setup.state])}</span>
            </p>
            {setup.roleArn && <p class="mono">{setup.roleArn}</p>}
            {setup.roleArn && setup.mode !== 'access-keys' && (
              <p class={setup.trustPolicyVerified ? 'ok' : 'warning'}>
                {setup.trustPolicyVerified ? t('trustVerified') : t('trustNotVerified')}
              </p>
            )}
            {setup.roleArn && setup.mode === 'create-role' && (
              <p class={setup.permissionsVerified ? 'ok' : 'warning'}>
                {setup.permissionsVerified ? t('permissionsVerified') : t('permissionsNotVerified')}
              </p>
            )}
            {(setup.trustProblemsCoded?.map(problemText) ?? setup.trustProblems).map((p) => (
              <p key={p} class="warning">
                {p}
              </p>
            ))}
            {setup.problem && <p class="error">{setup.problem}</p>}
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
        ))}
    </ul>
  );
}

export function Connections(props: { connections: Connection[] }) {
  if (props.connections.length === 0) return null;
  const byService = new Map<string, Connection[]>();
  for (const c of props.connections)
    byService.set(c.serviceName, [...(byService.get(c.serviceName) ?? []), c]);
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
            {list.map((c) => (
              <li key={c.setupId}>
                {c.accountId} <span class="hint">({c.partition})</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
