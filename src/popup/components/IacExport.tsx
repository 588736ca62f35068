// "Use infrastructure as code instead" (docs/iac.md): the plan the review would start, planned
// by core exactly as the background plans it, as a CloudFormation template and a Terraform
// snippet to copy or download. Downloads go through a Blob URL and an <a download>, so no
// permission is needed. Crossrole never sees a role made this way: the note says what the
// customer must give the service instead.
import { useMemo } from 'preact/hooks';
import { cloudFormationTemplate, terraformSnippet } from '../../core/iac.ts';
import { planSetup } from '../../core/machine.ts';
import type { SetupStartInput } from '../../core/messages.ts';
import type { ServiceProfile } from '../../core/profile.ts';
import { t } from '../i18n.ts';
import { CopyButton } from './Copy.tsx';

/** Saves text as a file: a Blob URL clicked through a detached <a download>. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // Revoked later, not at once: the browser may still be reading it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function IacExport(props: {
  profile: ServiceProfile;
  /** What the review would start, or null while it cannot (no External ID yet). */
  input: SetupStartInput | null;
  copy: (text: string) => Promise<void>;
}) {
  const { profile, input } = props;
  const planned = useMemo(
    () =>
      input
        ? planSetup(profile, { ...input, mode: 'create-role' }, { id: 'iac', now: 0, reuse: null })
        : null,
    [profile, input],
  );
  // A plan that fails is already said by the review, in the popup's language: nothing to add.
  if (!planned?.ok) return null;
  const setup = planned.value.setup;
  const files = [
    {
      title: t('iacCloudFormation', 'CloudFormation', 'JSON'),
      file: `${setup.roleName}.template.json`,
      type: 'application/json',
      result: cloudFormationTemplate(setup),
    },
    {
      title: t('iacTerraform', 'Terraform'),
      file: `${setup.roleName}.tf`,
      type: 'text/plain',
      result: terraformSnippet(setup),
    },
  ];

  return (
    <details class="secondary iac">
      <summary>{t('iacTitle')}</summary>
      <>
        <p class="hint">
          {t('iacNote', profile.name, 'RoleArn / role_arn', planned.value.setup.externalId)}
        </p>
        {files.map((f) => (
          <div key={f.file} class="field">
            <span class="label">{f.title}</span>
            {f.result.ok ? (
              <div class="row">
                <code class="value">{f.file}</code>
                <CopyButton value={f.result.value} what={f.title} copy={props.copy} />
                <button
                  type="button"
                  class="link"
                  aria-label={t('iacDownloadWhat', f.title)}
                  onClick={() => f.result.ok && download(f.file, f.result.value, f.type)}
                >
                  {t('iacDownload')}
                </button>
              </div>
            ) : (
              <p class="error">{t('iacUnavailable', f.result.error)}</p>
            )}
          </div>
        ))}
      </>
    </details>
  );
}
