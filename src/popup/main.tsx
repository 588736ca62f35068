import { render } from 'preact';
import { App } from './App.tsx';
import { browserApi } from './api.ts';
import { LinkReview } from './components/LinkReview.tsx';
import { language } from './i18n.ts';

// The language of the texts shown, for screen readers, fonts and hyphenation (index.html says en).
document.documentElement.lang = language();
// `?link=<id>`: the link window the background opened for a service's link (docs/vendors.md §6).
const linkId = new URLSearchParams(location.search).get('link');
render(
  linkId ? <LinkReview api={browserApi} linkId={linkId} /> : <App api={browserApi} />,
  document.getElementById('app')!,
);
