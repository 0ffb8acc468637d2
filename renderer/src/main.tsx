import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

// No StrictMode: its dev-only double mount would start the interview room's recording twice.
createRoot(root).render(<App />);
