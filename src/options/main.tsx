import { render } from 'preact';
import { Options } from './Options';

const app = document.getElementById('app');
if (app) render(<Options params={new URLSearchParams(location.search)} />, app);
