// A load a second press must not repeat while the first is on its way ("more" below a list): two
// quick presses append the next page once, not twice. The components show the wait (`busy`).
import { useRef, useState } from 'preact/hooks';

/** Runs work one at a time: a call while the last one is still running does nothing. */
export type OneAtATime = (work: () => Promise<unknown>) => Promise<void>;

/** `onBusy` hears true as a run starts and false as it ends (however it ends). */
export function oneAtATime(onBusy: (busy: boolean) => void = () => {}): OneAtATime {
  let running = false;
  return async (work) => {
    if (running) return;
    running = true;
    onBusy(true);
    try {
      await work();
    } finally {
      running = false;
      onBusy(false);
    }
  };
}

/** `run` for a component's lifetime (the same function every render), and whether it is running. */
export function useOneAtATime(): { busy: boolean; run: OneAtATime } {
  const [busy, setBusy] = useState(false);
  const run = useRef<OneAtATime | null>(null);
  run.current ??= oneAtATime(setBusy);
  return { busy, run: run.current };
}
