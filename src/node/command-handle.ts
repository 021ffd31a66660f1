/**
 * Runs a vendor's page command in a Playwright or Puppeteer page. The command is self-contained
 * (JSON in and out), and both libraries send a function as its source text, as chrome.scripting
 * does. Sending and compiling several kilobytes of it for every call costs a login about 3 ms,
 * so it is put in the page once per document and called through its handle after that; a page
 * object without evaluateHandle gets the source text with every call.
 */
import type { PageCommand } from '../model/protocol';
import type { BrowserPage, CommandCall, CommandHandle } from './browser-types';
import { tapOf } from './page-tap';

/** The source text page.evaluate sends without a handle: the command called with the request and context. Made once per command. */
const callers = new WeakMap<PageCommand, (arg: CommandCall) => Promise<unknown>>();
function callerOf(command: PageCommand) {
  let caller = callers.get(command);
  if (!caller) {
    // The command's own source text, wrapped: no value of this process reaches the page but the argument.
    caller = new Function('arg', `return (${command.toString()})(arg.request, arg.context);`) as (arg: CommandCall) => Promise<unknown>;
    callers.set(command, caller);
  }
  return caller;
}

/** What runs in the page through the handle: its source text is this line. */
const callCommand = (command: unknown, arg: CommandCall) => (command as PageCommand)(arg.request, arg.context);

interface Held {
  handle: Promise<CommandHandle>;
  /** The tap's navigation count when it was made: a later document needs its own. */
  navigations: number;
}

const held = new WeakMap<object, Map<PageCommand, Held>>();

function handleOf(page: BrowserPage & Required<Pick<BrowserPage, 'evaluateHandle'>>, command: PageCommand): Promise<CommandHandle> {
  const tap = tapOf(page);
  let byCommand = held.get(page);
  if (!byCommand) {
    byCommand = new Map();
    held.set(page, byCommand);
  }
  const current = byCommand.get(command);
  if (current && current.navigations === tap.navigations) return current.handle;
  current?.handle.then((old) => old.dispose()).catch(() => undefined);
  const handle = page.evaluateHandle(`(${command.toString()})`);
  const entry = { handle, navigations: tap.navigations };
  byCommand.set(command, entry);
  return handle;
}

/** Forgets the handle (its document is gone, or it failed): the next call makes a new one. */
function forget(page: BrowserPage, command: PageCommand): void {
  held.get(page)?.delete(command);
}

/** Runs `command` in the page with `arg`; rejects as page.evaluate does. */
export async function evaluateCommand(page: BrowserPage, command: PageCommand, arg: CommandCall): Promise<unknown> {
  if (typeof page.evaluateHandle !== 'function') return page.evaluate(callerOf(command), arg);
  try {
    const handle = await handleOf(page as BrowserPage & Required<Pick<BrowserPage, 'evaluateHandle'>>, command);
    return await handle.evaluate(callCommand, arg);
  } catch (caught) {
    forget(page, command);
    throw caught;
  }
}
