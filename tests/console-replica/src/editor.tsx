// The JSON policy editor: Cloudscape's CodeEditor on Ace, as IAM's policy editors are. The page
// therefore holds a real `.ace_editor` whose `el.env.editor` is the Ace editor, and Ace's hidden
// `textarea.ace_text-input`.
import { useState } from 'react';
import ace from 'ace-builds';
import 'ace-builds/src-noconflict/mode-json';
import 'ace-builds/src-noconflict/theme-cloud_editor';
import 'ace-builds/src-noconflict/theme-cloud_editor_dark';
import 'ace-builds/src-noconflict/ext-language_tools';
import CodeEditor, { type CodeEditorProps } from '@cloudscape-design/components/code-editor';
import { T } from './env';

// No syntax-check worker (it would be fetched from a CDN path): the pages validate JSON themselves.
ace.config.setDefaultValue('session', 'useWorker', false);

const THEMES: CodeEditorProps.AvailableThemes = {
  light: ['cloud_editor'],
  dark: ['cloud_editor_dark'],
};

/** The JSON syntax error of `text`, or null when it parses as a JSON object. */
export function jsonError(text: string): string | null {
  try {
    const v: unknown = JSON.parse(text);
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      return 'Policy must be a JSON object.';
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export function JsonEditor(props: {
  value: string;
  onChange: (value: string) => void;
  ariaLabel?: string;
  height?: number;
}) {
  const [preferences, setPreferences] = useState<Partial<CodeEditorProps.Preferences>>({
    wrapLines: true,
    theme: 'cloud_editor',
  });
  return (
    <div data-testid="policy-editor">
      <CodeEditor
        ace={ace}
        language="json"
        value={props.value}
        onDelayedChange={(e) => props.onChange(e.detail.value)}
        onChange={(e) => props.onChange(e.detail.value)}
        preferences={preferences}
        onPreferencesChange={(e) => setPreferences(e.detail)}
        themes={THEMES}
        editorContentHeight={props.height ?? 360}
        ariaLabel={props.ariaLabel ?? T.policyEditor}
        i18nStrings={{
          loadingState: T.loading,
          errorState: T.errorTitle,
          errorStateRecovery: 'Retry',
          editorGroupAriaLabel: T.policyEditor,
          statusBarGroupAriaLabel: 'Status bar',
          cursorPosition: (row, column) => `Ln ${row}, Col ${column}`,
          errorsTab: 'Errors',
          warningsTab: 'Warnings',
          preferencesButtonAriaLabel: 'Preferences',
          paneCloseButtonAriaLabel: 'Close',
          preferencesModalHeader: 'Preferences',
          preferencesModalCancel: T.cancel,
          preferencesModalConfirm: 'Confirm',
          preferencesModalWrapLines: 'Wrap lines',
          preferencesModalTheme: 'Theme',
          preferencesModalLightThemes: 'Light themes',
          preferencesModalDarkThemes: 'Dark themes',
        }}
      />
    </div>
  );
}
