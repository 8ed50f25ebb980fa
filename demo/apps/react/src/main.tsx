import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Registers <vitrine-table> and <vitrine-map>, as an app that installed `vitrine` from npm would.
// Imported before React renders, so React meets defined elements and sets their properties.
import 'vitrine/table';
import 'vitrine/map';
import '../../apps.css';
import { App } from './App.tsx';

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
