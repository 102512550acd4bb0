import { useOptimizations } from '../api/queries';
import { ErrorNote } from '../ui/fields';
import { dateTime } from '../ui/format';

/** The user's runs, newest first: one opens above. */
export function PastRuns({
  current,
  onOpen,
}: {
  current: string | null;
  onOpen: (id: string) => void;
}) {
  const runs = useOptimizations();
  if (runs.error) return <ErrorNote error={runs.error} />;
  const list = runs.data ?? [];
  return (
    <div className="card">
      <h2>Past runs</h2>
      {list.length === 0 ? (
        <p className="empty">No runs yet.</p>
      ) : (
        <div className="table-wrap">
          <table aria-label="Past runs">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Strategy</th>
                <th scope="col">Method</th>
                <th scope="col">Status</th>
                <th scope="col">Points</th>
                <th scope="col">Best</th>
              </tr>
            </thead>
            <tbody>
              {list.map((run) => (
                <tr key={run.id} aria-current={run.id === current ? 'true' : undefined}>
                  <td>
                    <button type="button" className="link" onClick={() => onOpen(run.id)}>
                      {dateTime(run.createdAt)}
                    </button>
                  </td>
                  <td>{run.strategy}</td>
                  <td>{run.method}</td>
                  <td>{run.status}</td>
                  <td>
                    {run.progress.done}/{run.progress.total}
                  </td>
                  <td>{run.best?.score?.toFixed(4) ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
