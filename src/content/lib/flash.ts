// Success flashes (Cloudscape Flashbar items, `div[data-itemid]`, docs/console.md, "Finding controls"): where the
// console confirms that something was created or updated.
// Only shown flashes count: a hidden status element a page script added says nothing.
import { normalize } from './dom.ts';
import { shown } from './page.ts';

export function flashTexts(root: ParentNode = document): { text: string; links: string[] }[] {
  const items = shown(root, '[data-itemid], [class*="awsui_flash-type-success"]');
  return items.map((item) => ({
    text: normalize(item.textContent),
    links: [...item.querySelectorAll<HTMLAnchorElement>('a[href]')].map(
      (a) => a.getAttribute('href') ?? '',
    ),
  }));
}

/** Role names linked from flashes (`#/roles/details/<name>`). */
export function flashRoleNames(root: ParentNode = document): string[] {
  return flashTexts(root).flatMap((f) =>
    f.links.flatMap((href) => {
      const match = /#\/roles\/details\/([^?/]+)/.exec(href);
      if (!match?.[1]) return [];
      try {
        return [decodeURIComponent(match[1])];
      } catch {
        return [];
      }
    }),
  );
}
