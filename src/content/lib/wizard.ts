// A console wizard, step by step (docs/console.md, "The wizard"): recognise the step by what the
// page shows, fill it with its plan, read it back once the page has settled, and press Next once
// per step, only while the page still shows that step and it still holds what was filled (the
// customer may press Next at the same moment). A step the customer goes back to is filled again.
import { findButton, settled, waitFor } from './dom.ts';
import { shown } from './page.ts';

/**
 * A performance mark once a step is filled and checked, which `npm run bench` reads to time
 * Crossrole's own work per step. It tells the page nothing it cannot see: the filled fields and
 * the panel are on it already. (The content script is built on its own, without the build's
 * virtual modules, so it cannot be left out of a store build.)
 */
const markChecked = (step: number) => performance.mark(`crossrole:step-checked:${step}`);

/** A filled step: its read-back, and its panel (`advancing` when Crossrole presses Next). */
export type StepOutcome = { right(): boolean; show(advancing: boolean): void };

export type WizardPlan = {
  /** The step on screen, by what it shows; null while it shows none. */
  current(): number | null;
  /** Fills `step`; nothing to advance on the last step, which is the customer's. */
  fill(step: number): Promise<StepOutcome | void>;
  next(): HTMLElement | null;
  previous?(): HTMLElement | null;
};

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * How long a wizard step must go without a DOM change before Crossrole fills it and again before
 * it reads it back: React commits a value it rejects within a frame or two.
 */
const SETTLE_MS = 80;

export type StepRunner = {
  /** Runs until the page is left; false at once when no step shows within 20 s. */
  run(): Promise<boolean>;
  /** Back to `step` with Previous (the wizard's own control), to fill it again from there. */
  back(step: number): Promise<void>;
};

export function stepRunner(
  plan: WizardPlan,
  signal: AbortSignal,
  miss: (field: string) => void,
): StepRunner {
  /** Steps Crossrole moved past itself: if the customer goes back, they stay to look. */
  const advanced = new Set<number>();

  /**
   * Presses Next for `step`: once per step, and only if the page still shows that step with what
   * was checked. Checked and clicked in one synchronous turn, so no click of the customer's can
   * come in between; a step the customer already left is not advanced a second time.
   */
  function advance(step: number, stillRight: () => boolean): void {
    if (signal.aborted || plan.current() !== step || !stillRight()) return;
    const next = plan.next();
    if (!next) return miss('next-button');
    advanced.add(step);
    next.click();
  }

  return {
    async run() {
      let step = await waitFor(() => plan.current(), { signal, timeoutMs: 20_000 });
      if (step === null) return false;
      while (step !== null && !signal.aborted) {
        await settled(signal, { quietMs: SETTLE_MS });
        // The step may have changed while the page settled (a hasty Next): check what it shows.
        step = plan.current() ?? step;
        const outcome = await plan.fill(step);
        if (outcome) {
          // Read back once the page has re-rendered: React may have undone a value.
          await settled(signal, { quietMs: SETTLE_MS });
          const advancing = outcome.right() && !advanced.has(step);
          outcome.show(advancing);
          markChecked(step);
          if (advancing) advance(step, outcome.right);
        }
        const from: number = step;
        step = await waitFor(
          () => {
            const now = plan.current();
            return now !== null && now !== from ? now : null;
          },
          { signal, timeoutMs: DAY_MS },
        );
      }
      return true;
    },

    async back(step) {
      for (const s of advanced) if (s >= step) advanced.delete(s);
      for (let tries = 0; tries < 3 && !signal.aborted; tries += 1) {
        const now = plan.current();
        if (now === null || now <= step) return;
        const previous = plan.previous?.();
        if (!previous) return miss('previous-button');
        previous.click();
        await waitFor(() => (plan.current() !== now ? true : null), { signal, timeoutMs: 5000 });
      }
    },
  };
}

/** A wizard's own button: by its Cloudscape component class, else by its name. */
export const wizardButton = (
  root: ParentNode,
  kind: 'primary' | 'previous',
  labels: readonly string[],
): HTMLButtonElement | null =>
  shown<HTMLButtonElement>(root, `[class*="awsui_${kind}-button"]`)[0] ?? findButton(root, labels);
