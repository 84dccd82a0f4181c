package dev.switchboard.broker.log;

import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.rw.CloudEventRWException;

/**
 * Why a record of a broker topic is not a CloudEvent (docs/operations.md {@code switchboard_records_skipped_total}):
 * what {@link KafkaRecordReader} threw, as the metric's {@code reason}.
 */
public enum UnreadableRecord {
    /** Neither binary mode ({@code ce_specversion} header) nor structured mode ({@code content-type} of a format). */
    NOT_CLOUDEVENT("not_cloudevent"),
    /** Structured mode whose body does not parse (bad JSON), or data that cannot be read. */
    MALFORMED("malformed"),
    /** A required attribute is missing, or an attribute or the spec version is invalid. */
    INVALID_ATTRIBUTE("invalid_attribute");

    private final String wireName;

    UnreadableRecord(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The reason behind a failure of {@link KafkaRecordReader#toEvent}. */
    public static UnreadableRecord of(RuntimeException failure) {
        if (failure instanceof CloudEventRWException rw) {
            return switch (rw.getKind()) {
                case UNKNOWN_ENCODING -> NOT_CLOUDEVENT;
                case DATA_CONVERSION, OTHER -> MALFORMED;
                default -> INVALID_ATTRIBUTE;
            };
        }
        if (failure instanceof EventDeserializationException) {
            return MALFORMED;
        }
        // the SDK's builder throws IllegalStateException for a missing required attribute
        return failure instanceof IllegalStateException ? INVALID_ATTRIBUTE : MALFORMED;
    }
}
