import type { TabLogin } from '../../actions/tab-state';
import type { Question } from '../popup-state';

interface SyncQuestionProps {
  question: Question;
  onSync: (where: 'tab' | 'incognito', login: TabLogin) => void;
  onDismiss: () => void;
}

/** Asked before the history sync check reloads the page: here, or in an incognito window. */
export function SyncQuestion({ question, onSync, onDismiss }: SyncQuestionProps) {
  return (
    <>
      <p>{question.message}</p>
      <div class="row">
        <button type="button" onClick={() => onSync('tab', question.login)}>
          Reload and check
        </button>
        {question.incognito && (
          <button type="button" onClick={() => onSync('incognito', question.login)}>
            Check in an incognito window
          </button>
        )}
        <button type="button" onClick={onDismiss}>
          Cancel
        </button>
      </div>
      {!question.incognito && (
        <p class="muted">
          To check in a separate incognito window instead (leaving this tab alone), allow Chat Identity Lab in incognito: chrome://extensions → Chat
          Identity Lab → Details → Allow in Incognito.
        </p>
      )}
    </>
  );
}
