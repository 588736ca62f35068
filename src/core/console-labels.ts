// What the console's controls are called, per console language (docs/console.md, "Finding
// controls"). Text is the second choice after structure (tile values, label[for]); every entry is
// a list because the console's wording drifts. Japanese from the console's published
// translations. Not in the content script (docs/console.md, "The content script's size"): the
// background sends a tab the lists of its console's language with the panel's words.

export type ConsoleLanguage = 'en' | 'ja';

export const CONSOLE_LABELS = {
  anotherAccount: { en: ['Another AWS account'], ja: ['別の AWS アカウント'] },
  accountId: { en: ['Account ID'], ja: ['アカウント ID'] },
  requireExternalId: { en: ['Require external ID'], ja: ['外部 ID を要求する'] },
  externalId: { en: ['External ID'], ja: ['外部 ID'] },
  requireMfa: { en: ['Require MFA'], ja: ['MFA が必要', 'MFA を要求する'] },
  roleName: { en: ['Role name'], ja: ['ロール名'] },
  description: { en: ['Description'], ja: ['説明'] },
  next: { en: ['Next'], ja: ['次へ'] },
  createRole: { en: ['Create role'], ja: ['ロールを作成'] },
  policyName: { en: ['Policy name'], ja: ['ポリシー名'] },
  createPolicy: { en: ['Create policy'], ja: ['ポリシーの作成', 'ポリシーを作成'] },
  previous: { en: ['Previous'], ja: ['前へ', '戻る'] },
  nextPage: { en: ['Next page'], ja: ['次のページ'] },
  permissions: { en: ['Permissions'], ja: ['許可'] },
  addPermissions: { en: ['Add permissions'], ja: ['許可を追加'] },
  attachPolicies: { en: ['Attach policies'], ja: ['ポリシーをアタッチ'] },
  attachPolicyTo: { en: ['Attach policy to'], ja: ['ポリシーをアタッチ'] },
  awsManaged: { en: ['AWS managed'], ja: ['AWS 管理'] },
  customerManaged: { en: ['Customer managed'], ja: ['カスタマー管理'] },
  json: { en: ['JSON'], ja: ['JSON'] },
  trustRelationships: { en: ['Trust relationships'], ja: ['信頼関係'] },
  editTrustPolicy: { en: ['Edit trust policy'], ja: ['信頼ポリシーを編集', '信頼ポリシーの編集'] },
  updatePolicy: { en: ['Update policy'], ja: ['ポリシーを更新'] },
  search: { en: ['Search', 'Filter'], ja: ['検索', 'フィルター'] },
  userName: { en: ['User name'], ja: ['ユーザー名'] },
  consoleAccess: {
    en: ['Provide user access to the AWS Management Console'],
    ja: ['AWS マネジメントコンソールへのユーザーアクセスを提供する'],
  },
  createUser: { en: ['Create user'], ja: ['ユーザーの作成', 'ユーザーを作成'] },
  securityCredentials: { en: ['Security credentials'], ja: ['セキュリティ認証情報'] },
  createAccessKey: { en: ['Create access key'], ja: ['アクセスキーを作成'] },
  thirdParty: { en: ['Third-party service'], ja: ['サードパーティーサービス'] },
  show: { en: ['Show'], ja: ['表示'] },
  hide: { en: ['Hide'], ja: ['非表示'] },
  // Guardrails (docs/guardrails.md): the wizard's tag editor, the Tags tab, the role's summary
  tagKey: { en: ['Key'], ja: ['キー'] },
  tagValue: { en: ['Value'], ja: ['値'] },
  addTag: { en: ['Add new tag', 'Add tag'], ja: ['新しいタグを追加', 'タグを追加'] },
  tags: { en: ['Tags'], ja: ['タグ'] },
  maxSession: { en: ['Maximum session duration'], ja: ['最大セッション時間'] },
  edit: { en: ['Edit'], ja: ['編集'] },
  delete: { en: ['Delete'], ja: ['削除'] },
  saveChanges: { en: ['Save changes'], ja: ['変更の保存', '変更を保存'] },
  policyVersions: { en: ['Policy versions'], ja: ['ポリシーのバージョン', 'ポリシーバージョン'] },
  modifyPermissionsIn: { en: ['Modify permissions in'], ja: ['の許可を変更'] },
  boundarySection: { en: ['Set permissions boundary'], ja: ['アクセス許可の境界の設定'] },
  useBoundary: { en: ['Use a permissions boundary'], ja: ['アクセス許可の境界を使用'] },
  permissionsBoundary: { en: ['Permissions boundary'], ja: ['アクセス許可の境界'] },
} as const satisfies Record<string, Record<ConsoleLanguage, readonly string[]>>;

export type LabelKey = keyof typeof CONSOLE_LABELS;

/** Where a label list travels among the words: one word per control, its names a line each. */
export const labelWord = (key: LabelKey): string => `label.${key}`;

/** The words of every control's names in `language`: its own first, English as the fallback. */
export function labelWordsFor(language: string | undefined): Record<string, string> {
  const words: Record<string, string> = {};
  for (const key of Object.keys(CONSOLE_LABELS) as LabelKey[]) {
    const entry = CONSOLE_LABELS[key];
    const names = language === 'ja' ? [...entry.ja, ...entry.en] : [...entry.en];
    words[labelWord(key)] = [...new Set(names)].join('\n');
  }
  return words;
}
