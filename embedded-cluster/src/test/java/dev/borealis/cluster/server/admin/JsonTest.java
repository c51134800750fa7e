package dev.borealis.cluster.server.admin;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void writtenValuesParseBackUnchanged() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "quote \" backslash \\ newline \n tab \t ctrl \u0001 é");
        value.put("n", 42L);
        value.put("d", 1.5);
        value.put("b", true);
        value.put("nothing", null);
        value.put("list", Arrays.asList(1L, "two", List.of(), Map.of()));
        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
    }

    @Test
    void malformedDocumentsAreRefusedWithTheOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\":}")).hasMessageContaining("offset 5");
        assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).hasMessageContaining("after the value");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Json.parse("01")).hasMessageContaining("malformed number");
        assertThatThrownBy(() -> Json.parse("[".repeat(1000))).hasMessageContaining("nested deeper");
        assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("ended");
    }
}
