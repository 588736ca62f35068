// The review's "Where" for a new role (docs/organizations.md): this account, through the IAM
// wizard, or every account of the AWS Organization, through one service-managed stack set. The
// Organization's side says what it takes and what it does in two short lines, then where the stack
// set deploys: the whole Organization (the default) or the OUs typed.
import { t } from '../i18n.ts';
import { OU_ID_EXAMPLE, ROOT_ID_EXAMPLE } from '../targets.ts';

export type Where = 'account' | 'organization';
export type TargetKind = 'organization' | 'ous';

/** AWS names kept as they are in every language: values of the messages, never translated. */
export const CLOUDFORMATION = 'CloudFormation';
export const STACKSETS = 'StackSets';
export const STACKSET = 'StackSet';

export function OrganizationChoice(props: {
  where: Where;
  onWhere: (where: Where) => void;
  targetKind: TargetKind;
  onTargetKind: (kind: TargetKind) => void;
  ouText: string;
  onOuText: (text: string) => void;
  /** What is wrong with the OU IDs typed, or null. */
  ouProblem: string | null;
  roleName: string;
}) {
  const organization = props.where === 'organization';
  // Nothing typed yet is not an error to shout: the hint says what to type, the button waits.
  const shownProblem = props.ouText.trim() === '' ? null : props.ouProblem;
  return (
    <>
      <fieldset>
        <legend>{t('orgWhere')}</legend>
        <label class="choice">
          <input
            type="radio"
            name="where"
            value="account"
            checked={!organization}
            onChange={() => props.onWhere('account')}
          />
          <span>
            <strong>{t('orgWhereAccount')}</strong>
            <span class="hint">{t('orgWhereAccountHint')}</span>
          </span>
        </label>
        <label class="choice">
          <input
            type="radio"
            name="where"
            value="organization"
            checked={organization}
            onChange={() => props.onWhere('organization')}
          />
          <span>
            <strong>{t('orgWhereOrganization')}</strong>
            <span class="hint">{t('orgWhereOrganizationHint', CLOUDFORMATION)}</span>
          </span>
        </label>
      </fieldset>
      {organization && (
        <div class="organization" id="organization-panel">
          <p class="hint">{t('orgTakes', STACKSETS, CLOUDFORMATION)}</p>
          <p class="hint">{t('orgDoes', props.roleName)}</p>
          <fieldset>
            <legend>{t('orgTargets')}</legend>
            <label class="choice">
              <input
                type="radio"
                name="targets"
                value="organization"
                checked={props.targetKind === 'organization'}
                onChange={() => props.onTargetKind('organization')}
              />
              <span>
                <strong>{t('orgTargetsOrganization')}</strong>
              </span>
            </label>
            <label class="choice">
              <input
                type="radio"
                name="targets"
                value="ous"
                checked={props.targetKind === 'ous'}
                onChange={() => props.onTargetKind('ous')}
              />
              <span>
                <strong>{t('orgTargetsOus')}</strong>
              </span>
            </label>
          </fieldset>
          {props.targetKind === 'ous' && (
            <div class="field">
              <label for="ou-ids">{t('orgOuIds')}</label>
              <textarea
                id="ou-ids"
                rows={2}
                spellcheck={false}
                autocomplete="off"
                value={props.ouText}
                aria-invalid={shownProblem ? 'true' : 'false'}
                aria-describedby="ou-ids-help"
                onInput={(e) => props.onOuText((e.target as HTMLTextAreaElement).value)}
              />
              <p id="ou-ids-help" class={shownProblem ? 'error' : 'hint'}>
                {shownProblem ?? t('orgOuIdsHint', OU_ID_EXAMPLE, ROOT_ID_EXAMPLE)}
              </p>
            </div>
          )}
        </div>
      )}
    </>
  );
}
