import { render } from 'preact';
import { App } from './App.tsx';
import { browserApi } from './api.ts';

render(<App api={browserApi} />, document.getElementById('app')!);
