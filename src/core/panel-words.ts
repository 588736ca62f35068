// The guide panel's words for the access-keys method (Create user, the user's page, Create access
// key), in English and Japanese. None of them is in the content script: the background sends the
// words for the console's language with the setup (`words` in the reply to `content.hello`), so
// neither language counts against the content script's size budget (docs/console.md, "The
// content script's size"); the content script only fills `{service}`, `{user}` and `{key}`. The
// console's own labels are quoted as the console shows them.

export const KEY_WORDS_EN = {
  saferWithRole:
    'A role is safer: its credentials expire within hours and need your External ID, while access keys work from anywhere until someone deactivates them.',
  userNameDone: 'User name: {user}',
  userNameField: 'User name',
  userNameCopy: 'user name',
  noConsoleAccess: 'No console access: the service only needs an access key',
  leaveConsoleAccess: 'Leave console access unticked',
  userDetailsFilled: 'User details filled in',
  checkUserDetails: 'Check the user details',
  permissionsSelected: 'Permissions selected',
  selectPermissions: 'Select the permissions',
  attachDirectly: 'Attach policies directly',
  chooseAttachDirectly: 'Choose "Attach policies directly"',
  readyCreateUser: 'Ready: press Create user',
  userNoConsole: 'User {user}, no console access',
  reviewCreateUser: 'Review, then press Create user. Next, Crossrole opens its access keys.',
  createsUser: 'Creates the IAM user {user} for {service}',
  createKeyTitle: 'Create an access key',
  createKeyUnavailable:
    'Create access key is not available: this user may already have two access keys, the most IAM allows. Delete one you no longer use, then press Create access key.',
  openCredentials: 'Open Security credentials and press Create access key.',
  confirmTitle: 'Confirm, then create the key',
  useCaseDone: 'Use case: Third-party service',
  chooseUseCase: 'Choose the use case "Third-party service"',
  readAdvice:
    "Read the console's advice, tick the confirmation yourself, press Next, then Create access key.",
  sendYourselfTitle: 'Send the key yourself',
  secretUnread:
    'Crossrole could not read the secret. Give the key to {service} through its own page, or deactivate it.',
  sentTitle: 'Sent to {service}',
  notDelivered: 'The key was not delivered',
  received: '{service} received access key {key}. Crossrole has forgotten the secret.',
  sendTitle: 'Send this key to {service}?',
  keyRead: 'Access key {key} read from this page (the secret too, kept only in memory)',
  sendExplains:
    '"Send" gives both to {service} once, over HTTPS. Crossrole keeps no copy of the secret.',
  sendButton: 'Send to {service}',
  forgottenTitle: 'The key was forgotten',
  forgotten: 'Ten minutes passed without sending. Deactivate access key {key} and create another.',
};

export type KeyWords = typeof KEY_WORDS_EN;
export type KeyWord = keyof KeyWords;

export const KEY_WORDS_JA: KeyWords = {
  saferWithRole:
    'ロールのほうが安全です: ロールの認証情報は数時間で失効し、外部 ID が必要です。アクセスキーは誰かが無効化するまでどこからでも使えます。',
  userNameDone: 'ユーザー名: {user}',
  userNameField: 'ユーザー名',
  userNameCopy: 'ユーザー名',
  noConsoleAccess: 'コンソールアクセスなし: サービスに必要なのはアクセスキーだけです',
  leaveConsoleAccess: 'コンソールアクセスは選択しないでください',
  userDetailsFilled: 'ユーザーの詳細を入力しました',
  checkUserDetails: 'ユーザーの詳細を確認してください',
  permissionsSelected: '許可を選択しました',
  selectPermissions: '許可を選択してください',
  attachDirectly: 'ポリシーを直接アタッチする',
  chooseAttachDirectly: '「ポリシーを直接アタッチする」を選択してください',
  readyCreateUser: '準備完了: 「ユーザーの作成」を押してください',
  userNoConsole: 'ユーザー {user}、コンソールアクセスなし',
  reviewCreateUser:
    '確認して「ユーザーの作成」を押してください。その後 Crossrole がアクセスキーの作成に進みます。',
  createsUser: '{service} 用に IAM ユーザー {user} を作成します',
  createKeyTitle: 'アクセスキーを作成してください',
  createKeyUnavailable:
    '「アクセスキーを作成」は使えません: このユーザーには IAM の上限である 2 つのアクセスキーが既にあるかもしれません。使っていないものを削除してから「アクセスキーを作成」を押してください。',
  openCredentials: '「セキュリティ認証情報」を開いて「アクセスキーを作成」を押してください。',
  confirmTitle: '確認してアクセスキーを作成してください',
  useCaseDone: 'ユースケース: サードパーティーサービス',
  chooseUseCase: 'ユースケース「サードパーティーサービス」を選択してください',
  readAdvice:
    'コンソールの推奨事項を読み、確認のチェックボックスをご自身で選択して「次へ」、「アクセスキーを作成」の順に押してください。',
  sendYourselfTitle: 'アクセスキーをご自身で渡してください',
  secretUnread:
    'シークレットアクセスキーを読み取れません。{service} 自身のページでキーを渡すか、キーを無効化してください。',
  sentTitle: '{service} に送信しました',
  notDelivered: 'アクセスキーは届けられませんでした',
  received:
    '{service} がアクセスキー {key} を受け取りました。Crossrole はシークレットアクセスキーを消去しました。',
  sendTitle: 'このアクセスキーを {service} に送信しますか?',
  keyRead:
    'このページからアクセスキー {key} を読み取りました (シークレットアクセスキーもメモリ上にのみ保持)',
  sendExplains:
    '「送信」で両方を HTTPS で {service} に 1 回だけ渡します。Crossrole はシークレットアクセスキーのコピーを保持しません。',
  sendButton: '{service} に送信',
  forgottenTitle: 'アクセスキーを消去しました',
  forgotten:
    '送信しないまま 10 分が過ぎました。アクセスキー {key} を無効化し、新しく作成してください。',
};

/** The words the background sends a console in `language` (English for any other). */
export const keyWordsFor = (language: string | undefined): KeyWords =>
  language === 'ja' ? KEY_WORDS_JA : KEY_WORDS_EN;

/** Longest word, and most words, the content script takes from its background. */
export const MAX_KEY_WORD_CHARS = 1000;
export const MAX_KEY_WORDS = 400;

/**
 * The word `key` of the words a reply carried (already checked to be bounded strings by
 * parseContentSetupReply): only the content script's own keys are read, never an inherited
 * property; a word the reply lacks shows as its key. The background of the same build always
 * sends every word, so that is a bug's face, not a customer's.
 */
export const wordOf = (words: Readonly<Record<string, string>>, key: string): string =>
  Object.hasOwn(words, key) ? words[key]! : key;

/** `text` with its placeholders filled (a value is never read as a placeholder itself). */
export const fillWords = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
