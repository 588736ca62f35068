// Import a profile or a connection code: nothing is kept until the customer has seen who the
// service is, which AWS account it uses and where its reports go, and the browser has allowed
// that origin.
import { useEffect, useState } from 'preact/hooks';
import { looksLikeConnectionCode } from '../../core/connection-code.ts';
import { grantLines, grantRisks } from '../../core/grant-risk.ts';
import { PARTITION_LABELS } from '../../core/partition.ts';
import {
  parseProfile,
  reportOrigin,
  serviceAccountIn,
  supportedPartitions,
  trustedPrincipalArn,
  type AccessLevel,
  type ServiceProfile,
} from '../../core/profile.ts';
import { checkImport, readConnectionCode } from '../../core/imports.ts';
import type { FieldError } from '../../core/result.ts';
import type { PopupApi } from '../api.ts';
import { t } from '../i18n.ts';
import { fieldErrorText, refusalText } from '../problems.ts';
import { Risks } from './Risks.tsx';

export type Imported = {
  profile: ServiceProfile;
  builtin: boolean;
  token: string | null;
  externalId: string | null;
  /** Pasted as a connection code (from outside Crossrole), not as a profile. */
  fromCode: boolean;
  /** The code's words for whose connection it is. */
  label: string | null;
};

export function ImportProfile(props: {
  api: PopupApi;
  /** The profiles the customer imported before (built-in ones come from `api`). */
  imported: readonly ServiceProfile[];
  onImported: (imported: Imported) => void;
  /** Told while a read code or profile waits for Confirm and allow (or Cancel). */
  onConfirming?: (waiting: boolean) => void;
}) {
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [pending, setPending] = useState<Imported | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { onConfirming } = props;
  useEffect(() => {
    onConfirming?.(pending !== null);
    return () => onConfirming?.(false);
  }, [pending, onConfirming]);

  function read(event: Event) {
    event.preventDefault();
    setProblem(null);
    const input = text.trim();
    const known = { builtin: props.api.builtinProfiles, imported: props.imported };
    const build = { developmentBuild: props.api.developmentBuild };
    if (looksLikeConnectionCode(input)) {
      const code = readConnectionCode(input, known, build, props.api.now());
      if (!code.ok) return setErrors(code.errors);
      setErrors([]);
      setPending({
        profile: code.value.profile,
        // Only a code that names a built-in by id runs the built-in: a carried profile never
        // has a built-in's id (parseConnectionCode refuses it), and is saved as an import.
        builtin:
          !code.value.profileIncluded && props.api.builtinProfiles.includes(code.value.profile),
        token: code.value.token,
        externalId: code.value.externalId,
        fromCode: true,
        label: code.value.label,
      });
      return;
    }
    const profile = parseProfile(input);
    if (!profile.ok) return setErrors(profile.errors);
    const refused = checkImport(profile.value, known, build);
    if (refused.length) return setErrors(refused);
    setErrors([]);
    setPending({
      profile: profile.value,
      builtin: false,
      token: null,
      externalId: null,
      fromCode: false,
      label: null,
    });
  }

  async function confirm() {
    if (!pending) return;
    const origin = reportOrigin(pending.profile);
    // Asked first in the click handler: browsers want the user gesture (and no prompt if granted).
    const allowed = await props.api.requestOrigin(origin);
    if (!allowed) return setProblem(t('importNoPermission', origin));
    if (!pending.builtin) {
      const saved = await props.api.saveProfile(pending.profile);
      if (!saved.ok) return setProblem(refusalText(saved));
    }
    props.onImported(pending);
    setPending(null);
    setText('');
  }

  if (pending) {
    const p = pending.profile;
    return (
      <section class="card confirm" aria-labelledby="confirm-title">
        <h3 id="confirm-title">{t('importConfirmTitle', p.name)}</h3>
        {pending.fromCode && <p class="warning">{t('importPasted', p.name)}</p>}
        <CodeDetails pending={pending} />
        <p class="hint">{t('importConfirmHint')}</p>
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        <div class="row">
          <button type="button" class="primary" onClick={() => void confirm()}>
            {t('confirmAndAllow')}
          </button>
          <button type="button" onClick={() => setPending(null)}>
            {t('cancel')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <form class="import" onSubmit={read}>
      <label for="import-text">{t('importLabel')}</label>
      <textarea
        id="import-text"
        rows={3}
        value={text}
        spellcheck={false}
        aria-describedby={errors.length ? 'import-errors' : undefined}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      {errors.length > 0 && (
        <ul id="import-errors" class="errors" role="alert">
          {errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              <code>{e.path}</code>: {fieldErrorText(e)}
            </li>
          ))}
        </ul>
      )}
      <button type="submit" disabled={!text.trim()}>
        {t('import')}
      </button>
    </form>
  );
}

/**
 * Who the service of a code or profile is, for the customer to confirm: whose connection it is,
 * its AWS account and trusted principal, where reports go, the token, and (for a link) where the
 * External ID comes from; then every level and option with what it grants.
 */
export function CodeDetails(props: { pending: Imported; showExternalId?: boolean }) {
  const { pending } = props;
  const p = pending.profile;
  return (
    <>
      <dl>
        {pending.fromCode && (
          <div>
            <dt>{t('importConnectionFor')}</dt>
            <dd>{pending.label ?? t('importNoLabel', p.name)}</dd>
          </div>
        )}
        {supportedPartitions(p).map((partition) => (
          <div key={partition}>
            <dt>{t('importAccount', PARTITION_LABELS[partition])}</dt>
            <dd>{serviceAccountIn(p, partition)}</dd>
          </div>
        ))}
        <div>
          <dt>{t('importPrincipal')}</dt>
          <dd class="mono">{trustedPrincipalArn(p, 'aws')}</dd>
        </div>
        <div>
          <dt>{t('importReportsTo')}</dt>
          <dd class="mono">{reportOrigin(p)}</dd>
        </div>
        {props.showExternalId && (
          <div>
            <dt>{t('externalId')}</dt>
            <dd>
              {p.externalId.source === 'service'
                ? t('linkExternalIdService', p.name, pending.externalId ?? '')
                : t('linkExternalIdGenerated')}
            </dd>
          </div>
        )}
        {pending.token && (
          <div>
            <dt>{t('importToken')}</dt>
            <dd>{t('importTokenKept')}</dd>
          </div>
        )}
      </dl>
      <Grants profile={p} />
    </>
  );
}

/** Every level and option with every policy it grants, and what to beware of in each. */
function Grants(props: { profile: ServiceProfile }) {
  const sets = (title: string, list: readonly AccessLevel[]) =>
    list.length > 0 && (
      <>
        <h4>{title}</h4>
        <ul class="grants">
          {list.map((set) => (
            <li key={set.id}>
              <strong>{set.label}</strong>
              <ul>
                {grantLines(set).map((line) => (
                  <li key={line.policy}>
                    {line.kind === 'managed'
                      ? t('grantManaged', line.policy)
                      : t('grantCustom', line.policy)}
                    {line.grants.map((g) => (
                      <span key={g} class="mono block">
                        {g}
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
              <Risks risks={grantRisks(set)} />
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <div class="grants-all">
      {sets(t('importLevels'), props.profile.access)}
      {sets(t('importOptions'), props.profile.options ?? [])}
    </div>
  );
}
