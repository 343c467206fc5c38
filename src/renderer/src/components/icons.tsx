import type { JSX } from 'solid-js'

export type IconProps = { class?: string }

/** 16 px line icons drawn in the current text colour; decorative unless labelled nearby. */
export function Icon(props: IconProps & { children: JSX.Element }) {
  return (
    <svg
      class={props.class ?? 'icon'}
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      stroke-width="1.4"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      {props.children}
    </svg>
  )
}

/** The Marquee mark: a screen with a play wedge, on an accent tile. */
export function LogoMark(props: IconProps) {
  return (
    <svg
      class={props.class ?? 'logo-mark'}
      width="24"
      height="24"
      viewBox="0 0 24 24"
      aria-hidden="true"
    >
      <rect width="24" height="24" rx="6" fill="var(--accent)" />
      <rect
        x="4.5"
        y="6"
        width="15"
        height="10"
        rx="1.6"
        fill="none"
        stroke="#fff"
        stroke-width="1.6"
      />
      <path d="M10.6 8.6v4.8l4-2.4z" fill="#fff" />
      <path d="M9 19h6" stroke="#fff" stroke-width="1.6" stroke-linecap="round" />
    </svg>
  )
}

export const IconLibrary = (props: IconProps) => (
  <Icon {...props}>
    <path d="M2.5 4.5a1 1 0 0 1 1-1h3l1.5 1.5h4.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-9a1 1 0 0 1-1-1z" />
  </Icon>
)

export const IconDrive = (props: IconProps) => (
  <Icon {...props}>
    <rect x="2" y="9" width="12" height="4.5" rx="1" />
    <path d="M3.5 9 5 3.5h6L12.5 9" />
    <path d="M11 11.25h.01" stroke-width="2" />
  </Icon>
)

export const IconNetwork = (props: IconProps) => (
  <Icon {...props}>
    <rect x="3" y="2" width="10" height="4" rx="1" />
    <rect x="3" y="6" width="10" height="4" rx="1" />
    <path d="M8 10v2.5M3 14h10M5.5 4h.01M5.5 8h.01" />
  </Icon>
)

export const IconCollections = (props: IconProps) => (
  <Icon {...props}>
    <rect x="2" y="5" width="9" height="9" rx="1.2" />
    <path d="M5 2.5h7.3a1.2 1.2 0 0 1 1.2 1.2V11" />
  </Icon>
)

export const IconIntegrations = (props: IconProps) => (
  <Icon {...props}>
    <path d="M6 2.5v3M10 2.5v3M4.5 5.5h7v2.5a3.5 3.5 0 0 1-7 0zM8 11.5v2" />
  </Icon>
)

export const IconExports = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 2.5v7.5M5 5.5l3-3 3 3M3 9.5v3a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1v-3" />
  </Icon>
)

/** A screen on a stand: what a player shows. */
export const IconProfiles = (props: IconProps) => (
  <Icon {...props}>
    <rect x="2" y="3" width="12" height="8" rx="1" />
    <path d="M6 13.5h4M8 11v2.5" />
  </Icon>
)

export const IconSearch = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="7" cy="7" r="4.5" />
    <path d="m10.5 10.5 3 3" />
  </Icon>
)

export const IconPlus = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 3v10M3 8h10" />
  </Icon>
)

export const IconClose = (props: IconProps) => (
  <Icon {...props}>
    <path d="m4 4 8 8M12 4l-8 8" />
  </Icon>
)

export const IconInfo = (props: IconProps) => (
  <Icon {...props}>
    <circle cx="8" cy="8" r="6" />
    <path d="M8 7.25V11M8 5h.01" />
  </Icon>
)

export const IconWarning = (props: IconProps) => (
  <Icon {...props}>
    <path d="M8 2.5 14 13H2z" />
    <path d="M8 6.5V9.5M8 11.25h.01" />
  </Icon>
)

export const IconRefresh = (props: IconProps) => (
  <Icon {...props}>
    <path d="M13 8a5 5 0 1 1-1.46-3.54" />
    <path d="M13 2.5v3h-3" />
  </Icon>
)

export const IconCheck = (props: IconProps) => (
  <Icon {...props}>
    <path d="m3.5 8.5 3 3 6-7" />
  </Icon>
)
