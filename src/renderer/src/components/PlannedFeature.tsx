import { For, type JSX } from 'solid-js'
import { PageHeader } from './PageHeader'

export interface PlannedFeatureProps {
  title: string
  icon: JSX.Element
  summary: string
  /** What the view will let people do, one sentence each. */
  plans: readonly string[]
}

/** A part of Marquee that is not built yet, described plainly: no sample data. */
export function PlannedFeature(props: PlannedFeatureProps) {
  return (
    <>
      <PageHeader title={props.title} description={props.summary} />
      <section class="panel planned" aria-labelledby="planned-heading">
        <div class="planned__icon" aria-hidden="true">
          {props.icon}
        </div>
        <div>
          <h2 class="planned__heading" id="planned-heading">
            Not built yet
          </h2>
          <p class="planned__lead">When this part of Marquee arrives, it will:</p>
          <ul class="planned__list">
            <For each={props.plans}>{(plan) => <li>{plan}</li>}</For>
          </ul>
        </div>
      </section>
    </>
  )
}
