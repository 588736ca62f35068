// What the customer must know before granting: administrator or IAM-changing grants, `*` and
// service-wide actions, a read-only label over grants that change things (src/core/grant-risk.ts).
import type { GrantRisk } from '../../core/grant-risk.ts';
import { t } from '../i18n.ts';
import { problemText } from '../problems.ts';

export function Risks(props: { risks: readonly GrantRisk[] }) {
  if (props.risks.length === 0) return null;
  const danger = props.risks.some((r) => r.severity === 'danger');
  return (
    <div
      class={danger ? 'risks danger' : 'risks caution'}
      role="group"
      aria-label={t('risksTitle')}
    >
      <p>
        <strong>{danger ? t('risksDanger') : t('risksCaution')}</strong>
      </p>
      <ul>
        {props.risks.map((r) => (
          <li key={r.message} class={r.severity}>
            {problemText(r)}
          </li>
        ))}
      </ul>
    </div>
  );
}
