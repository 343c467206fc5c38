import { Icon, type IconProps } from '../icons'

// The viewer's and the inspector's own icons, drawn like the app's (components/icons.tsx).

export const IconChevronLeft = (props: IconProps) => (
  <Icon {...props}>
    <path d="M10 3.5 5.5 8l4.5 4.5" />
  </Icon>
)

export const IconChevronRight = (props: IconProps) => (
  <Icon {...props}>
    <path d="M6 3.5 10.5 8 6 12.5" />
  </Icon>
)

export const IconZoomIn = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="7" cy="7" r="4.5" />
    <path d="m10.5 10.5 3 3M5 7h4M7 5v4" />
  </Icon>
)

export const IconZoomOut = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="7" cy="7" r="4.5" />
    <path d="m10.5 10.5 3 3M5 7h4" />
  </Icon>
)

export const IconFit = (props: IconProps) => (
  <Icon {...props}>
    <path d="M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10" />
  </Icon>
)

export const IconPanel = (props: IconProps) => (
  <Icon {...props}>
    <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
    <path d="M10 2.5v11" />
  </Icon>
)

export const IconCopy = (props: IconProps) => (
  <Icon {...props}>
    <rect x="5.5" y="5.5" width="8" height="8" rx="1.2" />
    <path d="M10.5 5.5V3.7a1.2 1.2 0 0 0-1.2-1.2H3.7a1.2 1.2 0 0 0-1.2 1.2v5.6a1.2 1.2 0 0 0 1.2 1.2h1.8" />
  </Icon>
)

export const IconFolderOpen = (props: IconProps) => (
  <Icon {...props}>
    <path d="M2.5 12V4.5a1 1 0 0 1 1-1h3l1.5 1.5h4a1 1 0 0 1 1 1V7" />
    <path d="M2.5 12 4 7.5h10L12.5 12z" />
  </Icon>
)

export const IconExternal = (props: IconProps) => (
  <Icon {...props}>
    <path d="M9 2.5h4.5V7M13.5 2.5 7.5 8.5M11.5 9.5v3a1 1 0 0 1-1 1h-7a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1h3" />
  </Icon>
)

export const IconStar = (props: IconProps & { filled?: boolean }) => (
  <svg
    class={props.class ?? 'icon'}
    width="16"
    height="16"
    viewBox="0 0 16 16"
    fill={props.filled ? 'currentColor' : 'none'}
    stroke="currentColor"
    stroke-width="1.3"
    stroke-linejoin="round"
    aria-hidden="true"
  >
    <path d="m8 1.8 1.9 3.9 4.3.6-3.1 3 .7 4.3L8 11.6l-3.8 2 .7-4.3-3.1-3 4.3-.6z" />
  </svg>
)

export const IconCloudOff = (props: IconProps) => (
  <Icon {...props}>
    <path d="M2 2l12 12M6 4.3A4 4 0 0 1 12 7.5a2.8 2.8 0 0 1 1.6 4.6M10.5 12.5H4.5A2.8 2.8 0 0 1 3.9 7a4 4 0 0 1 .8-1.7" />
  </Icon>
)

export const IconMusic = (props: IconProps) => (
  <Icon {...props}>
    <path d="M6 12V3.5l7-1.5V10.5" />
    <circle cx="4.5" cy="12" r="1.5" />
    <circle cx="11.5" cy="10.5" r="1.5" />
  </Icon>
)

export const IconFile = (props: IconProps) => (
  <Icon {...props}>
    <path d="M4 1.5h5l3.5 3.5v9.5H4z" />
    <path d="M9 1.5V5h3.5" />
  </Icon>
)

export const IconCompare = (props: IconProps) => (
  <Icon {...props}>
    <rect x="1.5" y="3" width="5.5" height="10" rx="1" />
    <rect x="9" y="3" width="5.5" height="10" rx="1" />
  </Icon>
)
