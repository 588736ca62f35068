import { useEffect, useState } from 'preact/hooks';
import builtinProfiles from 'virtual:crossrole/builtin-profiles';
import { browser } from '../platform/browser.ts';
import type { ConsoleTab, Reply } from '../core/messages.ts';

/** Asks the background whether the active tab is an IAM console page it has heard from. */
async function activeConsoleTab(): Promise<ConsoleTab | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  const reply = (await browser.runtime.sendMessage({
    type: 'popup.activeTab',
    tabId: tab.id,
  })) as Reply<ConsoleTab | null>;
  return reply.ok ? reply.value : null;
}

export function App() {
  const [consoleTab, setConsoleTab] = useState<ConsoleTab | null | undefined>(undefined);
  useEffect(() => {
    activeConsoleTab().then(setConsoleTab, () => setConsoleTab(null));
  }, []);

  return (
    <main>
      <h1>Crossrole</h1>
      <p class="status" role="status">
        {consoleTab === undefined
          ? 'Checking this tab…'
          : consoleTab
            ? `This tab is the IAM console (${consoleTab.partition}).`
            : 'This tab is not the IAM console.'}
      </p>
      <h2>Services</h2>
      <ul class="services">
        {builtinProfiles.map((profile) => (
          <li key={profile.id}>{profile.name}</li>
        ))}
      </ul>
    </main>
  );
}
