// The drop target mounted alone over a stand-in for the gallery, against the real serve mode
// (test/e2e/import.spec.ts builds this page into out/renderer/e2e-import/). Plain JS with
// createComponent: the e2e folder is typechecked without JSX.
/* global document */
import { createResource } from 'solid-js'
import { createComponent, render } from 'solid-js/web'
import { call } from '../../../src/renderer/src/lib/api'
import { ImportDropTarget } from '../../../src/renderer/src/components/import/ImportDropTarget'
import '../../../src/renderer/src/styles/index.css'

function Harness() {
  const [roots] = createResource(() => call('roots.list'))
  const root = () => roots()?.[0]
  return createComponent(ImportDropTarget, {
    get into() {
      return root() ? { rootId: root().id } : null
    },
    get targetLabel() {
      return root() ? `${root().label} › ${root().inbox}` : 'no library folder'
    },
    onShowInGallery: (ids) => {
      document.body.dataset.shown = ids.join(',')
    },
    get children() {
      const gallery = document.createElement('main')
      gallery.className = 'harness-gallery'
      gallery.dataset.testid = 'gallery-stand-in'
      gallery.style.cssText = 'height: 100vh; padding: 24px; color: var(--text-muted)'
      gallery.textContent = 'Gallery (stand-in): drop files here.'
      return gallery
    },
  })
}

render(() => createComponent(Harness, {}), document.getElementById('root'))
