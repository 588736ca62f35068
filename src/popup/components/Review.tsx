// Review before start: who gets what, in plain words and in JSON, with every value copyable and
// every problem core finds. Nothing is created until the customer presses a start button.
// Layout for a 380 × 600 popup: who gets what and its warnings first, the choices that change it
// next, details folded, and the one start button of the chosen way in a bar that stays in view.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { roleNameProblem, sanitizeDescription, userNameForRole } from '../../core/arn.ts';
import { generateExternalId } from '../../core/external-id.ts';
import { grantRisks } from '../../core/grant-risk.ts';
import { PARTITION_LABELS, type Partition } from '../../core/partition.ts';
import { defaultOptionIds, planPermissions } from '../../core/permissions.ts';
import {
  defaultLevel,
  profileMethods,
  serviceAccountIn,
  supportedPartitions,
  trustedPrincipalArn,
  type ServiceProfile,
} from '../../core/profile.ts';
import { buildTrustPolicy, trustPolicySizeProblem } from '../../core/trust-policy.ts';
import type { ConsoleTab, Reply, SetupStarted, SetupStartInput } from '../../core/messages.ts';
import type { RoleTag } from '../../core/tags.ts';
import type { PopupApi } from '../api.ts';
import { plural, t } from '../i18n.ts';
import { problemText, refusalText } from '../problems.ts';
import { ouTargets, type Targets } from '../targets.ts';
import { CopyButton, JsonView } from './Copy.tsx';
import { IacExport } from './IacExport.tsx';
import {
  CLOUDFORMATION,
  OrganizationChoice,
  STACKSET,
  type TargetKind,
  type Where,
} from './OrganizationChoice.tsx';
import { Risks } from './Risks.tsx';
import {
  newRow,
  refusedAtRow,
  rowProblems,
  rowsToSend,
  Tags,
  tagsOf,
  tagText,
  type RowProblem,
  type TagRow,
} from './Tags.tsx';

const policyName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** A session duration in words: "2 hours", "1 hour 30 minutes" (IAM takes any 1–12 hours). */
function durationText(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return [
    ...(hours ? [plural('durationHours', hours)] : []),
    ...(minutes ? [plural('durationMinutes', minutes)] : []),
    ...(rest ? [plural('durationSeconds', rest)] : []),
  ].join(' ');
}

/** A refusal's tag problems, each kept while its field is still as it was sent. */
type RefusedTag = { problem: RowProblem; sent: string | null };
const tagsKey = (rows: readonly TagRow[]) => JSON.stringify(tagsOf(rows));

/** Mounted per service (App keys it by profile id), so every choice starts from its defaults. */
export function Review(props: {
  api: PopupApi;
  profile: ServiceProfile;
  code: { token: string | null; externalId: string | null; label?: string | null } | null;
  consoleTab: ConsoleTab | null;
  /** Without it no content script runs: nothing would be filled or captured. */
  consoleAccess: boolean;
  onStarted: (message: string) => void;
  /** The tags the customer gave last time (popup.state), offered again; undefined until read. */
  customerTags?: readonly RoleTag[] | undefined;
  /** What the popup shows below the review, above its action bar. */
  children?: ComponentChildren;
  /**
   * The link window (docs/vendors.md §6): the console tab and its partition are the link's, the
   * one button is "Confirm and allow" (`start` asks for the report origin first, inside the
   * click), enabled once `armed`, with `secondary` (Dismiss) beside it.
   */
  link?: {
    partition: Partition;
    start: (input: SetupStartInput) => Promise<Reply<SetupStarted>>;
    armed: boolean;
    hint: string;
    secondary: ComponentChildren;
  };
}) {
  const { api, profile, code } = props;
  const partitions = supportedPartitions(profile);
  const [levelId, setLevelId] = useState(defaultLevel(profile).id);
  const [optionIds, setOptionIds] = useState<string[]>(defaultOptionIds(profile));
  const [partition, setPartition] = useState<Partition>(
    props.link?.partition ?? partitions[0] ?? 'aws',
  );
  const generate = () =>
    profile.externalId.source === 'generate'
      ? generateExternalId(profile.externalId.prefix ?? '')
      : '';
  const [generated, setGenerated] = useState(generate);
  const [roleName, setRoleName] = useState(profile.role.name);
  const [description, setDescription] = useState(
    sanitizeDescription(profile.role.description ?? ''),
  );
  const [existingRole, setExistingRole] = useState('');
  // The customer's tags: those given last time, once popup.state has them, unless already typed.
  const fixedTags = profile.role.tags ?? [];
  const [tagRows, setTagRows] = useState<TagRow[]>(() => (props.customerTags ?? []).map(newRow));
  const prefilled = useRef(props.customerTags !== undefined);
  useEffect(() => {
    if (prefilled.current || props.customerTags === undefined) return;
    prefilled.current = true;
    const remembered = props.customerTags;
    setTagRows((rows) => (rows.length ? rows : remembered.map(newRow)));
  }, [props.customerTags]);
  const [refusedTags, setRefusedTags] = useState<RefusedTag[]>([]);
  // A boundary policy the customer's organisation requires on every role (docs/guardrails.md).
  const [boundary, setBoundary] = useState('');
  const [startError, setStartError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The way to connect: the role by default; another way only while its fold is open.
  const [method, setMethod] = useState<SetupStartInput['mode']>('create-role');
  const toggleMethod = (mode: SetupStartInput['mode']) =>
    setMethod((current) => (current === mode ? 'create-role' : mode));
  // A fold opened just above the action bar would open under it: bring what it shows into view.
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (method !== 'create-role') panel.current?.scrollIntoView?.({ block: 'nearest' });
  }, [method]);
  // A new role in this account or in every account of the Organization (docs/organizations.md).
  // Links stay single account: the link window offers no "Where".
  const offersOrganization = !props.link && profileMethods(profile).includes('role');
  const [where, setWhere] = useState<Where>('account');
  const [targetKind, setTargetKind] = useState<TargetKind>('organization');
  const [ouText, setOuText] = useState('');
  const organization = offersOrganization && method === 'create-role' && where === 'organization';
  const targets: { ok: true; targets: Targets } | { ok: false; problem: string } =
    targetKind === 'organization'
      ? { ok: true, targets: { kind: 'organization' } }
      : ouTargets(ouText);

  const externalId =
    profile.externalId.source === 'service' ? (code?.externalId ?? null) : generated;
  const plan = useMemo(
    () => planPermissions(profile, levelId, optionIds, partition),
    [profile, levelId, optionIds, partition],
  );
  const principalArn = trustedPrincipalArn(profile, partition) ?? '';
  const serviceAccount = serviceAccountIn(profile, partition) ?? '';
  const trustPolicy = externalId ? buildTrustPolicy({ principalArn, externalId }) : null;
  const sizeProblem = trustPolicy ? trustPolicySizeProblem(trustPolicy) : null;
  const nameProblem = roleNameProblem(roleName);
  const userName = userNameForRole(roleName);
  const blockers = [
    ...plan.errors.map(problemText),
    ...(sizeProblem ? [problemText(sizeProblem)] : []),
    ...(externalId ? [] : [t('needsCode', profile.name)]),
    ...(profile.report.auth === 'token' && !code?.token ? [t('needsCode', profile.name)] : []),
    ...(props.consoleAccess ? [] : [t('needsConsoleAccess')]),
  ];
  const continueHere =
    props.consoleTab && props.consoleTab.partition === partition ? props.consoleTab : null;
  // What to beware of in the level and each option ticked, worst first.
  const risks = useMemo(
    () =>
      [
        profile.access.find((l) => l.id === levelId),
        ...optionIds.map((id) => profile.options?.find((o) => o.id === id)),
      ]
        .filter((set) => set !== undefined)
        .flatMap(grantRisks)
        .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'danger' ? -1 : 1)),
    [profile, levelId, optionIds],
  );
  const granted = [
    ...plan.managedPolicyArns.map(policyName),
    ...plan.customPolicies.map((p) => p.name),
  ];
  // Tags and the session duration are the new role's in this account only, as core plans them.
  const tagsApply = method === 'create-role' && !organization;
  const sentRows = rowsToSend(tagRows);
  const stillRefused = refusedTags.filter(({ problem, sent }) => {
    if (problem.row === null || problem.field === null) return sent === tagsKey(sentRows);
    const row = tagRows.find((r) => r.id === problem.row);
    return row !== undefined && row[problem.field] === sent;
  });
  const tagProblems = tagsApply
    ? [
        ...rowProblems(tagRows, fixedTags, profile.name),
        ...stillRefused.map((r) => r.problem),
      ].filter(
        (p, i, all) =>
          all.findIndex((q) => q.row === p.row && q.field === p.field && q.text === p.text) === i,
      )
    : [];
  // Why the start waits: core's findings above, and a tag to fix (said at its field).
  const waits = tagProblems.length ? [...blockers, t('tagsNeedFixing')] : blockers;
  const sessionSeconds = tagsApply ? (profile.role.maxSessionDurationSeconds ?? null) : null;
  const roleTags = tagsApply ? [...fixedTags, ...tagsOf(sentRows)] : [];

  async function start(mode: SetupStartInput['mode'], name: string) {
    if (!externalId || (mode === 'organization' && !targets.ok)) return;
    setBusy(true);
    setStartError(null);
    setRefusedTags([]);
    const sent = sentRows;
    // In the link window the first call is the permission request, still inside the click.
    const reply = await (props.link?.start ?? api.start)({
      mode,
      profileId: profile.id,
      levelId,
      optionIds,
      partition,
      roleName: name,
      roleDescription: description,
      externalId,
      ...(code?.token ? { token: code.token } : {}),
      // The IAM tab open is no place for the stack set: CloudFormation opens in a tab of its own.
      ...(continueHere && mode !== 'organization' ? { tabId: continueHere.tabId } : {}),
      ...(mode === 'organization' && targets.ok ? { targets: targets.targets } : {}),
      // The customer's own tags only: the background adds the profile's, and keeps these (none
      // sent keeps none) to offer next time.
      ...(mode === 'create-role' && sent.length ? { tags: tagsOf(sent) } : {}),
      ...(mode === 'create-role' && boundary.trim()
        ? { permissionsBoundary: boundary.trim() }
        : {}),
    });
    setBusy(false);
    if (reply.ok) {
      props.onStarted(
        mode === 'organization'
          ? t('orgStarted', CLOUDFORMATION, profile.name)
          : t('started', profile.name),
      );
      return;
    }
    // A refused tag is shown at its row (the bar says a tag needs fixing); the rest here.
    const errors = reply.errors ?? [];
    const atRows = errors.flatMap((e) => {
      const at = refusedAtRow(e, sent);
      if (!at) return [];
      const row = at.row === null ? undefined : sent.find((r) => r.id === at.row);
      return [{ problem: at, sent: row && at.field ? row[at.field] : tagsKey(sent) }];
    });
    setRefusedTags(atRows);
    const others = errors.filter((e) => !refusedAtRow(e, sent));
    if (atRows.length === 0 || others.length > 0)
      setStartError(refusalText(atRows.length ? { ...reply, errors: others } : reply));
  }

  const toggleOption = (id: string, on: boolean) =>
    setOptionIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  const keys = method === 'access-keys';
  const mode: SetupStartInput['mode'] = organization ? 'organization' : method;
  const action = {
    'create-role': {
      label: t('openInConsole'),
      name: roleName,
      invalid: Boolean(nameProblem),
      opens: t('opensTab', PARTITION_LABELS[partition]),
    },
    'update-trust': {
      label: t('updateExistingRole'),
      name: existingRole,
      invalid: Boolean(roleNameProblem(existingRole)),
      opens: t('existingRoleOpensTab', PARTITION_LABELS[partition]),
    },
    'access-keys': {
      label: t('useAccessKeys'),
      name: userName,
      invalid: Boolean(roleNameProblem(userName)),
      opens: t('accessKeysOpensTab', PARTITION_LABELS[partition]),
    },
    organization: {
      label: t('orgOpenInCloudFormation', CLOUDFORMATION),
      name: roleName,
      invalid: Boolean(nameProblem) || !targets.ok,
      opens: t('orgOpensTab', CLOUDFORMATION, PARTITION_LABELS[partition], STACKSET),
    },
  }[mode];

  return (
    <>
      <section class="review" aria-labelledby="review-title">
        <h2 id="review-title">{t('reviewTitle', profile.name)}</h2>
        {code?.label && <p class="hint">{t('connectionCodeFor', code.label)}</p>}

        {/* Who gets what, for the way chosen, with what to beware of: never behind a fold. */}
        <div class="who" role="note">
          {keys
            ? t('accessKeysGrant', userName, granted.join(', '), profile.name)
            : t(
                organization ? 'orgWhoGetsWhat' : 'whoGetsWhat',
                profile.name,
                serviceAccount,
                externalId ?? '…',
                granted.join(', '),
              )}
          {/* What else the new role will carry, before anything is created. */}
          {roleTags.length > 0 && <p>{t('planTags', roleTags.map(tagText).join(', '))}</p>}
          {tagsApply && boundary.trim() && <p>{t('planBoundary', boundary.trim())}</p>}
          {sessionSeconds !== null && (
            <p>{t('planSessionDuration', durationText(sessionSeconds))}</p>
          )}
        </div>
        <Risks risks={risks} />
        {plan.warnings.map((w) => (
          <p key={w.message} class="warning" role="status">
            {problemText(w)}
          </p>
        ))}

        {offersOrganization && method === 'create-role' && (
          <OrganizationChoice
            where={where}
            onWhere={setWhere}
            targetKind={targetKind}
            onTargetKind={setTargetKind}
            ouText={ouText}
            onOuText={setOuText}
            ouProblem={targets.ok ? null : targets.problem}
            roleName={roleName}
          />
        )}

        <fieldset>
          <legend>{t('accessLevel')}</legend>
          {profile.access.map((level) => (
            <label key={level.id} class="choice">
              <input
                type="radio"
                name="level"
                value={level.id}
                checked={levelId === level.id}
                onChange={() => setLevelId(level.id)}
              />
              <span>
                <strong>{level.label}</strong>
                {level.description && <span class="hint">{level.description}</span>}
                <span class="hint">
                  {t(
                    'grants',
                    [
                      ...(level.managedPolicyArns ?? []).map(policyName),
                      ...(level.customPolicies ?? []).map((p) => p.name),
                    ].join(', '),
                  )}
                </span>
              </span>
            </label>
          ))}
        </fieldset>

        {(profile.options?.length ?? 0) > 0 && (
          <fieldset>
            <legend>{t('options')}</legend>
            {profile.options!.map((option) => (
              <label key={option.id} class="choice">
                <input
                  type="checkbox"
                  checked={optionIds.includes(option.id)}
                  onChange={(e) => toggleOption(option.id, (e.target as HTMLInputElement).checked)}
                />
                <span>
                  <strong>{option.label}</strong>
                  {option.description && <span class="hint">{option.description}</span>}
                </span>
              </label>
            ))}
          </fieldset>
        )}

        {partitions.length > 1 && !props.link && (
          <div class="field">
            <label for="partition">{t('partition')}</label>
            <select
              id="partition"
              value={partition}
              onChange={(e) => setPartition((e.target as HTMLSelectElement).value as Partition)}
            >
              {partitions.map((p) => (
                <option key={p} value={p}>
                  {PARTITION_LABELS[p]}
                </option>
              ))}
            </select>
          </div>
        )}

        <div class="field">
          <label for="role-name">{t('roleName')}</label>
          <input
            id="role-name"
            value={roleName}
            aria-invalid={nameProblem ? 'true' : 'false'}
            aria-describedby="role-name-help"
            onInput={(e) => setRoleName((e.target as HTMLInputElement).value)}
          />
          <p id="role-name-help" class={nameProblem ? 'error' : 'hint'}>
            {nameProblem ? t('roleNameProblem', problemText(nameProblem)) : t('roleNameHint')}
          </p>
        </div>
        <div class="field">
          <label for="role-description">{t('roleDescription')}</label>
          <textarea
            id="role-description"
            rows={2}
            value={description}
            onInput={(e) =>
              setDescription(sanitizeDescription((e.target as HTMLTextAreaElement).value))
            }
          />
        </div>
        {tagsApply && (
          <Tags
            service={profile.name}
            fixed={fixedTags}
            rows={tagRows}
            onRows={setTagRows}
            problems={tagProblems}
          />
        )}
        {tagsApply && (
          <div class="field">
            <label for="permissions-boundary">{t('boundaryLabel')}</label>
            <input
              id="permissions-boundary"
              value={boundary}
              spellcheck={false}
              aria-describedby="permissions-boundary-help"
              onInput={(e) => setBoundary((e.target as HTMLInputElement).value)}
            />
            <p id="permissions-boundary-help" class="hint">
              {t('boundaryHint')}
            </p>
          </div>
        )}

        {/* The value is in the sentence above; copying or regenerating it is a detail. */}
        <details class="secondary">
          <summary>{t('externalIdDetails')}</summary>
          <div class="field">
            <span class="label" id="external-id-label">
              {t('externalId')}
            </span>
            {externalId ? (
              <div class="row">
                <code aria-labelledby="external-id-label" class="value">
                  {externalId}
                </code>
                <CopyButton value={externalId} what={t('externalId')} copy={api.copy} />
                {profile.externalId.source === 'generate' && (
                  <button type="button" class="link" onClick={() => setGenerated(generate())}>
                    {t('regenerate')}
                  </button>
                )}
              </div>
            ) : (
              <p class="error">{t('needsCode', profile.name)}</p>
            )}
            <p class="hint">
              {profile.externalId.source === 'service'
                ? t('externalIdFromService')
                : t('externalIdGenerated')}
            </p>
          </div>
        </details>
        {trustPolicy && <JsonView title={t('trustPolicy')} value={trustPolicy} copy={api.copy} />}
        {plan.customPolicies.map((p) => (
          <JsonView
            key={p.name}
            title={t('customPolicy', p.name)}
            value={p.document}
            copy={api.copy}
          />
        ))}

        {/* The other ways: each a fold; opening one makes its button the action below. They are
            ways for this account: the Organization's choice hides them. */}
        {!organization && (
          <div class="secondary">
            <button
              type="button"
              class="fold"
              aria-expanded={method === 'update-trust'}
              aria-controls="existing-role-panel"
              onClick={() => toggleMethod('update-trust')}
            >
              {t('existingRoleTitle')}
            </button>
            {method === 'update-trust' && (
              <div id="existing-role-panel" class="field" ref={panel}>
                <label for="existing-role">{t('existingRoleName')}</label>
                <input
                  id="existing-role"
                  value={existingRole}
                  onInput={(e) => setExistingRole((e.target as HTMLInputElement).value)}
                />
              </div>
            )}
          </div>
        )}
        {!organization && profileMethods(profile).includes('access-keys') && (
          <div class="secondary">
            <button
              type="button"
              class="fold"
              aria-expanded={keys}
              aria-controls="access-keys-panel"
              onClick={() => toggleMethod('access-keys')}
            >
              {t('accessKeysTitle')}
            </button>
            {keys && (
              <div id="access-keys-panel" ref={panel}>
                <p class="warning">{t('accessKeysWarning', profile.name)}</p>
              </div>
            )}
          </div>
        )}
        {method === 'create-role' && !organization && (
          <IacExport
            profile={profile}
            copy={api.copy}
            input={
              externalId
                ? {
                    mode: 'create-role',
                    profileId: profile.id,
                    levelId,
                    optionIds,
                    partition,
                    roleName,
                    roleDescription: description,
                    externalId,
                    ...(code?.token ? { token: code.token } : {}),
                  }
                : null
            }
          />
        )}
      </section>

      {props.children}

      <div class="action-bar">
        {[...new Set(waits)].map((b) => (
          <p key={b} class="error" role="alert">
            {b}
          </p>
        ))}
        {startError && (
          <p class="error" role="alert">
            {startError}
          </p>
        )}
        <button
          type="button"
          class="primary wide"
          disabled={busy || waits.length > 0 || action.invalid || props.link?.armed === false}
          onClick={() => void start(mode, action.name)}
        >
          {props.link ? t('confirmAndAllow') : action.label}
        </button>
        {props.link?.secondary}
        <p class="hint">
          {props.link
            ? props.link.hint
            : continueHere && !organization
              ? t('continuesHere')
              : action.opens}
        </p>
      </div>
    </>
  );
}
