package io.wework.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void onlyTabLineFeedAndCarriageReturnOfTheControlsArePassed() {
        for (char c = 0; c < 0x20; c++) {
            boolean allowed = c == '\t' || c == '\n' || c == '\r';
            assertThat(ControlCharacters.firstRefused("ab" + c)).as("U+%04X", (int) c).isEqualTo(allowed ? -1 : 2);
        }
        for (char c = 0x7F; c <= 0x9F; c++) {
            assertThat(ControlCharacters.firstRefused(c + "x")).as("U+%04X", (int) c).isZero();
        }
        assertThat(ControlCharacters.firstRefused(" ~\u00A0\u00E9\u200C\u200F\uFEFF")).isEqualTo(-1);
    }

    @Test
    void surrogatesMustComeInPairs() {
        assertThat(ControlCharacters.firstRefused("a\uD83D\uDE00b")).isEqualTo(-1);
        assertThat(ControlCharacters.firstRefused("a\uD83D")).isEqualTo(1);
        assertThat(ControlCharacters.firstRefused("a\uD83Db")).isEqualTo(1);
        assertThat(ControlCharacters.firstRefused("a\uDE00")).isEqualTo(1);
        assertThat(ControlCharacters.firstRefused("\uDE00\uD83D")).isZero();
    }

    record Body(String name, List<String> tags, Map<String, Object> extra) {
    }

    @Test
    void theJsonModuleRefusesEveryStringItReadsAndNamesItsPath() throws Exception {
        ObjectMapper mapper = JsonMapper.builder().addModule(new ControlCharacterJsonModule()).build();
        assertThatThrownBy(() -> mapper.readValue("{\"name\":\"a\\u0000\"}", Body.class))
                .isInstanceOfSatisfying(ControlCharacterJsonModule.RefusedTextException.class,
                        e -> assertThat(e.getPath().get(0).getFieldName()).isEqualTo("name"));
        assertThatThrownBy(() -> mapper.readValue("{\"tags\":[\"ok\",\"\\u001b\"]}", Body.class))
                .isInstanceOf(ControlCharacterJsonModule.RefusedTextException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"extra\":{\"k\":\"\\u007f\"}}", Body.class))
                .isInstanceOf(ControlCharacterJsonModule.RefusedTextException.class);
        assertThat(mapper.readValue("{\"name\":\"two\\nlines\\t\"}", Body.class).name()).isEqualTo("two\nlines\t");
    }
}
