import { useEffect, useRef, useState } from 'preact/hooks';
import { type CheckReport, type CheckResult, changesSince, pendingChecks, reportJson, reportMarkdown, summaryLine } from '../model/check-report';
import { keepReport, reportsOf } from '../storage/saved-reports';
import { store } from '../storage/extension-store';
import { PassphraseError, vault } from '../storage/extension-vault';
import { consentText, runIntegrationCheck } from '../actions/integration-check';
import type { Environment, Settings } from '../model/schema';
import { originOf } from '../sites/sites';
import { findTargetPage, ReachError, type TargetPage } from '../page-bridge/target-page';
import { reachOutcome } from '../model/outcome';
import { UnlockForm } from '../ui/UnlockForm';
import { CheckList } from './CheckList';
import { PageUnderTest } from './PageUnderTest';
import { SinceLastRun } from './SinceLastRun';
import { StatusRegion, type Tone } from '../ui/StatusRegion';
import { messageOf } from '../model/errors';
import { markHidden } from '../model/page-text';
import { loadProfiles, profileOf } from '../vendors/registry';

interface Setup {
  target: TargetPage;
  environment: Environment;
  settings: Settings;
  previous?: CheckReport;
}

type Phase = 'loading' | 'consent' | 'locked' | 'running' | 'done' | 'broken';

function browserName(): string {
  const ua = navigator.userAgent;
  return /Firefox\/[\d.]+/.exec(ua)?.[0]?.replace('/', ' ') ?? /Chrom(e|ium)\/[\d.]+/.exec(ua)?.[0]?.replace('/', ' ') ?? ua.slice(0, 80);
}

/** The integration check of one page under test: consent, progress, report. */
export function CheckPage({ tabId, environmentId }: { tabId: string | null; environmentId: string | null }) {
  const [phase, setPhase] = useState<Phase>('loading');
  const [setup, setSetup] = useState<Setup>();
  const [checks, setChecks] = useState<CheckResult[]>(pendingChecks());
  const [report, setReport] = useState<CheckReport>();
  const [message, setMessage] = useState<{ tone: Tone; text: string }>();
  const [passphrase, setPassphrase] = useState('');
  /** The outcome of Copy / Download report, shown next to those buttons. */
  const [copied, setCopied] = useState<{ tone: Tone; text: string }>();
  /** The run the shown report is compared with: the last one kept before it. */
  const [comparedTo, setComparedTo] = useState<CheckReport>();
  const stop = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    void (async () => {
      try {
        const target = await findTargetPage(tabId);
        const [{ environments }, settings] = await Promise.all([store.environments(), store.settings()]);
        const environment = environments.find((e) => e.id === environmentId);
        if (!environment) {
          setMessage({ tone: 'error', text: 'The environment of this check is gone: open the popup on the page under test and start the check again.' });
          return setPhase('broken');
        }
        // Its vendor's profile, for the words (its settings' labels, its account).
        const [[previous]] = await Promise.all([reportsOf(environment.id), loadProfiles([environment.vendor])]);
        setSetup({ target, environment, settings, previous });
        setChecks(pendingChecks(profileOf(environment.vendor)));
        setComparedTo(previous);
        setPhase('consent');
      } catch (caught) {
        setMessage({ tone: 'error', text: caught instanceof ReachError ? reachOutcome(caught.problem).message : messageOf(caught) });
        setPhase('broken');
      }
    })();
  }, [tabId, environmentId]);

  async function start() {
    if (!setup) return;
    let secret: string;
    try {
      secret = await vault.secretOf(setup.environment);
    } catch (caught) {
      if (!(caught instanceof PassphraseError)) throw caught;
      setMessage({ tone: 'error', text: 'Secrets are locked with a passphrase: enter it to run the check.' });
      return setPhase('locked');
    }
    if (secret === '') {
      setMessage({ tone: 'error', text: `Environment "${setup.environment.name}" has no secret: add it in Options, then run the check.` });
      return;
    }
    const controller = new AbortController();
    stop.current = controller;
    setMessage(undefined);
    setCopied(undefined);
    setReport(undefined);
    setChecks(pendingChecks(profileOf(setup.environment.vendor)));
    setPhase('running');
    try {
      const finished = await runIntegrationCheck({
        target: setup.target,
        environment: { ...setup.environment, secret },
        settings: setup.settings,
        onUpdate: setChecks,
        signal: controller.signal,
        browserName: browserName(),
      });
      setChecks(finished.checks);
      // "Run again" compares with this run: the baseline moves on when a run finishes.
      setComparedTo(report ?? setup.previous);
      setReport(finished);
      await keepReport(setup.environment.id, finished).catch(() => undefined);
      setMessage({ tone: finished.checks.some((c) => c.status === 'failed') ? 'error' : 'success', text: summaryLine(finished) });
    } catch (caught) {
      setMessage({ tone: 'error', text: `The check could not finish: ${messageOf(caught)}` });
    } finally {
      setPhase('done');
    }
  }

  async function unlock() {
    try {
      await vault.unlock(passphrase);
      setPassphrase('');
      setPhase('consent');
      await start();
    } catch (caught) {
      setMessage({ tone: 'error', text: caught instanceof PassphraseError ? caught.message : messageOf(caught) });
    }
  }

  const changes = report ? changesSince(comparedTo, report) : [];

  async function copyReport() {
    if (!report) return;
    try {
      await navigator.clipboard.writeText(reportMarkdown(report, changes));
      setCopied({ tone: 'success', text: 'Report copied as Markdown: paste it into the ticket.' });
    } catch {
      setCopied({ tone: 'error', text: 'Could not copy: use Download report instead.' });
    }
  }

  function downloadReport() {
    if (!report) return;
    const url = URL.createObjectURL(new Blob([reportJson(report)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `integration-check-${report.startedAt.slice(0, 19).replace(/[:T]/g, '-')}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const site = setup?.target.url ? originOf(setup.target.url) : undefined;
  return (
    <>
      <h1>Integration check</h1>
      {setup && <PageUnderTest site={site} environment={setup.environment} />}

      {phase === 'consent' && setup && (
        <section aria-label="Before the check">
          <p>{markHidden(consentText(setup.environment, profileOf(setup.environment.vendor)))}</p>
          <button type="button" class="primary" onClick={() => void start()}>
            Run check
          </button>
        </section>
      )}

      {phase === 'locked' && (
        <UnlockForm id="check-passphrase" passphrase={passphrase} onInput={setPassphrase} onUnlock={() => void unlock()} />
      )}

      <StatusRegion tone={message?.tone} busy={phase === 'running'}>
        {phase === 'running' ? <p>Checking… {checks.filter((c) => c.status !== 'pending' && c.status !== 'running').length} of {checks.length} done.</p> : message && <p class="summary">{markHidden(message.text)}</p>}
      </StatusRegion>

      {phase === 'done' && report && <SinceLastRun environmentName={setup?.environment.name ?? ''} previous={comparedTo} changes={changes} />}

      {(phase === 'running' || phase === 'done') && <CheckList checks={checks} />}

      {phase === 'running' && (
        <button type="button" onClick={() => stop.current?.abort()}>
          Stop
        </button>
      )}

      {phase === 'done' && report && (
        <section aria-label="Report">
          <div class="row">
            <button type="button" onClick={() => void copyReport()}>
              Copy report
            </button>
            <button type="button" onClick={downloadReport}>
              Download report
            </button>
            <button type="button" onClick={() => void start()}>
              Run again
            </button>
          </div>
          <p aria-live="polite" id="report-result" class={copied ? `status status--${copied.tone}` : undefined}>
            {copied?.text}
          </p>
        </section>
      )}
    </>
  );
}
