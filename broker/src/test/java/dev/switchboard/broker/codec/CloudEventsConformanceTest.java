package dev.switchboard.broker.codec;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/**
 * Runs the CloudEvents conformance scenarios (copied unchanged into {@code src/test/resources/cloudevents-conformance},
 * origin and licence in the {@code NOTICE.md} beside them) against the ingress readers and the Kafka record
 * mapping, through {@link ConformanceSteps}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectClasspathResource("cloudevents-conformance")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.switchboard.broker.codec")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME, value = "pretty, summary")
class CloudEventsConformanceTest {}
