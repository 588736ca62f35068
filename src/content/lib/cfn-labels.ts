// What the CloudFormation console's StackSet pages call their controls, per console language
// (docs/organizations.md, "Console pages"). Kept apart from labels.ts so the IAM content script
// does not carry them. Every entry is a list because the console's wording drifts; English is
// tried after the page's language (untranslated parts).
import type { Language } from './labels.ts';

export const CFN_LABELS = {
  // Wizard steps, by their titles
  stepTemplate: { en: ['Choose a template'], ja: ['テンプレートの選択'] },
  stepDetails: { en: ['Specify StackSet details'], ja: ['StackSet の詳細を指定'] },
  stepOptions: { en: ['Configure StackSet options'], ja: ['StackSet オプションの設定'] },
  stepDeployment: { en: ['Set deployment options'], ja: ['デプロイオプションの設定'] },
  stepReview: { en: ['Review'], ja: ['確認'] },
  // Step 1
  serviceManaged: {
    en: ['Service-managed permissions'],
    ja: ['サービスマネージド型のアクセス許可'],
  },
  s3Url: { en: ['Amazon S3 URL'], ja: ['Amazon S3 URL'] },
  uploadFile: { en: ['Upload a template file'], ja: ['テンプレートファイルのアップロード'] },
  chooseFile: { en: ['Choose file'], ja: ['ファイルを選択'] },
  // Step 2
  stackSetName: { en: ['StackSet name'], ja: ['StackSet 名'] },
  stackSetDescription: { en: ['StackSet description'], ja: ['StackSet の説明'] },
  // Step 4
  deployToOrganization: { en: ['Deploy to organization'], ja: ['組織へのデプロイ'] },
  deployToOus: {
    en: ['Deploy to organizational units (OUs)'],
    ja: ['組織単位 (OU) へのデプロイ'],
  },
  ouId: { en: ['AWS OU ID'], ja: ['AWS OU ID'] },
  addOu: { en: ['Add another OU'], ja: ['別の OU を追加'] },
  activated: { en: ['Activated', 'Enabled'], ja: ['有効'] },
  deactivated: { en: ['Deactivated', 'Disabled'], ja: ['無効'] },
  regions: { en: ['Specify regions', 'Add regions'], ja: ['リージョンの指定', 'リージョンを追加'] },
  maxConcurrent: { en: ['Maximum concurrent accounts'], ja: ['最大同時アカウント数'] },
  failureTolerance: { en: ['Failure tolerance'], ja: ['障害耐性'] },
  percentage: { en: ['Percentage'], ja: ['パーセンテージ'] },
  // Step 5: pointed at, never pressed or ticked
  acknowledge: {
    en: ['I acknowledge that AWS CloudFormation might create IAM resources with custom names.'],
    ja: [
      'AWS CloudFormation によって、カスタム名のついた IAM リソースが作成される場合があることを承認します。',
    ],
  },
  submit: { en: ['Submit'], ja: ['送信'] },
  // The stack set's page
  tabInfo: { en: ['StackSet info'], ja: ['StackSet 情報'] },
  tabInstances: { en: ['Stack instances'], ja: ['スタックインスタンス'] },
  tabParameters: { en: ['Parameters'], ja: ['パラメータ'] },
  tabTemplate: { en: ['Template'], ja: ['テンプレート'] },
  stackSetArn: { en: ['StackSet ARN'], ja: ['StackSet ARN'] },
  permissionModel: { en: ['Permission model'], ja: ['アクセス許可モデル'] },
  autoDeployment: { en: ['Automatic deployment'], ja: ['自動デプロイ'] },
  key: { en: ['Key'], ja: ['キー'] },
  value: { en: ['Value'], ja: ['値'] },
  account: { en: ['AWS account'], ja: ['AWS アカウント'] },
  region: { en: ['AWS Region'], ja: ['AWS リージョン'] },
  status: { en: ['Status'], ja: ['ステータス'] },
  detailedStatus: { en: ['Detailed status'], ja: ['詳細ステータス'] },
  statusReason: { en: ['Status reason'], ja: ['ステータスの理由'] },
  refresh: { en: ['Refresh'], ja: ['更新'] },
} as const satisfies Record<string, Record<Language, readonly string[]>>;

export type CfnLabelKey = keyof typeof CFN_LABELS;

export function cfnLabels(key: CfnLabelKey, language: Language): readonly string[] {
  const entry = CFN_LABELS[key];
  return language === 'en' ? entry.en : [...entry[language], ...entry.en];
}
