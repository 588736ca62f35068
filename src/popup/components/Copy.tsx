import { useState } from 'preact/hooks';
import { t } from '../i18n.ts';

/** A copy button whose accessible name says what it copies; "Copied" confirms it. */
export function CopyButton(props: {
  value: string;
  what: string;
  copy: (text: string) => Promise<void>;
}) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      class="link"
      aria-label={t('copyWhat', props.what)}
      onClick={() =>
        void props.copy(props.value).then(
          () => setDone(true),
          () => setDone(false),
        )
      }
    >
      {done ? t('copied') : t('copy')}
    </button>
  );
}

/** A JSON document, folded, with a copy button. */
export function JsonView(props: {
  title: string;
  value: unknown;
  copy: (text: string) => Promise<void>;
}) {
  const text = JSON.stringify(props.value, null, 2);
  return (
    <details class="json">
      <summary>{props.title}</summary>
      <pre tabIndex={0}>{text}</pre>
      <CopyButton value={text} what={props.title} copy={props.copy} />
    </details>
  );
}
