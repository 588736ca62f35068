// The guide panel's words for guardrails at creation (docs/guardrails.md): role tags in the
// Create role wizard, IAM refusing Create role, and the maximum session duration set on the
// role's Edit page. Like the access-keys words (panel-words.ts) they are not in the content
// script: the background sends them in the console's language with a create-role setup, and
// the content script only fills `{service}`, `{role}`, `{tags}`, `{duration}`, `{hours}`,
// `{seconds}`, `{shown}` and `{policy}` (docs/console.md, "The content script's size").

export const GUARD_WORDS_EN = {
  tagsDone: 'Tags: {tags}',
  tagsManual: 'Under "Add tags", press Add new tag and enter each Key and Value: {tags}',
  tagsCopy: 'tags',
  refusedTitle: 'IAM refused to create the role',
  refusedWhy:
    'Your organisation’s rules stopped Create role: a service control policy, or a rule that new roles carry certain tags or a permissions boundary. Nothing was created, and nothing was sent to {service}.',
  refusedTags:
    'If tags are required, ask your AWS administrator which ones, add them under "Add tags" on this page and press Create role again. Add them in the Crossrole popup too: it remembers them for the next connection.',
  oneHour: '1 hour',
  hours: '{hours} hours',
  sessionTitle: 'Set the maximum session duration',
  sessionWanted:
    '{service} asks that sessions may last {duration}; this role allows {shown}. Nothing is sent until the role shows {duration}.',
  sessionButton: 'Set {duration}',
  sessionChosen: 'Maximum session duration: {duration}',
  sessionChoose: 'Choose {duration} under "Maximum session duration"',
  sessionCustom: 'Choose "Custom duration" and enter {seconds} seconds',
  sessionSave:
    'Press Save changes. Crossrole then reads the role again and reports it to {service}.',
  savesSession: 'Saves the maximum session duration of {role}',
  noEditButton:
    'Crossrole could not find the Edit button of the role’s summary. Press it yourself and set the maximum session duration to {duration}.',
  tagsMissing:
    'IAM shows the role without the tags {tags}. Add them on the role’s Tags tab, then read the role again. Nothing was sent.',
  tagsChecked: 'Tags read back from IAM: {tags}',
  sessionChecked: 'Maximum session duration read back from IAM: {duration}',
  boundaryDone: 'Permissions boundary: {policy}',
  boundaryManual:
    'Open "Set permissions boundary", choose "Use a permissions boundary" and pick {policy}',
  boundaryWrong:
    'IAM shows the role without the permissions boundary {policy}. Set it on the role’s Permissions tab, then read the role again. Nothing was sent.',
  boundaryChecked: 'Permissions boundary read back from IAM: {policy}',
};

export type GuardWords = typeof GUARD_WORDS_EN;
export type GuardWord = keyof GuardWords;

export const GUARD_WORDS_JA: GuardWords = {
  tagsDone: 'タグ: {tags}',
  tagsManual: '「タグを追加」で「新しいタグを追加」を押し、各キーと値を入力してください: {tags}',
  tagsCopy: 'タグ',
  refusedTitle: 'IAM がロールの作成を拒否しました',
  refusedWhy:
    '組織のルールによりロールの作成が止められました: サービスコントロールポリシー、または新しいロールに特定のタグやアクセス許可の境界を求めるルールです。何も作成されず、{service} にも何も送信されていません。',
  refusedTags:
    'タグが必要な場合は、どのタグかを AWS 管理者に確認し、このページの「タグを追加」で追加してから、もう一度「ロールを作成」を押してください。Crossrole のポップアップにも追加すると、次の接続のために記憶されます。',
  oneHour: '1 時間',
  hours: '{hours} 時間',
  sessionTitle: '最大セッション時間を設定してください',
  sessionWanted:
    '{service} はセッションを {duration}まで続けられることを求めていますが、このロールでは {shown} です。ロールが {duration}と表示するまで何も送信されません。',
  sessionButton: '{duration}に設定',
  sessionChosen: '最大セッション時間: {duration}',
  sessionChoose: '「最大セッション時間」で {duration}を選択してください',
  sessionCustom: '「カスタム期間」を選択して {seconds} 秒と入力してください',
  sessionSave:
    '「変更の保存」を押してください。その後 Crossrole がロールを読み直し、{service} に報告します。',
  savesSession: '{role} の最大セッション時間を保存します',
  noEditButton:
    'ロールの概要の「編集」ボタンが見つかりません。ご自身で押して、最大セッション時間を {duration}に設定してください。',
  tagsMissing:
    'IAM ではロールにタグ {tags} がありません。ロールの「タグ」タブで追加してから、ロールを読み直してください。何も送信されていません。',
  tagsChecked: 'IAM から読み取ったタグ: {tags}',
  sessionChecked: 'IAM から読み取った最大セッション時間: {duration}',
  boundaryDone: 'アクセス許可の境界: {policy}',
  boundaryManual:
    '「アクセス許可の境界の設定」を開き、「アクセス許可の境界を使用」を選択して {policy} を選んでください',
  boundaryWrong:
    'IAM ではロールにアクセス許可の境界 {policy} がありません。ロールの「許可」タブで設定してから、ロールを読み直してください。何も送信されていません。',
  boundaryChecked: 'IAM から読み取ったアクセス許可の境界: {policy}',
};

/** The words the background sends a console in `language` (English for any other). */
export const guardWordsFor = (language: string | undefined): GuardWords =>
  language === 'ja' ? GUARD_WORDS_JA : GUARD_WORDS_EN;
