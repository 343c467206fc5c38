import type { CollectionItem } from '../../../../shared/domain'
import { Icon } from '../icons'

/** What kind of item a playlist row is: a file, a web page, or an integration. */
export function ItemKindIcon(props: { item: CollectionItem }) {
  const label = () =>
    props.item.kind === 'url'
      ? 'Web page'
      : props.item.kind === 'integration'
        ? props.item.integration?.kind === 'spotify'
          ? 'Spotify now playing'
          : 'JSON feed'
        : 'Library file'
  return (
    <span class="item-kind" title={label()} data-kind={props.item.kind}>
      <Icon>
        {props.item.kind === 'url' ? (
          <>
            <circle cx="8" cy="8" r="6" />
            <path d="M2 8h12M8 2c2 2 2 10 0 12M8 2c-2 2-2 10 0 12" />
          </>
        ) : props.item.kind === 'integration' ? (
          <>
            <path d="M3 11a5 5 0 0 1 10 0" />
            <path d="M5.5 11a2.5 2.5 0 0 1 5 0" />
            <circle cx="8" cy="11" r="0.6" />
          </>
        ) : (
          <>
            <rect x="2.5" y="3" width="11" height="10" rx="1.5" />
            <path d="M4.5 11l3-3 2 2 1.5-1.5 1.5 1.5" />
          </>
        )}
      </Icon>
      <span class="visually-hidden">{label()}</span>
    </span>
  )
}
