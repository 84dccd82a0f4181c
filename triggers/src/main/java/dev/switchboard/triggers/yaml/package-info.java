/**
 * Reads Broker and Trigger YAML (files, folders, multi-document) into the {@code model}, checking every field
 * and reporting every problem at once as a {@link dev.switchboard.triggers.model.Diagnostic} with
 * {@code file:line:column} and field path.
 *
 * <p>It sits at the very start of the pipeline: {@link dev.switchboard.triggers.yaml.ResourceLoader} is what
 * the {@code validate} command, server start-up and the {@code reload} watcher call. One reader class per
 * resource section (metadata, annotations, spec, filters, destinations, delivery) keeps each rule findable.
 */
package dev.switchboard.triggers.yaml;
