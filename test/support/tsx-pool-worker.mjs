// Lets the worker pool run a TypeScript worker in tests: register tsx, then load the real one.
import { register } from 'tsx/esm/api'
import { workerData } from 'piscina'

register()
const worker = await import(workerData.entry)
export default worker.default
