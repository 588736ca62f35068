// What the console's controls are called, per console language (docs/console.md, "Finding controls"). Text is
// the second choice after structure (tile values, label[for]); every entry is a list because the
// console's wording drifts. Japanese from the console's published translations.

export type Language = 'en' | 'ja';

export const LABELS = {
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
  descriptionTag: { en: ['Description tag value'], ja: ['説明タグ値'] },
  // Guardrails (docs/guardrails.md): the wizard's tag editor, the Tags tab, the role's summary
  tagKey: { en: ['Key'], ja: ['キー'] },
  tagValue: { en: ['Value'], ja: ['値'] },
  addTag: { en: ['Add new tag', 'Add tag'], ja: ['新しいタグを追加', 'タグを追加'] },
  tags: { en: ['Tags'], ja: ['タグ'] },
  maxSession: { en: ['Maximum session duration'], ja: ['最大セッション時間'] },
  edit: { en: ['Edit'], ja: ['編集'] },
  delete: { en: ['Delete'], ja: ['削除'] },
  saveChanges: { en: ['Save changes'], ja: ['変更の保存', '変更を保存'] },
  boundarySection: { en: ['Set permissions boundary'], ja: ['アクセス許可の境界の設定'] },
  useBoundary: { en: ['Use a permissions boundary'], ja: ['アクセス許可の境界を使用'] },
  permissionsBoundary: { en: ['Permissions boundary'], ja: ['アクセス許可の境界'] },
} as const satisfies Record<string, Record<Language, readonly string[]>>;

export type LabelKey = keyof typeof LABELS;

/** The console's language: the document's `lang`, else English. */
export function consoleLanguage(doc: Document = document): Language {
  return (doc.documentElement.lang || 'en').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/** Labels to try: the page's language first, English as the fallback (untranslated parts). */
export function labelsFor(key: LabelKey, language: Language): readonly string[] {
  return language === 'en' ? LABELS[key].en : [...LABELS[key][language], ...LABELS[key].en];
}
