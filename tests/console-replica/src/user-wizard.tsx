// The Create user wizard (#/users/create?policies=…): user details without console access, the
// permissions options (attach policies directly, with the role wizard's policy table), review.
import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Container from '@cloudscape-design/components/container';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Tiles from '@cloudscape-design/components/tiles';
import Wizard, { type WizardProps } from '@cloudscape-design/components/wizard';
import { OPTIONS, T, api, navigate, pushFlash, useSlow, type Route } from './env';
import {
  EMPTY_FILTER,
  PolicyTable,
  SelectedPolicies,
  usePolicyRows,
  type PolicyFilterState,
} from './policy-table';

export type PermissionsOption = 'ADD_TO_GROUP' | 'COPY' | 'ATTACH_DIRECTLY';
const USER_NAME_RE = /^[\w+=,.@-]{1,64}$/;

/** Policies the URL pre-selects (`policies=<arn>`, repeated or comma-joined). */
function policiesFromQuery(query: URLSearchParams): string[] {
  if (OPTIONS.ignoreUrlParams) return [];
  return query
    .getAll('policies')
    .flatMap((p) => p.split(/,(?=arn:)/))
    .filter((p) => p.length > 0);
}

export function CreateUserWizard({ route }: { route: Route }) {
  const [initialPolicies] = useState(() => policiesFromQuery(route.query));
  const [activeStep, setActiveStep] = useState(0);
  const [userName, setUserName] = useState('');
  const [consoleAccess, setConsoleAccess] = useState(false);
  const [option, setOption] = useState<PermissionsOption>(
    initialPolicies.length > 0 ? 'ATTACH_DIRECTLY' : 'ADD_TO_GROUP',
  );
  const [selectedArns, setSelectedArns] = useState<string[]>(initialPolicies);
  const [filter, setFilter] = useState<PolicyFilterState>(EMPTY_FILTER);
  const [page, setPage] = useState(1);
  const [nameError, setNameError] = useState<string | undefined>();
  const [stepError, setStepError] = useState<string | undefined>();
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const stepReady = useSlow(`user-step-${activeStep}`);
  const { rows, loading } = usePolicyRows('user-wizard', setSelectedArns);

  const attached = option === 'ATTACH_DIRECTLY' ? selectedArns : [];
  const selectedRows = rows.filter((r) => attached.includes(r.arn));

  function validateStep0(): boolean {
    setStepError(undefined);
    if (!USER_NAME_RE.test(userName)) {
      setNameError(T.userNameError);
      return false;
    }
    setNameError(undefined);
    if (consoleAccess) {
      setStepError(T.consoleAccessNotSupported);
      return false;
    }
    return true;
  }

  function onNavigate(detail: WizardProps.NavigateDetail) {
    if (submitting) return;
    const to = detail.requestedStepIndex;
    if (to > 0 && activeStep === 0 && !validateStep0()) return;
    setSubmitError(undefined);
    setActiveStep(to);
  }

  async function onSubmit() {
    if (submitting) return;
    if (!validateStep0()) {
      setActiveStep(0);
      return;
    }
    setSubmitError(undefined);
    setSubmitting(true);
    try {
      await api('createUser', { userName, policyArns: attached });
      pushFlash({
        path: '/users',
        type: 'success',
        content: T.userCreated(
          <Link href={`#/users/details/${encodeURIComponent(userName)}`}>{userName}</Link>,
        ),
      });
      navigate('/users');
    } catch (e) {
      setSubmitError(e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  }

  const loadingStep = (
    <Box textAlign="center" padding="xxl" data-testid="step-loading">
      <Spinner size="large" />
    </Box>
  );

  const step0 = (
    <SpaceBetween size="l">
      {stepError && <Alert type="error">{stepError}</Alert>}
      <Container header={<Header variant="h2">{T.userDetails}</Header>}>
        <SpaceBetween size="l">
          <FormField label={T.userName} constraintText={T.userNameConstraint} errorText={nameError}>
            <Input value={userName} onChange={(e) => setUserName(e.detail.value)} />
          </FormField>
          <FormField description={T.consoleAccessDescription}>
            <Checkbox checked={consoleAccess} onChange={(e) => setConsoleAccess(e.detail.checked)}>
              {T.consoleAccess}
            </Checkbox>
          </FormField>
          {consoleAccess && <Alert type="info">{T.consoleAccessNotSupported}</Alert>}
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );

  const step1 = (
    <SpaceBetween size="l">
      <Container header={<Header variant="h2">{T.permissionsOptions}</Header>}>
        <Tiles
          ariaLabel={T.permissionsOptions}
          value={option}
          onChange={(e) => setOption(e.detail.value as PermissionsOption)}
          columns={3}
          items={[
            {
              value: 'ADD_TO_GROUP',
              label: T.optionAddToGroup,
              description: T.optionAddToGroupDesc,
            },
            { value: 'COPY', label: T.optionCopy, description: T.optionCopyDesc },
            {
              value: 'ATTACH_DIRECTLY',
              label: T.optionAttachDirectly,
              description: T.optionAttachDirectlyDesc,
            },
          ]}
        />
      </Container>
      {option === 'ADD_TO_GROUP' && (
        <Container
          header={
            <Header variant="h2" counter="(0)">
              {T.userGroups}
            </Header>
          }
        >
          <Box textAlign="center" data-testid="no-groups">
            <b>{T.noGroups}</b>
            <Box variant="p" color="inherit">
              {T.noGroupsDesc}
            </Box>
          </Box>
        </Container>
      )}
      {option === 'COPY' && (
        <Container>
          <Box textAlign="center">{T.noUsersToCopy}</Box>
        </Container>
      )}
      {option === 'ATTACH_DIRECTLY' && (
        <PolicyTable
          rows={rows}
          loading={loading}
          selectedArns={selectedArns}
          setSelectedArns={setSelectedArns}
          filter={filter}
          setFilter={setFilter}
          page={page}
          setPage={setPage}
          description={T.userPermissionsPoliciesDescription}
        />
      )}
    </SpaceBetween>
  );

  const step2 = (
    <SpaceBetween size="l">
      {submitError && (
        <Alert type="error" header={T.createUserError} data-testid="create-user-error">
          {submitError}
        </Alert>
      )}
      <Container
        header={
          <Header variant="h2" actions={<Button onClick={() => setActiveStep(0)}>{T.edit}</Button>}>
            {T.userDetails}
          </Header>
        }
      >
        <ColumnLayout columns={2} variant="text-grid">
          <div>
            <Box variant="awsui-key-label">{T.userName}</Box>
            <div data-testid="review-user-name">{userName}</div>
          </div>
          <div>
            <Box variant="awsui-key-label">{T.consolePasswordType}</Box>
            <div>{T.none}</div>
          </div>
        </ColumnLayout>
      </Container>
      <Container
        header={
          <Header variant="h2" actions={<Button onClick={() => setActiveStep(1)}>{T.edit}</Button>}>
            {T.permissionsSummary}
          </Header>
        }
      >
        <SelectedPolicies rows={selectedRows} />
      </Container>
    </SpaceBetween>
  );

  const content = [step0, step1, step2];
  return (
    <Wizard
      activeStepIndex={activeStep}
      onNavigate={(e) => onNavigate(e.detail)}
      onCancel={() => navigate('/users')}
      onSubmit={() => void onSubmit()}
      isLoadingNextStep={submitting}
      submitButtonText={T.createUser}
      allowSkipTo={false}
      i18nStrings={{
        stepNumberLabel: T.stepNumber,
        collapsedStepsLabel: T.collapsedStep,
        navigationAriaLabel: 'Steps',
        cancelButton: T.cancel,
        previousButton: T.previous,
        nextButton: T.next,
        submitButton: T.createUser,
        optional: T.optional,
      }}
      steps={[T.stepUserDetails, T.stepSetPermissions, T.stepUserReview].map((title, i) => ({
        title,
        content: stepReady && i === activeStep ? content[i] : loadingStep,
      }))}
    />
  );
}
