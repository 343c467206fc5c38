/**
 * Flow control between a walker and its scan worker: an Int32Array over a SharedArrayBuffer
 * (WalkWorkerData.flow) with these four counters. The scan worker counts files before folders
 * and wakes the walker on folders.
 */
export const FLOW_FOLDERS_SENT = 0
export const FLOW_FOLDERS_TAKEN = 1
export const FLOW_FILES_SENT = 2
export const FLOW_FILES_TAKEN = 3
export const FLOW_COUNTERS = 4
