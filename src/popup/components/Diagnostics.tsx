// "Report a console change": the last locator misses, and a diagnostic the customer can share.
// Misses carry no account data by construction; the text is redacted again to be sure.
import type { LocatorMiss, PageOutline, PageOutlineNode } from '../../core/messages.ts';
import type { PopupApi } from '../api.ts';
import { t } from '../i18n.ts';

/** Removes account IDs (with or without dashes), ARNs, and anything token-like. */
export function redact(text: string): string {
  return text
    .replace(/arn:[^\s"',]+/g, '[redacted]')
    .replace(/\b\d{4}-?\d{4}-?\d{4}\b/g, '[redacted]')
    .replace(/\b[A-Za-z0-9_\-+/=]{24,}\b/g, '[redacted]');
}

/**
 * A page outline, one node a line as JSON (so it can be saved as a test fixture). Its texts are
 * redacted like the rest; its Cloudscape prefixes are not (the schema allows only prefixes, and
 * the token rule would take them for data).
 */
function outlineLines(outline: PageOutline): string[] {
  return outline.map((n) => {
    const node: PageOutlineNode = { ...n };
    for (const key of ['role', 'name', 'label'] as const) {
      const text = node[key];
      if (text !== undefined) node[key] = redact(text);
    }
    return `  ${JSON.stringify(node)}`;
  });
}

export function diagnosticText(misses: LocatorMiss[], version: string): string {
  const lines = misses.map(
    (m) =>
      `${new Date(m.at).toISOString()} ${m.feature} ${m.field} lang=${m.language} route=${m.route}`,
  );
  const outlines = misses.flatMap((m) =>
    m.outline
      ? [`outline of ${m.feature} ${m.field} lang=${m.language}:`, ...outlineLines(m.outline)]
      : [],
  );
  return [
    redact(
      [
        `Crossrole ${version} console diagnostic`,
        `${navigator.userAgent.replace(/\s+/g, ' ')}`,
        ...lines,
      ].join('\n'),
    ),
    ...outlines.map((line) => (line.startsWith('outline of') ? redact(line) : line)),
  ].join('\n');
}

export function Diagnostics(props: { api: PopupApi; misses: LocatorMiss[]; version: string }) {
  return (
    <details class="secondary">
      <summary>{t('reportChange')}</summary>
      {props.misses.length === 0 ? (
        <p class="hint">{t('noMisses')}</p>
      ) : (
        <ul class="misses">
          {props.misses.map((m) => (
            <li key={`${m.feature}-${m.field}-${m.language}`}>
              {m.feature}: {m.field} ({m.language}, {m.route})
              {m.outline ? ` · ${t('withOutline')}` : ''}
            </li>
          ))}
        </ul>
      )}
      <p class="hint">{t('diagnosticHint')}</p>
      <div class="row">
        <button
          type="button"
          onClick={() => void props.api.copy(diagnosticText(props.misses, props.version))}
        >
          {t('copyDiagnostic')}
        </button>
        <button type="button" class="link" onClick={() => void props.api.clearDiagnostics()}>
          {t('clear')}
        </button>
      </div>
    </details>
  );
}
