// @vitest-environment happy-dom
// The review's "Use infrastructure as code instead" fold, with a fake API: the files it copies and
// downloads are the ones core writes from the plan the review would start, the note says what the
// customer must give the service, and the fold is there only for a new role, in both languages.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import english from '../../../public/_locales/en/messages.json' with { type: 'json' };
import japanese from '../../../public/_locales/ja/messages.json' with { type: 'json' };
import { cloudFormationTemplate, terraformSnippet } from '../../../src/core/iac.ts';
import { planSetup } from '../../../src/core/machine.ts';
import { EXAMPLES, fakePopupApi } from '../../support/fake-popup-api.ts';

vi.mock('../../../src/platform/browser.ts', () => ({
  browser: { i18n: { getMessage: () => '' } },
}));
const { setLanguage } = await import('../../../src/popup/i18n.ts');
const { App } = await import('../../../src/popup/App.tsx');

const createObjectURL = URL.createObjectURL;
const revokeObjectURL = URL.revokeObjectURL;
afterEach(() => {
  cleanup();
  setLanguage(english);
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;
  vi.restoreAllMocks();
});

const demo = EXAMPLES.find((p) => p.id === 'crossrole-demo')!;

/** The demo's review, with the External ID it generated. */
async function review() {
  const api = fakePopupApi();
  render(<App api={api} />);
  await screen.findByText('What Crossrole Demo Service will get');
  const externalId = screen.getByLabelText('External ID').textContent!;
  // The plan the background would make from what the review starts.
  const planned = planSetup(
    demo,
    {
      mode: 'create-role',
      profileId: demo.id,
      levelId: 'read-only',
      optionIds: [],
      partition: 'aws',
      roleName: demo.role.name,
      roleDescription: demo.role.description!,
      externalId,
    },
    { id: 'any', now: 1, reuse: null },
  );
  if (!planned.ok) throw new Error(planned.error);
  return { api, externalId, setup: planned.value.setup };
}

describe('Use infrastructure as code instead', () => {
  it('copies the template core writes from the review’s plan, and says what the service needs', async () => {
    const { api, externalId, setup } = await review();
    fireEvent.click(screen.getByText('Use infrastructure as code instead'));
    expect(
      screen.getByText(
        `These files create the same role, trust policy and policies as the console wizard. Crossrole cannot see a role created this way, so Crossrole Demo Service is not told: give Crossrole Demo Service the Role ARN (the output RoleArn / role_arn) and the External ID ${externalId} yourself.`,
      ),
    ).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy CloudFormation template (JSON)' }));
    await waitFor(() => expect(api.copied).toHaveLength(1));
    const template = cloudFormationTemplate(setup);
    expect(template.ok && api.copied[0]).toBe(template.ok && template.value);
    expect(JSON.parse(api.copied[0]!).Parameters.ExternalId.Default).toBe(externalId);
    fireEvent.click(screen.getByRole('button', { name: 'Copy Terraform configuration' }));
    await waitFor(() => expect(api.copied).toHaveLength(2));
    const snippet = terraformSnippet(setup);
    expect(snippet.ok && api.copied[1]).toBe(snippet.ok && snippet.value);
  });

  it('follows the choices: another role name is in the files', async () => {
    const { api } = await review();
    fireEvent.input(screen.getByLabelText('Role name'), { target: { value: 'RenamedRole' } });
    fireEvent.click(screen.getByText('Use infrastructure as code instead'));
    fireEvent.click(screen.getByRole('button', { name: 'Copy Terraform configuration' }));
    await waitFor(() => expect(api.copied).toHaveLength(1));
    expect(api.copied[0]).toContain('default     = "RenamedRole"');
    expect(screen.getByText('RenamedRole.tf')).toBeTruthy();
  });

  it('downloads a file through a Blob URL and an <a download>', async () => {
    const { setup } = await review();
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:crossrole/1'));
    URL.revokeObjectURL = vi.fn();
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download });
    });
    fireEvent.click(screen.getByText('Use infrastructure as code instead'));
    fireEvent.click(screen.getByRole('button', { name: 'Download Terraform configuration' }));
    expect(clicked).toEqual([{ href: 'blob:crossrole/1', download: 'CrossroleDemoRole.tf' }]);
    const snippet = terraformSnippet(setup);
    expect(await blobs[0]!.text()).toBe(snippet.ok ? snippet.value : '');
    fireEvent.click(
      screen.getByRole('button', { name: 'Download CloudFormation template (JSON)' }),
    );
    expect(clicked[1]!.download).toBe('CrossroleDemoRole.template.json');
    expect(blobs[1]!.type).toBe('application/json');
  });

  it('is offered only for a new role', async () => {
    await review();
    expect(screen.getByText('Use infrastructure as code instead')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Update an existing role instead' }));
    expect(screen.queryByText('Use infrastructure as code instead')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Update an existing role instead' }));
    expect(screen.getByText('Use infrastructure as code instead')).toBeTruthy();
  });

  it('speaks Japanese in the console’s terms', async () => {
    setLanguage(japanese);
    render(<App api={fakePopupApi()} />);
    fireEvent.click(await screen.findByText('代わりにコードでロールを作成する'));
    expect(
      screen.getByText(/同じロール、信頼ポリシー、許可ポリシーを作成します/).textContent,
    ).toMatch(/ロールの ARN \(出力 RoleArn \/ role_arn\) と外部 ID demo-[A-Za-z0-9]{22} を/);
    expect(
      screen.getByRole('button', { name: 'CloudFormation テンプレート (JSON) をダウンロード' }),
    ).toBeTruthy();
  });
});
