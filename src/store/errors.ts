/**
 * Errors every backend of the store throws for the same condition, so callers can tell them apart
 * whichever backend they run on.
 */

/**
 * Thrown by `Store.loadGroup` when a group turns out to hold one force-month twice (message:
 * `force month`); nothing of the group is written, and the caller reloads its files one by one.
 */
export class GroupClash extends Error {}
