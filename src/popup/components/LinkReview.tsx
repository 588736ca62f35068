// The link window, src/popup/index.html?link=<id> (docs/vendors.md §6): a service's link was
// picked up in a console tab, and the customer reviews it here, in Crossrole's own window, never
// in the page. The same confirmation as a pasted code (who the service is, its account and
// principal, where reports go, every level with what it grants, the External ID's source, the
// risks), then the normal review. "Confirm and allow" asks for the report origin inside the click
// and starts the setup in the link's console tab; "Dismiss" forgets the link. A refused link
// shows why, and nothing exists to start.
import { useEffect, useState } from 'preact/hooks';
import { readConnectionCode } from '../../core/imports.ts';
import { LINK_CONFIRM_DELAY_MS } from '../../core/limits.ts';
import type { LinkView, Reply, SetupStarted, SetupStartInput } from '../../core/messages.ts';
import { reportOrigin } from '../../core/profile.ts';
import type { FieldError } from '../../core/result.ts';
import type { RoleTag } from '../../core/tags.ts';
import type { PopupApi } from '../api.ts';
import { t } from '../i18n.ts';
import { fieldErrorText, refusalText } from '../problems.ts';
import { CodeDetails, type Imported } from './ImportProfile.tsx';
import { Review } from './Review.tsx';

type Shown =
  | { kind: 'loading' }
  | { kind: 'gone'; error: string }
  | { kind: 'refused'; errors: FieldError[] }
  | { kind: 'ready'; link: LinkView; pending: Imported; customerTags: RoleTag[] };

export function LinkReview(props: { api: PopupApi; linkId: string }) {
  const { api, linkId } = props;
  const [shown, setShown] = useState<Shown>({ kind: 'loading' });
  const [armed, setArmed] = useState(false);
  const [consoleAccess, setConsoleAccess] = useState(true);

  useEffect(() => {
    void (async () => {
      const [reply, state] = await Promise.all([api.link(linkId), api.state().catch(() => null)]);
      if (!reply.ok) return setShown({ kind: 'gone', error: refusalText(reply) });
      const link = reply.value;
      if (link.code === null) return setShown({ kind: 'refused', errors: link.errors });
      // Read again here as a pasted code is, against what this page knows.
      const code = readConnectionCode(
        link.code,
        { builtin: api.builtinProfiles, imported: state?.importedProfiles ?? [] },
        { developmentBuild: api.developmentBuild },
        api.now(),
      );
      if (!code.ok) return setShown({ kind: 'refused', errors: code.errors });
      setShown({
        kind: 'ready',
        link,
        pending: {
          profile: code.value.profile,
          builtin: !code.value.profileIncluded,
          token: code.value.token,
          externalId: code.value.externalId,
          fromCode: true,
          label: code.value.label,
        },
        customerTags: state?.customerTags ?? [],
      });
    })().catch(() => setShown({ kind: 'gone', error: t('stateUnavailable') }));
    void api.hasConsoleAccess().then(setConsoleAccess, () => setConsoleAccess(false));
  }, [api, linkId]);

  // A click meant for the page, as the window pops up, must not land on Confirm and allow.
  useEffect(() => {
    if (shown.kind !== 'ready') return;
    const timer = setTimeout(() => setArmed(true), LINK_CONFIRM_DELAY_MS);
    return () => clearTimeout(timer);
  }, [shown]);

  const dismiss = async () => {
    await api.dismissLink(linkId);
    api.closeWindow();
  };

  let body;
  if (shown.kind === 'loading') {
    body = <p role="status">{t('linkLoading')}</p>;
  } else if (shown.kind === 'gone') {
    body = (
      <section aria-labelledby="link-title">
        <h2 id="link-title">{t('linkGoneTitle')}</h2>
        <p class="error" role="alert">
          {shown.error}
        </p>
        <button type="button" onClick={() => api.closeWindow()}>
          {t('close')}
        </button>
      </section>
    );
  } else if (shown.kind === 'refused') {
    body = (
      <section aria-labelledby="link-title">
        <h2 id="link-title">{t('linkRefusedTitle')}</h2>
        <ul class="errors" role="alert">
          {shown.errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code>{e.path}</code>: {fieldErrorText(e)}
            </li>
          ))}
        </ul>
        <p class="hint">{t('linkRefusedHint')}</p>
        <button type="button" onClick={() => void dismiss()}>
          {t('close')}
        </button>
      </section>
    );
  } else {
    const { link, pending, customerTags } = shown;
    const profile = pending.profile;
    const start = async (input: SetupStartInput): Promise<Reply<SetupStarted>> => {
      const origin = reportOrigin(profile);
      // First, in the click: browsers grant permissions to a user gesture only.
      const allowed = await api.requestOrigin(origin);
      if (!allowed) return { ok: false, error: t('linkNoPermission', origin) };
      const { tabId: _tabId, token: _token, ...choices } = input;
      const started = await api.startLink(linkId, choices);
      if (started.ok) api.closeWindow();
      return started;
    };
    body = (
      <>
        <section class="card confirm" aria-labelledby="confirm-title">
          <h2 id="confirm-title">{t('importConfirmTitle', profile.name)}</h2>
          <p class="warning">{t('linkFrom', profile.name)}</p>
          <CodeDetails pending={pending} showExternalId />
          <p class="hint">{t('importConfirmHint')}</p>
        </section>
        <Review
          api={api}
          profile={profile}
          code={pending}
          consoleTab={null}
          consoleAccess={consoleAccess}
          onStarted={() => undefined}
          customerTags={customerTags}
          link={{
            partition: link.partition,
            start,
            armed,
            hint: t('linkContinues', link.host),
            secondary: (
              <button type="button" class="wide" onClick={() => void dismiss()}>
                {t('dismiss')}
              </button>
            ),
          }}
        />
      </>
    );
  }

  return (
    <main>
      <header>
        <h1>Crossrole</h1>
      </header>
      {body}
    </main>
  );
}
