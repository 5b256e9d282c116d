/** Sign-in: the hub holds police data, so every page but this one needs an account. */
import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { ProblemNotice } from './Notice.tsx';

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
      {error !== null && <ProblemNotice error={error} what="Sign-in" />}
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
