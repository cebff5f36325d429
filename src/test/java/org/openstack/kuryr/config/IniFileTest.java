package org.openstack.kuryr.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class IniFileTest {
  private static final Path FILE = Path.of("kuryr.conf");

  @Test
  void parsesSectionsCommentsAndBothSeparators() {
    var ini =
        IniFile.parse(
            FILE,
            """
            # comment
            [default]
            a = 1
            ; another comment
            b: two words
            [neutron]
            url = http://127.0.0.1:9696
            """);
    assertThat(ini.sectionNames()).containsExactly("DEFAULT", "neutron");
    assertThat(ini.section("DEFAULT").get("a").getFirst().text()).isEqualTo("1");
    assertThat(ini.section("DEFAULT").get("b").getFirst().text()).isEqualTo("two words");
    assertThat(ini.section("neutron").get("url").getFirst().text())
        .isEqualTo("http://127.0.0.1:9696");
  }

  @Test
  void continuationLineExtendsTheValue() {
    var ini = IniFile.parse(FILE, "[s]\nkey = first\n  second\nother = x\n");
    assertThat(ini.section("s").get("key").getFirst().text()).isEqualTo("first\nsecond");
    assertThat(ini.section("s").get("other").getFirst().line()).isEqualTo(4);
  }

  @Test
  void repeatedKeysKeepEveryValueInOrder() {
    var ini = IniFile.parse(FILE, "[s]\nk = 1\nk = 2\n");
    assertThat(ini.section("s").get("k")).extracting(IniFile.Value::text).containsExactly("1", "2");
  }

  @Test
  void emptyValueIsKept() {
    var ini = IniFile.parse(FILE, "[s]\nk =\n");
    assertThat(ini.section("s").get("k").getFirst().text()).isEmpty();
  }

  @Test
  void optionBeforeAnySectionIsAnError() {
    assertThatThrownBy(() -> IniFile.parse(FILE, "k = v\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("kuryr.conf:1: option outside of a section");
  }

  @Test
  void lineWithoutSeparatorIsAnError() {
    assertThatThrownBy(() -> IniFile.parse(FILE, "[s]\njunk\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kuryr.conf:2");
  }

  @Test
  void malformedSectionHeaderIsAnError() {
    assertThatThrownBy(() -> IniFile.parse(FILE, "[s\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("malformed section header");
  }
}
