import { render } from 'preact';
import { Popup } from './Popup';

const app = document.getElementById('app');
if (app) render(<Popup params={new URLSearchParams(location.search)} />, app);
