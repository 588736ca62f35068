import { render } from 'preact';
import { App } from './App.tsx';
import { browserApi } from './api.ts';
import { language } from './i18n.ts';

// The language of the texts shown, for screen readers, fonts and hyphenation (index.html says en).
document.documentElement.lang = language();
render(<App api={browserApi} />, document.getElementById('app')!);
