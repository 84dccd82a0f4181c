package dev.switchboard.triggers.reload;

/** Told about every applied or rejected reload; called on the reloading thread, so it must not block long. */
@FunctionalInterface
public interface ReloadListener {

    /**
     * @param result what happened
     * @param current the generation being served now (the new one when applied, the old one when rejected)
     */
    void onReload(ReloadResult result, Generation current);
}
