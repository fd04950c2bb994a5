import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/api-context';
import { connectApi } from './api/connect';
import { App } from './app/App';
import { setupI18n } from './i18n/setup-i18n';
import './styles.css';

setupI18n();
const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <ApiContext.Provider value={connectApi()}>
      <App />
    </ApiContext.Provider>
  </StrictMode>,
);
