import type { CollectionKind } from '../../../shared/domain'
import type { ComplianceReport, ProfileInfo } from '../../../shared/profiles'
import type { Library } from '../library'
import { allowOnly, stringOption, type ParsedArgs } from '../args'
import { UsageError, type CliIo } from '../io'

/** `profiles ls|add|rm|use|check …`: player profiles and what a collection becomes under one. */
export async function profilesCommand(lib: Library, args: ParsedArgs, io: CliIo): Promise<boolean> {
  const [, sub, name] = args.positionals
  const json = args.values.json === true
  const print = (value: unknown, text: string) =>
    io.stdout(json ? `${JSON.stringify(value)}\n` : text)
  switch (sub) {
    case 'ls': {
      allowOnly(args, 'profiles ls', ['json'])
      const profiles = await lib.call('profiles.list', undefined)
      print(profiles, profiles.map(describeProfile).join(''))
      return true
    }
    case 'add': {
      allowOnly(args, 'profiles add', [
        'json',
        'max-resolution',
        'level',
        'max-bitrate',
        'image-format',
      ])
      if (!name) throw new UsageError(`'profiles add' needs a name: profiles add <name> ….`)
      const bitRate = stringOption(args, 'max-bitrate')
      if (bitRate !== undefined && !/^\d+(\.\d+)?$/.test(bitRate))
        throw new UsageError(`--max-bitrate is a number of Mbit/s, e.g. 12; got "${bitRate}".`)
      const profile = await lib.call('profiles.add', {
        name,
        maxResolution: stringOption(args, 'max-resolution') ?? '',
        level: stringOption(args, 'level') ?? '',
        maxBitRateMbps: bitRate === undefined ? -1 : Number(bitRate),
        imageFormat: stringOption(args, 'image-format') ?? '',
      })
      print(profile, `Added ${describeProfile(profile)}`)
      return true
    }
    case 'rm': {
      allowOnly(args, 'profiles rm', ['json'])
      if (!name) throw new UsageError(`'profiles rm' needs the name of a custom profile.`)
      const result = await lib.call('profiles.remove', { name })
      if (result.warning && !json) io.stderr(`marquee: ${result.warning}\n`)
      print(result, `Removed profile ${result.name}.\n`)
      return true
    }
    case 'use': {
      allowOnly(args, 'profiles use', ['json', 'playlist', 'album'])
      if (!name) throw new UsageError(`'profiles use' needs a profile: profiles use <profile> ….`)
      const { id, label } = await collectionOf(lib, args, 'profiles use')
      const collection = await lib.call('collections.setProfile', {
        collectionId: id,
        profile: name,
      })
      print(collection, `${label} is now checked and exported for ${collection.profile}.\n`)
      return true
    }
    case 'check': {
      allowOnly(args, 'profiles check', ['json', 'playlist', 'album', 'profile'])
      const { id, label } = await collectionOf(lib, args, 'profiles check')
      const profile = stringOption(args, 'profile')
      const report = await lib.call('export.compliance', {
        collectionId: id,
        ...(profile !== undefined ? { profile } : {}),
      })
      print(report, describeReport(label, report))
      return report.counts.cannot === 0 && report.counts.pending === 0
    }
    default:
      throw new UsageError(`'profiles' takes ls, add, rm, use or check.`)
  }
}

async function collectionOf(
  lib: Library,
  args: ParsedArgs,
  command: string,
): Promise<{ id: number; kind: CollectionKind; label: string }> {
  const playlist = stringOption(args, 'playlist')
  const album = stringOption(args, 'album')
  if ((playlist === undefined) === (album === undefined))
    throw new UsageError(`'${command}' takes one of --playlist or --album.`)
  const kind: CollectionKind = playlist !== undefined ? 'playlist' : 'album'
  const detail = await lib.call('collections.get', { kind, name: (playlist ?? album)! })
  return {
    id: detail.id,
    kind,
    label: `${kind === 'playlist' ? 'Playlist' : 'Album'} ${detail.name}`,
  }
}

function describeProfile(p: ProfileInfo): string {
  const level =
    p.level === p.levelAbove30fps ? p.level : `${p.level} (${p.levelAbove30fps} above 30 fps)`
  const used = p.usedBy.length > 0 ? `; used by ${p.usedBy.join(', ')}` : ''
  return (
    `${p.id}${p.builtIn ? '' : ' (custom)'}: ${p.label}\n` +
    `  ${p.containers.join(', ')}; ${p.videoCodecs.join(', ')} ${p.h264Profiles.join('/')} level ${level}, ` +
    `≤ ${p.maxWidth}×${p.maxHeight}, ≤ ${p.maxFrameRate} fps, ≤ ${p.maxBitRate / 1e6} Mbit/s; ${p.audio}; ` +
    `images ${p.imageFormat}${used}\n`
  )
}

function describeReport(label: string, report: ComplianceReport): string {
  const lines = report.items.map((item, index) => {
    const why = item.reasons.length > 0 ? ` (${item.reasons.join('; ')})` : ''
    return `  ${index + 1}. asset ${item.assetId}: ${item.label}${why}\n`
  })
  return `${label} for ${report.profile}: ${report.summary}.\n${lines.join('')}`
}
