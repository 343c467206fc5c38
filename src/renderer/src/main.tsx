import { render } from 'solid-js/web'
import App from './App'
import { StoreProvider } from './stores'
import './styles/index.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element.')

render(
  () => (
    <StoreProvider>
      <App />
    </StoreProvider>
  ),
  root,
)
