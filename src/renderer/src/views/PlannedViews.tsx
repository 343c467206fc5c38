import { IconExports } from '../components/icons'
import { PlannedFeature } from '../components/PlannedFeature'

export function ExportsView() {
  return (
    <PlannedFeature
      title="Exports"
      icon={<IconExports class="icon icon--large" />}
      summary="Verified bundles that signage players can play with no network."
      plans={[
        'Write a collection to a USB stick, SD card or share as a self-contained bundle.',
        'Transcode media to what each player model accepts, only when it has to.',
        'Verify every file with SHA256SUMS, and copy only what changed on the next export.',
      ]}
    />
  )
}
