// The Create role wizard (#/roles/create?…), with the console's URL pre-fill and the trust policy
// it builds for "AWS account" + "Require external ID".
import { useEffect, useRef, useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import AttributeEditor from '@cloudscape-design/components/attribute-editor';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import ExpandableSection from '@cloudscape-design/components/expandable-section';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Link from '@cloudscape-design/components/link';
import RadioGroup from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Textarea from '@cloudscape-design/components/textarea';
import Tiles from '@cloudscape-design/components/tiles';
import Wizard, { type WizardProps } from '@cloudscape-design/components/wizard';
import {
  ACCOUNT_ID,
  OPTIONS,
  PARTITION,
  T,
  api,
  navigate,
  parseHash,
  pushFlash,
  replaceHash,
  useSlow,
  type Route,
} from './env';
import { JsonEditor, jsonError } from './editor';
import {
  BoundaryTable,
  EMPTY_FILTER,
  PolicyTable,
  SelectedPolicies,
  usePolicyRows,
  type PolicyFilterState,
} from './policy-table';

export type EntityType =
  'AWS_SERVICE' | 'AWS_ACCOUNT' | 'WEB_IDENTITY' | 'SAML' | 'CUSTOM_TRUST_POLICY';
const ENTITY_TYPES: EntityType[] = [
  'AWS_SERVICE',
  'AWS_ACCOUNT',
  'WEB_IDENTITY',
  'SAML',
  'CUSTOM_TRUST_POLICY',
];
const STEP_NAMES = ['selectEntities', 'addPermission', 'review'] as const;

const EXTERNAL_ID_RE = /^[\w+=,.@:/-]{2,1224}$/;
const ROLE_NAME_RE = /^[\w+=,.@-]{1,64}$/;
/** IAM's TagsPerRole quota: the editor counts down to it and then stops adding rows. */
const MAX_TAGS = 50;

interface TagRow {
  key: string;
  value: string;
}

interface Prefill {
  step: number;
  entityType: EntityType;
  accountChoice: 'this' | 'another';
  accountId: string;
  requireExternalId: boolean;
  externalId: string;
  policies: string[];
}

function truthy(v: string | null): boolean {
  return v !== null && v.toLowerCase() !== 'false' && v !== '0';
}

/** The wizard's state as the URL asks for it (unless the variant ignores URL parameters). */
export function prefillFromQuery(query: URLSearchParams): Prefill {
  const prefill: Prefill = {
    step: 0,
    entityType: 'AWS_SERVICE',
    accountChoice: 'this',
    accountId: '',
    requireExternalId: false,
    externalId: '',
    policies: [],
  };
  if (OPTIONS.ignoreUrlParams) return prefill;
  const step = query.get('step');
  if (step === 'addPermission' || step === 'addPermissions') prefill.step = 1;
  if (step === 'review') prefill.step = 2;
  const type = query.get('trustedEntityType');
  if (type && (ENTITY_TYPES as string[]).includes(type)) prefill.entityType = type as EntityType;
  const account = query.get('awsAccount');
  if (account) {
    prefill.accountChoice = 'another';
    prefill.accountId = account;
  }
  if (truthy(query.get('isThirdParty'))) prefill.requireExternalId = true;
  const ext = query.get('externalId');
  if (ext !== null) prefill.externalId = ext;
  prefill.policies = query
    .getAll('policies')
    .flatMap((p) => p.split(/,(?=arn:)/))
    .filter((p) => p.length > 0);
  return prefill;
}

/** The trust policy the console generates for the chosen trusted entity. */
export function buildTrustPolicy(s: {
  entityType: EntityType;
  accountChoice: 'this' | 'another';
  accountId: string;
  requireExternalId: boolean;
  externalId: string;
  requireMfa: boolean;
  customText: string;
}): string {
  if (s.entityType === 'CUSTOM_TRUST_POLICY') return s.customText;
  if (s.entityType === 'AWS_ACCOUNT') {
    const account = s.accountChoice === 'this' ? ACCOUNT_ID : s.accountId;
    const condition: Record<string, Record<string, string>> = {};
    if (s.requireExternalId) condition.StringEquals = { 'sts:ExternalId': s.externalId };
    if (s.requireMfa) condition.Bool = { 'aws:MultiFactorAuthPresent': 'true' };
    return JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:${PARTITION}:iam::${account}:root` },
            Action: 'sts:AssumeRole',
            Condition: condition,
          },
        ],
      },
      null,
      4,
    );
  }
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['sts:AssumeRole'],
          Principal: { Service: ['ec2.amazonaws.com'] },
        },
      ],
    },
    null,
    4,
  );
}

const DEFAULT_CUSTOM = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Statement1', Effect: 'Allow', Principal: {}, Action: 'sts:AssumeRole' }],
  },
  null,
  4,
);

export function CreateRoleWizard({ route }: { route: Route }) {
  const [initial] = useState(() => prefillFromQuery(route.query));
  const [activeStep, setActiveStep] = useState(initial.step);
  const [entityType, setEntityType] = useState<EntityType>(initial.entityType);
  const [accountChoice, setAccountChoice] = useState(initial.accountChoice);
  const [accountId, setAccountId] = useState(initial.accountId);
  const [requireExternalId, setRequireExternalId] = useState(initial.requireExternalId);
  const [externalId, setExternalId] = useState(initial.externalId);
  const [requireMfa, setRequireMfa] = useState(false);
  const [customText, setCustomText] = useState(DEFAULT_CUSTOM);
  const [selectedArns, setSelectedArns] = useState<string[]>(initial.policies);
  const [filter, setFilter] = useState<PolicyFilterState>(EMPTY_FILTER);
  const [page, setPage] = useState(1);
  const [roleName, setRoleName] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState<TagRow[]>([]);
  const [boundaryOpen, setBoundaryOpen] = useState(false);
  const [boundaryMode, setBoundaryMode] = useState<'none' | 'use'>('none');
  const [boundaryArn, setBoundaryArn] = useState<string | undefined>();
  const [boundaryError, setBoundaryError] = useState<string | undefined>();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [stepError, setStepError] = useState<string | undefined>();
  const [submitError, setSubmitError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const stepReady = useSlow(`step-${activeStep}`);

  const { rows, loading: policiesLoading } = usePolicyRows('wizard', setSelectedArns);

  // The console writes its state back into the hash query.
  const firstWrite = useRef(true);
  useEffect(() => {
    if (firstWrite.current) {
      firstWrite.current = false;
      return;
    }
    const { path, query } = parseHash(location.hash);
    if (path !== '/roles/create') return;
    query.set('step', STEP_NAMES[activeStep] ?? 'selectEntities');
    query.set('trustedEntityType', entityType);
    query.delete('policies');
    for (const arn of selectedArns) query.append('policies', arn);
    replaceHash(`/roles/create?${query.toString()}`);
  }, [entityType, selectedArns, activeStep]);

  const trustPolicyText = buildTrustPolicy({
    entityType,
    accountChoice,
    accountId,
    requireExternalId,
    externalId,
    requireMfa,
    customText,
  });

  function validateStep0(): boolean {
    const next: Record<string, string | undefined> = {};
    setStepError(undefined);
    if (entityType === 'WEB_IDENTITY' || entityType === 'SAML') {
      setStepError(T.notSupported);
      return false;
    }
    if (entityType === 'CUSTOM_TRUST_POLICY') {
      const err = jsonError(customText);
      if (err) next.customText = `${T.syntaxError}: ${err}`;
    }
    if (entityType === 'AWS_ACCOUNT') {
      if (accountChoice === 'another' && !/^\d{12}$/.test(accountId))
        next.accountId = T.accountIdError;
      if (requireExternalId && !EXTERNAL_ID_RE.test(externalId))
        next.externalId = T.externalIdError;
    }
    setErrors(next);
    return Object.values(next).every((v) => !v);
  }

  function onNavigate(detail: WizardProps.NavigateDetail) {
    if (submitting) return;
    const to = detail.requestedStepIndex;
    if (to > activeStep && activeStep === 0 && !validateStep0()) return;
    if (to > activeStep && activeStep === 1 && boundaryMode === 'use' && !boundaryArn) {
      setBoundaryError(T.boundaryRequired);
      return;
    }
    setBoundaryError(undefined);
    setSubmitError(undefined);
    setActiveStep(to);
  }

  async function onSubmit() {
    if (submitting) return;
    if (!ROLE_NAME_RE.test(roleName)) {
      setErrors((e) => ({ ...e, roleName: T.roleNameError }));
      return;
    }
    setErrors((e) => ({ ...e, roleName: undefined }));
    setSubmitError(undefined);
    setSubmitting(true);
    try {
      await api('createRole', {
        roleName,
        description,
        trustPolicy: trustPolicyText,
        policyArns: selectedArns,
        tags: tags.map((t) => ({ Key: t.key, Value: t.value })),
        ...(boundaryMode === 'use' && boundaryArn ? { permissionsBoundaryArn: boundaryArn } : {}),
      });
      pushFlash({
        path: '/roles',
        type: 'success',
        content: T.roleCreated(
          <Link href={`#/roles/details/${encodeURIComponent(roleName)}`}>{roleName}</Link>,
        ),
      });
      navigate('/roles');
    } catch (e) {
      setSubmitError(e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  }

  const selectedRows = rows.filter((r) => selectedArns.includes(r.arn));
  const boundaryRow = boundaryMode === 'use' ? rows.find((r) => r.arn === boundaryArn) : undefined;
  const loadingStep = (
    <Box textAlign="center" padding="xxl" data-testid="step-loading">
      <Spinner size="large" />
    </Box>
  );

  const step0 = (
    <SpaceBetween size="l">
      {stepError && <Alert type="error">{stepError}</Alert>}
      <Container header={<Header variant="h2">{T.trustedEntityType}</Header>}>
        <FormField label={T.trustedEntityType}>
          <Tiles
            value={entityType}
            onChange={(e) => setEntityType(e.detail.value as EntityType)}
            columns={3}
            items={[
              { value: 'AWS_SERVICE', label: T.tileAwsService, description: T.tileAwsServiceDesc },
              { value: 'AWS_ACCOUNT', label: T.tileAwsAccount, description: T.tileAwsAccountDesc },
              {
                value: 'WEB_IDENTITY',
                label: T.tileWebIdentity,
                description: T.tileWebIdentityDesc,
              },
              { value: 'SAML', label: T.tileSaml, description: T.tileSamlDesc },
              { value: 'CUSTOM_TRUST_POLICY', label: T.tileCustom, description: T.tileCustomDesc },
            ]}
          />
        </FormField>
      </Container>
      {entityType === 'AWS_ACCOUNT' && (
        <Container header={<Header variant="h2">{T.anAwsAccount}</Header>}>
          <SpaceBetween size="l">
            <FormField label={T.anAwsAccount}>
              <RadioGroup
                value={accountChoice}
                onChange={(e) => setAccountChoice(e.detail.value as 'this' | 'another')}
                items={[
                  { value: 'this', label: T.thisAccount(ACCOUNT_ID) },
                  { value: 'another', label: T.anotherAccount },
                ]}
              />
            </FormField>
            {accountChoice === 'another' && (
              <FormField
                label={T.accountIdLabel}
                description={T.accountIdDescription}
                errorText={errors.accountId}
              >
                <Input
                  value={accountId}
                  onChange={(e) => setAccountId(e.detail.value)}
                  placeholder="123456789012"
                  inputMode="numeric"
                />
              </FormField>
            )}
            <FormField label={T.options}>
              <SpaceBetween size="s">
                <Checkbox
                  checked={requireExternalId}
                  onChange={(e) => setRequireExternalId(e.detail.checked)}
                >
                  {T.requireExternalId}
                </Checkbox>
                {requireExternalId && (
                  <FormField label={T.externalId} errorText={errors.externalId}>
                    <Input value={externalId} onChange={(e) => setExternalId(e.detail.value)} />
                  </FormField>
                )}
                <Checkbox checked={requireMfa} onChange={(e) => setRequireMfa(e.detail.checked)}>
                  {T.requireMfa}
                </Checkbox>
              </SpaceBetween>
            </FormField>
          </SpaceBetween>
        </Container>
      )}
      {entityType === 'AWS_SERVICE' && (
        <Container header={<Header variant="h2">{T.serviceUseCase}</Header>}>
          <Box>{T.serviceEc2}</Box>
        </Container>
      )}
      {(entityType === 'WEB_IDENTITY' || entityType === 'SAML') && (
        <Alert type="info">{T.notSupported}</Alert>
      )}
      {entityType === 'CUSTOM_TRUST_POLICY' && (
        <Container header={<Header variant="h2">{T.customTrustPolicy}</Header>}>
          <FormField label={T.customTrustPolicy} errorText={errors.customText} stretch>
            <JsonEditor value={customText} onChange={setCustomText} />
          </FormField>
        </Container>
      )}
    </SpaceBetween>
  );

  const step1 = (
    <SpaceBetween size="l">
      <PolicyTable
        rows={rows}
        loading={policiesLoading}
        selectedArns={selectedArns}
        setSelectedArns={setSelectedArns}
        filter={filter}
        setFilter={setFilter}
        page={page}
        setPage={setPage}
        description={T.permissionsPoliciesDescription}
      />
      <ExpandableSection
        data-testid="permissions-boundary"
        variant="container"
        headerText={T.setBoundary}
        headerDescription={T.setBoundaryDescription}
        expanded={boundaryOpen}
        onChange={(e) => setBoundaryOpen(e.detail.expanded)}
      >
        <SpaceBetween size="m">
          {boundaryError && (
            <Alert type="error" data-testid="permissions-boundary-error">
              {boundaryError}
            </Alert>
          )}
          <RadioGroup
            ariaLabel={T.permissionsBoundary}
            value={boundaryMode}
            onChange={(e) => {
              setBoundaryMode(e.detail.value as 'none' | 'use');
              setBoundaryError(undefined);
            }}
            items={[
              { value: 'none', label: T.boundaryNone },
              { value: 'use', label: T.boundaryUse },
            ]}
          />
          {boundaryMode === 'use' && (
            <BoundaryTable
              rows={rows}
              loading={policiesLoading}
              selectedArn={boundaryArn}
              setSelectedArn={(arn) => {
                setBoundaryArn(arn);
                setBoundaryError(undefined);
              }}
            />
          )}
        </SpaceBetween>
      </ExpandableSection>
    </SpaceBetween>
  );

  const step2 = (
    <SpaceBetween size="l">
      {submitError && (
        <Alert type="error" header={T.createRoleError} data-testid="create-role-error">
          {submitError}
        </Alert>
      )}
      <Container header={<Header variant="h2">{T.roleDetails}</Header>}>
        <SpaceBetween size="l">
          <FormField
            label={T.roleName}
            description={T.roleNameDescription}
            constraintText={T.roleNameConstraint}
            errorText={errors.roleName}
          >
            <Input value={roleName} onChange={(e) => setRoleName(e.detail.value)} />
          </FormField>
          <FormField
            label={T.description}
            description={T.descriptionDescription}
            constraintText={T.descriptionConstraint}
          >
            <Textarea
              value={description}
              onChange={(e) => setDescription(e.detail.value)}
              rows={3}
            />
          </FormField>
        </SpaceBetween>
      </Container>
      <Container
        header={
          <Header variant="h2" actions={<Button onClick={() => setActiveStep(0)}>{T.edit}</Button>}>
            {T.step1Review}
          </Header>
        }
      >
        <FormField label={T.trustPolicy} stretch>
          <pre className="replica-json" data-testid="trust-policy-preview">
            {trustPolicyText}
          </pre>
        </FormField>
      </Container>
      <Container
        header={
          <Header variant="h2" actions={<Button onClick={() => setActiveStep(1)}>{T.edit}</Button>}>
            {T.step2Review}
          </Header>
        }
      >
        <SpaceBetween size="l">
          <FormField label={T.permissionsPolicySummary} stretch>
            <SelectedPolicies rows={selectedRows} />
          </FormField>
          <div data-testid="permissions-boundary-review">
            <Box variant="awsui-key-label">{T.permissionsBoundary}</Box>
            <div>
              {boundaryRow ? (
                <span data-boundary-arn={boundaryRow.arn}>{boundaryRow.name}</span>
              ) : (
                T.boundaryNotSet
              )}
            </div>
          </div>
        </SpaceBetween>
      </Container>
      <Container
        data-testid="role-tags-editor"
        header={
          <Header variant="h2" description={T.addTagsDescription}>
            {T.addTags}
          </Header>
        }
      >
        <AttributeEditor<TagRow>
          items={tags}
          addButtonText={T.addNewTag}
          removeButtonText={T.remove}
          disableAddButton={tags.length >= MAX_TAGS}
          onAddButtonClick={() => setTags((t) => [...t, { key: '', value: '' }])}
          onRemoveButtonClick={(e) => setTags((t) => t.filter((_, i) => i !== e.detail.itemIndex))}
          empty={T.noTags}
          additionalInfo={T.tagsLeft(MAX_TAGS - tags.length)}
          definition={[
            {
              label: T.tagKey,
              control: (item, i) => (
                <Input
                  value={item.key}
                  placeholder={T.tagKeyPlaceholder}
                  onChange={(e) =>
                    setTags((t) => t.map((r, j) => (j === i ? { ...r, key: e.detail.value } : r)))
                  }
                />
              ),
            },
            {
              label: T.tagValueOptional,
              control: (item, i) => (
                <Input
                  value={item.value}
                  placeholder={T.tagValuePlaceholder}
                  onChange={(e) =>
                    setTags((t) => t.map((r, j) => (j === i ? { ...r, value: e.detail.value } : r)))
                  }
                />
              ),
            },
          ]}
        />
      </Container>
    </SpaceBetween>
  );

  const content = [step0, step1, step2];
  return (
    <Wizard
      activeStepIndex={activeStep}
      onNavigate={(e) => onNavigate(e.detail)}
      onCancel={() => navigate('/roles')}
      onSubmit={() => void onSubmit()}
      isLoadingNextStep={submitting}
      submitButtonText={T.createRole}
      allowSkipTo={false}
      i18nStrings={{
        stepNumberLabel: T.stepNumber,
        collapsedStepsLabel: T.collapsedStep,
        navigationAriaLabel: 'Steps',
        cancelButton: T.cancel,
        previousButton: T.previous,
        nextButton: T.next,
        submitButton: T.createRole,
        optional: T.optional,
      }}
      steps={[T.stepSelectEntities, T.stepAddPermissions, T.stepReview].map((title, i) => ({
        title,
        content: stepReady && i === activeStep ? content[i] : loadingStep,
      }))}
    />
  );
}
