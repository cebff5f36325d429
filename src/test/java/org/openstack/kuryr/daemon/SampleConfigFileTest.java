package org.openstack.kuryr.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SampleConfigFileTest {
  @Test
  void committedSampleMatchesTheDeclaredOptions() throws Exception {
    String committed = Files.readString(Path.of("etc/kuryr.conf.sample"));
    assertThat(committed)
        .as(
            "etc/kuryr.conf.sample is stale: regenerate it with"
                + " java -jar target/kuryr.jar --sample-config > etc/kuryr.conf.sample")
        .isEqualTo(Main.sampleConfig());
  }
}
