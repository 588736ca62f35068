// The popup: choose the service (built in or imported), review exactly what will be granted to
// whom, start, and follow every connection. It talks to the browser only through `PopupApi`.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsoleTab, PopupStateValue } from '../core/messages.ts';
import { reportOrigin, type ServiceProfile } from '../core/profile.ts';
import type { PopupApi } from './api.ts';
import { Diagnostics } from './components/Diagnostics.tsx';
import { ImportProfile, type Imported } from './components/ImportProfile.tsx';
import { Review } from './components/Review.tsx';
import { Connections, SetupList } from './components/SetupList.tsx';
import { t } from './i18n.ts';

const EMPTY: PopupStateValue = {
  setups: [],
  importedProfiles: [],
  connections: [],
  diagnostics: [],
};

export function App(props: { api: PopupApi }) {
  const { api } = props;
  const [state, setState] = useState<PopupStateValue>(EMPTY);
  const [stateError, setStateError] = useState<string | null>(null);
  const [consoleTab, setConsoleTab] = useState<ConsoleTab | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(api.builtinProfiles[0]?.id ?? null);
  /** A pasted code awaits its confirmation: no other service's start button may show meanwhile. */
  const [confirming, setConfirming] = useState(false);
  const [importRound, setImportRound] = useState(0);
  // Token and service-issued External ID from a connection code: popup memory only.
  const [codes, setCodes] = useState<
    Record<string, { token: string | null; externalId: string | null; label: string | null }>
  >({});
  const [notice, setNotice] = useState<string | null>(null);
  // False when the customer revoked Crossrole's access to the console (Firefox lets them).
  const [consoleAccess, setConsoleAccess] = useState(true);
  // Once the customer has picked a service the list folds to one line, "Service: X · Change", so
  // the review is what the popup shows. Until then (several services) the list stays open.
  const [chosen, setChosen] = useState(false);
  // Where focus goes after the list folds or opens, so it is never left on a removed radio.
  const [focusTo, setFocusTo] = useState<'change' | 'list' | null>(null);
  const changeButton = useRef<HTMLButtonElement>(null);
  const serviceList = useRef<HTMLFieldSetElement>(null);
  // Arrows move the choice at every press: the list folds when the keyboard leaves it, not then.
  const pickedByKeyboard = useRef(false);

  useEffect(() => {
    const load = () =>
      api.state().then(
        (value) => {
          setState(value);
          setStateError(null);
        },
        (error: unknown) => setStateError(error instanceof Error ? error.message : String(error)),
      );
    void load();
    void api.activeConsoleTab().then(setConsoleTab, () => setConsoleTab(null));
    void api.hasConsoleAccess().then(setConsoleAccess, () => setConsoleAccess(false));
    return api.onChange(() => void load());
  }, [api]);

  const profiles: ServiceProfile[] = [
    ...api.builtinProfiles,
    ...state.importedProfiles.filter((p) => !api.builtinProfiles.some((b) => b.id === p.id)),
  ];
  const selected = profiles.find((p) => p.id === selectedId) ?? profiles[0] ?? null;
  const levelsOf = (id: string) =>
    profiles.find((p) => p.id === id)?.access.map((l) => ({ id: l.id, label: l.label })) ?? [];
  const folded = selected !== null && (chosen || profiles.length === 1);

  useEffect(() => {
    if (focusTo === 'change') changeButton.current?.focus();
    if (focusTo === 'list')
      serviceList.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
    setFocusTo(null);
  }, [focusTo]);
  const fold = () => {
    pickedByKeyboard.current = false;
    const inside = serviceList.current?.contains(document.activeElement) ?? false;
    setChosen(true);
    if (inside) setFocusTo('change');
  };
  const imported = (result: Imported) => {
    if (result.fromCode)
      setCodes((all) => ({
        ...all,
        [result.profile.id]: {
          token: result.token,
          externalId: result.externalId,
          label: result.label,
        },
      }));
    if (!result.builtin)
      setState((s) => ({
        ...s,
        importedProfiles: [
          ...s.importedProfiles.filter((p) => p.id !== result.profile.id),
          result.profile,
        ],
      }));
    setSelectedId(result.profile.id);
    setChosen(true);
    setNotice(t('imported', result.profile.name));
    // The paste box folds away once its service is in; the review takes the customer on.
    setImportRound((n) => n + 1);
  };

  // Follow-up first once something is under way: that is why the customer came back.
  const progress = (
    <section aria-labelledby="progress-title">
      <h2 id="progress-title">{t('progress')}</h2>
      {stateError ? (
        <p class="hint">{t('stateUnavailable')}</p>
      ) : (
        <SetupList
          api={api}
          setups={state.setups}
          onError={setNotice}
          onStarted={setNotice}
          tokenFor={(profileId) => codes[profileId]?.token ?? null}
          levelsOf={levelsOf}
        />
      )}
    </section>
  );

  // Below the review and above its action bar, which stays at the bottom of the popup.
  const after = (
    <>
      {state.setups.length === 0 && progress}
      <Connections
        connections={state.connections}
        api={api}
        levelsOf={levelsOf}
        onError={setNotice}
      />
      <Diagnostics api={api} misses={state.diagnostics} version={api.version()} />
    </>
  );

  return (
    <main>
      <header>
        <h1>Crossrole</h1>
        <p class="hint" role="status">
          {consoleTab ? t('tabIsConsole', consoleTab.partition) : t('tabIsNotConsole')}
        </p>
      </header>
      {!consoleAccess && (
        <div class="access" role="alert">
          <p>{t('consoleAccessMissing')}</p>
          <button
            type="button"
            class="primary"
            onClick={() =>
              void api.requestConsoleAccess().then(setConsoleAccess, () => setConsoleAccess(false))
            }
          >
            {t('allowConsoleAccess')}
          </button>
        </div>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}

      {state.setups.length > 0 && progress}

      <section aria-labelledby="services-title">
        {folded ? (
          <p class="chosen">
            <span id="services-title">{t('serviceChosen')}</span> <strong>{selected.name}</strong>
            <span aria-hidden="true"> · </span>
            <button
              ref={changeButton}
              type="button"
              class="link"
              aria-expanded="false"
              aria-controls="service-list"
              aria-label={t('changeService')}
              onClick={() => {
                setChosen(false);
                setFocusTo('list');
              }}
            >
              {t('change')}
            </button>
          </p>
        ) : (
          <h2 id="services-title">{t('services')}</h2>
        )}
        {profiles.length === 0 ? (
          // Nothing built in (the store build) and nothing imported yet: what this is, and how to begin.
          <div class="first-run">
            <p>{t('firstRunWhat')}</p>
            <p>{t('firstRunBegin')}</p>
          </div>
        ) : (
          !folded && (
            <fieldset
              class="services"
              id="service-list"
              ref={serviceList}
              onKeyDown={(e) => {
                if (e.key.startsWith('Arrow')) pickedByKeyboard.current = true;
                if (e.key === 'Enter' && (e.target as HTMLElement).matches('input')) fold();
              }}
              onFocusOut={(e) => {
                const next = e.relatedTarget as Node | null;
                if (pickedByKeyboard.current && next && !serviceList.current?.contains(next))
                  fold();
              }}
            >
              <legend class="visually-hidden">{t('chooseService')}</legend>
              {profiles.map((profile) => {
                const builtin = api.builtinProfiles.some((b) => b.id === profile.id);
                return (
                  <label key={profile.id} class="choice service">
                    <input
                      type="radio"
                      name="service"
                      value={profile.id}
                      checked={selected?.id === profile.id}
                      onChange={() => setSelectedId(profile.id)}
                      // A pointer's click (detail > 0) is a choice made; arrows only move it.
                      onClick={(e) => {
                        if (e.detail === 0) return;
                        setSelectedId(profile.id);
                        fold();
                      }}
                    />
                    <span>
                      <strong>{profile.name}</strong>
                      {!builtin && (
                        <span class="hint">{t('importedFrom', reportOrigin(profile))}</span>
                      )}
                    </span>
                    {!builtin && (
                      <button
                        type="button"
                        class="link"
                        aria-label={t('removeService', profile.name)}
                        onClick={() => void api.removeProfile(profile.id)}
                      >
                        {t('remove')}
                      </button>
                    )}
                  </label>
                );
              })}
            </fieldset>
          )
        )}
        {/* Open while there is no service: the paste box is then the way to begin. */}
        <details key={importRound} class="secondary" open={profiles.length === 0}>
          <summary>{t('importTitle')}</summary>
          <ImportProfile
            api={api}
            imported={state.importedProfiles}
            onImported={imported}
            onConfirming={setConfirming}
          />
        </details>
      </section>

      {/* Kept, only hidden, while a code waits: its choices survive, its start button is gone. */}
      {selected && (
        <div hidden={confirming}>
          <Review
            // A new service starts a new review: no choice of the previous one survives a frame.
            key={selected.id}
            api={api}
            profile={selected}
            code={codes[selected.id] ?? null}
            consoleTab={consoleTab}
            consoleAccess={consoleAccess}
            onStarted={setNotice}
            customerTags={state.customerTags}
          >
            {after}
          </Review>
        </div>
      )}
      {!selected && after}
    </main>
  );
}
