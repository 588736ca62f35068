// The guide panel's words on IAM pages (the Create role wizard, the role page, the policy and
// trust editors), in English and Japanese. They are not in the content script: the background
// sends the words of the console's language with the setup (`words` in the reply to
// `content.hello`, with the access-keys and guardrail words), and the content script's `say`
// fills their `{0}`, `{1}`… placeholders in order (docs/console.md, "The content script's size").
// Service and policy names, ARNs and IAM's own messages are filled in as they are.
import { GUARD_WORDS_EN, GUARD_WORDS_JA } from './guard-words.ts';
import { KEY_WORDS_EN, KEY_WORDS_JA } from './panel-words.ts';
import { LIFECYCLE_WORDS_EN, LIFECYCLE_WORDS_JA } from './lifecycle-words.ts';
import { labelWordsFor } from './console-labels.ts';

export const IAM_WORDS_EN = {
  policySelected: 'Policy selected: {0}',
  searchAndTick: 'Search for this policy and tick it',
  noForm: 'Crossrole cannot find the Create role form',
  noFormHelp: 'Fill the form by hand with the values below, or try the older form.',
  tryOlderForm: 'Try the older form',
  manualEntity: 'Trusted entity: AWS account → Another AWS account → Account ID',
  manualExternalId: 'Tick "Require external ID" → External ID',
  manualMfa: 'Leave "Require MFA" unticked',
  manualPolicy: 'Permissions: tick the policy',
  roleNameField: 'Role name',
  descriptionField: 'Description',
  entityType: 'Trusted entity type: AWS account',
  chooseEntityType: 'Choose the trusted entity type "AWS account"',
  anotherAccount: 'Another AWS account',
  chooseAnotherAccount: 'Choose "Another AWS account"',
  accountId: 'Account ID: {0} ({1})',
  accountIdField: 'Account ID',
  externalIdDone: 'Require external ID, with the External ID',
  externalIdManual: 'Tick "Require external ID" and enter the External ID',
  mfaOff: 'Require MFA: off (a service cannot answer MFA)',
  mfaManual: 'Make sure "Require MFA" is unticked',
  entityFilled: 'Trusted entity filled in',
  goingToPermissions: 'Going on to permissions. Use Previous to look again.',
  checkEntity: 'Check the trusted entity',
  thenNext: 'Then press Next.',
  pressNextFields: 'Press Next when the fields above are set',
  permissionsSelected: 'Permissions selected',
  goingToReview: 'Going on to name and review.',
  selectPermissions: 'Select the permissions',
  pressNextPolicies: 'Press Next when the policies are ticked',
  roleName: 'Role name: {0}',
  descriptionDone: 'Description filled in',
  descriptionDifferent: 'The description is not the one Crossrole filled in',
  trustChecked: 'Trust policy checked: {0} only, with your External ID, no MFA',
  trustUnreadable:
    'Crossrole could not read the trust policy preview: check it shows the account and External ID above.',
  policiesMissing: 'Not in the chosen permissions: {0}.',
  policiesListed: 'Permissions: {0}',
  reviewThenCreate: 'Review, then press Create role.',
  fixFirst: 'Fix what is marked above first: Create role would make a role the service cannot use.',
  readyTitle: 'Ready: press Create role',
  notReadyTitle: 'Not ready yet',
  createRoleNote:
    'Create role makes {0}, which {1} (AWS account {2}) can assume with your External ID. Crossrole then reads the role back from IAM and sends what IAM holds to {1}.',
  createsRole: 'Creates {0} for {1}',
  backToEntity: 'Go back and fix the trusted entity',
  backToPermissions: 'Go back and tick the missing policies',
  cannotUseName: 'Crossrole cannot use that name',
  setupGone: 'The setup is gone.',
  nameTaken: 'That role name is taken',
  nameTakenText:
    'A role named {0} (in some letter case) already exists in this account. Type another name in {1}, or use {2}; then press Create role again.',
  nameUnique: '{0} must be unique in the account, whatever the case.',
  useName: 'Use {0}',
  reading: 'Reading the new role…',
  readingText: 'Reading the Role ARN, the trust policy and the permissions from IAM.',
  notAccepted: 'Crossrole did not accept this update',
  roleNotReported: 'Role not reported',
  sending: 'Sending the role to {0}',
  arnChecked: 'Role ARN captured and checked against this page',
  trustVerified: 'Trust policy verified',
  trustNotReadable: 'Trust policy not readable here; sent as unverified',
  permissionsVerified: 'Permissions read back from IAM: {0}',
  delivering:
    'Crossrole delivers it to {0} and keeps trying if the service is down. Follow it in the Crossrole button.',
  trustNeedsFix: 'The trust policy needs a fix',
  trustWrong:
    'The role does not trust exactly the service with your External ID. Use Edit trust policy: Crossrole pastes the right statement.',
  fixTrust: 'Fix the trust policy',
  permissionsNeedFix: 'The role is missing permissions',
  permissionsMissing:
    'IAM shows this role without {0}. Nothing was sent: the service would fail with "Access denied".',
  addMissing: 'Add the missing permissions',
  permissionsUnread: 'Crossrole could not read the role’s permissions',
  permissionsUnreadText:
    'Open the Permissions tab so Crossrole can read the attached policies; nothing is sent until it has.',
  readAgain: 'Read the role again',
  tryAgain: 'Try again',
  openTrustEditor: 'Open the trust policy editor',
  noEditTrustButton:
    'Crossrole could not find the Edit trust policy button on this page. Press it yourself: Crossrole pastes the statement there.',
  noAddPermissionsButton:
    'Crossrole could not find Add permissions → Attach policies on this page. Choose them yourself: Crossrole ticks the policies there.',
  attachTitle: 'Attach the missing policies',
  attachReady: 'Policies ticked: press Add permissions',
  attachNote:
    'Add permissions attaches them to {0}. Crossrole then reads the role back from IAM and reports it.',
  attaches: 'Attaches the policies to {0}',
  pasteTrust: 'Paste the trust statement',
  updateTrust: 'Update the trust policy',
  updateTrustText:
    '"Paste the trust statement" adds the statement for {0} (AWS account {1}, your External ID) and keeps every other statement.',
  trustUnreadableEditor: 'The current trust policy cannot be read',
  trustReady: 'Trust policy ready: press Update policy',
  statementReplaced: 'Statement for {0} replaced, with your External ID',
  statementAdded: 'Statement for {0} added, with your External ID',
  keptOne: '1 other statement kept as it was',
  keptMany: '{0} other statements kept as they were',
  reviewUpdate:
    'Review it, then press Update policy. Crossrole checks the saved policy on the role page.',
  savesTrust: 'Saves the trust policy: {0} can assume {1}',
  pasteYourself: 'Paste the trust policy yourself',
  pasteYourselfText: 'Click into the editor, select all (Ctrl/⌘+A) and paste (Ctrl/⌘+V).',
  thenUpdate: 'Then press Update policy.',
  onClipboard: 'Crossrole could not write into this editor; the policy is on your clipboard.',
  roleNotAccepted: 'Crossrole did not accept this role',
  policyPasted: 'Policy document pasted ({0})',
  pastePolicy: 'Paste this policy into the JSON editor',
  createThePolicy: 'Create the policy {0}',
  policyNameDone: 'Policy name: {0}',
  policyNameField: 'Policy name',
  reviewCreatePolicy: 'Review, then press Create policy. Crossrole then goes on to the role.',
  policyNote:
    'The role will use this policy instead of a broad AWS managed one: {0} gets only what it lists.',
  createsPolicy: 'Creates {0} in your account',
} as const;

export type IamWords = { readonly [K in keyof typeof IAM_WORDS_EN]: string };

export const IAM_WORDS_JA: IamWords = {
  policySelected: 'ポリシーを選択しました: {0}',
  searchAndTick: 'このポリシーを検索して選択してください',
  noForm: 'ロールの作成フォームが見つかりません',
  noFormHelp: '下の値を使って手動で入力するか、旧フォームをお試しください。',
  tryOlderForm: '旧フォームを試す',
  manualEntity: '信頼されたエンティティ: AWS アカウント → 別の AWS アカウント → アカウント ID',
  manualExternalId: '「外部 ID を要求する」を選択 → 外部 ID',
  manualMfa: '「MFA が必要」は選択しないでください',
  manualPolicy: '許可: このポリシーを選択',
  roleNameField: 'ロール名',
  descriptionField: '説明',
  entityType: '信頼されたエンティティタイプ: AWS アカウント',
  chooseEntityType: '信頼されたエンティティタイプ「AWS アカウント」を選択してください',
  anotherAccount: '別の AWS アカウント',
  chooseAnotherAccount: '「別の AWS アカウント」を選択してください',
  accountId: 'アカウント ID: {0} ({1})',
  accountIdField: 'アカウント ID',
  externalIdDone: '外部 ID を要求する (外部 ID 入力済み)',
  externalIdManual: '「外部 ID を要求する」を選択し、外部 ID を入力してください',
  mfaOff: 'MFA が必要: オフ (サービスは MFA に応答できません)',
  mfaManual: '「MFA が必要」が選択されていないことを確認してください',
  entityFilled: '信頼されたエンティティを入力しました',
  goingToPermissions: '許可の追加に進みます。「前へ」で見直せます。',
  checkEntity: '信頼されたエンティティを確認してください',
  thenNext: 'その後「次へ」を押してください。',
  pressNextFields: '上の項目が設定されたら「次へ」を押してください',
  permissionsSelected: '許可を選択しました',
  goingToReview: '名前と確認に進みます。',
  selectPermissions: '許可を選択してください',
  pressNextPolicies: 'ポリシーを選択したら「次へ」を押してください',
  roleName: 'ロール名: {0}',
  descriptionDone: '説明を入力しました',
  descriptionDifferent: '説明が Crossrole の入力したものと異なります',
  trustChecked: '信頼ポリシーを確認しました: {0} のみ、外部 ID あり、MFA なし',
  trustUnreadable:
    '信頼ポリシーのプレビューを読み取れません: 上のアカウントと外部 ID が表示されているか確認してください。',
  policiesMissing: '選択された許可にありません: {0}。',
  policiesListed: '許可: {0}',
  reviewThenCreate: '確認して「ロールを作成」を押してください。',
  fixFirst: '先に上の問題を直してください: このままではサービスが使えないロールが作成されます。',
  readyTitle: '準備完了: 「ロールを作成」を押してください',
  notReadyTitle: 'まだ準備ができていません',
  createRoleNote:
    '「ロールを作成」で {0} が作成され、{1} (AWS アカウント {2}) が外部 ID を使って引き受けられるようになります。その後 Crossrole が IAM からロールを読み取り、IAM の内容を {1} に送ります。',
  createsRole: '{1} 用に {0} を作成します',
  backToEntity: '戻って信頼されたエンティティを直す',
  backToPermissions: '戻って不足しているポリシーを選択する',
  cannotUseName: 'その名前は使えません',
  setupGone: 'セットアップが見つかりません。',
  nameTaken: 'そのロール名は使われています',
  nameTakenText:
    '{0} という名前のロール (大文字小文字の違いを含む) はこのアカウントに既に存在します。{1} に別の名前を入力するか、{2} を使い、もう一度「ロールを作成」を押してください。',
  nameUnique: '{0} は大文字小文字を問わずアカウント内で一意である必要があります。',
  useName: '{0} を使う',
  reading: '新しいロールを読み取っています…',
  readingText: 'IAM からロール ARN、信頼ポリシー、許可を読み取っています。',
  notAccepted: 'この更新は受け付けられませんでした',
  roleNotReported: 'ロールは報告されていません',
  sending: 'ロールを {0} に送信しています',
  arnChecked: 'ロール ARN を取得し、このページと照合しました',
  trustVerified: '信頼ポリシーを確認しました',
  trustNotReadable: 'ここでは信頼ポリシーを読み取れません。未確認として送信します',
  permissionsVerified: 'IAM から読み取った許可: {0}',
  delivering:
    'Crossrole が {0} に届けます。サービスが停止中でも再試行します。進行状況は Crossrole ボタンで確認できます。',
  trustNeedsFix: '信頼ポリシーの修正が必要です',
  trustWrong:
    'このロールは外部 ID 付きでサービスだけを信頼していません。「信頼ポリシーを編集」を使ってください: Crossrole が正しいステートメントを貼り付けます。',
  fixTrust: '信頼ポリシーを直す',
  permissionsNeedFix: 'ロールに許可が不足しています',
  permissionsMissing:
    'IAM ではこのロールに {0} がありません。何も送信していません: このままではサービスは「Access denied」になります。',
  addMissing: '不足している許可を追加',
  permissionsUnread: 'ロールの許可を読み取れません',
  permissionsUnreadText:
    '「許可」タブを開いてください。アタッチされたポリシーを読み取るまで何も送信しません。',
  readAgain: 'もう一度読み取る',
  tryAgain: '再試行',
  openTrustEditor: '信頼ポリシーのエディタを開いてください',
  noEditTrustButton:
    'このページで「信頼ポリシーを編集」ボタンが見つかりません。ご自身で押してください: Crossrole がそこにステートメントを貼り付けます。',
  noAddPermissionsButton:
    'このページで「許可を追加」→「ポリシーをアタッチ」が見つかりません。ご自身で選んでください: Crossrole がそこでポリシーを選択します。',
  attachTitle: '不足しているポリシーをアタッチ',
  attachReady: 'ポリシーを選択しました: 「許可を追加」を押してください',
  attachNote:
    '「許可を追加」で {0} にアタッチされます。その後 Crossrole が IAM からロールを読み取り、報告します。',
  attaches: '{0} にポリシーをアタッチします',
  pasteTrust: '信頼ステートメントを貼り付け',
  updateTrust: '信頼ポリシーを更新してください',
  updateTrustText:
    '「信頼ステートメントを貼り付け」で {0} (AWS アカウント {1}、外部 ID 付き) のステートメントを追加し、他のステートメントはすべて残します。',
  trustUnreadableEditor: '現在の信頼ポリシーを読み取れません',
  trustReady: '信頼ポリシーの準備完了: 「ポリシーを更新」を押してください',
  statementReplaced: '{0} のステートメントを置き換えました (外部 ID 付き)',
  statementAdded: '{0} のステートメントを追加しました (外部 ID 付き)',
  keptOne: '他の 1 件のステートメントはそのまま残しました',
  keptMany: '他の {0} 件のステートメントはそのまま残しました',
  reviewUpdate:
    '確認して「ポリシーを更新」を押してください。保存されたポリシーはロールのページで Crossrole が確認します。',
  savesTrust: '信頼ポリシーを保存: {0} が {1} を引き受けられます',
  pasteYourself: '信頼ポリシーをご自身で貼り付けてください',
  pasteYourselfText:
    'エディタをクリックし、すべて選択 (Ctrl/⌘+A) して貼り付け (Ctrl/⌘+V) てください。',
  thenUpdate: 'その後「ポリシーを更新」を押してください。',
  onClipboard: 'このエディタに書き込めませんでした。ポリシーはクリップボードにあります。',
  roleNotAccepted: 'このロールは受け付けられませんでした',
  policyPasted: 'ポリシードキュメントを貼り付けました ({0})',
  pastePolicy: 'このポリシーを JSON エディタに貼り付けてください',
  createThePolicy: 'ポリシー {0} を作成',
  policyNameDone: 'ポリシー名: {0}',
  policyNameField: 'ポリシー名',
  reviewCreatePolicy:
    '確認して「ポリシーの作成」を押してください。その後 Crossrole はロールに進みます。',
  policyNote:
    'このロールは広い AWS 管理ポリシーの代わりにこのポリシーを使います: {0} にはここに書かれた権限だけが与えられます。',
  createsPolicy: 'アカウントに {0} を作成します',
};

/**
 * Every word an IAM console tab's panel may say, in `language` (English for any other): the
 * IAM pages', the access-keys method's, the guardrails' and a connection's later life's, and the
 * names of the console's controls (src/core/console-labels.ts). Their keys never clash (a test
 * says so).
 */
export const consoleWordsFor = (language: string | undefined): Record<string, string> =>
  language === 'ja'
    ? {
        ...IAM_WORDS_JA,
        ...KEY_WORDS_JA,
        ...GUARD_WORDS_JA,
        ...LIFECYCLE_WORDS_JA,
        ...labelWordsFor(language),
      }
    : {
        ...IAM_WORDS_EN,
        ...KEY_WORDS_EN,
        ...GUARD_WORDS_EN,
        ...LIFECYCLE_WORDS_EN,
        ...labelWordsFor(language),
      };
