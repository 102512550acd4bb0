import { type ReactNode, useId } from 'react';
import { alertMessage, signalsUrl } from './signal-alert';

/**
 * An external-signal bot's passphrase, shown the one time the API returns it (create or
 * rotate), with what TradingView's alert needs: the webhook URL and the message.
 */
export function SignalPassphrase({
  botId,
  passphrase,
  children,
}: {
  botId: string;
  passphrase: string;
  /** The way on: to the bot, or closing this. */
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <section className="card secret" role="status" aria-labelledby={titleId}>
      <h2 id={titleId}>Signal passphrase</h2>
      <p>
        Shown <strong>only this once</strong>: only its digest is kept. Store it now, like a
        password; a new one from the bot's page replaces it.
      </p>
      <dl className="signal-setup">
        <dt>Passphrase</dt>
        <dd>
          <code className="secret-value">{passphrase}</code>
        </dd>
        <dt>Webhook URL</dt>
        <dd>
          <code className="secret-value">{signalsUrl(window.location.origin)}</code>
        </dd>
        <dt>Alert message</dt>
        <dd>
          <pre className="secret-value">{alertMessage(botId, passphrase)}</pre>
          <small className="hint">
            For a sell alert, put <code>sell</code> where it says <code>buy</code>; a Pine strategy
            can send <code>{'{{strategy.order.action}}'}</code> as the action.
          </small>
        </dd>
      </dl>
      <div className="actions">{children}</div>
    </section>
  );
}
