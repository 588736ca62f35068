// The console's delete confirmation: a Modal "Delete <name>?" whose Delete stays disabled until
// the name is typed into its input, and that shows IAM's refusal inside itself.
import { useState, type ReactNode } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { T } from './env';

export function ConfirmDeleteModal(props: {
  name: string;
  /** What deleting does, above the input. */
  warning: ReactNode;
  /** The input's label: "To confirm deletion, enter the … name in the text input field." */
  confirmLabel: string;
  errorHeader: string;
  onDelete: () => Promise<void>;
  onDismiss: () => void;
  testId: string;
}) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [deleting, setDeleting] = useState(false);
  const confirmed = typed === props.name;

  async function remove() {
    if (!confirmed || deleting) return;
    setError(undefined);
    setDeleting(true);
    try {
      await props.onDelete();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setDeleting(false);
    }
  }

  return (
    <Modal
      visible
      data-testid={props.testId}
      header={T.deleteTitle(props.name)}
      closeAriaLabel={T.close}
      onDismiss={() => !deleting && props.onDismiss()}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" disabled={deleting} onClick={props.onDismiss}>
              {T.cancel}
            </Button>
            <Button
              variant="primary"
              disabled={!confirmed}
              loading={deleting}
              onClick={() => void remove()}
            >
              {T.delete}
            </Button>
          </SpaceBetween>
        </Box>
      }
    >
      <SpaceBetween size="m">
        {error && (
          <Alert type="error" header={props.errorHeader} data-testid={`${props.testId}-error`}>
            {error}
          </Alert>
        )}
        <Box>{props.warning}</Box>
        <FormField label={props.confirmLabel}>
          <Input
            value={typed}
            placeholder={props.name}
            onChange={(e) => setTyped(e.detail.value)}
            onKeyDown={(e) => {
              if (e.detail.key === 'Enter') void remove();
            }}
          />
        </FormField>
      </SpaceBetween>
    </Modal>
  );
}
