// What the guide panel says, in the console's language (English and Japanese). Service and
// policy names, ARNs and IAM's own messages stay as they are.
import type { Language } from './labels.ts';

const en = {
  // Policy tables
  policySelected: (name: string) => `Policy selected: ${name}`,
  searchAndTick: 'Search for this policy and tick it',
  // Create role wizard
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
  accountId: (id: string, service: string) => `Account ID: ${id} (${service})`,
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
  roleName: (name: string) => `Role name: ${name}`,
  descriptionDone: 'Description filled in',
  descriptionDifferent: 'The description is not the one Crossrole filled in',
  trustChecked: (service: string) =>
    `Trust policy checked: ${service} only, with your External ID, no MFA`,
  trustUnreadable:
    'Crossrole could not read the trust policy preview: check it shows the account and External ID above.',
  policiesMissing: (names: string) => `Not in the chosen permissions: ${names}.`,
  policiesListed: (names: string) => `Permissions: ${names}`,
  reviewThenCreate: 'Review, then press Create role.',
  fixFirst: 'Fix what is marked above first: Create role would make a role the service cannot use.',
  readyTitle: 'Ready: press Create role',
  notReadyTitle: 'Not ready yet',
  createRoleNote: (role: string, service: string, account: string) =>
    `Create role makes ${role}, which ${service} (AWS account ${account}) can assume with your External ID. Crossrole then reads the role back from IAM and sends what IAM holds to ${service}.`,
  createsRole: (role: string, service: string) => `Creates ${role} for ${service}`,
  backToEntity: 'Go back and fix the trusted entity',
  backToPermissions: 'Go back and tick the missing policies',
  cannotUseName: 'Crossrole cannot use that name',
  setupGone: 'The setup is gone.',
  nameTaken: 'That role name is taken',
  nameTakenText: (role: string, label: string, suggestion: string) =>
    `A role named ${role} (in some letter case) already exists in this account. Type another name in ${label}, or use ${suggestion}; then press Create role again.`,
  nameUnique: (label: string) => `${label} must be unique in the account, whatever the case.`,
  useName: (name: string) => `Use ${name}`,
  // Role page
  reading: 'Reading the new role…',
  readingText: 'Reading the Role ARN, the trust policy and the permissions from IAM.',
  notAccepted: 'Crossrole did not accept this update',
  roleNotReported: 'Role not reported',
  sending: (service: string) => `Sending the role to ${service}`,
  arnChecked: 'Role ARN captured and checked against this page',
  trustVerified: 'Trust policy verified',
  trustNotReadable: 'Trust policy not readable here; sent as unverified',
  permissionsVerified: (names: string) => `Permissions read back from IAM: ${names}`,
  delivering: (service: string) =>
    `Crossrole delivers it to ${service} and keeps trying if the service is down. Follow it in the Crossrole button.`,
  trustNeedsFix: 'The trust policy needs a fix',
  trustWrong:
    'The role does not trust exactly the service with your External ID. Use Edit trust policy: Crossrole pastes the right statement.',
  fixTrust: 'Fix the trust policy',
  permissionsNeedFix: 'The role is missing permissions',
  permissionsMissing: (names: string) =>
    `IAM shows this role without ${names}. Nothing was sent: the service would fail with "Access denied".`,
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
  // Attach policies
  attachTitle: 'Attach the missing policies',
  attachReady: 'Policies ticked: press Add permissions',
  attachNote: (role: string) =>
    `Add permissions attaches them to ${role}. Crossrole then reads the role back from IAM and reports it.`,
  attaches: (role: string) => `Attaches the policies to ${role}`,
  // Edit trust policy
  pasteTrust: 'Paste the trust statement',
  updateTrust: 'Update the trust policy',
  updateTrustText: (service: string, account: string) =>
    `"Paste the trust statement" adds the statement for ${service} (AWS account ${account}, your External ID) and keeps every other statement.`,
  trustUnreadableEditor: 'The current trust policy cannot be read',
  trustReady: 'Trust policy ready: press Update policy',
  statementWritten: (service: string, replaced: boolean) =>
    `Statement for ${service} ${replaced ? 'replaced' : 'added'}, with your External ID`,
  kept: (n: number) => `${n} other statement${n === 1 ? '' : 's'} kept as they were`,
  reviewUpdate:
    'Review it, then press Update policy. Crossrole checks the saved policy on the role page.',
  savesTrust: (service: string, role: string) =>
    `Saves the trust policy: ${service} can assume ${role}`,
  pasteYourself: 'Paste the trust policy yourself',
  pasteYourselfText: 'Click into the editor, select all (Ctrl/⌘+A) and paste (Ctrl/⌘+V).',
  thenUpdate: 'Then press Update policy.',
  onClipboard: 'Crossrole could not write into this editor; the policy is on your clipboard.',
  // Roles list
  roleNotAccepted: 'Crossrole did not accept this role',
  // Create policy
  policyPasted: (name: string) => `Policy document pasted (${name})`,
  pastePolicy: 'Paste this policy into the JSON editor',
  createThePolicy: (name: string) => `Create the policy ${name}`,
  policyNameDone: (name: string) => `Policy name: ${name}`,
  policyNameField: 'Policy name',
  reviewCreatePolicy: 'Review, then press Create policy. Crossrole then goes on to the role.',
  policyNote: (service: string) =>
    `The role will use this policy instead of a broad AWS managed one: ${service} gets only what it lists.`,
  createsPolicy: (name: string) => `Creates ${name} in your account`,
};

export type Messages = typeof en;

const ja: Messages = {
  policySelected: (name) => `ポリシーを選択しました: ${name}`,
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
  accountId: (id, service) => `アカウント ID: ${id} (${service})`,
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
  roleName: (name) => `ロール名: ${name}`,
  descriptionDone: '説明を入力しました',
  descriptionDifferent: '説明が Crossrole の入力したものと異なります',
  trustChecked: (service) => `信頼ポリシーを確認しました: ${service} のみ、外部 ID あり、MFA なし`,
  trustUnreadable:
    '信頼ポリシーのプレビューを読み取れません: 上のアカウントと外部 ID が表示されているか確認してください。',
  policiesMissing: (names) => `選択された許可にありません: ${names}。`,
  policiesListed: (names) => `許可: ${names}`,
  reviewThenCreate: '確認して「ロールを作成」を押してください。',
  fixFirst: '先に上の問題を直してください: このままではサービスが使えないロールが作成されます。',
  readyTitle: '準備完了: 「ロールを作成」を押してください',
  notReadyTitle: 'まだ準備ができていません',
  createRoleNote: (role, service, account) =>
    `「ロールを作成」で ${role} が作成され、${service} (AWS アカウント ${account}) が外部 ID を使って引き受けられるようになります。その後 Crossrole が IAM からロールを読み取り、IAM の内容を ${service} に送ります。`,
  createsRole: (role, service) => `${service} 用に ${role} を作成します`,
  backToEntity: '戻って信頼されたエンティティを直す',
  backToPermissions: '戻って不足しているポリシーを選択する',
  cannotUseName: 'その名前は使えません',
  setupGone: 'セットアップが見つかりません。',
  nameTaken: 'そのロール名は使われています',
  nameTakenText: (role, label, suggestion) =>
    `${role} という名前のロール (大文字小文字の違いを含む) はこのアカウントに既に存在します。${label} に別の名前を入力するか、${suggestion} を使い、もう一度「ロールを作成」を押してください。`,
  nameUnique: (label) => `${label} は大文字小文字を問わずアカウント内で一意である必要があります。`,
  useName: (name) => `${name} を使う`,
  reading: '新しいロールを読み取っています…',
  readingText: 'IAM からロール ARN、信頼ポリシー、許可を読み取っています。',
  notAccepted: 'この更新は受け付けられませんでした',
  roleNotReported: 'ロールは報告されていません',
  sending: (service) => `ロールを ${service} に送信しています`,
  arnChecked: 'ロール ARN を取得し、このページと照合しました',
  trustVerified: '信頼ポリシーを確認しました',
  trustNotReadable: 'ここでは信頼ポリシーを読み取れません。未確認として送信します',
  permissionsVerified: (names) => `IAM から読み取った許可: ${names}`,
  delivering: (service) =>
    `Crossrole が ${service} に届けます。サービスが停止中でも再試行します。進行状況は Crossrole ボタンで確認できます。`,
  trustNeedsFix: '信頼ポリシーの修正が必要です',
  trustWrong:
    'このロールは外部 ID 付きでサービスだけを信頼していません。「信頼ポリシーを編集」を使ってください: Crossrole が正しいステートメントを貼り付けます。',
  fixTrust: '信頼ポリシーを直す',
  permissionsNeedFix: 'ロールに許可が不足しています',
  permissionsMissing: (names) =>
    `IAM ではこのロールに ${names} がありません。何も送信していません: このままではサービスは「Access denied」になります。`,
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
  attachNote: (role) =>
    `「許可を追加」で ${role} にアタッチされます。その後 Crossrole が IAM からロールを読み取り、報告します。`,
  attaches: (role) => `${role} にポリシーをアタッチします`,
  pasteTrust: '信頼ステートメントを貼り付け',
  updateTrust: '信頼ポリシーを更新してください',
  updateTrustText: (service, account) =>
    `「信頼ステートメントを貼り付け」で ${service} (AWS アカウント ${account}、外部 ID 付き) のステートメントを追加し、他のステートメントはすべて残します。`,
  trustUnreadableEditor: '現在の信頼ポリシーを読み取れません',
  trustReady: '信頼ポリシーの準備完了: 「ポリシーを更新」を押してください',
  statementWritten: (service, replaced) =>
    `${service} のステートメントを${replaced ? '置き換えました' : '追加しました'} (外部 ID 付き)`,
  kept: (n) => `他の ${n} 件のステートメントはそのまま残しました`,
  reviewUpdate:
    '確認して「ポリシーを更新」を押してください。保存されたポリシーはロールのページで Crossrole が確認します。',
  savesTrust: (service, role) => `信頼ポリシーを保存: ${service} が ${role} を引き受けられます`,
  pasteYourself: '信頼ポリシーをご自身で貼り付けてください',
  pasteYourselfText:
    'エディタをクリックし、すべて選択 (Ctrl/⌘+A) して貼り付け (Ctrl/⌘+V) てください。',
  thenUpdate: 'その後「ポリシーを更新」を押してください。',
  onClipboard: 'このエディタに書き込めませんでした。ポリシーはクリップボードにあります。',
  roleNotAccepted: 'このロールは受け付けられませんでした',
  policyPasted: (name) => `ポリシードキュメントを貼り付けました (${name})`,
  pastePolicy: 'このポリシーを JSON エディタに貼り付けてください',
  createThePolicy: (name) => `ポリシー ${name} を作成`,
  policyNameDone: (name) => `ポリシー名: ${name}`,
  policyNameField: 'ポリシー名',
  reviewCreatePolicy:
    '確認して「ポリシーの作成」を押してください。その後 Crossrole はロールに進みます。',
  policyNote: (service) =>
    `このロールは広い AWS 管理ポリシーの代わりにこのポリシーを使います: ${service} にはここに書かれた権限だけが与えられます。`,
  createsPolicy: (name) => `アカウントに ${name} を作成します`,
};

export const say = (language: Language): Messages => (language === 'ja' ? ja : en);
