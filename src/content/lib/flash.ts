// Success flashes (Cloudscape Flashbar items, `div[data-itemid]`, docs/console.md, "Finding controls"): where the
// console confirms that something was created or updated.
// Only shown flashes count: a hidden status element a page script added says nothing.
import { detailsLinkName } from '../../core/console-links.ts';
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

/** Role or user names linked from flashes (`#/roles/details/<name>`, `#/users/details/<name>`). */
export function flashNames(kind: 'roles' | 'users', root: ParentNode = document): string[] {
  return flashTexts(root).flatMap((f) =>
    f.links.flatMap((href) => detailsLinkName(href, kind) ?? []),
  );
}
