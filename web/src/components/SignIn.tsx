/** Sign-in: the hub holds police data, so every page but this one needs an account. */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api.ts';
import { ProblemNotice } from './Notice.tsx';

/** A failed sign-in in words: the server's 401 is a wrong name or password, not a page that failed to load. */
function SignInError({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || ![401, 423, 429].includes(error.status)) return <ProblemNotice error={error} what="Sign-in" />;
  const text = error.status === 401 ? 'Wrong user name or password.'
    : error.status === 423 ? `This account is locked after too many wrong passwords. ${error.problem.detail}`
    : 'Too many sign-in attempts: wait a minute and try again.';
  return <div className="notice notice-error" role="alert" data-testid="sign-in-error"><strong>{text}</strong></div>;
}

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.signIn(name, password);
      onSignedIn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="sign-in" data-ready="true">
      <h1 tabIndex={-1}>Sign in to Peel</h1>
      <p>Peel holds police data: sign in with the account your force or the Centre gave you. Every consultation is audited.</p>
      {error !== null && <SignInError error={error} />}
      <form onSubmit={submit} className="stack">
        <label htmlFor="si-name">Account name</label>
        <input id="si-name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
        <label htmlFor="si-password">Password</label>
        <input id="si-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <button type="submit" disabled={busy}>Sign in</button>
      </form>
    </div>
  );
}
