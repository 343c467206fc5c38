import { IconSearch } from '../components/icons'
import { PageHeader } from '../components/PageHeader'

export function SearchView(props: { query: string; onBack: () => void }) {
  return (
    <>
      <PageHeader
        title="Search"
        description={`You searched for “${props.query}”.`}
        actions={
          <button type="button" class="button" onClick={() => props.onBack()}>
            Back
          </button>
        }
      />
      <section class="panel placeholder-panel" role="status">
        <IconSearch class="icon icon--large" />
        <p class="placeholder-panel__title">
          Search arrives with the media index — nothing is indexed yet.
        </p>
        <p class="placeholder-panel__text">
          Once folders are indexed, search will find media by name, folder, tag and metadata.
        </p>
      </section>
    </>
  )
}
