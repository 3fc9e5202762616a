import type { Localized } from '../schema';

// The editor features speak the user's language: Chinese, or English when VS Code is in English.

export type Lang = keyof Localized;

export function pick(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? zh : en;
}
