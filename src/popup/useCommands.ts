import { useRef } from 'preact/hooks';
import type { WaitOptions } from '../model/chat-page';
import { error } from '../model/outcome';
import { messageOf } from './popup-logic';
import type { CommandInputs } from './commands/run-command';
import type { Command } from './popup-state';

// What runs a command (and the login path under it: signing with jose, the page code) loads
// after the first paint, not before it: the popup is usable at once and it is warm by the time
// the tester clicks (usePopupContext starts loading it).
export const loadRunner = () => import('./commands/run-command');


/**
 * Runs the tester's commands on the page under test, one at a time, each cancellable while it
 * waits for the page; the state machine (popup-state.ts) hears where each one is.
 */
export function useCommands(inputs: CommandInputs) {
  const running = useRef<AbortController | undefined>(undefined);

  async function perform(command: Command, startSdk = false): Promise<void> {
    if (running.current) return;
    performance.mark(`${command.kind}-click`);
    const controller = new AbortController();
    running.current = controller;
    const { dispatch } = inputs;
    dispatch({ type: 'started', command, startSdk });
    const wait: WaitOptions = { signal: controller.signal, startSdk, onWait: (waitingFor) => dispatch({ type: 'waiting', waitingFor }) };
    try {
      const { outcomeOf } = await loadRunner();
      dispatch({ type: 'finished', outcome: await outcomeOf(command, wait, inputs), command, startSdk });
    } catch (caught) {
      dispatch({ type: 'finished', outcome: error(`Something failed unexpectedly: ${messageOf(caught)}`), command, startSdk });
    } finally {
      running.current = undefined;
    }
  }

  return { perform, cancel: () => running.current?.abort() };
}
