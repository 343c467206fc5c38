import { render } from 'solid-js/web'
import App from './App'
import { guardWindowDrops } from './lib/drop-guard'
import { StoreProvider } from './stores'
import './styles/index.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element.')

guardWindowDrops()

render(
  () => (
    <StoreProvider>
      <App />
    </StoreProvider>
  ),
  root,
)
