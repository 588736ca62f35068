// @vitest-environment happy-dom
// The Create StackSet wizard (docs/organizations.md, "The flow" 3), in English and Japanese:
// each step filled and read back, fields already right left untouched, Next pressed once per
// step, the template file put into the upload (or, when the page has no file input, the panel
// says to choose the downloaded file and the wizard waits for it), and on Review the
// acknowledgement and Submit pointed at but never ticked or pressed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStackSetWizard } from '../../../src/content/cloudformation/create-stack-set-wizard.ts';
import type { StackSetPlan } from '../../../src/core/content-setup.ts';
import { fakeContext, ORGANIZATION_PLAN } from '../../support/feature-context.ts';

const EN = {
  titles: [
    'Choose a template',
    'Specify StackSet details',
    'Configure StackSet options',
    'Set deployment options',
    'Review',
  ],
  next: 'Next',
  previous: 'Previous',
  submit: 'Submit',
  self: 'Self-service permissions',
  service: 'Service-managed permissions',
  s3: 'Amazon S3 URL',
  upload: 'Upload a template file',
  choose: 'Choose file',
  name: 'StackSet name',
  description: 'StackSet description',
  org: 'Deploy to organization',
  ous: 'Deploy to organizational units (OUs)',
  ouId: 'AWS OU ID',
  addOu: 'Add another OU',
  auto: 'Automatic deployment',
  on: 'Activated',
  off: 'Deactivated',
  removal: 'Account removal behavior',
  delete: 'Delete stacks',
  retain: 'Retain stacks',
  regions: 'Specify regions',
  max: 'Maximum concurrent accounts',
  tolerance: 'Failure tolerance',
  number: 'Number',
  percentage: 'Percentage',
  acknowledge:
    'I acknowledge that AWS CloudFormation might create IAM resources with custom names.',
};
type Words = typeof EN;
const JA: Words = {
  titles: [
    'テンプレートの選択',
    'StackSet の詳細を指定',
    'StackSet オプションの設定',
    'デプロイオプションの設定',
    '確認',
  ],
  next: '次へ',
  previous: '前へ',
  submit: '送信',
  self: 'セルフサービスのアクセス許可',
  service: 'サービスマネージド型のアクセス許可',
  s3: 'Amazon S3 URL',
  upload: 'テンプレートファイルのアップロード',
  choose: 'ファイルを選択',
  name: 'StackSet 名',
  description: 'StackSet の説明',
  org: '組織へのデプロイ',
  ous: '組織単位 (OU) へのデプロイ',
  ouId: 'AWS OU ID',
  addOu: '別の OU を追加',
  auto: '自動デプロイ',
  on: '有効',
  off: '無効',
  removal: 'アカウント削除動作',
  delete: 'スタックを削除',
  retain: 'スタックを保持',
  regions: 'リージョンの指定',
  max: '最大同時アカウント数',
  tolerance: '障害耐性',
  number: '数値',
  percentage: 'パーセンテージ',
  acknowledge:
    'AWS CloudFormation によって、カスタム名のついた IAM リソースが作成される場合があることを承認します。',
};

const REGIONS = [
  ['us-east-1', 'US East (N. Virginia)'],
  ['us-east-2', 'US East (Ohio)'],
  ['eu-west-1', 'Europe (Ireland)'],
];

/** A select or multiselect as Cloudscape's: a listbox trigger, options on mousedown, picked on mouseup. */
function dropdown(
  trigger: HTMLButtonElement,
  options: string[],
  multiple: boolean,
  chosen: Set<string>,
  onChange: () => void,
) {
  let list: HTMLElement | null = null;
  const close = () => {
    list?.remove();
    list = null;
  };
  trigger.addEventListener('mousedown', () => {
    if (list) return close();
    list = document.createElement('ul');
    list.setAttribute('role', 'listbox');
    for (const option of options) {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(chosen.has(option)));
      li.textContent = option;
      li.addEventListener('mouseup', () => {
        if (multiple) {
          if (chosen.has(option)) chosen.delete(option);
          else chosen.add(option);
          li.setAttribute('aria-selected', String(chosen.has(option)));
        } else {
          chosen.clear();
          chosen.add(option);
          close();
        }
        onChange();
      });
      list.append(li);
    }
    document.body.append(list);
  });
  trigger.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape') close();
  });
}

function steps(w: Words, fileInput: boolean): string[] {
  return [
    `<fieldset><legend>Permissions</legend>
      <label><input type="radio" name="perm" id="self" checked>${w.self}</label>
      <label><input type="radio" name="perm" id="service">${w.service}</label></fieldset>
     <fieldset><legend>Specify template</legend>
      <label><input type="radio" name="tpl" id="s3" checked>${w.s3}</label>
      <label><input type="radio" name="tpl" id="upload">${w.upload}</label></fieldset>
     <label for="url">${w.s3}</label><input id="url" type="text">
     <div class="file"><button type="button" id="choose">${w.choose}</button>${fileInput ? '<input type="file" id="file">' : ''}</div>
     <div class="token"></div>`,
    `<label for="name">${w.name}</label><input id="name">
     <label for="description">${w.description}</label><textarea id="description"></textarea>
     <h2>Parameters</h2>
     <label for="p1">ExternalId</label><input id="p1">
     <label for="p2">RoleName</label><input id="p2" value="ExampleRole">`,
    `<h2>Tags</h2><p>No tags.</p>`,
    `<fieldset><legend>Deployment targets</legend>
      <label><input type="radio" name="target" id="org">${w.org}</label>
      <label><input type="radio" name="target" id="ous" checked>${w.ous}</label></fieldset>
     <div class="ou-list"><label for="ou1">${w.ouId}</label><input id="ou1"></div>
     <button type="button" id="add-ou">${w.addOu}</button>
     <fieldset><legend>${w.auto}</legend>
      <label><input type="radio" name="auto" id="auto-on">${w.on}</label>
      <label><input type="radio" name="auto" id="auto-off" checked>${w.off}</label></fieldset>
     <fieldset><legend>${w.removal}</legend>
      <label><input type="radio" name="removal" id="delete" checked>${w.delete}</label>
      <label><input type="radio" name="removal" id="retain">${w.retain}</label></fieldset>
     <div class="field"><label id="regions-label">${w.regions}</label>
      <button type="button" aria-haspopup="listbox" id="regions">Add regions</button>
      <div class="tokens"></div></div>
     <div class="field"><label>${w.max}</label>
      <button type="button" aria-haspopup="listbox" id="max-kind">${w.number}</button>
      <input type="number" id="max" value="1"></div>
     <div class="field"><label>${w.tolerance}</label>
      <button type="button" aria-haspopup="listbox" id="tolerance-kind">${w.number}</button>
      <input type="number" id="tolerance" value="0"></div>`,
    `<h2>Step 1: ${w.titles[0]}</h2><p>ExampleRole</p><p>ext-123456</p><p>us-east-1</p>
     <label><input type="checkbox" id="ack">${w.acknowledge}</label>`,
  ];
}

function wizard(w: Words, { fileInput = true } = {}) {
  document.documentElement.lang = w === JA ? 'ja' : 'en';
  const nav = w.titles.map((title, i) => `<li><small>Step ${i + 1}</small> <a>${title}</a></li>`);
  document.body.innerHTML = `<main><nav><ol>${nav.join('')}</ol></nav><h1></h1><div class="slot"></div>
    <button class="awsui_previous-button_1xupv">${w.previous}</button>
    <button class="awsui_primary-button_1xupv">${w.next}</button></main>`;
  const slot = document.querySelector('.slot')!;
  const heading = document.querySelector('h1')!;
  const [previous, primary] = [...document.querySelectorAll<HTMLButtonElement>('main > button')];
  const holders = steps(w, fileInput).map((html) => {
    const holder = document.createElement('div');
    holder.innerHTML = html;
    return holder;
  });
  const get = <T extends Element = HTMLInputElement>(n: number, selector: string) =>
    holders[n - 1]!.querySelector<T>(selector)!;
  // Cloudscape shows the chosen file's name in a token.
  get(1, '#file')?.addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    get<HTMLElement>(1, '.token').textContent = file ? `${file.name} 1.2 KB` : '';
  });
  get(4, '#add-ou').addEventListener('click', () => {
    const n = holders[3]!.querySelectorAll('.ou-list input').length + 1;
    get(4, '.ou-list').insertAdjacentHTML(
      'beforeend',
      `<label for="ou${n}">${w.ouId}</label><input id="ou${n}">`,
    );
  });
  // The console pre-selects nothing; a region left from an earlier try is removed.
  const regions = new Set<string>(['Europe (Ireland) eu-west-1']);
  const drawTokens = () =>
    (get<HTMLElement>(4, '.tokens').innerHTML = [...regions]
      .map((r) => `<div class="awsui_token_dm8gx_abcde">${r}</div>`)
      .join(''));
  drawTokens();
  dropdown(
    get<HTMLButtonElement>(4, '#regions'),
    REGIONS.map(([code, name]) => `${name} ${code}`),
    true,
    regions,
    drawTokens,
  );
  for (const id of ['#max-kind', '#tolerance-kind']) {
    const trigger = get<HTMLButtonElement>(4, id);
    const kind = new Set([w.number]);
    dropdown(trigger, [w.number, w.percentage], false, kind, () => {
      trigger.textContent = [...kind][0]!;
    });
  }
  const clicks = { next: 0, previous: 0, submit: 0 };
  let at = 0;
  const show = (index: number) => {
    at = index;
    heading.textContent = w.titles[index]!;
    slot.replaceChildren(holders[index]!);
    primary!.textContent = index === holders.length - 1 ? w.submit : w.next;
  };
  primary!.addEventListener('click', () => {
    if (at === holders.length - 1) clicks.submit += 1;
    else {
      clicks.next += 1;
      show(at + 1);
    }
  });
  previous!.addEventListener('click', () => {
    clicks.previous += 1;
    if (at > 0) show(at - 1);
  });
  show(0);
  return { clicks, get, step: () => at + 1, regions };
}

const PLAN: StackSetPlan = {
  ...ORGANIZATION_PLAN,
  targets: { kind: 'ous', ouIds: ['ou-ab12-cdefgh34', 'ou-ab12-ijklmn56'] },
};

let controller: AbortController;
beforeEach(() => (controller = new AbortController()));
afterEach(() => {
  controller.abort();
  document.body.replaceChildren();
});

const until = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 50 });

for (const [language, w] of [
  ['en', EN],
  ['ja', JA],
] as const) {
  describe(`Create StackSet wizard (${language})`, () => {
    it('fills and reads back every step, presses Next once per step, and never ticks the acknowledgement or presses Submit', async () => {
      const page = wizard(w);
      const description = page.get<HTMLTextAreaElement>(2, '#description');
      description.value = PLAN.stackSetDescription;
      const roleName = page.get(2, '#p2');
      const touched: string[] = [];
      for (const [id, el] of [
        ['description', description],
        ['RoleName', roleName],
      ] as const)
        el.addEventListener('input', () => touched.push(id));
      const fake = fakeContext({
        language,
        setup: { mode: 'organization', organization: PLAN },
      });
      void fake.start(createStackSetWizard, controller.signal);
      await until(() => expect(page.step()).toBe(5));
      await until(() => expect(fake.last()?.step).toBe(5));

      expect(page.get(1, '#service').checked).toBe(true);
      expect(page.get(1, '#upload').checked).toBe(true);
      expect(page.get(1, '#file').files?.[0]?.name).toBe(PLAN.templateFileName);
      expect(await page.get(1, '#file').files?.[0]?.text()).toBe(PLAN.templateBody);
      expect(page.get(2, '#name').value).toBe(PLAN.stackSetName);
      expect(page.get(2, '#p1').value).toBe('ext-123456');
      expect(roleName.value).toBe('ExampleRole');
      expect(touched).toEqual([]); // already right: left alone
      expect(page.get(4, '#ous').checked).toBe(true);
      expect(page.get(4, '#ou1').value).toBe('ou-ab12-cdefgh34');
      expect(page.get(4, '#ou2').value).toBe('ou-ab12-ijklmn56');
      expect(page.get(4, '#auto-on').checked).toBe(true);
      expect(page.get(4, '#delete').checked).toBe(true); // account removal left as it was
      expect([...page.regions]).toEqual(['US East (N. Virginia) us-east-1']);
      expect(page.get(4, '#max-kind').textContent).toBe(w.percentage);
      expect(page.get(4, '#max').value).toBe('100');
      expect(page.get(4, '#tolerance-kind').textContent).toBe(w.percentage);
      expect(page.get(4, '#tolerance').value).toBe('100');

      expect(page.clicks).toEqual({ next: 4, previous: 0, submit: 0 });
      expect(page.get(5, '#ack').checked).toBe(false);
      const review = fake.last()!;
      expect(review.items.filter((i) => i.status === 'problem')).toEqual([]);
      expect(review.note).toContain('ExampleRole');
      expect(review.note).toContain('Example Service');
      expect(fake.highlights.at(-1)?.target).toBe(page.get(5, '#ack'));
      // The customer ticks it: Submit is pointed at, still not pressed.
      page.get(5, '#ack').click();
      await until(() => expect(fake.highlights.at(-1)?.target?.textContent).toBe(w.submit));
      expect(page.clicks.submit).toBe(0);
      expect(fake.misses).toEqual([]);
    });
  });
}

describe('Create StackSet wizard, other paths', () => {
  it('gives the Amazon S3 URL when the plan has one', async () => {
    const page = wizard(EN);
    const url = 'https://templates.example.com/crossrole.json';
    const fake = fakeContext({
      setup: { mode: 'organization', organization: { ...ORGANIZATION_PLAN, templateUrl: url } },
    });
    void fake.start(createStackSetWizard, controller.signal);
    await until(() => expect(page.step()).toBe(2));
    expect(page.get(1, '#s3').checked).toBe(true);
    expect(page.get(1, '#url').value).toBe(url);
    expect(page.get(1, '.token').textContent).toBe('');
  });

  it('without a file input, says to choose the downloaded file and waits for the customer', async () => {
    const page = wizard(EN, { fileInput: false });
    const fake = fakeContext({ setup: { mode: 'organization', organization: ORGANIZATION_PLAN } });
    void fake.start(createStackSetWizard, controller.signal);
    await until(() =>
      expect(
        fake
          .last()
          ?.items.map((i) => i.text)
          .join(' '),
      ).toContain('Download the template'),
    );
    expect(fake.last()?.items.at(-1)?.text).toContain(ORGANIZATION_PLAN.templateFileName);
    expect(fake.highlights.at(-1)?.target).toBe(page.get(1, '#choose'));
    expect(fake.misses).toContain('template-file-input');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(page.clicks.next).toBe(0);
    // The customer chooses the file: the page shows it, and the wizard goes on.
    page.get<HTMLElement>(1, '.token').textContent = ORGANIZATION_PLAN.templateFileName;
    await until(() => expect(page.step()).toBe(2));
    expect(page.clicks.next).toBe(1);
  });

  it('deploys to the whole organization when the plan says so', async () => {
    const page = wizard(EN);
    const fake = fakeContext({ setup: { mode: 'organization', organization: ORGANIZATION_PLAN } });
    void fake.start(createStackSetWizard, controller.signal);
    await until(() => expect(page.step()).toBe(5));
    expect(page.get(4, '#org').checked).toBe(true);
    expect(page.get(4, '#ou1').value).toBe('');
  });

  it('does not start on a page without the wizard, nor for another kind of setup', async () => {
    document.body.innerHTML = '<main><h1>Review</h1></main>';
    const org = fakeContext({ setup: { mode: 'organization', organization: ORGANIZATION_PLAN } });
    expect(await org.start(createStackSetWizard, controller.signal)).toBe(false);
    wizard(EN);
    const role = fakeContext({ setup: { mode: 'create-role' } });
    expect(await role.start(createStackSetWizard, controller.signal)).toBe(false);
  });
});
