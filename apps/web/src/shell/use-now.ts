import { useEffect, useState } from 'react';

const MINUTE = 60_000;

/**
 * The current instant, refreshed on each minute boundary (the clock shows HH:mm) and whenever the tab
 * becomes visible again, because browsers throttle timers in background tabs and sleeping laptops.
 */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      timer = setTimeout(tick, MINUTE - (Date.now() % MINUTE) + 20);
    };
    const tick = () => {
      setNow(new Date());
      schedule();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        clearTimeout(timer);
        tick();
      }
    };
    schedule();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);

  return now;
}
