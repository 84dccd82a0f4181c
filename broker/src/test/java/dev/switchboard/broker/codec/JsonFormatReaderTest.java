package dev.switchboard.broker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonFormatReaderTest {
    private final JsonFormatReader reader = new JsonFormatReader();

    private static byte[] json(String text) {
        return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsStructuredEventWithJsonData() {
        ReadResult result = reader.structured(
                json("{'specversion':'1.0','id':'1','source':'/s','type':'t','datacontenttype':'application/json',"
                        + "'data':{'a':[1,2]},'count':7,'flag':true,'tenant':'acme'}"));

        CloudEvent event = result.events().get(0);
        assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":[1,2]}");
        assertThat(event.getExtension("count")).isEqualTo(7);
        assertThat(event.getExtension("flag")).isEqualTo(true);
        assertThat(event.getExtension("tenant")).isEqualTo("acme");
    }

    @Test
    void readsTextDataAsUtf8BytesWhenContentTypeIsNotJson() {
        ReadResult result = reader.structured(
                json(
                        "{'specversion':'1.0','id':'1','source':'/s','type':'t','datacontenttype':'text/plain','data':'héllo'}"));

        assertThat(result.events().get(0).getData().toBytes()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesDataBase64() {
        ReadResult result = reader.structured(
                json("{'specversion':'1.0','id':'1','source':'/s','type':'t','data_base64':'AAEC/w=='}"));

        assertThat(result.events().get(0).getData().toBytes()).containsExactly(0, 1, 2, 255);
    }

    @Test
    void treatsNullAttributesAsAbsent() {
        ReadResult result = reader.structured(
                json("{'specversion':'1.0','id':'1','source':'/s','type':'t','subject':null,'data':null}"));

        assertThat(result.events().get(0).getSubject()).isNull();
        assertThat(result.events().get(0).getData()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "malformed|{'specversion':|NULL",
                "not an object|[1,2]|NULL",
                "trailing garbage|{'specversion':'1.0','id':'1','source':'/s','type':'t'} x|NULL",
                "duplicate key|{'specversion':'1.0','id':'1','id':'2','source':'/s','type':'t'}|NULL",
                "missing id|{'specversion':'1.0','source':'/s','type':'t'}|id",
                "numeric id|{'specversion':'1.0','id':1,'source':'/s','type':'t'}|id",
                "boolean type|{'specversion':'1.0','id':'1','source':'/s','type':true}|type",
                "spec 0.3|{'specversion':'0.3','id':'1','source':'/s','type':'t'}|specversion",
                "both data|{'specversion':'1.0','id':'1','source':'/s','type':'t','data':1,'data_base64':'AA=='}|data_base64",
                "bad base64|{'specversion':'1.0','id':'1','source':'/s','type':'t','data_base64':'%%%'}|data_base64",
                "bad name|{'specversion':'1.0','id':'1','source':'/s','type':'t','Bad':'x'}|Bad",
                "float extension|{'specversion':'1.0','id':'1','source':'/s','type':'t','ratio':1.5}|ratio",
                "object extension|{'specversion':'1.0','id':'1','source':'/s','type':'t','nested':{'a':1}}|nested",
                "int overflow|{'specversion':'1.0','id':'1','source':'/s','type':'t','big':2147483648}|big",
                "bad time|{'specversion':'1.0','id':'1','source':'/s','type':'t','time':'noon'}|time",
                "lone surrogate|{'specversion':'1.0','id':'\\ud800','source':'/s','type':'t'}|id",
                "control character|{'specversion':'1.0','id':'1','source':'/s','type':'t','note':'a\\u0001'}|note",
                "empty body||NULL"
            })
    void rejectsInvalidStructuredEvents(String name, String body, String attribute) {
        ReadResult result = reader.structured(json(body == null ? "" : body));

        assertThat(result.events()).isEmpty();
        assertThat(result.rejection()).hasValueSatisfying(rejection -> {
            assertThat(rejection.status()).isEqualTo(400);
            assertThat(rejection.attribute()).isEqualTo(Optional.ofNullable(attribute));
        });
    }

    @Test
    void rejectsDeeplyNestedJson() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        ReadResult result =
                reader.structured(json("{'specversion':'1.0','id':'1','source':'/s','type':'t','data':" + deep + "}"));

        assertThat(result.rejection()).isPresent();
    }

    @Test
    void batchIsValidatedWholeAndListsEveryBadIndex() {
        ReadResult result = reader.batch(json("[{'specversion':'1.0','id':'1','source':'/s','type':'t'},"
                + "{'specversion':'1.0','source':'/s','type':'t'},"
                + "{'specversion':'1.0','id':'3','source':'/s','type':'t'},"
                + "7]"));

        assertThat(result.events()).isEmpty();
        assertThat(result.rejection()).hasValueSatisfying(rejection -> {
            assertThat(rejection.status()).isEqualTo(400);
            assertThat(rejection.items()).extracting(Rejection.ItemError::index).containsExactly(1, 3);
            assertThat(rejection.items().get(0).attribute()).contains("id");
        });
    }

    @Test
    void validBatchYieldsEveryEventInOrder() {
        ReadResult result = reader.batch(json("[{'specversion':'1.0','id':'1','source':'/s','type':'t'},"
                + "{'specversion':'1.0','id':'2','source':'/s','type':'t'}]"));

        assertThat(result.events()).extracting(CloudEvent::getId).containsExactly("1", "2");
    }
}
