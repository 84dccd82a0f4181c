/**
 * Hot reload of the resource files (docs/triggers.md "Hot reload"): a watcher notices changes, a debouncer waits for an
 * editor's burst of writes to end, and the reloader validates the whole set and publishes a new
 * {@link dev.switchboard.triggers.reload.Generation} atomically, or rejects it and keeps the last good one.
 *
 * <p>It feeds the broker's dispatcher (which reconciles triggers by diff) and the ops endpoints
 * ({@code /api/v1/status}, {@code switchboard_config_reloads_total}) through
 * {@link dev.switchboard.triggers.reload.ReloadListener}s; time and scheduling are injected so the debounce
 * logic is tested without waiting.
 */
package dev.switchboard.triggers.reload;
