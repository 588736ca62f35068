// The Create StackSet wizard (#/stacksets/create): five steps, the fields of
// docs/organizations.md, validated on Next as the console does; Submit creates the stack set and
// its instances in one call to the simulated Organization.
import { useState } from 'react';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import FileUpload from '@cloudscape-design/components/file-upload';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import KeyValuePairs from '@cloudscape-design/components/key-value-pairs';
import Link from '@cloudscape-design/components/link';
import Multiselect, { type MultiselectProps } from '@cloudscape-design/components/multiselect';
import RadioGroup from '@cloudscape-design/components/radio-group';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Spinner from '@cloudscape-design/components/spinner';
import Textarea from '@cloudscape-design/components/textarea';
import Wizard, { type WizardProps } from '@cloudscape-design/components/wizard';
import { REGION, api, navigate, pushFlash, useApi, useSlow } from './env';
import { C } from './cf-strings';
import { stackSetPath, type OrganizationData, type StackSetData } from './stacksets';

type Permission = 'SERVICE_MANAGED' | 'SELF_MANAGED';
type Tolerance = 'NUMBER' | 'PERCENTAGE';

interface TemplateSummary {
  templateBody: string;
  parameters: { key: string; description: string; defaultValue?: string }[];
  capabilities: string[];
}

const NAME_RE = /^[a-zA-Z][-a-zA-Z0-9]*$/;
const OU_RE = /^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$/;

function toleranceOptions() {
  return [
    { value: 'NUMBER', label: C.number },
    { value: 'PERCENTAGE', label: C.percentage },
  ];
}

function validTolerance(type: Tolerance, text: string, min: number): boolean {
  if (!/^\d+$/.test(text)) return false;
  const n = Number(text);
  return n >= min && (type === 'NUMBER' || n <= 100);
}

export function CreateStackSetWizard() {
  const org = useApi<OrganizationData>('describeOrganization', {}, 'organization');
  const [activeStep, setActiveStep] = useState(0);
  const [permission, setPermission] = useState<Permission>('SERVICE_MANAGED');
  const [source, setSource] = useState<'url' | 'file'>('url');
  const [templateUrl, setTemplateUrl] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [summary, setSummary] = useState<TemplateSummary | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [managedExecution, setManagedExecution] = useState('inactive');
  const [targetKind, setTargetKind] = useState<'organization' | 'ous'>('organization');
  const [ouIds, setOuIds] = useState<string[]>(['']);
  const [accounts, setAccounts] = useState('');
  // The console starts service-managed stack sets with automatic deployment activated [L].
  const [autoDeploy, setAutoDeploy] = useState<'activated' | 'deactivated'>('activated');
  const [removal, setRemoval] = useState<'delete' | 'retain'>('delete');
  const [regions, setRegions] = useState<string[]>([]);
  const [concurrentType, setConcurrentType] = useState<Tolerance>('NUMBER');
  const [concurrent, setConcurrent] = useState('1');
  const [toleranceType, setToleranceType] = useState<Tolerance>('NUMBER');
  const [tolerance, setTolerance] = useState('0');
  const [regionConcurrency, setRegionConcurrency] = useState<'SEQUENTIAL' | 'PARALLEL'>(
    'SEQUENTIAL',
  );
  const [acknowledged, setAcknowledged] = useState(false);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [stepError, setStepError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const stepReady = useSlow(`step-${activeStep}`);

  const regionNames = org.data?.regions ?? {};
  const regionOptions: MultiselectProps.Option[] = Object.entries(regionNames).map(
    ([code, label]) => ({ value: code, label, labelTag: code }),
  );

  async function loadTemplate(): Promise<boolean> {
    const next: Record<string, string | undefined> = {};
    let input: { templateUrl?: string; templateBody?: string };
    if (source === 'url') {
      if (!templateUrl.trim()) next.templateUrl = C.s3UrlRequired;
      input = { templateUrl: templateUrl.trim() };
    } else {
      const file = files[0];
      if (!file) {
        next.file = C.fileRequired;
        input = {};
      } else {
        input = { templateBody: await file.text() };
      }
    }
    setErrors(next);
    if (Object.values(next).some(Boolean)) return false;
    try {
      const s = await api<TemplateSummary>('getTemplateSummary', input);
      // A new template starts its parameters from its defaults; the same one keeps what was typed.
      if (s.templateBody !== summary?.templateBody) {
        setValues(Object.fromEntries(s.parameters.map((p) => [p.key, p.defaultValue ?? ''])));
        setAcknowledged(false);
      }
      setSummary(s);
      return true;
    } catch (e) {
      setStepError(e instanceof Error ? e.message : String(e));
      return false;
    }
  }

  function validateDetails(): boolean {
    const next: Record<string, string | undefined> = {};
    if (!name) next.name = C.stackSetNameRequired;
    else if (name.length > 128) next.name = C.stackSetNameLength;
    else if (!NAME_RE.test(name)) next.name = C.stackSetNameInvalid;
    if (description.length > 1024) next.description = C.stackSetDescriptionLength;
    for (const p of summary?.parameters ?? []) {
      if (!values[p.key]) next[`param:${p.key}`] = C.parameterRequired;
    }
    setErrors(next);
    return !Object.values(next).some(Boolean);
  }

  function validateDeployment(): boolean {
    const next: Record<string, string | undefined> = {};
    if (permission === 'SERVICE_MANAGED' && targetKind === 'ous') {
      ouIds.forEach((id, i) => {
        if (!OU_RE.test(id.trim())) next[`ou:${i}`] = C.ouIdInvalid;
      });
    }
    if (permission === 'SELF_MANAGED') {
      const list = accounts.split(',').map((a) => a.trim());
      if (!list.length || !list.every((a) => /^\d{12}$/.test(a))) {
        next.accounts = C.accountNumbersInvalid;
      }
    }
    if (regions.length === 0) next.regions = C.regionsRequired;
    if (!validTolerance(concurrentType, concurrent, 1)) next.concurrent = C.maxConcurrentInvalid;
    if (!validTolerance(toleranceType, tolerance, 0)) next.tolerance = C.failureToleranceInvalid;
    setErrors(next);
    return !Object.values(next).some(Boolean);
  }

  async function onNavigate(detail: WizardProps.NavigateDetail) {
    if (busy) return;
    const to = detail.requestedStepIndex;
    setStepError(undefined);
    if (to > activeStep) {
      if (activeStep === 0) {
        setBusy(true);
        const ok = await loadTemplate();
        setBusy(false);
        if (!ok) return;
      }
      if (activeStep === 1 && !validateDetails()) return;
      if (activeStep === 3 && !validateDeployment()) return;
    } else {
      setErrors({});
    }
    setActiveStep(to);
  }

  function targets() {
    if (permission === 'SELF_MANAGED') {
      return { kind: 'accounts', accountIds: accounts.split(',').map((a) => a.trim()) };
    }
    if (targetKind === 'organization') return { kind: 'organization' };
    return { kind: 'ous', ouIds: ouIds.map((id) => id.trim()) };
  }

  async function onSubmit() {
    if (busy || !summary) return;
    setStepError(undefined);
    setBusy(true);
    try {
      const { stackSet } = await api<{ stackSet: StackSetData }>('createStackSet', {
        region: REGION,
        stackSetName: name,
        description,
        templateBody: summary.templateBody,
        parameters: summary.parameters.map((p) => ({ key: p.key, value: values[p.key] ?? '' })),
        permissionModel: permission,
        targets: targets(),
        autoDeployment: {
          enabled: permission === 'SERVICE_MANAGED' && autoDeploy === 'activated',
          retainStacksOnAccountRemoval: removal === 'retain',
        },
        regions,
        operationPreferences: {
          maxConcurrent: { type: concurrentType, value: Number(concurrent) },
          failureTolerance: { type: toleranceType, value: Number(tolerance) },
          regionConcurrency,
        },
        capabilities: acknowledged ? summary.capabilities : [],
      });
      const path = stackSetPath(stackSet.stackSetName, 'info');
      pushFlash({
        path: path.split('?')[0]!,
        type: 'success',
        content: C.created(<Link href={`#${path}`}>{stackSet.stackSetName}</Link>),
      });
      navigate(path);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // The console reports a refused Submit in a flash above the wizard.
      pushFlash({ path: '/stacksets/create', type: 'error', content: message });
      setBusy(false);
    }
  }

  const loadingStep = (
    <Box textAlign="center" padding="xxl" data-testid="step-loading">
      <Spinner size="large" />
    </Box>
  );
  const errorAlert = stepError && (
    <Alert type="error" header={C.createFailed} data-testid="stackset-wizard-error">
      {stepError}
    </Alert>
  );

  const step0 = (
    <SpaceBetween size="l">
      {errorAlert}
      <Container header={<Header variant="h2">{C.permissions}</Header>}>
        <FormField label={C.permissions} description={C.permissionsDescription}>
          <RadioGroup
            value={permission}
            onChange={(e) => setPermission(e.detail.value as Permission)}
            items={[
              {
                value: 'SERVICE_MANAGED',
                label: C.serviceManaged,
                description: C.serviceManagedDesc,
              },
              { value: 'SELF_MANAGED', label: C.selfService, description: C.selfServiceDesc },
            ]}
          />
        </FormField>
      </Container>
      <Container header={<Header variant="h2">{C.prerequisite}</Header>}>
        <FormField label={C.prepareTemplate}>
          <RadioGroup value="ready" items={[{ value: 'ready', label: C.templateIsReady }]} />
        </FormField>
      </Container>
      <Container
        header={
          <Header variant="h2" description={C.specifyTemplateDescription}>
            {C.specifyTemplate}
          </Header>
        }
      >
        <SpaceBetween size="l">
          <FormField label={C.specifyTemplate}>
            <RadioGroup
              value={source}
              onChange={(e) => {
                setSource(e.detail.value as 'url' | 'file');
                setErrors({});
              }}
              items={[
                { value: 'url', label: C.s3Url },
                { value: 'file', label: C.uploadTemplate },
              ]}
            />
          </FormField>
          {source === 'url' ? (
            <FormField label={C.s3Url} errorText={errors.templateUrl}>
              <Input
                value={templateUrl}
                onChange={(e) => setTemplateUrl(e.detail.value)}
                placeholder="https://s3.amazonaws.com/bucket/template.json"
                type="url"
              />
            </FormField>
          ) : (
            <FormField label={C.templateFile} errorText={errors.file}>
              <FileUpload
                value={files}
                onChange={(e) => setFiles(e.detail.value)}
                accept=".json,.yaml,.yml,.template,.txt"
                constraintText={C.templateFileConstraint}
                showFileSize
                i18nStrings={{
                  uploadButtonText: (multiple) => (multiple ? C.chooseFiles : C.chooseFile),
                  dropzoneText: () => C.dropFile,
                  removeFileAriaLabel: (_i, fileName) => C.removeFile(fileName),
                  limitShowFewer: 'Show fewer',
                  limitShowMore: 'Show more',
                  errorIconAriaLabel: 'Error',
                }}
              />
            </FormField>
          )}
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );

  const step1 = (
    <SpaceBetween size="l">
      <Container header={<Header variant="h2">{C.stackSetDetails}</Header>}>
        <SpaceBetween size="l">
          <FormField
            label={C.stackSetName}
            constraintText={C.stackSetNameConstraint}
            errorText={errors.name}
          >
            <Input value={name} onChange={(e) => setName(e.detail.value)} />
          </FormField>
          <FormField
            label={C.stackSetDescription}
            constraintText={C.stackSetDescriptionConstraint}
            errorText={errors.description}
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
          <Header variant="h2" description={C.parametersDescription}>
            {C.parameters}
          </Header>
        }
      >
        {summary?.parameters.length ? (
          <SpaceBetween size="l">
            {summary.parameters.map((p) => (
              <FormField
                key={p.key}
                label={p.key}
                description={p.description}
                errorText={errors[`param:${p.key}`]}
              >
                <Input
                  value={values[p.key] ?? ''}
                  onChange={(e) => setValues((v) => ({ ...v, [p.key]: e.detail.value }))}
                />
              </FormField>
            ))}
          </SpaceBetween>
        ) : (
          <Box>{C.noParameters}</Box>
        )}
      </Container>
    </SpaceBetween>
  );

  const step2 = (
    <SpaceBetween size="l">
      <Container
        header={
          <Header variant="h2" description={C.tagsDescription}>
            {C.tags}
          </Header>
        }
      >
        <SpaceBetween size="s">
          <Box>{C.noTags}</Box>
          <Button disabled>{C.addTag}</Button>
        </SpaceBetween>
      </Container>
      <Container
        header={
          <Header variant="h2" description={C.managedExecutionDescription}>
            {C.managedExecution}
          </Header>
        }
      >
        <FormField label={C.managedExecution}>
          <RadioGroup
            value={managedExecution}
            onChange={(e) => setManagedExecution(e.detail.value)}
            items={[
              { value: 'inactive', label: C.inactive },
              { value: 'active', label: C.active },
            ]}
          />
        </FormField>
      </Container>
    </SpaceBetween>
  );

  const toleranceField = (
    label: string,
    fieldDescription: string,
    id: string,
    type: Tolerance,
    setType: (t: Tolerance) => void,
    value: string,
    setValue: (v: string) => void,
    error: string | undefined,
  ) => (
    <FormField
      label={label}
      description={fieldDescription}
      errorText={error}
      controlId={`${id}-value`}
    >
      <SpaceBetween direction="horizontal" size="xs">
        <Select
          controlId={`${id}-type`}
          selectedOption={toleranceOptions().find((o) => o.value === type) ?? null}
          onChange={(e) => setType(e.detail.selectedOption.value as Tolerance)}
          options={toleranceOptions()}
        />
        <Input
          controlId={`${id}-value`}
          type="number"
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.detail.value)}
        />
      </SpaceBetween>
    </FormField>
  );

  const step3 = (
    <SpaceBetween size="l">
      {permission === 'SERVICE_MANAGED' ? (
        <Container header={<Header variant="h2">{C.deploymentTargets}</Header>}>
          <SpaceBetween size="l">
            <FormField label={C.deploymentTargets}>
              <RadioGroup
                value={targetKind}
                onChange={(e) => setTargetKind(e.detail.value as 'organization' | 'ous')}
                items={[
                  { value: 'organization', label: C.deployToOrganization },
                  { value: 'ous', label: C.deployToOus },
                ]}
              />
            </FormField>
            {targetKind === 'ous' && (
              <SpaceBetween size="s">
                {ouIds.map((id, i) => (
                  <FormField key={i} label={C.ouId} errorText={errors[`ou:${i}`]}>
                    <SpaceBetween direction="horizontal" size="xs">
                      <Input
                        value={id}
                        placeholder="ou-xxxx-xxxxxxxx"
                        onChange={(e) =>
                          setOuIds((list) => list.map((v, j) => (j === i ? e.detail.value : v)))
                        }
                      />
                      {ouIds.length > 1 && (
                        <Button onClick={() => setOuIds((list) => list.filter((_, j) => j !== i))}>
                          {C.remove}
                        </Button>
                      )}
                    </SpaceBetween>
                  </FormField>
                ))}
                <Button onClick={() => setOuIds((list) => [...list, ''])}>{C.addAnotherOu}</Button>
              </SpaceBetween>
            )}
            <FormField label={C.autoDeployment} description={C.autoDeploymentDescription}>
              <RadioGroup
                value={autoDeploy}
                onChange={(e) => setAutoDeploy(e.detail.value as 'activated' | 'deactivated')}
                items={[
                  { value: 'activated', label: C.activated },
                  { value: 'deactivated', label: C.deactivated },
                ]}
              />
            </FormField>
            <FormField label={C.accountRemoval}>
              <RadioGroup
                value={removal}
                onChange={(e) => setRemoval(e.detail.value as 'delete' | 'retain')}
                items={[
                  { value: 'delete', label: C.deleteStacks, disabled: autoDeploy !== 'activated' },
                  { value: 'retain', label: C.retainStacks, disabled: autoDeploy !== 'activated' },
                ]}
              />
            </FormField>
          </SpaceBetween>
        </Container>
      ) : (
        <Container header={<Header variant="h2">{C.accountNumbers}</Header>}>
          <FormField
            label={C.accountNumbers}
            description={C.accountNumbersDescription}
            errorText={errors.accounts}
          >
            <Input value={accounts} onChange={(e) => setAccounts(e.detail.value)} />
          </FormField>
        </Container>
      )}
      <Container header={<Header variant="h2">{C.specifyRegions}</Header>}>
        <FormField
          label={C.specifyRegions}
          description={C.specifyRegionsDescription}
          errorText={errors.regions}
        >
          <Multiselect
            selectedOptions={regionOptions.filter((o) => regions.includes(o.value ?? ''))}
            onChange={(e) =>
              setRegions(e.detail.selectedOptions.map((o) => o.value ?? '').filter(Boolean))
            }
            options={regionOptions}
            placeholder={C.addRegions}
            filteringType="auto"
            filteringPlaceholder={C.filterRegions}
            statusType={org.loading ? 'loading' : 'finished'}
            loadingText={C.loading}
          />
        </FormField>
      </Container>
      <Container header={<Header variant="h2">{C.deploymentOptions}</Header>}>
        <SpaceBetween size="l">
          {toleranceField(
            C.maxConcurrent,
            C.maxConcurrentDescription,
            'max-concurrent',
            concurrentType,
            setConcurrentType,
            concurrent,
            setConcurrent,
            errors.concurrent,
          )}
          {toleranceField(
            C.failureTolerance,
            C.failureToleranceDescription,
            'failure-tolerance',
            toleranceType,
            setToleranceType,
            tolerance,
            setTolerance,
            errors.tolerance,
          )}
          <FormField label={C.regionConcurrency}>
            <RadioGroup
              value={regionConcurrency}
              onChange={(e) => setRegionConcurrency(e.detail.value as 'SEQUENTIAL' | 'PARALLEL')}
              items={[
                { value: 'SEQUENTIAL', label: C.sequential },
                { value: 'PARALLEL', label: C.parallel },
              ]}
            />
          </FormField>
        </SpaceBetween>
      </Container>
    </SpaceBetween>
  );

  const tol = (type: Tolerance, value: string) =>
    `${type === 'NUMBER' ? C.number : C.percentage}: ${value}${type === 'PERCENTAGE' ? ' %' : ''}`;
  const editHeader = (title: string, step: number) => (
    <Header variant="h2" actions={<Button onClick={() => setActiveStep(step)}>{C.edit}</Button>}>
      {title}
    </Header>
  );
  const needsNames = summary?.capabilities.includes('CAPABILITY_NAMED_IAM') ?? false;
  const step4 = (
    <SpaceBetween size="l">
      <Container header={editHeader(C.stepChooseTemplate, 0)}>
        <KeyValuePairs
          columns={3}
          items={[
            {
              label: C.permissions,
              value: permission === 'SERVICE_MANAGED' ? C.serviceManaged : C.selfService,
            },
            source === 'url'
              ? { label: C.templateUrl, value: templateUrl }
              : { label: C.uploadedFile, value: files[0]?.name ?? C.none },
          ]}
        />
      </Container>
      <Container header={editHeader(C.stepDetails, 1)}>
        <SpaceBetween size="l">
          <KeyValuePairs
            columns={2}
            items={[
              { label: C.stackSetName, value: name },
              { label: C.stackSetDescription, value: description || C.none },
            ]}
          />
          <KeyValuePairs
            columns={3}
            items={(summary?.parameters ?? []).map((p) => ({
              label: p.key,
              value: values[p.key] ?? '',
            }))}
          />
        </SpaceBetween>
      </Container>
      <Container header={editHeader(C.stepOptions, 2)}>
        <KeyValuePairs
          columns={2}
          items={[
            { label: C.tags, value: C.none },
            {
              label: C.managedExecution,
              value: managedExecution === 'active' ? C.active : C.inactive,
            },
          ]}
        />
      </Container>
      <Container header={editHeader(C.stepDeployment, 3)}>
        <KeyValuePairs
          columns={3}
          items={[
            permission === 'SERVICE_MANAGED'
              ? {
                  label: C.deploymentTargets,
                  value:
                    targetKind === 'organization'
                      ? C.deployToOrganization
                      : `${C.deployToOus}: ${ouIds.join(', ')}`,
                }
              : { label: C.accountNumbers, value: accounts },
            ...(permission === 'SERVICE_MANAGED'
              ? [
                  {
                    label: C.autoDeployment,
                    value: autoDeploy === 'activated' ? C.activated : C.deactivated,
                  },
                  {
                    label: C.accountRemoval,
                    value: removal === 'retain' ? C.retainStacks : C.deleteStacks,
                  },
                ]
              : []),
            { label: C.specifyRegions, value: regions.join(', ') },
            { label: C.maxConcurrent, value: tol(concurrentType, concurrent) },
            { label: C.failureTolerance, value: tol(toleranceType, tolerance) },
            {
              label: C.regionConcurrency,
              value: regionConcurrency === 'PARALLEL' ? C.parallel : C.sequential,
            },
          ]}
        />
      </Container>
      {summary && summary.capabilities.length > 0 && (
        <Container header={<Header variant="h2">{C.capabilities}</Header>}>
          <SpaceBetween size="m">
            <Alert type="info">{C.capabilitiesNotice}</Alert>
            <Checkbox checked={acknowledged} onChange={(e) => setAcknowledged(e.detail.checked)}>
              {needsNames ? C.acknowledgeNamedIam : C.acknowledgeIam}
            </Checkbox>
          </SpaceBetween>
        </Container>
      )}
    </SpaceBetween>
  );

  const content = [step0, step1, step2, step3, step4];
  return (
    <Wizard
      activeStepIndex={activeStep}
      onNavigate={(e) => void onNavigate(e.detail)}
      onCancel={() => navigate('/stacksets')}
      onSubmit={() => void onSubmit()}
      isLoadingNextStep={busy}
      submitButtonText={C.submit}
      allowSkipTo={false}
      i18nStrings={{
        stepNumberLabel: C.stepNumber,
        collapsedStepsLabel: C.collapsedStep,
        navigationAriaLabel: 'Steps',
        cancelButton: C.cancel,
        previousButton: C.previous,
        nextButton: C.next,
        submitButton: C.submit,
        optional: C.optional,
      }}
      steps={[
        C.stepChooseTemplate,
        C.stepDetails,
        C.stepOptions,
        C.stepDeployment,
        C.stepReview,
      ].map((title, i) => ({
        title,
        content: stepReady && i === activeStep ? content[i] : loadingStep,
      }))}
    />
  );
}
