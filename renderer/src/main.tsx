import '@mantine/core/styles.css';
import './app.css';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';

// The one-time token has been exchanged for a cookie: take it out of the address bar and history.
if (location.search.includes('token='))
  history.replaceState(null, '', location.pathname + location.hash);

createRoot(document.getElementById('root')!).render(<App />);
