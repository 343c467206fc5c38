export const HELP = `Marquee — index media libraries in place and export verified bundles for players.

Usage: marquee [--data-dir DIR] <command> [options]

Commands:
  serve [--port N] [--host H]        Serve the UI and API on http://127.0.0.1 (token required)
  index <path>... [--wait] [--json]  Add folders (if needed), scan them; --wait also processes
  scan [<root id or path>...] [--confirm-empty] [--json]
                                     Rescan library folders (all when none named)
  ls [--root R] [--status S] [--type T] [--query Q] [--limit N] [--offset N] [--json]
                                     List assets (--json streams every match as JSON Lines)
  show <asset id | path> [--json]    Everything known about one asset
  rm <asset id|path>... [--yes]      Forget assets (asks first if collections hold them)
  status [--json]                    Assets by status, and the processing queue
  dupes [--similar] [--json]         Groups of identical (and similar) files
  retry (--failed | <asset id>...) [--wait] [--json]
                                     Process failed assets again
  playlist create|add|ls|show|rm <name> [<asset id|path>...] [--duration S]
  playlist add-url <name> <url>... [--duration S]
  playlist add-integration <name> <integration id>... [--duration S]
  album create|add|ls|show|rm <name> [<asset id|path>...]
  album move <name> [<parent>]       Nest an album (no parent: the top level)
  album cover <name> [<asset id|path>]
                                     Playlists (ordered, with durations) and albums
  export (--playlist N | --album N | --query Q | <asset id|path>...) --profile P --out DIR
         [--name N] [--verify] [--no-audio] [--json]
                                     Write a verified bundle a player can use offline
  import <path>... --into <root id | root path | folder in a root> [--on-duplicate skip|keep]
         [--json]                   Copy files and folders into the library (its inbox by default)
  import --resume [--json]           Finish imports a stop or a crash interrupted
  verify-bundle <dir> [--json]       Check a bundle on its own (exit 1 on any problem)
  verify [--root R] [--json]         Re-read library files and flag bytes that changed silently
                                     (bitrot; exit 1 when one did)
  verify --accept <asset id|path>... The flagged files' new bytes are right: process them again
  bundle gc <dir>                    Remove objects no manifest references
  roots add <path> [--label L] [--kind local|network] [--json]
                                     Add a folder to the library (nothing in it is changed)
  roots ls [--json]                  List library folders with their status and kind
  roots set <id> [--label L] [--kind K] [--inbox FOLDER] [--virus-scan on|off]
                                     Rename a library folder, set its kind, inbox or virus scan
  roots rm <id> [--json]             Forget a library folder (its files are not touched)
  integrations add spotify --client-id ID [--name N] [--interval S] [--json]
  integrations add feed --url URL [--interval S] [--header K:V]... [--secret-header K:V]...
               [--media-field PATH=OUTPUT[:variant,…]]... [--json]
  integrations auth <id> [--no-browser] [--json]
                                     Connect a Spotify account in the browser
  integrations ls|fetch|pause|resume|rm [<id>] [--json]
                                     List, fetch now, pause, resume or remove integrations
  cache optimize [--max-age-days N] [--dry-run] [--json]
                                     Drop expired, orphaned and corrupt integration media
  cache validate [--json]            Check the source addresses of cached media (HEAD)
  graph neighbours <node> [--depth N] [--relation R]... [--direction out|in|both] [--limit N]
        [--json]                    Nodes around a node (a node: asset:<id>, collection:<id>,
                                     bundle:<id>, root:<id>, folder:<root id>:<path>, a file)
  graph path <a> <b> [--relation R]... [--max-depth N] [--json]
                                     The shortest chain of relations between two nodes
  graph impact <node> [--json]       What uses a node: collections, bundles, other assets
  graph rebuild [--json]             Repair the graph: orphan links, tags handed down by folders
  link <a> <b> --relation R [--note T] [--json]
                                     Record a relation of your own (related_to, replaces, …)
  unlink <a> <b> [--relation R] [--json]
                                     Remove relations you recorded
  profiles ls [--json]               Player profiles and what each accepts
  profiles add <name> --max-resolution WxH --level L --max-bitrate MBPS --image-format jpeg|png|webp
                                     Add a custom player profile
  profiles rm <name> [--json]        Delete a custom profile (its playlists fall back)
  profiles use <profile> (--playlist N | --album N)
                                     Set the profile a collection is checked and exported for
  profiles check (--playlist N | --album N) [--profile P] [--json]
                                     What each item becomes: plays as is, remuxed, transcoded…
  replace <old> <new|path> [--note T] [--json]
                                     Put new content in every playlist and album of the old
  folder-tag <folder> [--tag T]... [--untag T]... [--json]
                                     Tag a folder: its files, and those arriving later, too
  version [--json]                   Print the version
  help                               Show this help

Global options:
  --data-dir DIR   Library data directory (default: $MARQUEE_DATA_DIR, else the app's own folder)
  --json           Machine-readable output on stdout
  -h, --help       Show this help

While the app or serve runs, commands go through it (the work shows there live).

Exit codes: 0 success, 1 failure, 2 usage error (or serve on a library in use), 3 finished
but some files could not be processed. Errors go to stderr.
See docs/cli.md for every command and its JSON output.
`
