import { render } from 'preact';
import { Inspector } from './Inspector';
import { takeHandedToken } from './handoff';

const params = new URLSearchParams(location.search);
const app = document.getElementById('app');
if (app) render(<Inspector initialToken={takeHandedToken(params)} environmentId={params.get('env') ?? undefined} />, app);
