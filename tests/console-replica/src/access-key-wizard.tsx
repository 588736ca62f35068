// The Create access key wizard (#/users/details/<name>/create_access_key): the use case (with the
// "use a role instead" advice for a third-party service and its confirmation), the description
// tag, and Retrieve access keys, which shows the secret once. The secret lives only in this
// component's state: reloading the Retrieve step (?step=retrieve&accessKeyId=…) cannot show it.
import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import CopyToClipboard from '@cloudscape-design/components/copy-to-clipboard';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Table from '@cloudscape-design/components/table';
import Wizard, { type WizardProps } from '@cloudscape-design/components/wizard';
import { T, api, navigate, replaceHash, useApi, useSlow, type Route, type UserData } from './env';
import { Loading } from './roles';

export type UseCase =
  'CLI' | 'LOCAL_CODE' | 'AWS_COMPUTE' | 'THIRD_PARTY' | 'OUTSIDE_AWS' | 'OTHER';
const TAG_VALUE_RE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

interface CreatedKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export function CreateAccessKey({ name, route }: { name: string; route: Route }) {
  const { data, loading, error } = useApi<{ user: UserData }>(
    'getUser',
    { userName: name },
    `user-${name}`,
  );
  if (loading) return <Loading />;
  if (error || !data) {
    return (
      <Alert type="error" header={T.userNotFound}>
        {error}
      </Alert>
    );
  }
  return <AccessKeyWizard userName={data.user.userName} route={route} />;
}

function AccessKeyWizard({ userName, route }: { userName: string; route: Route }) {
  const base = `/users/details/${encodeURIComponent(userName)}`;
  const reloadedKeyId =
    route.query.get('step') === 'retrieve' ? (route.query.get('accessKeyId') ?? '') : null;
  const [activeStep, setActiveStep] = useState(reloadedKeyId === null ? 0 : 2);
  const [useCase, setUseCase] = useState<UseCase | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [revealed, setRevealed] = useState(false);
  const stepReady = useSlow(`key-step-${activeStep}`);
  const securityCredentials = `${base}?section=security_credentials`;

  function validateStep0(): boolean {
    const next: Record<string, string | undefined> = {};
    if (!useCase) next.useCase = T.useCaseRequired;
    else if (useCase === 'THIRD_PARTY' && !confirmed) next.confirm = T.confirmRequired;
    setErrors(next);
    return !next.useCase && !next.confirm;
  }

  async function create() {
    if (!TAG_VALUE_RE.test(description)) {
      setErrors({ description: T.descriptionTagError });
      return;
    }
    setErrors({});
    setSubmitError(undefined);
    setSubmitting(true);
    try {
      const res = await api<{ accessKey: CreatedKey }>('createAccessKey', {
        userName,
        ...(description ? { description } : {}),
      });
      setCreated({
        accessKeyId: res.accessKey.accessKeyId,
        secretAccessKey: res.accessKey.secretAccessKey,
      });
      replaceHash(
        `${base}/create_access_key?step=retrieve&accessKeyId=${encodeURIComponent(res.accessKey.accessKeyId)}`,
      );
      setActiveStep(2);
    } catch (e) {
      setSubmitError(e instanceof Error ? e.message : String(e));
    } finally {
      setSubmitting(false);
    }
  }

  function onNavigate(detail: WizardProps.NavigateDetail) {
    if (submitting || activeStep === 2) return; // the key exists: no way back
    const to = detail.requestedStepIndex;
    if (activeStep === 0 && to > 0) {
      if (validateStep0()) setActiveStep(1);
      return;
    }
    if (activeStep === 1 && to === 2) {
      void create();
      return;
    }
    setSubmitError(undefined);
    setActiveStep(to);
  }

  const loadingStep = (
    <Box textAlign="center" padding="xxl" data-testid="step-loading">
      <Spinner size="large" />
    </Box>
  );

  const useCases: { value: UseCase; label: string; description: string }[] = [
    { value: 'CLI', label: T.useCaseCli, description: T.useCaseCliDesc },
    { value: 'LOCAL_CODE', label: T.useCaseLocalCode, description: T.useCaseLocalCodeDesc },
    { value: 'AWS_COMPUTE', label: T.useCaseAwsCompute, description: T.useCaseAwsComputeDesc },
    { value: 'THIRD_PARTY', label: T.useCaseThirdParty, description: T.useCaseThirdPartyDesc },
    { value: 'OUTSIDE_AWS', label: T.useCaseOutsideAws, description: T.useCaseOutsideAwsDesc },
    { value: 'OTHER', label: T.useCaseOther, description: T.useCaseOtherDesc },
  ];

  const step0 = (
    <SpaceBetween size="l">
      <Container
        header={
          <Header variant="h2" description={T.accessKeyPracticesDescription}>
            {T.useCase}
          </Header>
        }
      >
        <FormField label={T.useCase} errorText={errors.useCase}>
          <RadioGroup
            ariaLabel={T.useCase}
            value={useCase}
            onChange={(e) => {
              setUseCase(e.detail.value as UseCase);
              setErrors({});
            }}
            items={useCases}
          />
        </FormField>
      </Container>
      {useCase === 'THIRD_PARTY' && (
        <Alert type="info" header={T.alternativeRecommended} data-testid="alternative-recommended">
          {T.thirdPartyAlternative}
        </Alert>
      )}
      {useCase === 'THIRD_PARTY' && (
        <Container header={<Header variant="h2">{T.confirmation}</Header>}>
          <FormField errorText={errors.confirm}>
            <Checkbox
              checked={confirmed}
              onChange={(e) => {
                setConfirmed(e.detail.checked);
                setErrors({});
              }}
            >
              {T.understandRecommendation}
            </Checkbox>
          </FormField>
        </Container>
      )}
    </SpaceBetween>
  );

  const step1 = (
    <SpaceBetween size="l">
      {submitError && (
        <Alert type="error" header={T.createAccessKeyError} data-testid="create-access-key-error">
          {submitError}
        </Alert>
      )}
      <Container header={<Header variant="h2">{T.stepDescriptionTag}</Header>}>
        <FormField
          label={T.descriptionTagValue}
          description={T.descriptionTagDescription}
          constraintText={T.descriptionTagConstraint}
          errorText={errors.description}
        >
          <Input value={description} onChange={(e) => setDescription(e.detail.value)} />
        </FormField>
      </Container>
    </SpaceBetween>
  );

  const keyId = created?.accessKeyId ?? reloadedKeyId ?? '';
  const step2 = (
    <SpaceBetween size="l">
      {created ? (
        <Alert type="info" data-testid="only-time">
          {T.onlyTime}
        </Alert>
      ) : (
        <Alert type="warning" header={T.secretUnavailableHeader} data-testid="secret-unavailable">
          {T.secretUnavailable}
        </Alert>
      )}
      <Table<{ id: string }>
        data-testid="retrieve-access-keys"
        variant="container"
        items={[{ id: keyId }]}
        trackBy="id"
        header={<Header variant="h2">{T.accessKeysTable}</Header>}
        columnDefinitions={[
          {
            id: 'accessKey',
            header: T.accessKey,
            cell: () => (
              <span data-testid="access-key-id">
                <CopyToClipboard
                  variant="inline"
                  textToCopy={keyId}
                  copyButtonAriaLabel={T.copyAccessKey}
                  copySuccessText={T.copied}
                  copyErrorText={T.copyFailed}
                />
              </span>
            ),
          },
          {
            id: 'secret',
            header: T.secretAccessKey,
            cell: () =>
              created ? (
                <SpaceBetween direction="horizontal" size="xs" alignItems="center">
                  <CopyToClipboard
                    variant="icon"
                    textToCopy={created.secretAccessKey}
                    copyButtonAriaLabel={T.copySecretAccessKey}
                    copySuccessText={T.copied}
                    copyErrorText={T.copyFailed}
                  />
                  <span className="replica-secret" data-testid="secret-access-key">
                    {revealed ? created.secretAccessKey : '**********'}
                  </span>
                  <Link
                    variant="secondary"
                    data-testid="secret-toggle"
                    onFollow={() => setRevealed((r) => !r)}
                  >
                    {revealed ? T.hide : T.show}
                  </Link>
                </SpaceBetween>
              ) : (
                <span data-testid="secret-access-key">-</span>
              ),
          },
        ]}
      />
      <Container header={<Header variant="h2">{T.accessKeyBestPractices}</Header>}>
        <Box variant="p">{T.accessKeyBestPracticesText}</Box>
      </Container>
      <Box float="right">
        <Button iconName="download" disabled={!created}>
          {T.downloadCsv}
        </Button>
      </Box>
    </SpaceBetween>
  );

  const content = [step0, step1, step2];
  // The key exists once on Retrieve access keys: the console offers no way back from there.
  return (
    <div className={activeStep === 2 ? 'replica-no-previous' : undefined}>
      <Wizard
        activeStepIndex={activeStep}
        onNavigate={(e) => onNavigate(e.detail)}
        onCancel={() => navigate(securityCredentials)}
        onSubmit={() => navigate(securityCredentials)}
        isLoadingNextStep={submitting}
        submitButtonText={T.done}
        allowSkipTo={false}
        i18nStrings={{
          stepNumberLabel: T.stepNumber,
          collapsedStepsLabel: T.collapsedStep,
          navigationAriaLabel: 'Steps',
          cancelButton: T.cancel,
          previousButton: T.previous,
          nextButton: activeStep === 1 ? T.createAccessKey : T.next,
          submitButton: T.done,
          optional: T.optional,
        }}
        steps={[T.stepAccessKeyPractices, T.stepDescriptionTag, T.stepRetrieveKeys].map(
          (title, i) => ({
            title,
            isOptional: i === 1,
            content: stepReady && i === activeStep ? content[i] : loadingStep,
          }),
        )}
      />
    </div>
  );
}
