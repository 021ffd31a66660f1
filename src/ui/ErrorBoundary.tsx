import { Component, type ComponentChildren } from 'preact';

interface ErrorBoundaryProps {
  /** What the tester calls this page ("the popup"), for the message. */
  page: string;
  children?: ComponentChildren;
}

interface ErrorBoundaryState {
  error?: Error;
  copied: boolean;
}

/**
 * A render error anywhere below shows what happened instead of a blank page. Nothing is
 * written from here, so it can say that no data was changed; "Copy details" puts the error
 * and its stack on the clipboard for a bug report.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { copied: false };

  static override getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  private details(): string {
    const error = this.state.error;
    return [`Chat Identity Lab: ${this.props.page} failed`, `Page: ${location.pathname}`, `Error: ${error?.message}`, error?.stack ?? ''].join('\n');
  }

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.details());
      this.setState({ copied: true });
    } catch {
      this.setState({ copied: false });
    }
  }

  override render() {
    const { error, copied } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" class="status status--error">
        <p>
          Something went wrong in {this.props.page}: {error.message.slice(0, 300)}. No data was changed.
        </p>
        <div class="row">
          <button type="button" onClick={() => void this.copy()}>
            Copy details
          </button>
          <button type="button" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
        {copied && <p class="muted">Details copied.</p>}
      </div>
    );
  }
}
