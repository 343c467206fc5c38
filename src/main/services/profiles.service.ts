import type { CollectionKind } from '../../shared/domain'
import type { CustomProfileRequest, ImageFormatName, ProfileInfo } from '../../shared/profiles'
import { AppError } from '../errors'
import { customProfile } from '../export/custom-profile'
import { checkCustomProfile } from '../export/custom-profile-schema'
import {
  DEFAULT_PROFILE_ID,
  PROFILES,
  PROFILE_IDS,
  isProfileId,
  type PlayerProfile,
} from '../export/profiles'
import type { ProfilesRepository } from '../repositories/profiles.repository'

/** The built-in player profiles and the operator's own (docs/profiles.md). */
export class ProfilesService {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly now: () => number = Date.now,
  ) {}

  /** The profile an export or a compliance check uses; the error lists every valid name. */
  byId(id: string): PlayerProfile {
    if (isProfileId(id)) return PROFILES[id]
    const spec = this.profiles.byName(id)
    if (spec) return customProfile(spec)
    throw new AppError(
      'NOT_FOUND',
      `There is no player profile called "${id}" — use one of: ${this.ids().join(', ')}.`,
    )
  }

  list(): ProfileInfo[] {
    const usage = this.profiles.usage()
    const custom = this.profiles.list().map(customProfile)
    return [
      ...PROFILE_IDS.map((id) => info(PROFILES[id], true, usage)),
      ...custom.map((p) => info(p, false, usage)),
    ]
  }

  add(request: CustomProfileRequest): ProfileInfo {
    const checked = checkCustomProfile(request)
    if (!checked.ok) throw new AppError('INVALID_ARGUMENT', checked.problems.join('\n'))
    const { spec } = checked
    if (isProfileId(spec.name)) {
      throw new AppError(
        'CONFLICT',
        `Name: "${spec.name}" is a built-in profile; give the custom profile another name.`,
      )
    }
    if (this.profiles.byName(spec.name)) {
      throw new AppError('CONFLICT', `Name: there is already a profile called "${spec.name}".`)
    }
    this.profiles.add(spec, this.now())
    return info(customProfile(spec), false, this.profiles.usage())
  }

  /**
   * Collections set to the profile go back to the default one, and the answer says which, so
   * the operator knows their next export is checked against other limits.
   */
  remove(name: string): { name: string; fallback: string; fellBack: string[]; warning?: string } {
    if (isProfileId(name)) {
      throw new AppError('INVALID_ARGUMENT', `"${name}" is built in and cannot be deleted.`)
    }
    const spec = this.profiles.byName(name)
    if (!spec) throw new AppError('NOT_FOUND', `There is no custom profile called "${name}".`)
    const moved = this.profiles
      .remove(spec.name, DEFAULT_PROFILE_ID)
      .map((c: { kind: CollectionKind; name: string }) => `${c.kind} ${c.name}`)
    return {
      name: spec.name,
      fallback: DEFAULT_PROFILE_ID,
      fellBack: moved,
      ...(moved.length > 0
        ? {
            warning: `${capital(moved.join(', '))} ${moved.length === 1 ? 'was' : 'were'} set to "${spec.name}" and now ${moved.length === 1 ? 'uses' : 'use'} ${DEFAULT_PROFILE_ID}.`,
          }
        : {}),
    }
  }

  /** The collection's profile, checked to exist (it always does: deletion moves it back). */
  profileOf(collectionId: number): PlayerProfile {
    return this.byId(this.profiles.profileOf(collectionId) ?? DEFAULT_PROFILE_ID)
  }

  setProfile(collectionId: number, id: string): void {
    const profile = this.byId(id)
    this.profiles.setProfile(collectionId, profile.id, this.now())
  }

  private ids(): string[] {
    return [...PROFILE_IDS, ...this.profiles.list().map((p) => p.name)]
  }
}

function info(profile: PlayerProfile, builtIn: boolean, usage: Map<string, string[]>): ProfileInfo {
  return {
    id: profile.id,
    label: profile.label,
    builtIn,
    containers: ['MP4 (faststart)'],
    videoCodecs: ['H.264'],
    h264Profiles: [...profile.video.profiles],
    level: profile.video.level,
    levelAbove30fps: profile.video.levelAbove30fps,
    maxWidth: profile.maxLongEdge,
    maxHeight: profile.maxShortEdge,
    maxFrameRate: profile.video.maxFrameRate,
    maxBitRate: profile.video.maxBitRate,
    audio: `AAC-${profile.audio.profile}`,
    imageFormat: profile.image.format as ImageFormatName,
    usedBy: usage.get(profile.id.toLowerCase()) ?? [],
  }
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
