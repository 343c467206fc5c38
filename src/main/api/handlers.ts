import type { Handlers } from '../../shared/contract'
import type { AppService } from '../services/app.service'
import type { RootsService } from '../services/roots.service'

export interface HandlerServices {
  app: AppService
  roots: RootsService
}

/** Maps every contract method onto a service call. The type makes a missing one a compile error. */
export function createHandlers({ app, roots }: HandlerServices): Handlers {
  return {
    'app.info': () => app.info(),
    'roots.list': () => roots.list(),
    'roots.add': (args) => roots.add(args),
    'roots.remove': ({ id }) => roots.remove(id),
    'roots.update': (args) => roots.update(args),
  }
}
