// The guide panel's own words (its header, copy and collapse buttons), in English and Japanese:
// apart from the IAM pages' words (i18n.ts) and the StackSet pages' (stack-set-words.ts), so each
// console app's content script carries only its own (docs/console.md, "The content script's size").
import type { Language } from './labels.ts';

const en = {
  brand: (service: string) => `Crossrole · ${service}`,
  stepOf: (n: number, m: number) => `Step ${n} of ${m}`,
  copy: 'Copy',
  copied: 'Copied',
  copyLabel: (what: string) => `Copy ${what}`,
  collapse: 'Collapse the Crossrole guide',
  expand: 'Show the Crossrole guide',
  guide: 'Crossrole guide',
};

export type PanelWords = typeof en;

const ja: PanelWords = {
  brand: (service) => `Crossrole · ${service}`,
  stepOf: (n, m) => `ステップ ${n}/${m}`,
  copy: 'コピー',
  copied: 'コピーしました',
  copyLabel: (what) => `${what} をコピー`,
  collapse: 'Crossrole のガイドをたたむ',
  expand: 'Crossrole のガイドを表示',
  guide: 'Crossrole ガイド',
};

export const panelWords = (language: Language): PanelWords => (language === 'ja' ? ja : en);
